"""What the search index holds for directory records: name keys across spellings."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from urllib.parse import urlsplit

from pressdesk import text
from pressdesk.core import search
from pressdesk.directory.models import ContactKind, Journalist, Outlet

JOURNALIST = "directory.journalist"
OUTLET = "directory.outlet"


def name_key(full_name: str) -> str:
    """Words of the name folded across spellings and sorted, so "Нұрланова Айгерім" meets "Aigerim Nurlanova"."""
    return " ".join(sorted(text.name_keys(full_name)))[:200]


def journalist_body(journalist: Journalist, emails: Iterable[str] = ()) -> str:
    if journalist.erased_at:
        return ""
    words: list[str] = []
    for name in [journalist.full_name, *journalist.variants]:
        words.extend(text.name_keys(name))
    for email in emails:
        words.append(text.fold(email.split("@")[0]))
    return " ".join(dict.fromkeys(w for w in words if w))


def outlet_body(outlet: Outlet) -> str:
    words: list[str] = []
    for row in outlet.translations.all():
        words.extend(text.name_keys(row.name))
    if outlet.website:
        words.append(text.fold(urlsplit(outlet.website).hostname or ""))
    return " ".join(dict.fromkeys(w for w in words if w))


def _emails(journalist: Journalist) -> list[str]:
    return [c.normalized for c in journalist.contacts.all() if c.kind == ContactKind.EMAIL]


def journalist_reindex(journalist: Journalist) -> None:
    search.index(JOURNALIST, journalist.pk, journalist_body(journalist, _emails(journalist)))


def outlet_reindex(outlet: Outlet) -> None:
    search.index(OUTLET, outlet.pk, outlet_body(outlet))


def all_journalists() -> Iterator[tuple[int, str]]:
    for journalist in Journalist.objects.prefetch_related("contacts").iterator(chunk_size=2000):
        yield journalist.pk, journalist_body(journalist, _emails(journalist))


def all_outlets() -> Iterator[tuple[int, str]]:
    for outlet in Outlet.objects.prefetch_related("translations").iterator(chunk_size=2000):
        yield outlet.pk, outlet_body(outlet)


def query_terms(query: str) -> list[str]:
    return [key for key in text.query_keys(query) if key]
