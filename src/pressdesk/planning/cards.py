"""The dashboard card of the press plan: items due this week, and how many are overdue."""

from __future__ import annotations

import datetime

from django.db.models import Count, Q
from django.db.models.functions import Coalesce
from django.http import HttpRequest
from django.utils import timezone

from pressdesk.core import ui
from pressdesk.planning.access import in_sight
from pressdesk.planning.plan_fact import open_q, overdue_q
from pressdesk.planning.registry import PLAN_VIEW

SHOWN = 8


def _due_this_week(request: HttpRequest) -> dict:
    """Open items (not done by their links) whose last day falls from today to Sunday; the overdue counted."""
    today = timezone.localdate()
    sunday = today + datetime.timedelta(days=6 - today.weekday())
    items = in_sight(request.user).filter(open_q())
    last_day = Coalesce("ends_on", "starts_on")
    this_week = Q(ends_on__range=(today, sunday)) | Q(ends_on__isnull=True, starts_on__range=(today, sunday))
    # One query for both counts; the list is fetched only when something is due.
    counts = items.aggregate(due=Count("pk", filter=this_week), overdue=Count("pk", filter=overdue_q(today)))
    due = []
    if counts["due"]:
        due = list(
            items.filter(this_week)
            .annotate(last_on=last_day)
            .select_related("unit", "owner")
            .prefetch_related("unit__translations")
            .order_by("last_on", "pk")[:SHOWN]
        )
    return {"due": due, "more": counts["due"] - len(due), "overdue": counts["overdue"], "sunday": sunday}


ui.register_card(
    ui.Card(
        key="planning.due",
        render=_due_this_week,
        template="planning/cards/plan_due.html",
        order=45,
        action=PLAN_VIEW,
    )
)
