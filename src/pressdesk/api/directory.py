"""The media directory, read only: outlets, journalists, saved segments.

Every list and record goes through ``directory.access``: a list holds only
records in the caller's sight, and a record out of sight is a 404, exactly as
on the staff pages. Journalist criteria are those of ``directory.filters``, so
the API, the list page and saved segments agree on what a filter means.
"""

from __future__ import annotations

import functools
import operator
from collections.abc import Callable
from typing import Any

from django.db.models import Prefetch, Q, QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema

from pressdesk.api import schemas
from pressdesk.api.auth import requires
from pressdesk.core import search
from pressdesk.core.services import DomainError
from pressdesk.directory import access, filters, indexing
from pressdesk.directory.models import (
    Journalist,
    Outlet,
    OutletKind,
    OutletLevel,
    OutletStatus,
    Position,
    Segment,
    language_set,
)

MAX_LIMIT = 200
VIEW = "directory.view"

router = Router(tags=["directory"])


def responses(found: type, *, one: bool = False) -> dict[int, type]:
    """What an endpoint answers, for the schema: the record or page, or an error with ``detail``."""
    codes: dict[int, type] = {200: found, 401: schemas.Error, 403: schemas.Error, 422: schemas.ValidationFailure}
    if one:
        codes[404] = schemas.Error
    return codes


class Paging(Schema):
    limit: int = Field(50, ge=1, le=MAX_LIMIT, description=f"How many records, at most {MAX_LIMIT}.")
    offset: int = Field(0, ge=0, le=2**63 - 1, description="How many records to skip.")


def _one_of(values: list[str]) -> str:
    return "One or more of: " + ", ".join(values) + " (repeat the parameter for several)."


class OutletFilter(Schema):
    q: str = Field("", max_length=200, description="Words of the name or the website, in any script.")
    kind: list[str] = Field([], description=_one_of(OutletKind.values))
    level: list[str] = Field([], description=_one_of(OutletLevel.values))
    language: list[str] = Field([], description=_one_of(schemas.LANGUAGE_CODES))
    status: list[str] = Field([], description=_one_of(OutletStatus.values))


class JournalistFilter(Schema):
    q: str = Field("", max_length=200, description="Words of the name, another spelling or the email.")
    outlet_kinds: list[str] = Field([], description=_one_of(filters.CHOICE_KEYS["outlet_kinds"]))
    outlet_levels: list[str] = Field([], description=_one_of(filters.CHOICE_KEYS["outlet_levels"]))
    outlet_languages: list[str] = Field([], description=_one_of(filters.CHOICE_KEYS["outlet_languages"]))
    ownership: list[str] = Field([], description=_one_of(filters.CHOICE_KEYS["ownership"]))
    beats: list[str] = Field([], description="Beat codes, as in the journalists' `beats[].code`.")
    languages: list[str] = Field([], description=_one_of(filters.CHOICE_KEYS["languages"]))
    preferred_language: list[str] = Field([], description=_one_of(filters.CHOICE_KEYS["preferred_language"]))
    trusted: str = Field("", description="`yes`: only the trusted pool; `no`: only outside it.")
    with_email: bool = Field(False, description="Only journalists with a working email address.")


def _page(queryset: QuerySet, paging: Paging, out: Callable[[Any], dict[str, Any]]) -> dict[str, Any]:
    """One page of ``queryset``; its ordering ends on the primary key, so pages neither overlap nor skip."""
    rows = queryset[paging.offset : paging.offset + paging.limit]
    return {"count": queryset.count(), "limit": paging.limit, "offset": paging.offset, "items": [out(r) for r in rows]}


def _check_choices(values: list[str], allowed: list[str]) -> list[str]:
    unknown = [v for v in values if v not in allowed]
    if unknown:
        # The same words as the journalist filter's (directory.filters), so one translation serves both.
        raise DomainError(_("Unknown value in the filter: %(values)s.") % {"values": ", ".join(unknown)})
    return values


def _any_language(codes: list[str]) -> Q:
    # Languages are stored as a set ",kk,ru,": one code is found as its own one-element set.
    return functools.reduce(operator.or_, (Q(languages__contains=language_set([code])) for code in codes))


# Outlets ---------------------------------------------------------------------------------------------------------


def _outlets() -> QuerySet[Outlet]:
    return Outlet.objects.select_related("unit").prefetch_related("translations", "unit__translations")


