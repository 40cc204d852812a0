"""What the API returns: the shapes (for the OpenAPI schema) and the functions that fill them.

Names of outlets, beats and units come in every language we keep
(``{"kk": …, "ru": …, "en": …}``, null where a name is missing), so a client
picks its own. Each ``*_out`` function reads only what the endpoint's
queryset prefetched, so a list costs a fixed number of queries.
"""

from __future__ import annotations

import datetime
from typing import Any, Generic, TypeVar

from django.conf import settings
from ninja import Schema
from pydantic import create_model

from pressdesk.core.models import Unit
from pressdesk.directory.models import Beat, Contact, Journalist, Outlet, OutletFeed, Position, Segment

LANGUAGE_CODES = [code for code, _name in settings.LANGUAGES]

Names = create_model("Names", __base__=Schema, **{code: (str | None, None) for code in LANGUAGE_CODES})

T = TypeVar("T")


class Page(Schema, Generic[T]):
    count: int
    limit: int
    offset: int
    items: list[T]


class Error(Schema):
    detail: str


class ValidationFailure(Schema):
    detail: str
    errors: list[dict[str, Any]] = []


class UnitOut(Schema):
    id: int
    code: str
    names: Names


class BeatOut(Schema):
    code: str
    names: Names


class OutletRef(Schema):
    id: int
    names: Names
    kind: str
    status: str


class ContactOut(Schema):
    kind: str
    value: str
    label: str
    confirmed_on: datetime.date | None
    invalid_since: datetime.datetime | None


class FeedOut(Schema):
    kind: str
    url: str


class OutletOut(Schema):
    id: int
    names: Names
    kind: str
    level: str
    ownership: str
    languages: list[str]
    reach: int | None
    reach_source: str
    reach_date: datetime.date | None
    website: str
    status: str
    status_changed_on: datetime.date | None
    merged_into: int | None
    unit: UnitOut


class OutletDetail(OutletOut):
    contacts: list[ContactOut]
    feeds: list[FeedOut]


class PositionOut(Schema):
    outlet: OutletRef
    title: str
    since: datetime.date | None
    until: datetime.date | None


class JournalistOut(Schema):
    id: int
    full_name: str
    erased: bool
    merged_into: int | None
    trusted: bool
    languages: list[str]
    preferred_language: str
    beats: list[BeatOut]
    current_positions: list[PositionOut]
    unit: UnitOut


class JournalistDetail(JournalistOut):
    name_variants: list[str]
    positions: list[PositionOut]
    contacts: list[ContactOut]
    trusted_at: datetime.datetime | None
    erased_at: datetime.datetime | None
    created_at: datetime.datetime
    updated_at: datetime.datetime


class SegmentOut(Schema):
    id: int
    name: str
    description: str
    criteria: dict[str, Any]
    unit: UnitOut
    created_at: datetime.datetime
    updated_at: datetime.datetime


class SegmentDetail(SegmentOut):
    count: int


def names(obj: Outlet | Beat | Unit) -> dict[str, str | None]:
    rows = {row.language: row.name for row in obj.translations.all()}
    return {code: rows.get(code) for code in LANGUAGE_CODES}


def unit_out(unit: Unit) -> dict[str, Any]:
    return {"id": unit.pk, "code": unit.code, "names": names(unit)}


def contact_out(contact: Contact) -> dict[str, Any]:
    return {
        "kind": contact.kind,
        "value": contact.value,
        "label": contact.label,
        "confirmed_on": contact.confirmed_on,
        "invalid_since": contact.invalid_since,
    }


def feed_out(feed: OutletFeed) -> dict[str, Any]:
    return {"kind": feed.kind, "url": feed.url}


def outlet_out(outlet: Outlet) -> dict[str, Any]:
    return {
        "id": outlet.pk,
        "names": names(outlet),
        "kind": outlet.kind,
        "level": outlet.level,
        "ownership": outlet.ownership,
        "languages": outlet.language_codes,
        "reach": outlet.reach,
        "reach_source": outlet.reach_source,
        "reach_date": outlet.reach_date,
        "website": outlet.website,
        "status": outlet.status,
        "status_changed_on": outlet.status_changed_on,
        "merged_into": outlet.merged_into_id,
        "unit": unit_out(outlet.unit),
    }


def outlet_detail(outlet: Outlet) -> dict[str, Any]:
    return {
        **outlet_out(outlet),
        "contacts": [contact_out(c) for c in outlet.contacts.all()],
        "feeds": [feed_out(f) for f in outlet.feeds.all()],
    }


def position_out(position: Position) -> dict[str, Any]:
    outlet = position.outlet
    return {
        "outlet": {"id": outlet.pk, "names": names(outlet), "kind": outlet.kind, "status": outlet.status},
        "title": position.title,
        "since": position.since,
        "until": position.until,
    }


def journalist_out(journalist: Journalist) -> dict[str, Any]:
    """An erased record keeps only what identifies no one: outlets, beats, languages (see journalist_erase)."""
    return {
        "id": journalist.pk,
        "full_name": journalist.display_name,
        "erased": journalist.erased_at is not None,
        "merged_into": journalist.merged_into_id,
        "trusted": journalist.trusted,
        "languages": journalist.language_codes,
        "preferred_language": journalist.preferred_language,
        "beats": [{"code": beat.code, "names": names(beat)} for beat in journalist.beats.all()],
        "current_positions": [position_out(p) for p in journalist.current()],
        "unit": unit_out(journalist.unit),
    }


def journalist_detail(journalist: Journalist) -> dict[str, Any]:
    return {
        **journalist_out(journalist),
        "name_variants": [] if journalist.erased_at else journalist.variants,
        "positions": [position_out(p) for p in journalist.positions.all()],
        "contacts": [] if journalist.erased_at else [contact_out(c) for c in journalist.contacts.all()],
        "trusted_at": journalist.trusted_at,
        "erased_at": journalist.erased_at,
        "created_at": journalist.created_at,
        "updated_at": journalist.updated_at,
    }


def segment_out(segment: Segment) -> dict[str, Any]:
    return {
        "id": segment.pk,
        "name": segment.name,
        "description": segment.description,
        "criteria": segment.criteria,
        "unit": unit_out(segment.unit),
        "created_at": segment.created_at,
        "updated_at": segment.updated_at,
    }
