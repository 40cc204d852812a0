"""What the materials endpoints take and return: staff shapes (every version, revisions, workflow) and public ones.

The public shapes carry only what the newsroom shows anyone: the text, when it
went public, its topics and corrections; never who wrote or approved it, nor a
time still to come. Each ``*_out`` function reads only what the endpoint's
queryset prefetched, so a list costs a fixed number of queries.
"""

from __future__ import annotations

import datetime
from typing import Annotated, Any

from ninja import Field, Schema

from pressdesk.api.schemas import LANGUAGE_CODES, Names, UnitOut, names, unit_out
from pressdesk.core.models import User
from pressdesk.publications.models import Comment, Material, MaterialKind, MaterialVersion, Status, Topic
from pressdesk.publications.services import Text


def _one_of(values: list[str]) -> str:
    return "One of: " + ", ".join(values) + "."


# --- what staff send ---------------------------------------------------------------------------------------


class TextIn(Schema):
    title: str = Field(..., max_length=300)
    summary: str = ""
    body: str = Field(..., description="Markdown: *italic*, **bold**, lists, links, headings.")

    def text(self) -> Text:
        return Text(self.title, self.summary, self.body)


class MaterialIn(TextIn):
    unit: int = Field(..., description="The id of the unit the material is written for.")
    kind: str = Field(..., description=_one_of(MaterialKind.values))
    language: str = Field(..., description=_one_of(LANGUAGE_CODES) + " The language of this first text.")
    topics: list[str] = Field([], description="Topic addresses (`slug`).")


class VersionIn(TextIn):
    base_revision: int | None = Field(
        ...,
        description="The revision your text starts from (`revision` of the version you read); null for a new language. "
        "If someone saved since, the answer is 409 with their text in `current`, and nothing is written.",
    )
    follows_source: bool = Field(
        True, description="This translation now follows the current source text (clears `outdated`)."
    )


class DetailsIn(Schema):
    kind: str | None = Field(None, description=_one_of(MaterialKind.values) + " Left out: unchanged.")
    topics: list[str] | None = Field(None, description="Topic addresses (`slug`), all of them. Left out: unchanged.")


class ReasonIn(Schema):
    reason: str = Field(..., description="Why; recorded and shown to whom it concerns.")


class NoteIn(Schema):
    note: str = Field("", max_length=5000)


class ApproveIn(NoteIn):
    revisions: dict[str, int] | None = Field(
        None,
        description="The revision of each language version you read, as in the material's `versions`. "
        "If the text has changed since, the approval is refused (400).",
    )


class ScheduleIn(Schema):
    publish_at: datetime.datetime = Field(..., description="ISO 8601 with a time zone, e.g. 2026-05-04T10:00:00+05:00.")
    embargo: bool = Field(False, description="Recipients may read it before, on their word not to publish it earlier.")


class EmbargoIn(Schema):
    until: datetime.datetime | None = Field(
        ..., description="The new end of the embargo (publication moves with it), or null to lift the embargo."
    )
    reason: str


class CorrectionIn(Schema):
    texts: dict[str, TextIn] = Field({}, description="The corrected text per language code; only those that change.")
    notes: dict[str, str] = Field(..., description="The public correction note per language code.")


class CommentIn(Schema):
    text: str


class MaterialFilter(Schema):
    status: list[str] = Field([], description=_one_of(Status.values) + " Repeat the parameter for several.")
    kind: list[str] = Field([], description=_one_of(MaterialKind.values) + " Repeat the parameter for several.")
    unit: list[Annotated[int, Field(ge=1, le=2**63 - 1)]] = Field(
        [], description="Unit ids. Repeat the parameter for several."
    )


# --- what staff get ----------------------------------------------------------------------------------------


class PersonOut(Schema):
    id: int
    name: str


class TopicOut(Schema):
    slug: str
    names: Names


class VersionOut(Schema):
    language: str
    title: str
    summary: str
    body: str = Field(..., description="Markdown source.")
    body_html: str = Field(..., description="The text as the newsroom shows it, sanitised.")
    revision: int
    source_revision: int | None = Field(..., description="The source text's revision this translation follows.")
    outdated: bool = Field(..., description="The source text has changed since this translation was saved.")
    updated_at: datetime.datetime
    updated_by: PersonOut | None


class MaterialOut(Schema):
    id: int
    kind: str
    status: str
    unit: UnitOut
    source_language: str
    title: str = Field(..., description="In the language of Accept-Language if the material has it.")
    languages: list[str]
    topics: list[TopicOut]
    author: PersonOut
    approved_by: PersonOut | None
    approved_at: datetime.datetime | None
    publish_at: datetime.datetime | None
    embargo_until: datetime.datetime | None
    published_at: datetime.datetime | None
    withdrawn_at: datetime.datetime | None
    created_at: datetime.datetime
    updated_at: datetime.datetime