@router.get("/outlets", response=responses(schemas.Page[schemas.OutletOut]), summary="Outlets in your sight")
@requires(VIEW)
def outlet_list(request: HttpRequest, paging: Query[Paging], criteria: Query[OutletFilter]) -> dict[str, Any]:
    qs = access.visible(request.auth, _outlets())
    if kinds := _check_choices(criteria.kind, OutletKind.values):
        qs = qs.filter(kind__in=kinds)
    if levels := _check_choices(criteria.level, OutletLevel.values):
        qs = qs.filter(level__in=levels)
    if statuses := _check_choices(criteria.status, OutletStatus.values):
        qs = qs.filter(status__in=statuses)
    if languages := _check_choices(criteria.language, schemas.LANGUAGE_CODES):
        qs = qs.filter(_any_language(languages))
    if criteria.q.strip():
        terms = indexing.query_terms(criteria.q)
        qs = qs.filter(pk__in=search.matching(indexing.OUTLET, terms)) if terms else qs.none()
    return _page(qs.order_by("pk"), paging, schemas.outlet_out)


@router.get("/outlets/{int:outlet_id}", response=responses(schemas.OutletDetail, one=True), summary="One outlet")
@requires(VIEW)
def outlet_detail(request: HttpRequest, outlet_id: int) -> dict[str, Any]:
    outlet = access.access(request.auth, _outlets().prefetch_related("contacts", "feeds"), outlet_id)
    return schemas.outlet_detail(outlet)


# Journalists -----------------------------------------------------------------------------------------------------


def _journalists() -> QuerySet[Journalist]:
    return (
        Journalist.objects.for_lists()
        .select_related("unit")
        .prefetch_related("unit__translations")
        .order_by("full_name", "pk")
    )


def _criteria(criteria: JournalistFilter) -> dict[str, Any]:
    """The filter as ``directory.filters`` takes it; only what was given, so a default never narrows."""
    return filters.clean_criteria(criteria.model_dump())


@router.get(
    "/journalists", response=responses(schemas.Page[schemas.JournalistOut]), summary="Journalists in your sight"
)
@requires(VIEW)
def journalist_list(request: HttpRequest, paging: Query[Paging], criteria: Query[JournalistFilter]) -> dict[str, Any]:
    """Records that stand for a person today: erased and merged records are left out (fetch them by id)."""
    qs = filters.apply(access.visible(request.auth, _journalists().present()), _criteria(criteria))
    return _page(qs, paging, schemas.journalist_out)


@router.get(
    "/journalists/{int:journalist_id}", response=responses(schemas.JournalistDetail, one=True), summary="One journalist"
)
@requires(VIEW)
def journalist_detail(request: HttpRequest, journalist_id: int) -> dict[str, Any]:
    """An erased record comes back anonymised (`erased: true`); a merged one names the record it went into."""
    positions = Position.objects.select_related("outlet").prefetch_related("outlet__translations")
    qs = _journalists().prefetch_related(Prefetch("positions", queryset=positions), "contacts")
    return schemas.journalist_detail(access.access(request.auth, qs, journalist_id))


# Segments --------------------------------------------------------------------------------------------------------


def _segments() -> QuerySet[Segment]:
    return Segment.objects.select_related("unit").prefetch_related("unit__translations")


def _members(request: HttpRequest, segment: Segment) -> QuerySet[Journalist]:
    """The segment's journalists as the caller sees them; the filter is evaluated now, so the list is live."""
    return filters.apply(access.visible(request.auth, _journalists().present()), segment.criteria)


@router.get("/segments", response=responses(schemas.Page[schemas.SegmentOut]), summary="Saved segments in your sight")
@requires(VIEW)
def segment_list(request: HttpRequest, paging: Query[Paging]) -> dict[str, Any]:
    return _page(access.visible(request.auth, _segments()).order_by("name", "pk"), paging, schemas.segment_out)


@router.get(
    "/segments/{int:segment_id}",
    response=responses(schemas.SegmentDetail, one=True),
    summary="One segment, counted now",
)
@requires(VIEW)
def segment_detail(request: HttpRequest, segment_id: int) -> dict[str, Any]:
    segment = access.access(request.auth, _segments(), segment_id)
    return {**schemas.segment_out(segment), "count": _members(request, segment).count()}


@router.get(
    "/segments/{int:segment_id}/journalists",
    response=responses(schemas.Page[schemas.JournalistOut], one=True),
    summary="The journalists a segment selects now",
)
@requires(VIEW)
def segment_journalists(request: HttpRequest, segment_id: int, paging: Query[Paging]) -> dict[str, Any]:
    segment = access.access(request.auth, _segments(), segment_id)
    return _page(_members(request, segment), paging, schemas.journalist_out)
