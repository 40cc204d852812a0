"""The daily round: who is reminded of which request, once per request, kind and day."""

from __future__ import annotations

import datetime
import logging

from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone

from pressdesk.core import workdays
from pressdesk.core.models import Membership, Role, User
from pressdesk.inquiries import mail
from pressdesk.inquiries.models import Inquiry, Reminder

log = logging.getLogger(__name__)


def press_secretaries(inquiry: Inquiry) -> list[User]:
    """The press secretary of the request's unit and of the units above it."""
    path = inquiry.unit.path
    above = [path[: i + 7] for i in range(0, len(path), 7)]
    memberships = Membership.objects.active().filter(
        Q(role=Role.PRESS_SECRETARY, unit__path__in=above) | Q(role=Role.UNIT_PRESS_SECRETARY, unit=inquiry.unit)
    )
    return list(User.objects.filter(pk__in=memberships.values("user"), is_active=True))


def _remind(inquiry: Inquiry, kind: str, key: datetime.date, people: list[User]) -> int:
    """Send once per request, kind and key; one bad address neither stops the round nor re-mails the others."""
    try:
        with transaction.atomic():
            Reminder.objects.create(inquiry=inquiry, kind=kind, for_date=key)
    except IntegrityError:
        return 0
    sent = 0
    for person in people:
        try:
            mail.reminder(inquiry, person, kind)
        except Exception:  # the mail server refused this one letter: log it, go on with the round
            log.exception("reminder %s for %s to %s could not be sent", kind, inquiry.number, person.email)
        else:
            sent += 1
    return sent


def send_due_reminders(today: datetime.date | None = None) -> int:
    """The daily round. Advance reminders are keyed by the due date, so a weekend or a second run sends nothing
    new, and an extension (a new due date) arms them again."""
    today = today or timezone.localdate()
    open_ = Inquiry.objects.open().select_related("unit", "assignee")
    sent = 0
    # "Two working days left": due before the third working day from today (a weekend due date counts too).
    for inquiry in open_.filter(due_on__gt=today, due_on__lt=workdays.add_working_days(today, 3)):
        left = workdays.working_days_between(today, inquiry.due_on)
        kind = "due_in_2" if left >= 2 else "due_in_1"
        people = [inquiry.assignee] if inquiry.assignee else press_secretaries(inquiry)
        sent += _remind(inquiry, kind, inquiry.due_on, people)
    for inquiry in open_.filter(due_on__lt=today):
        people = press_secretaries(inquiry) + ([inquiry.assignee] if inquiry.assignee else [])
        sent += _remind(inquiry, "overdue", today, list(dict.fromkeys(people)))
    for inquiry in open_.filter(extended_on__isnull=False, notice_sent_at__isnull=True, notice_due_on__lte=today):
        sent += _remind(inquiry, "notice_due", today, press_secretaries(inquiry))
    return sent
