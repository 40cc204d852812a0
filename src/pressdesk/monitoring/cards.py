"""Monitoring's dashboard card: the unseen alerts and the fresh negative mentions of the user's units.

Registered when ``registry`` imports this module; shown to those who receive
alerts (``monitoring.alerts``). Colour is never the signal: the card says
"negative" and the reason of each alert in words.
"""

from __future__ import annotations

import datetime

from django.db.models import Exists, OuterRef
from django.http import HttpRequest
from django.utils import timezone

from pressdesk.core import ui
from pressdesk.core.permissions import units_for
from pressdesk.monitoring import alerts
from pressdesk.monitoring.models import Clipping, Mention, Tone

FRESH = datetime.timedelta(hours=24)
SHOWN = 5


def _card(request: HttpRequest) -> dict | None:
    units = units_for(request.user, alerts.ACTION)
    unseen = (
        alerts.for_user(request.user)
        .filter(seen_at__isnull=True)
        .select_related("clipping__outlet", "watch")
        .prefetch_related("clipping__outlet__translations")
    )
    mentioned = Mention.objects.filter(clipping=OuterRef("pk"), watch__unit__in=units)
    negative = (
        Clipping.objects.filter(Exists(mentioned), tone=Tone.NEGATIVE, published_at__gte=timezone.now() - FRESH)
        .select_related("outlet")
        .prefetch_related("outlet__translations")
    )
    return {
        "alerts": list(unseen[:SHOWN]),
        "alerts_count": unseen.count(),
        "negative": list(negative[:SHOWN]),
        "negative_count": negative.count(),
    }


ui.register_card(
    ui.Card(
        key="monitoring.alerts", render=_card, template="monitoring/cards/alerts.html", order=35, action=alerts.ACTION
    )
)
