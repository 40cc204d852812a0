"""The report of a unit for a period, assembled from its sections: one object for the page, the PDF and the XLSX.

The report covers the unit and the units below it — only those the reader sees,
when a reader is given (a scheduled report is made for the schedule's unit and
read by people who see it whole). Every figure is counted by the database in a
fixed number of grouped queries, however many clippings or materials there are.
The object holds numbers and codes only; words are chosen when it is shown
(``sections``), so one report serves readers in every language.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db.models import QuerySet
from django.utils import timezone

from pressdesk.core.models import Unit
from pressdesk.events.stats import Figures
from pressdesk.reports import coverage, sections
from pressdesk.reports.period import Period


@dataclass
class Report:
    unit: Unit
    period: Period
    unit_ids: list[int]
    coverage: coverage.Coverage
    pickup: sections.Pickup
    inquiries: sections.Inquiries
    events: Figures
    accreditation: sections.Accreditation
    made_at: datetime.datetime

    @property
    def empty(self) -> bool:
        """Nothing at all happened in the period: no coverage, release, inquiry, event or application."""
        return (
            self.coverage.empty
            and not self.pickup.total
            and not (self.inquiries.received or self.inquiries.closed or self.inquiries.overdue)
            and not self.events.total.total
            and not (self.accreditation.applied or self.accreditation.issued)
        )


def scope(unit: Unit, visible: QuerySet[Unit] | None = None) -> list[int]:
    """The ids of the unit and the units below it (of those ``visible``, when given)."""
    units = visible if visible is not None else Unit.objects.all()
    return list(units.filter(path__startswith=unit.path).order_by().values_list("pk", flat=True))


def build(unit: Unit, period: Period, *, visible: QuerySet[Unit] | None = None) -> Report:
    unit_ids = scope(unit, visible)
    return Report(
        unit=unit,
        period=period,
        unit_ids=unit_ids,
        coverage=coverage.count(period, unit_ids),
        pickup=sections.pickup(period, unit_ids),
        inquiries=sections.inquiries(period, unit_ids),
        events=sections.events(period, unit_ids),
        accreditation=sections.accreditation(period, unit_ids),
        made_at=timezone.now(),
    )


def filename(report: Report, extension: str) -> str:
    """``report-akimat-2026-03-01-2026-03-31.pdf``: says which unit and sorts by period."""
    return f"report-{report.unit.code}-{report.period.since.isoformat()}-{report.period.until.isoformat()}.{extension}"
