"""What reports add to core when they start: actions, navigation, audit words.

The analytics and the monthly report are read by those who answer for a unit's
press work (the head, the press secretaries, the analyst); schedules that mail
them are kept by the press secretary and the analyst.
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from pressdesk.core import audit, ui
from pressdesk.core.models import Role
from pressdesk.core.permissions import register_action

VIEW = "reports.view"
SCHEDULE = "reports.schedule"

register_action(
    VIEW,
    _("See the analytics and the monthly report"),
    [Role.HEAD, Role.PRESS_SECRETARY, Role.ANALYST, Role.UNIT_PRESS_SECRETARY],
)
register_action(SCHEDULE, _("Schedule reports by email"), [Role.PRESS_SECRETARY, Role.ANALYST])

audit.register_labels(
    {
        "reports.schedule.created": _("scheduled report created"),
        "reports.schedule.changed": _("scheduled report changed"),
        "reports.schedule.deactivated": _("scheduled report stopped"),
        "reports.schedule.activated": _("scheduled report started again"),
    }
)

ui.register_module(
    ui.Module(
        key="reports",
        label=_("Analytics"),
        summary=_("Coverage, share of voice, pickup, inquiries, events and accreditation; the monthly report."),
        url_name="reports:analytics",
        action=VIEW,
        order=92,
    )
)
