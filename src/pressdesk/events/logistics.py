"""Logistics for visiting journalists: a pick-up (when, where from, which car) or a hotel stay, with its cost.

A pick-up is due around the event: from three days before it starts until a
day after it ends (the ride back). A hotel stay covers the event's dates and
starts at most three days before; check-out comes after check-in. Costs are in
tenge, never negative; the list per event has its totals by kind.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from django.db import transaction
from django.db.models import Count, Sum
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from pressdesk.core import audit
from pressdesk.core.models import User
from pressdesk.core.services import DomainError
from pressdesk.directory.models import Journalist
from pressdesk.events.models import Arrangement, ArrangementKind, Event, EventStatus
from pressdesk.events.services import access, local_time, record

EARLIEST = datetime.timedelta(days=3)  # before the event starts
LATEST = datetime.timedelta(days=1)  # after it ends: the ride back
MOST_COST = Decimal("9999999999.99")  # what the column holds

audit.register_labels(
    {
        "events.arrangement.added": gettext_lazy("logistics added"),
        "events.arrangement.changed": gettext_lazy("logistics changed"),
        "events.arrangement.removed": gettext_lazy("logistics removed"),
    }
)

FIELDS = [
    "journalist_id",
    "kind",
    "pickup_at",
    "pickup_place",
    "vehicle",
    "hotel",
    "check_in",
    "check_out",
    "booking_reference",
    "cost",
    "note",
]
LIMITS = {"pickup_place": 300, "vehicle": 200, "hotel": 200, "booking_reference": 100, "note": 300}


@dataclass
class Plan:
    """One arrangement as the form fills it in; fields of the other kind are ignored."""

    journalist: Journalist
    kind: str
    pickup_at: datetime.datetime | None = None
    pickup_place: str = ""
    vehicle: str = ""
    hotel: str = ""
    check_in: datetime.date | None = None
    check_out: datetime.date | None = None
    booking_reference: str = ""
    cost: Decimal | None = None
    note: str = ""


@dataclass(frozen=True)
class Totals:
    transport: Decimal
    hotel: Decimal
    total: Decimal
    count: int
    journalists: int


def totals(event: Event) -> Totals:
    rows = {
        row["kind"]: row["sum"] or Decimal(0) for row in event.arrangements.values("kind").annotate(sum=Sum("cost"))
    }
    summary = event.arrangements.aggregate(count=Count("pk"), journalists=Count("journalist", distinct=True))
    transport = rows.get(ArrangementKind.TRANSPORT, Decimal(0))
    hotel = rows.get(ArrangementKind.HOTEL, Decimal(0))
    return Totals(transport, hotel, transport + hotel, summary["count"], summary["journalists"])


def _check(event: Event, plan: Plan) -> Plan:
    if plan.kind not in ArrangementKind.values:
        raise DomainError(_("Choose transport or hotel."))
    if plan.journalist is None or plan.journalist.erased_at or plan.journalist.merged_into_id:
        raise DomainError(_("Choose a journalist from the directory."))
    for name, limit in LIMITS.items():
        value = (getattr(plan, name) or "").strip()
        if len(value) > limit:
            raise DomainError(_("Keep each text within %(limit)s characters.") % {"limit": limit})
        setattr(plan, name, value)
    if plan.cost is not None:
        try:
            plan.cost = Decimal(plan.cost).quantize(Decimal("0.01"))
        except (InvalidOperation, TypeError, ValueError):
            raise DomainError(_("Give the cost as a number of tenge.")) from None
        if plan.cost < 0:
            raise DomainError(_("The cost cannot be negative."))
        if plan.cost > MOST_COST:
            raise DomainError(_("The cost is too large: check the number."))
    if plan.kind == ArrangementKind.TRANSPORT:
        _check_transport(event, plan)
    else:
        _check_hotel(event, plan)
    return plan


def _check_transport(event: Event, plan: Plan) -> None:
    plan.hotel, plan.check_in, plan.check_out, plan.booking_reference = "", None, None, ""
    if plan.pickup_at is None or not plan.pickup_place:
        raise DomainError(_("Give the pick-up time and place."))
    if timezone.is_naive(plan.pickup_at):
        raise DomainError(_("Give the time with its time zone."))
    earliest, latest = event.starts_at - EARLIEST, event.ends_at + LATEST
    if not earliest <= plan.pickup_at <= latest:
        raise DomainError(
            _("The pick-up must be between %(earliest)s and %(latest)s: around the event.")
            % {"earliest": local_time(earliest), "latest": local_time(latest)}
        )


def _check_hotel(event: Event, plan: Plan) -> None:
    plan.pickup_at, plan.pickup_place, plan.vehicle = None, "", ""
    if not plan.hotel or plan.check_in is None or plan.check_out is None:
        raise DomainError(_("Give the hotel and the check-in and check-out dates."))
    if plan.check_out <= plan.check_in:
        raise DomainError(_("Check-out must be after check-in."))
    first, last = timezone.localdate(event.starts_at), timezone.localdate(event.ends_at)
    if plan.check_in > last or plan.check_out < first:
        raise DomainError(_("The stay must cover the event's dates."))
    if plan.check_in < first - EARLIEST:
        raise DomainError(_("The stay may start at most three days before the event."))


def _apply(arrangement: Arrangement, plan: Plan) -> None:
    for name in FIELDS:
        attribute = "journalist" if name == "journalist_id" else name
        setattr(arrangement, attribute, getattr(plan, attribute))


def _event_for_change(actor: User, event: Event) -> Event:
    event = Event.objects.select_for_update().select_related("unit").get(pk=event.pk)
    access(actor, event)
    if event.status == EventStatus.CANCELLED:
        raise DomainError(_("The event was cancelled: its logistics cannot change."))
    return event


@transaction.atomic
def add(*, actor: User, event: Event, plan: Plan) -> Arrangement:
    event = _event_for_change(actor, event)
    plan = _check(event, plan)
    arrangement = Arrangement(event=event)
    _apply(arrangement, plan)
    arrangement.save()
    record(actor, "events.arrangement.added", event, after={"arrangement": arrangement.pk, **_snapshot(arrangement)})
    return arrangement


@transaction.atomic
def change(*, actor: User, arrangement: Arrangement, plan: Plan) -> Arrangement:
    event = _event_for_change(actor, arrangement.event)
    arrangement = Arrangement.objects.select_for_update().get(pk=arrangement.pk, event=event)
    plan = _check(event, plan)
    before = _snapshot(arrangement)
    _apply(arrangement, plan)
    arrangement.save()
    record(
        actor,
        "events.arrangement.changed",
        event,
        before={"arrangement": arrangement.pk, **before},
        after=_snapshot(arrangement),
    )
    return arrangement


@transaction.atomic
def remove(*, actor: User, arrangement: Arrangement) -> None:
    event = _event_for_change(actor, arrangement.event)
    arrangement = Arrangement.objects.get(pk=arrangement.pk, event=event)
    before = {"arrangement": arrangement.pk, **_snapshot(arrangement)}
    arrangement.delete()
    record(actor, "events.arrangement.removed", event, before=before)


def _snapshot(arrangement: Arrangement) -> dict:
    return audit.snapshot(arrangement, FIELDS)
