"""The letters of media inquiries, each in its reader's language: the journalist's is the request's."""

from __future__ import annotations

from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from pressdesk.inquiries.models import Inquiry


def _send(language: str, subject: str, template: str, context: dict, to: list[str]) -> None:
    with translation.override(language):
        body = render_to_string(template, context)
        send_mail(str(subject), body, None, to)


def receipt(inquiry: Inquiry) -> None:
    with translation.override(inquiry.language):
        subject = _("Your request %(number)s is received") % {"number": inquiry.number}
    _send(inquiry.language, subject, "inquiries/email/receipt.txt", {"inquiry": inquiry}, [inquiry.requester_email])


def answer(inquiry: Inquiry) -> None:
    with translation.override(inquiry.language):
        subject = _("Answer to your request %(number)s") % {"number": inquiry.number}
    _send(inquiry.language, subject, "inquiries/email/answer.txt", {"inquiry": inquiry}, [inquiry.requester_email])


def staff_link(inquiry: Inquiry, language: str) -> str:
    with translation.override(language):
        return settings.SITE_URL + reverse("inquiries:detail", args=[inquiry.pk])


def assignment(inquiry: Inquiry) -> None:
    user = inquiry.assignee
    with translation.override(user.language):
        subject = _("A media request for you: %(number)s, due %(due)s") % {
            "number": inquiry.number,
            "due": inquiry.due_on.isoformat(),
        }
    context = {"inquiry": inquiry, "user": user, "link": staff_link(inquiry, user.language)}
    _send(user.language, subject, "inquiries/email/assignment.txt", context, [user.email])


REMINDER_SUBJECTS = {
    "due_in_2": gettext_lazy("Two working days left: request %(number)s"),
    "due_in_1": gettext_lazy("One working day left: request %(number)s"),
    "overdue": gettext_lazy("Overdue: request %(number)s"),
    "notice_due": gettext_lazy("Tell the outlet of the extension: request %(number)s"),
}


def reminder(inquiry: Inquiry, user, kind: str) -> None:
    with translation.override(user.language):
        subject = str(REMINDER_SUBJECTS[kind]) % {"number": inquiry.number}
    context = {"inquiry": inquiry, "user": user, "kind": kind, "link": staff_link(inquiry, user.language)}
    _send(user.language, subject, "inquiries/email/reminder.txt", context, [user.email])