class MaterialDetail(MaterialOut):
    versions: list[VersionOut]
    withdrawn_reason: str


class ConflictOut(Schema):
    detail: str
    current: VersionOut = Field(..., description="The text saved in the meantime, with its revision.")
    yours: TextIn = Field(..., description="The text you sent, unchanged: keep it and merge.")


class CommentOut(Schema):
    id: int
    author: PersonOut
    text: str
    created_at: datetime.datetime


def person_out(user: User | None) -> dict[str, Any] | None:
    return None if user is None else {"id": user.pk, "name": user.full_name or user.email}


def topic_out(topic: Topic) -> dict[str, Any]:
    return {"slug": topic.slug, "names": names(topic)}


def version_out(version: MaterialVersion, source: MaterialVersion | None) -> dict[str, Any]:
    return {
        "language": version.language,
        "title": version.title,
        "summary": version.summary,
        "body": version.body,
        "body_html": version.body_html,
        "revision": version.revision,
        "source_revision": version.source_revision,
        "outdated": version.is_outdated(source),
        "updated_at": version.updated_at,
        "updated_by": person_out(version.updated_by),
    }


def _ordered_versions(material: Material) -> list[MaterialVersion]:
    rows = material.translation_map()
    return [rows[code] for code in LANGUAGE_CODES if code in rows]


def material_out(material: Material) -> dict[str, Any]:
    return {
        "id": material.pk,
        "kind": material.kind,
        "status": material.status,
        "unit": unit_out(material.unit),
        "source_language": material.source_language,
        "title": material.title,
        "languages": [version.language for version in _ordered_versions(material)],
        "topics": [topic_out(topic) for topic in material.topics.all()],
        "author": person_out(material.author),
        "approved_by": person_out(material.approved_by),
        "approved_at": material.approved_at,
        "publish_at": material.publish_at,
        "embargo_until": material.embargo_until,
        "published_at": material.published_at,
        "withdrawn_at": material.withdrawn_at,
        "created_at": material.created_at,
        "updated_at": material.updated_at,
    }


def material_detail(material: Material) -> dict[str, Any]:
    source = material.source_version()
    return {
        **material_out(material),
        "versions": [version_out(version, source) for version in _ordered_versions(material)],
        "withdrawn_reason": material.withdrawn_reason,
    }


def comment_out(comment: Comment) -> dict[str, Any]:
    return {
        "id": comment.pk,
        "author": person_out(comment.author),
        "text": comment.text,
        "created_at": comment.created_at,
    }


# --- the public newsroom -----------------------------------------------------------------------------------


class PublicFilter(Schema):
    language: str = Field(LANGUAGE_CODES[0], description=_one_of(LANGUAGE_CODES) + " Only materials with this text.")
    kind: str = Field("", description=_one_of(MaterialKind.values) + " Empty: every type.")
    topic: str = Field("", description="A topic address (`slug`). Empty: every topic.")


class PublicCorrectionOut(Schema):
    made_at: datetime.datetime
    note: str


class PublicMaterialOut(Schema):
    id: int
    kind: str
    language: str = Field(..., description="The language of the text returned.")
    languages: list[str] = Field(..., description="Every language the material is published in.")
    title: str
    summary: str
    public_at: datetime.datetime = Field(..., description="When it was published.")
    corrected: bool
    unit: UnitOut
    topics: list[TopicOut]


class PublicMaterialDetail(PublicMaterialOut):
    body_html: str = Field(..., description="The text, sanitised HTML.")
    corrections: list[PublicCorrectionOut]


def _public_version(material: Material, language: str) -> MaterialVersion:
    # The list holds only materials with this language; one opened by id falls back like every page does.
    return material.translated(language)


def public_out(material: Material, language: str) -> dict[str, Any]:
    version = _public_version(material, language)
    return {
        "id": material.pk,
        "kind": material.kind,
        "language": version.language,
        "languages": [row.language for row in _ordered_versions(material)],
        "title": version.title,
        "summary": version.summary,
        "public_at": material.public_at,
        "corrected": material.status == Status.CORRECTED,
        "unit": unit_out(material.unit),
        "topics": [topic_out(topic) for topic in material.topics.all()],
    }


def public_detail(material: Material, language: str) -> dict[str, Any]:
    version = _public_version(material, language)
    corrections = []
    for correction in material.corrections.all():
        note = correction.translated(version.language)
        corrections.append({"made_at": correction.made_at, "note": note.text if note else ""})
    return {**public_out(material, language), "body_html": version.body_html, "corrections": corrections}
