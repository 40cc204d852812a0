"""The register of accredited journalists as a table: the same rows the register page shows, for CSV and XLSX."""

from __future__ import annotations

from collections.abc import Iterator

from django.db.models import QuerySet
from django.utils.translation import gettext as _

from pressdesk.accreditation.models import Accreditation

CHUNK = 500


def header() -> list[str]:
    return [
        _("Number"),
        _("Full name"),
        _("Outlet"),
        _("Kind"),
        _("Event"),
        _("Valid from"),
        _("Valid until"),
        _("Status"),
        _("Issue"),
        _("Accredited by"),
    ]


def rows(passes: QuerySet[Accreditation]) -> Iterator[list[str]]:
    """One row per pass, dates as YYYY-MM-DD so a spreadsheet sorts them; prefetches are kept chunk by chunk."""
    for accreditation in passes.iterator(chunk_size=CHUNK):
        yield [
            accreditation.number,
            accreditation.journalist.display_name,
            accreditation.outlet.name,
            accreditation.get_kind_display(),
            accreditation.event.title if accreditation.event_id else "",
            accreditation.valid_from.isoformat(),
            accreditation.valid_until.isoformat(),
            accreditation.get_status_display(),
            str(accreditation.serial),
            accreditation.unit.name,
        ]
