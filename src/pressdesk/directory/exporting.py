"""What an export of the directory holds: which records, and each as a row or a vCard.

Exports take the same filter as the list pages. Merged records are left out
(the record they were merged into stands for the person); erased records stay
as anonymised rows, so counts by outlet or beat still add up, and carry a mark
the import recognises and skips. A vCard is an address-book entry for a person,
so an erased record has none.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from django.conf import settings
from django.db.models import F, Q, QuerySet
from django.utils.translation import gettext as _

from pressdesk.core import audit
from pressdesk.core.models import Unit, User
from pressdesk.directory import access, filters, tabular
from pressdesk.directory.models import ContactKind, Journalist, Outlet
from pressdesk.directory.tabular import Card

CHUNK = 1000


def _languages(codes: list[str]) -> str:
    names = dict(settings.LANGUAGES)
    return ", ".join(str(names[code]) for code in codes if code in names)


def unit_line(unit: Unit, field: str = "unit") -> Q:
    """What a press secretary of ``unit`` sees: its subtree and the units above it."""
    above = [unit.path[: i + 7] for i in range(0, len(unit.path), 7)]
    return Q(**{f"{field}__path__startswith": unit.path}) | Q(**{f"{field}__path__in": above})


def journalists(*, user: User | None, criteria: dict[str, Any], unit: Unit | None = None) -> QuerySet[Journalist]:
    """Journalists to export: those ``user`` may export (the system: ``unit``'s line, or all), filtered."""
    records = Journalist.objects.filter(merged_into__isnull=True)
    if user is not None:
        records = access.visible(user, records, "directory.export")
    elif unit is not None:
        records = records.filter(unit_line(unit))
    return (
        filters.apply(records, criteria)
        .for_lists()
        .prefetch_related("contacts")
        .order_by(F("erased_at").asc(nulls_first=True), "full_name", "pk")
    )


def outlets(queryset: QuerySet[Outlet]) -> QuerySet[Outlet]:
    return queryset.prefetch_related("translations", "contacts").order_by("pk")


def journalist_header() -> list[str]:
    return [str(column.label) for column in tabular.JOURNALIST_COLUMNS]


def _usable(record, kind: str) -> list[str]:
    return [c.value for c in record.contacts.all() if c.kind == kind and c.usable]


def journalist_rows(records: QuerySet[Journalist]) -> Iterator[list[str]]:
    yes = _("yes")
    for journalist in records.iterator(chunk_size=CHUNK):
        current = journalist.current()
        values = {
            "full_name": journalist.display_name,
            "email": ", ".join(_usable(journalist, ContactKind.EMAIL)),
            "phone": ", ".join(_usable(journalist, ContactKind.PHONE)),
            # One place per position in both columns, so titles stay with their outlets on the way back in.
            "outlet": "; ".join(p.outlet.name for p in current),
            "title": "; ".join(p.title for p in current) if any(p.title for p in current) else "",
            "beats": ", ".join(beat.name for beat in journalist.beats.all()),
            "languages": _languages(journalist.language_codes),
            "preferred_language": _languages([journalist.preferred_language]),
            "trusted": yes if journalist.trusted else "",
            "erased": yes if journalist.erased_at else "",
        }
        yield [values[column.key] for column in tabular.JOURNALIST_COLUMNS]


def journalist_cards(records: QuerySet[Journalist]) -> Iterator[Card]:
    for journalist in records.filter(erased_at__isnull=True).iterator(chunk_size=CHUNK):
        current = journalist.current()
        yield Card(
            full_name=journalist.full_name,
            emails=_usable(journalist, ContactKind.EMAIL),
            phones=_usable(journalist, ContactKind.PHONE),
            organisation=current[0].outlet.name if current else "",
            title=current[0].title if current else "",
        )


def outlet_header() -> list[str]:
    return [str(column.label) for column in tabular.OUTLET_COLUMNS]


def outlet_rows(records: QuerySet[Outlet]) -> Iterator[list[str]]:
    for outlet in records.iterator(chunk_size=CHUNK):
        names = {row.language: row.name for row in outlet.translations.all()}
        values = {
            "name_kk": names.get("kk", ""),
            "name_ru": names.get("ru", ""),
            "name_en": names.get("en", ""),
            "kind": outlet.get_kind_display(),
            "level": outlet.get_level_display(),
            "ownership": outlet.get_ownership_display(),
            "languages": _languages(outlet.language_codes),
            "reach": str(outlet.reach) if outlet.reach is not None else "",
            "website": outlet.website,
            "email": ", ".join(_usable(outlet, ContactKind.EMAIL)),
            "phone": ", ".join(_usable(outlet, ContactKind.PHONE)),
            "status": outlet.get_status_display(),
        }
        yield [str(values[column.key]) for column in tabular.OUTLET_COLUMNS]


def export_record(*, actor: User | None, unit: Unit | None, what: str, fmt: str, criteria: dict, rows: int) -> None:
    """An export of personal data leaves a trace: who took which list, filtered how, how many rows."""
    audit.record(
        actor=actor,
        action="directory.export.done",
        unit=unit,
        after={"what": what, "format": fmt, "criteria": criteria, "rows": rows},
    )
