"""How the press service keeps the clock: open, due soon, overdue, answered on time — by unit and by expert."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.db.models import QuerySet

from pressdesk.core import workdays
from pressdesk.inquiries.models import OPEN, Inquiry, Status

CLOSED = [Status.ANSWERED, Status.REFUSED]


@dataclass
class Row:
    label: str
    received: int = 0
    open: int = 0
    due_soon: int = 0
    overdue: int = 0
    closed: int = 0
    on_time: int = 0

    @property
    def on_time_share(self) -> float | None:
        """Answered on time as a share of those answered; None when nothing was answered."""
        return self.on_time / self.closed if self.closed else None


@dataclass
class Report:
    since: datetime.date
    until: datetime.date
    total: Row
    by_unit: list[Row] = field(default_factory=list)
    by_expert: list[Row] = field(default_factory=list)


def report(inquiries: QuerySet[Inquiry], since: datetime.date, until: datetime.date, today: datetime.date) -> Report:
    """Requests received from ``since`` to ``until`` (inclusive), counted as they stand on ``today``."""
    soon = workdays.add_working_days(today, 2)
    rows = (
        inquiries.exclude(status=Status.MERGED)
        .filter(received_at__date__gte=since, received_at__date__lte=until)
        .select_related("assignee", "assigned_unit", "unit")
        .prefetch_related("unit__translations", "assigned_unit__translations")
    )
    total, units, experts = Row(""), {}, {}
    for inquiry in rows:
        unit = inquiry.assigned_unit or inquiry.unit
        for row in (
            total,
            units.setdefault(unit.pk, Row(unit.name)),
            experts.setdefault(inquiry.assignee_id, Row(inquiry.assignee.full_name if inquiry.assignee else "—")),
        ):
            _count(row, inquiry, today, soon)
    return Report(
        since,
        until,
        total,
        sorted(units.values(), key=lambda r: r.label),
        sorted(experts.values(), key=lambda r: r.label),
    )


def _count(row: Row, inquiry: Inquiry, today: datetime.date, soon: datetime.date) -> None:
    row.received += 1
    if inquiry.status in OPEN:
        row.open += 1
        if inquiry.due_on < today:
            row.overdue += 1
        elif inquiry.due_on <= soon:
            row.due_soon += 1
    elif inquiry.status in CLOSED:
        row.closed += 1
        if inquiry.closed_on and inquiry.closed_on <= inquiry.due_on:
            row.on_time += 1
