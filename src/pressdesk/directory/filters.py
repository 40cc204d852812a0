"""One filter over journalists: the list page, saved segments, exports and (later) mailings share it.

A filter is plain data (``criteria``), so a segment stores it as JSON and a
mailing can re-evaluate it at send time. Outlet conditions apply to one and the
same current position: "TV, city level" means a city TV channel, not a TV
journalist who also writes for some city paper.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils.translation import gettext as _

from pressdesk.core import search
from pressdesk.core.services import DomainError
from pressdesk.directory import indexing
from pressdesk.directory.models import (
    Beat,
    Contact,
    ContactKind,
    Journalist,
    OutletKind,
    OutletLevel,
    Ownership,
    Position,
)

LANGUAGE_CODES = [code for code, _name in settings.LANGUAGES]
CHOICE_KEYS: dict[str, list[str]] = {
    "outlet_kinds": list(OutletKind.values),
    "outlet_levels": list(OutletLevel.values),
    "outlet_languages": LANGUAGE_CODES,
    "ownership": list(Ownership.values),
    "languages": LANGUAGE_CODES,
    "preferred_language": LANGUAGE_CODES,
}
TRUSTED_VALUES = {"", "yes", "no"}


def clean_criteria(criteria: dict[str, Any]) -> dict[str, Any]:
    """Only known keys with known values, in a stable shape; DomainError names what is wrong."""
    clean: dict[str, Any] = {}
    query = str(criteria.get("q") or "").strip()
    if query:
        clean["q"] = query[:200]
    for key, allowed in CHOICE_KEYS.items():
        values = _as_list(criteria.get(key))
        unknown = [v for v in values if v not in allowed]
        if unknown:
            raise DomainError(_("Unknown value in the filter: %(values)s.") % {"values": ", ".join(unknown)})
        if values:
            clean[key] = sorted(set(values), key=allowed.index)
    beats = _as_list(criteria.get("beats"))
    if beats:
        known = set(Beat.objects.filter(code__in=beats).values_list("code", flat=True))
        unknown = [b for b in beats if b not in known]
        if unknown:
            raise DomainError(_("Unknown beat in the filter: %(values)s.") % {"values": ", ".join(unknown)})
        clean["beats"] = sorted(set(beats))
    outlets = _as_list(criteria.get("outlets"))
    if outlets:
        try:
            clean["outlets"] = sorted({int(v) for v in outlets})
        except (TypeError, ValueError):
            raise DomainError(_("The outlet in the filter is not known.")) from None
    trusted = str(criteria.get("trusted") or "")
    if trusted not in TRUSTED_VALUES:
        raise DomainError(_("Unknown value in the filter: %(values)s.") % {"values": trusted})
    if trusted:
        clean["trusted"] = trusted
    if criteria.get("with_email") in (True, "1", "on", "yes"):
        clean["with_email"] = True
    return clean


def _as_list(value: Any) -> list[str]:
    if value in (None, ""):
        return []
    if isinstance(value, (list, tuple, set)):
        return [str(v) for v in value if str(v)]
    return [str(value)]


def apply(queryset: QuerySet[Journalist], criteria: dict[str, Any]) -> QuerySet[Journalist]:
    """Journalists in ``queryset`` that meet ``criteria`` (already cleaned)."""
    qs = queryset
    if criteria.get("q"):
        terms = indexing.query_terms(criteria["q"])
        qs = qs.filter(pk__in=search.matching(indexing.JOURNALIST, terms)) if terms else qs.none()
    position = Q(journalist=OuterRef("pk"), until__isnull=True)
    outlet_conditions = {
        "outlet_kinds": "outlet__kind__in",
        "outlet_levels": "outlet__level__in",
        "ownership": "outlet__ownership__in",
        "outlets": "outlet__in",
    }
    wanted = {lookup: criteria[key] for key, lookup in outlet_conditions.items() if criteria.get(key)}
    if wanted or criteria.get("outlet_languages"):
        condition = position & Q(**wanted)
        if criteria.get("outlet_languages"):
            condition &= _languages_q(criteria["outlet_languages"], "outlet__languages")
        qs = qs.filter(Exists(Position.objects.filter(condition)))
    if criteria.get("languages"):
        qs = qs.filter(_languages_q(criteria["languages"], "languages"))
    if criteria.get("preferred_language"):
        qs = qs.filter(preferred_language__in=criteria["preferred_language"])
    if criteria.get("beats"):
        qs = qs.filter(
            Exists(Journalist.beats.through.objects.filter(journalist=OuterRef("pk"), beat__code__in=criteria["beats"]))
        )
    if criteria.get("trusted") == "yes":
        qs = qs.filter(trusted=True)
    elif criteria.get("trusted") == "no":
        qs = qs.filter(trusted=False)
    if criteria.get("with_email"):
        qs = qs.filter(
            Exists(
                Contact.objects.filter(journalist=OuterRef("pk"), kind=ContactKind.EMAIL, invalid_since__isnull=True)
            )
        )
    return qs


def _languages_q(codes: list[str], field: str) -> Q:
    """Any of ``codes`` in a ",kk,ru," language set."""
    condition = Q(pk__in=[])
    for code in codes:
        condition |= Q(**{f"{field}__contains": f",{code},"})
    return condition
