"""The dashboard card of the press plan: items due this week, and how many are overdue."""

from __future__ import annotations

import datetime

from django.http import HttpRequest
from django.utils import timezone

from pressdesk.core import ui
from pressdesk.planning.access import in_sight
from pressdesk.planning.models import OPEN_STATUSES
from pressdesk.planning.plan_fact import with_fact
from pressdesk.planning.registry import PLAN_VIEW

SHOWN = 8


def _due_this_week(request: HttpRequest) -> dict:
    """Open items (not done by their links) whose last day falls from today to Sunday; the overdue counted."""
    today = timezone.localdate()
    sunday = today + datetime.timedelta(days=6 - today.weekday())
    items = with_fact(in_sight(request.user), today).filter(fact__in=OPEN_STATUSES)
    due = (
        items.filter(last_on__gte=today, last_on__lte=sunday)
        .select_related("unit", "owner")
        .prefetch_related("unit__translations")
        .order_by("last_on", "pk")
    )
    return {"due": list(due[:SHOWN]), "overdue": items.filter(overdue=True).count(), "sunday": sunday}


ui.register_card(
    ui.Card(
        key="planning.due",
        render=_due_this_week,
        template="planning/cards/plan_due.html",
        order=45,
        action=PLAN_VIEW,
    )
)
