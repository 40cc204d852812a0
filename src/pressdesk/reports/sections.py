"""The report's other sections: pickup of releases, inquiries answered on time, events, accreditation.

Each is a few grouped queries over the report's units and period, whatever the
amount of data. Events are counted by the events module's own figures
(``events.stats.figures``), so the report and the events page agree.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.db.models import Count, Exists, F, OuterRef, Q
from django.utils import timezone

from pressdesk.accreditation.models import Application, ApplicationStatus, Change, HistoryEntry
from pressdesk.events import stats
from pressdesk.events.models import Event
from pressdesk.inquiries.models import OPEN, Inquiry, Status
from pressdesk.monitoring.models import Clipping, Story
from pressdesk.publications.models import Material
from pressdesk.reports.period import Period

TOP_RELEASES = 5
ISSUING = (Change.ISSUED, Change.REISSUED, Change.MOVED)


def rate(part: int, whole: int) -> float | None:
    """``part`` of ``whole`` (0–1), or None when there is nothing to divide."""
    return part / whole if whole else None


@dataclass
class Release:
    material: Material
    clippings: int

    @property
    def title(self) -> str:
        return self.material.title or f"#{self.material.pk}"


@dataclass
class Pickup:
    released: list[int]  # per step of the period
    picked: list[int]
    clippings: int = 0  # items in the media that reprint them
    top: list[Release] = field(default_factory=list)

    @property
    def total(self) -> int:
        return sum(self.released)

    @property
    def picked_total(self) -> int:
        return sum(self.picked)

    @property
    def rate(self) -> float | None:
        return rate(self.picked_total, self.total)


def pickup(period: Period, unit_ids: list[int]) -> Pickup:
    """Materials of the units that went public in the period, and how many were taken up by at least one story."""
    steps = len(period.buckets())
    result = Pickup([0] * steps, [0] * steps)
    materials = (
        Material.objects.public(period.end)
        .with_public_time()
        .filter(unit__in=unit_ids, shown_at__gte=period.start, shown_at__lt=period.end)
    )
    rows = (
        materials.order_by()
        .annotate(step=period.step_of("shown_at"), taken=Exists(Story.objects.filter(material=OuterRef("pk"))))
        .values_list("step")
        .annotate(n=Count("pk"), picked=Count("pk", filter=Q(taken=True)))
    )
    for step, number, picked in rows:
        result.released[step] += number
        result.picked[step] += picked
    if result.picked_total:
        reprints = (
            Clipping.objects.filter(story__material__in=materials.values("pk"))
            .order_by()
            .values_list("story__material")
            .annotate(n=Count("pk"))
            .order_by("-n", "story__material")
        )
        counts = list(reprints)
        result.clippings = sum(n for _pk, n in counts)
        top = counts[:TOP_RELEASES]
        found = Material.objects.filter(pk__in=[pk for pk, _n in top]).prefetch_related("translations").in_bulk()
        result.top = [Release(found[pk], n) for pk, n in top]
    return result


@dataclass
class Inquiries:
    received: int = 0
    on_time: int = 0  # answered or refused by the due day, closed in the period
    late: int = 0
    overdue: int = 0  # still open past a due day that fell in the period

    @property
    def closed(self) -> int:
        return self.on_time + self.late

    @property
    def rate(self) -> float | None:
        return rate(self.on_time, self.closed)


def inquiries(period: Period, unit_ids: list[int], today: datetime.date | None = None) -> Inquiries:
    today = today or timezone.localdate()
    closed = Q(status__in=[Status.ANSWERED, Status.REFUSED], closed_on__gte=period.since, closed_on__lte=period.until)
    cutoff = min(period.until, today - datetime.timedelta(days=1))
    figures = (
        Inquiry.objects.filter(unit__in=unit_ids)
        .exclude(status=Status.MERGED)
        .aggregate(
            received=Count("pk", filter=Q(received_at__gte=period.start, received_at__lt=period.end)),
            on_time=Count("pk", filter=closed & Q(closed_on__lte=F("due_on"))),
            late=Count("pk", filter=closed & Q(closed_on__gt=F("due_on"))),
            overdue=Count("pk", filter=Q(status__in=OPEN, due_on__gte=period.since, due_on__lte=cutoff)),
        )
    )
    return Inquiries(**figures)


def events(period: Period, unit_ids: list[int]) -> stats.Figures:
    return stats.figures(Event.objects.filter(unit__in=unit_ids), period.since, period.until)


@dataclass
class Accreditation:
    applications: dict[str, int]  # status → applications submitted in the period
    passes: dict[str, int]  # issued, re-issued, moved → passes in the period

    @property
    def applied(self) -> int:
        return sum(self.applications.values())

    @property
    def issued(self) -> int:
        return sum(self.passes.values())


def accreditation(period: Period, unit_ids: list[int]) -> Accreditation:
    applications = dict(
        Application.objects.filter(unit__in=unit_ids, submitted_at__gte=period.start, submitted_at__lt=period.end)
        .order_by()
        .values_list("status")
        .annotate(n=Count("pk"))
    )
    passes = dict(
        HistoryEntry.objects.filter(
            accreditation__unit__in=unit_ids, change__in=ISSUING, at__gte=period.start, at__lt=period.end
        )
        .order_by()
        .values_list("change")
        .annotate(n=Count("pk"))
    )
    return Accreditation(
        {status: applications.get(status, 0) for status in ApplicationStatus.values},
        {change: passes.get(change, 0) for change in ISSUING},
    )
