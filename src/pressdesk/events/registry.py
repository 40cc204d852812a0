"""What events add to core when they start: actions, navigation, audit words, the dashboard card."""

from __future__ import annotations

import datetime

from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from pressdesk.core import audit, audit_display, ui
from pressdesk.core.models import Role
from pressdesk.core.permissions import ALL_ROLES, register_action, units_for
from pressdesk.events.models import EventKind, EventStatus

PLANNERS = [Role.PRESS_SECRETARY, Role.PRESS_OFFICER, Role.UNIT_PRESS_SECRETARY]

register_action("events.view", _("See events, registrations and questions"), ALL_ROLES)
register_action("events.plan", _("Plan events, invite journalists, staff the press centre"), PLANNERS)

audit.register_labels(
    {
        "events.event.planned": _("event planned"),
        "events.event.changed": _("event changed"),
        "events.event.cancelled": _("event cancelled"),
        "events.event.held": _("event held"),
        "events.event.materials_linked": _("materials linked to the event"),
        "events.registration.created": _("journalist registered"),
        "events.registration.cancelled": _("registration cancelled"),
        "events.registration.promoted": _("journalist moved up from the waiting list"),
        "events.registration.checked_in": _("journalist came"),
    }
)

audit_display.register_keys(
    {
        "starts_at": _("starts"),
        "ends_at": _("ends"),
        "venue_id": _("venue"),
        "attendance_manual": _("journalists present"),
        "speakers": _("speakers"),
        "topics": _("topic"),
        "materials": _("materials"),
        "journalist": _("journalist"),
    },
    choices={"kind": EventKind.choices, "status": EventStatus.choices},
)

ui.register_module(
    ui.Module(
        key="events",
        label=_("Events"),
        summary=_("Press conferences, briefings, interviews, registrations and questions."),
        url_name="events:list",
        action="events.view",
        order=50,
    )
)


def _week_card(request: HttpRequest) -> dict | None:
    from pressdesk.events.models import Event

    now = timezone.now()
    upcoming = (
        Event.objects.filter(
            unit__in=units_for(request.user, "events.view"),
            status=EventStatus.PLANNED,
            starts_at__gte=now,
            starts_at__lt=now + datetime.timedelta(days=7),
        )
        .select_related("venue")
        .prefetch_related("translations", "venue__translations")[:6]
    )
    return {"upcoming": list(upcoming)}


ui.register_card(
    ui.Card(key="events.week", render=_week_card, template="events/cards/week.html", order=40, action="events.view")
)
