"""What the search index holds for materials: one document per material and language, in that language's tokens.

Drafts and embargoed materials are indexed too (staff search them); every
public search intersects the hits with ``Material.objects.public()``, so the
index itself never decides what the public sees.
"""

from __future__ import annotations

from collections.abc import Iterator

from django.conf import settings

from pressdesk import text
from pressdesk.core import search
from pressdesk.publications.models import Material, MaterialVersion
from pressdesk.publications.rendering import plain_text

LANGUAGES = [code for code, _name in settings.LANGUAGES]


def kind(language: str) -> str:
    return f"publications.material.{language}"


def version_body(version: MaterialVersion) -> str:
    words = text.tokens(" ".join([version.title, version.summary, plain_text(version.body)]), version.language)
    return " ".join(words)


def query_terms(query: str, language: str) -> list[str]:
    return list(dict.fromkeys(text.tokens(query, language)))


def reindex(material: Material) -> None:
    versions = material.translation_map()
    for language in LANGUAGES:
        if language in versions:
            search.index(kind(language), material.pk, version_body(versions[language]))
        else:
            search.remove(kind(language), [material.pk])


def _rows(language: str):
    def rows() -> Iterator[tuple[int, str]]:
        for version in MaterialVersion.objects.filter(language=language).iterator(chunk_size=500):
            yield version.parent_id, version_body(version)

    return rows


for _language in LANGUAGES:
    search.register_indexer(kind(_language), _rows(_language))
