"""The network of press secretaries as the centre sees it: each unit below, who speaks for it, what it did.

Everything on the page is read in a fixed number of queries, whatever the
number of units: the units, their press secretaries, and one grouped count
per kind of activity (materials published, events held, inquiries answered,
instructions acknowledged on time) over the last ``RECENT_DAYS`` days.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.db.models import Count, F, Q, QuerySet
from django.utils import timezone

from pressdesk.core.models import Membership, Unit, User
from pressdesk.core.permissions import units_for
from pressdesk.events.models import Event, EventKind, EventStatus
from pressdesk.inquiries.models import Inquiry
from pressdesk.inquiries.models import Status as InquiryStatus
from pressdesk.planning.mail_network import RECEIVING_ROLES
from pressdesk.planning.models import Receipt
from pressdesk.planning.registry import PLAN_VIEW
from pressdesk.publications.bulletins import listing as bulletin_listing
from pressdesk.publications.models import PUBLIC, Bulletin, Material

RECENT_DAYS = 30
SEMINARS_SHOWN = 10
BULLETINS_SHOWN = 5
PATH_STEP = 7  # "000001." — one level of Unit.path


@dataclass
class UnitActivity:
    unit: Unit
    depth: int
    secretaries: list[Membership] = field(default_factory=list)
    materials: int = 0
    events: int = 0
    inquiries: int = 0
    instructions_due: int = 0
    acknowledged_on_time: int = 0

    @property
    def on_time_percent(self) -> int | None:
        """Instructions acknowledged by their due time, in per cent of those due; None when none was due."""
        if not self.instructions_due:
            return None
        return round(100 * self.acknowledged_on_time / self.instructions_due)

    @property
    def last_sign_in(self) -> datetime.datetime | None:
        moments = [m.user.last_login for m in self.secretaries if m.user.last_login]
        return max(moments) if moments else None


def units_below(user: User) -> list[Unit]:
    """The units strictly below any unit the user sees, in tree order: the network she looks after."""
    reach = list(units_for(user, PLAN_VIEW).with_names().order_by("path"))
    paths = {unit.path for unit in reach}
    return [
        unit for unit in reach if any(unit.path[:end] in paths for end in range(PATH_STEP, len(unit.path), PATH_STEP))
    ]


def _counts(rows: QuerySet) -> dict[int, int]:
    return {row["unit_id"]: row["n"] for row in rows.values("unit_id").annotate(n=Count("pk")).order_by()}


def activity(user: User, now: datetime.datetime | None = None) -> list[UnitActivity]:
    """One row per unit below, with its press secretaries and recent activity (grouped counts, no query per unit)."""
    now = now or timezone.now()
    since = now - datetime.timedelta(days=RECENT_DAYS)
    units = units_below(user)
    if not units:
        return []
    ids = [unit.pk for unit in units]
    top = min(unit.depth for unit in units)
    rows = {unit.pk: UnitActivity(unit=unit, depth=min(unit.depth - top, 3)) for unit in units}
    people = (
        Membership.objects.active()
        .filter(unit_id__in=ids, role__in=RECEIVING_ROLES, user__is_active=True)
        .select_related("user")
        .order_by("user__full_name")
    )
    for membership in people:
        row = rows[membership.unit_id]
        if all(held.user_id != membership.user_id for held in row.secretaries):
            row.secretaries.append(membership)
    counted = {
        "materials": Material.objects.filter(
            unit_id__in=ids, status__in=PUBLIC, published_at__gte=since, published_at__lte=now
        ),
        "events": Event.objects.filter(
            unit_id__in=ids, status=EventStatus.HELD, starts_at__gte=since, starts_at__lte=now
        ),
        "inquiries": Inquiry.objects.filter(
            unit_id__in=ids, status=InquiryStatus.ANSWERED, closed_on__gte=timezone.localdate(since)
        ),
    }
    for name, queryset in counted.items():
        for unit_id, n in _counts(queryset).items():
            setattr(rows[unit_id], name, n)
    due = Receipt.objects.filter(
        unit_id__in=ids,
        instruction__withdrawn_at__isnull=True,
        instruction__due_at__gte=since,
        instruction__due_at__lte=now,
    )
    grouped = (
        due.values("unit_id")
        .annotate(
            n=Count("pk"),
            on_time=Count("pk", filter=Q(acknowledged_at__lte=F("instruction__due_at"))),
        )
        .order_by()
    )
    for row in grouped:
        rows[row["unit_id"]].instructions_due = row["n"]
        rows[row["unit_id"]].acknowledged_on_time = row["on_time"]
    return list(rows.values())


def seminars(user: User, now: datetime.datetime | None = None) -> tuple[list[Event], list[Event]]:
    """Seminars and master classes for press secretaries the user sees: those to come, and the latest held."""
    now = now or timezone.now()
    found = (
        Event.objects.filter(unit__in=units_for(user, "events.view"), kind=EventKind.SEMINAR)
        .select_related("unit", "venue")
        .prefetch_related("translations", "unit__translations", "venue__translations")
    )
    upcoming = found.filter(status=EventStatus.PLANNED, starts_at__gte=now).order_by("starts_at", "pk")
    past = found.filter(status=EventStatus.HELD, starts_at__lt=now).order_by("-starts_at", "-pk")
    return list(upcoming[:SEMINARS_SHOWN]), list(past[:SEMINARS_SHOWN])


def latest_bulletins(user: User) -> list[Bulletin]:
    return list(bulletin_listing(user)[:BULLETINS_SHOWN])
