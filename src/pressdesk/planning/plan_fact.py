"""Plan against fact: what became of each planned item, and the counts per month and type in one SQL query.

An item's *fact* is read from its links when it is shown, never stored by a
hook: an open item (planned or in work) whose linked event was held, or whose
linked material is published, is done. Moved and cancelled stay as the planner
set them. An open item whose last day has passed without being done is overdue
(an extra mark, not a status: it is still planned or in work).
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass, field, fields

from django.db.models import BooleanField, Case, CharField, Count, F, Q, QuerySet, Value, When
from django.db.models.functions import Coalesce, ExtractMonth, ExtractYear
from django.utils.translation import gettext_lazy as _

from pressdesk.events.models import EventStatus
from pressdesk.planning.models import OPEN_STATUSES, PlanItem, PlanKind, PlanStatus
from pressdesk.planning.plan_periods import add_months
from pressdesk.publications.models import PUBLIC
from pressdesk.reports.tables import Share, shown

OVERDUE = "overdue"
# The status filter of the plan pages: the facts, and overdue.
FACT_CHOICES = [*PlanStatus.choices, (OVERDUE, _("Overdue"))]


def _done_by_link() -> Q:
    return Q(event__status=EventStatus.HELD) | Q(material__status__in=PUBLIC)


def done_q() -> Q:
    return Q(status=PlanStatus.DONE) | (Q(status__in=OPEN_STATUSES) & _done_by_link())


def open_q() -> Q:
    """Planned or in work, and not done by its link."""
    return Q(status__in=OPEN_STATUSES) & ~_done_by_link()


def overdue_q(today: datetime.date) -> Q:
    return open_q() & (Q(ends_on__lt=today) | Q(ends_on__isnull=True, starts_on__lt=today))


def with_fact(items: QuerySet[PlanItem], today: datetime.date) -> QuerySet[PlanItem]:
    """Each item with ``fact`` (a ``PlanStatus`` value), ``last_on`` (its last day) and ``overdue``.

    Aggregates use the conditions above rather than these names: an aggregate's FILTER may not name an annotation.
    """
    fact = Case(
        When(Q(status__in=OPEN_STATUSES) & _done_by_link(), then=Value(PlanStatus.DONE)),
        default=F("status"),
        output_field=CharField(),
    )
    overdue = Case(When(overdue_q(today), then=Value(True)), default=Value(False), output_field=BooleanField())
    return items.annotate(fact=fact, last_on=Coalesce("ends_on", "starts_on"), overdue=overdue)


def labelled(items: Iterable[PlanItem]) -> list[PlanItem]:
    """The items (from ``with_fact``) as a list, each with ``fact_label``: its fact in words."""
    labels = dict(FACT_CHOICES)
    items = list(items)
    for item in items:
        item.fact_label = labels[item.fact]
    return items


def filter_fact(items: QuerySet[PlanItem], value: str) -> QuerySet[PlanItem]:
    """Items (from ``with_fact``) of one fact, or the overdue ones; an unknown value filters nothing."""
    if value == OVERDUE:
        return items.filter(overdue=True)
    if value in PlanStatus.values:
        return items.filter(fact=value)
    return items


@dataclass
class Tally:
    planned: int = 0
    done: int = 0
    in_work: int = 0
    moved: int = 0
    cancelled: int = 0
    overdue: int = 0

    def add(self, other: Tally) -> None:
        for name in COLUMNS:
            setattr(self, name, getattr(self, name) + getattr(other, name))

    def values(self) -> list[int]:
        return [getattr(self, name) for name in COLUMNS]

    @property
    def done_share(self) -> int | None:
        """Done as a whole percentage of what was planned and not cancelled or moved away."""
        due = self.planned - self.cancelled - self.moved
        return round(100 * self.done / due) if due > 0 else None

    @property
    def done_shown(self) -> str:
        """The share done as the reader's language writes a percentage; a dash when nothing was due."""
        share = self.done_share
        return shown(None if share is None else Share(share / 100))


COLUMNS = [f.name for f in fields(Tally)]


def column_labels() -> list[str]:
    return [str(label) for label in (_("Planned"), _("Done"), _("In work"), _("Moved"), _("Cancelled"), _("Overdue"))]


def _measures(today: datetime.date) -> dict:
    return {
        "planned": Count("pk"),
        "done": Count("pk", filter=done_q()),
        "in_work": Count("pk", filter=open_q() & Q(status=PlanStatus.IN_WORK)),
        "moved": Count("pk", filter=Q(status=PlanStatus.MOVED)),
        "cancelled": Count("pk", filter=Q(status=PlanStatus.CANCELLED)),
        "overdue": Count("pk", filter=overdue_q(today)),
    }


@dataclass
class Report:
    months: list[tuple[datetime.date, Tally]]
    kinds: list[tuple[str, str, Tally]]
    total: Tally = field(default_factory=Tally)

    @property
    def empty(self) -> bool:
        return self.total.planned == 0


def report(items: QuerySet[PlanItem], months: list[datetime.date], today: datetime.date) -> Report:
    """Counts per month (of the day an item starts) and per type over ``months``; one grouped query."""
    rows = (
        items.filter(starts_on__gte=months[0], starts_on__lt=add_months(months[-1], 1))
        .order_by()
        .values("kind", year=ExtractYear("starts_on"), month=ExtractMonth("starts_on"))
        .annotate(**_measures(today))
    )
    by_month = {month: Tally() for month in months}
    by_kind = {kind: Tally() for kind in PlanKind.values}
    total = Tally()
    for row in rows:
        tally = Tally(**{name: row[name] for name in COLUMNS})
        by_month[datetime.date(row["year"], row["month"], 1)].add(tally)
        by_kind[row["kind"]].add(tally)
        total.add(tally)
    labels = dict(PlanKind.choices)
    return Report(
        months=list(by_month.items()),
        kinds=[(kind, str(labels[kind]), tally) for kind, tally in by_kind.items()],
        total=total,
    )
