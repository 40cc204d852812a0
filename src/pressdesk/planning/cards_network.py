"""The network's cards on the dashboard of the day: instructions to my unit, and those awaiting acknowledgement."""

from __future__ import annotations

import datetime

from django.db.models import F
from django.http import HttpRequest
from django.utils import timezone

from pressdesk.core import ui
from pressdesk.planning.instructions_access import can_receive, received, sender_units, state_of, with_progress
from pressdesk.planning.models import Instruction
from pressdesk.planning.registry import ACKNOWLEDGE, INSTRUCT

SHOWN = 6
SOON = datetime.timedelta(hours=48)


def _to_us(request: HttpRequest) -> dict | None:
    """Open instructions to the user's units that are due soon or not acknowledged yet."""
    if not can_receive(request.user):
        return None  # the top of the tree sends; it hears of its instructions on the other card
    now = timezone.now()
    open_ = received(request.user).filter(done_at__isnull=True, instruction__withdrawn_at__isnull=True)
    pressing = open_.filter(acknowledged_at__isnull=True) | open_.filter(instruction__due_at__lte=now + SOON)
    receipts = list(pressing.order_by("instruction__due_at", "pk")[:SHOWN])
    for receipt in receipts:
        receipt.state = state_of(receipt, now)
    return {"receipts": receipts}


def _awaiting(request: HttpRequest) -> dict | None:
    """Instructions of the user's press services that some unit has not acknowledged yet; hidden when she sends none."""
    senders = sender_units(request.user)
    if not senders:
        return None
    found = with_progress(Instruction.objects.filter(unit__in=senders, withdrawn_at__isnull=True))
    found = found.filter(units_acknowledged__lt=F("units_total")).order_by("due_at", "pk")
    return {"instructions": list(found[:SHOWN])}


ui.register_card(
    ui.Card(
        key="planning.instructions_to_us",
        render=_to_us,
        template="planning/cards/network_to_us.html",
        order=35,
        action=ACKNOWLEDGE,
    )
)
ui.register_card(
    ui.Card(
        key="planning.instructions_awaiting",
        render=_awaiting,
        template="planning/cards/network_awaiting.html",
        order=36,
        action=INSTRUCT,
    )
)
