"""What media inquiries add to core when they start: actions, navigation, audit words."""

from __future__ import annotations

from django.db.models import Count, F, Q
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from pressdesk.core import audit, audit_display, ui, workdays
from pressdesk.core.models import Role
from pressdesk.core.permissions import ALL_ROLES, register_action
from pressdesk.inquiries.models import AnswerForm, Channel, RefusalGround, Status

HANDLERS = [Role.PRESS_SECRETARY, Role.PRESS_OFFICER, Role.UNIT_PRESS_SECRETARY]

register_action("inquiries.view", _("See media inquiries"), ALL_ROLES)
register_action("inquiries.handle", _("Log, assign and draft answers to media inquiries"), HANDLERS)
register_action(
    "inquiries.answer",
    _("Approve and send answers to media inquiries"),
    [Role.HEAD, Role.PRESS_SECRETARY, Role.UNIT_PRESS_SECRETARY],
)
register_action("inquiries.answer_vital", _("Approve answers to requests vital to the body"), [Role.HEAD])
register_action("inquiries.extend", _("Extend the term of a media inquiry"), [Role.HEAD, Role.PRESS_SECRETARY])

ui.register_module(
    ui.Module(
        key="inquiries",
        label=_("Media inquiries"),
        summary=_("Requests from the media on the legal five-working-day clock."),
        url_name="inquiries:list",
        action="inquiries.view",
        order=70,
    )
)

audit.register_labels(
    {
        "inquiries.inquiry.received": _("media request received"),
        "inquiries.inquiry.repeated": _("the same media request came again"),
        "inquiries.inquiry.assigned": _("media request given to an expert"),
        "inquiries.inquiry.noted": _("note on a media request"),
        "inquiries.answer.drafted": _("answer drafted"),
        "inquiries.answer.submitted": _("answer sent for review"),
        "inquiries.inquiry.escalated": _("media request sent to the head"),
        "inquiries.inquiry.extended": _("term of a media request extended"),
        "inquiries.inquiry.notice_sent": _("outlet told of the extension"),
        "inquiries.inquiry.answered": _("media request answered"),
        "inquiries.inquiry.refused": _("media request refused"),
    }
)

audit_display.register_keys(
    {
        "due_on": _("answer due"),
        "channel": _("received by"),
        "outlet_in_directory": _("outlet in the directory"),
        "assignee_id": _("expert"),
        "assigned_unit_id": _("department"),
    },
    choices={
        "status": Status.choices,
        "channel": Channel.choices,
        "answer_form": AnswerForm.choices,
        "refusal_ground": RefusalGround.choices,
    },
)


def _clock_card(request: HttpRequest) -> dict | None:
    """One aggregate query: the dashboard is opened many times a day."""
    from pressdesk.inquiries.models import OPEN
    from pressdesk.inquiries.stats import CLOSED
    from pressdesk.inquiries.views import in_sight

    today = timezone.localdate()
    month = Q(received_at__date__gte=today.replace(day=1), status__in=CLOSED)
    return in_sight(request.user).aggregate(
        open=Count("pk", filter=Q(status__in=OPEN)),
        overdue=Count("pk", filter=Q(status__in=OPEN, due_on__lt=today)),
        due_soon=Count(
            "pk", filter=Q(status__in=OPEN, due_on__gte=today, due_on__lte=workdays.add_working_days(today, 2))
        ),
        closed=Count("pk", filter=month),
        on_time=Count("pk", filter=month & Q(closed_on__lte=F("due_on"))),
    )


ui.register_card(
    ui.Card(
        key="inquiries.clock",
        render=_clock_card,
        template="inquiries/cards/clock.html",
        order=30,
        action="inquiries.view",
    )
)
