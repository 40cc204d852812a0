"""Monitoring's dashboard card: the unseen alerts and the fresh negative mentions of the user's units.

Registered when ``registry`` imports this module; shown to those who receive
alerts (``monitoring.alerts``). Colour is never the signal: the card says
"negative" and the reason of each alert in words.

One query for both lists (the dashboard is everyone's first page): the clippings
that have an unseen alert of the user's units or are negative, fresh and mention
one of their watch entries, the alerts first; the counts are of what it read, up
to ``READ`` rows.
"""

from __future__ import annotations

import datetime

from django.db.models import Exists, F, OuterRef, Q, Subquery
from django.http import HttpRequest
from django.utils import timezone

from pressdesk.core import ui
from pressdesk.core.permissions import units_for
from pressdesk.monitoring import alerts
from pressdesk.monitoring.models import Alert, AlertReason, Clipping, Mention, Tone

FRESH = datetime.timedelta(hours=24)
SHOWN = 5
READ = 100


def _card(request: HttpRequest) -> dict:
    units = units_for(request.user, alerts.ACTION)
    since = timezone.now() - FRESH
    unseen = Alert.objects.filter(clipping=OuterRef("pk"), unit__in=units, seen_at__isnull=True).order_by("-created_at")
    mentioned = Mention.objects.filter(clipping=OuterRef("pk"), watch__unit__in=units)
    rows = list(
        Clipping.objects.annotate(
            alert_reason=Subquery(unseen.values("reason")[:1]),
            alert_watch=Subquery(unseen.values("watch__label")[:1]),
            alert_at=Subquery(unseen.values("created_at")[:1]),
        )
        .filter(Q(alert_reason__isnull=False) | Q(Exists(mentioned), tone=Tone.NEGATIVE, published_at__gte=since))
        .select_related("outlet")
        .prefetch_related("outlet__translations")
        .order_by(F("alert_at").desc(nulls_last=True), "-published_at", "-pk")[:READ]
    )
    with_alert = [row for row in rows if row.alert_reason]
    for row in with_alert:
        row.alert_reason_label = AlertReason(row.alert_reason).label
    negative = sorted(
        (row for row in rows if row.tone == Tone.NEGATIVE and row.published_at >= since),
        key=lambda row: row.published_at,
        reverse=True,
    )
    return {
        "alerts": with_alert[:SHOWN],
        "alerts_count": len(with_alert),
        "negative": negative[:SHOWN],
        "negative_count": len(negative),
        "more": len(rows) == READ,
    }


ui.register_card(
    ui.Card(
        key="monitoring.alerts", render=_card, template="monitoring/cards/alerts.html", order=35, action=alerts.ACTION
    )
)
