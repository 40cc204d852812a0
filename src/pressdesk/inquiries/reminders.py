"""The daily round: who is reminded of which request, once per request, kind and day."""

from __future__ import annotations

import datetime

from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone

from pressdesk.core import workdays
from pressdesk.core.models import Membership, Role, User
from pressdesk.inquiries import mail
from pressdesk.inquiries.models import Inquiry, Reminder


def press_secretaries(inquiry: Inquiry) -> list[User]:
    """The press secretary of the request's unit and of the units above it."""
    path = inquiry.unit.path
    above = [path[: i + 7] for i in range(0, len(path), 7)]
    memberships = Membership.objects.active().filter(
        Q(role=Role.PRESS_SECRETARY, unit__path__in=above) | Q(role=Role.UNIT_PRESS_SECRETARY, unit=inquiry.unit)
    )
    return list(User.objects.filter(pk__in=memberships.values("user"), is_active=True))


def _remind(inquiry: Inquiry, kind: str, day: datetime.date, people: list[User]) -> int:
    """Send once: the Reminder row is the proof; a failed letter rolls it back for the next round."""
    try:
        with transaction.atomic():
            Reminder.objects.create(inquiry=inquiry, kind=kind, for_date=day)
            for person in people:
                mail.reminder(inquiry, person, kind)
    except IntegrityError:
        return 0
    return len(people)


def send_due_reminders(today: datetime.date | None = None) -> int:
    today = today or timezone.localdate()
    open_ = Inquiry.objects.open().select_related("unit", "assignee")
    sent = 0
    for days, kind in ((2, "due_in_2"), (1, "due_in_1")):
        due = workdays.add_working_days(today, days)
        for inquiry in open_.filter(due_on=due):
            people = [inquiry.assignee] if inquiry.assignee else press_secretaries(inquiry)
            sent += _remind(inquiry, kind, today, people)
    for inquiry in open_.filter(due_on__lt=today):
        people = press_secretaries(inquiry) + ([inquiry.assignee] if inquiry.assignee else [])
        sent += _remind(inquiry, "overdue", today, list(dict.fromkeys(people)))
    for inquiry in open_.filter(extended_on__isnull=False, notice_sent_at__isnull=True, notice_due_on__lte=today):
        sent += _remind(inquiry, "notice_due", today, press_secretaries(inquiry))
    return sent
