"""Scheduled reports: which period is due, the claim that sends it once, and the sending.

A weekly report covers Monday to Sunday of the week before and goes on Monday;
a monthly one covers the month before and goes on the 1st — both from
``REPORTS_SEND_HOUR`` (Almaty, 7 by default), so a worker that runs hourly sends
each in the morning, and one that was down sends it when it is back.

**Once.** Before a schedule's report is made, its period is claimed by a
conditional UPDATE of ``Schedule.last_period`` (only from an earlier period to
this one): two runs, or two workers, send one report per period. When no letter
could go (the mail server refused them all) the claim is given back and the
next run tries again; a ``Delivery`` row keeps what went to whom.
"""

from __future__ import annotations

import datetime
import logging

from django.conf import settings
from django.db.models import Q
from django.utils import timezone

from pressdesk.core.models import User
from pressdesk.core.permissions import holders
from pressdesk.reports import report
from pressdesk.reports.models import Delivery, Frequency, Schedule
from pressdesk.reports.period import Period, last_month, last_week, next_month
from pressdesk.reports.registry import VIEW

log = logging.getLogger(__name__)

DEFAULT_HOUR = 7


def send_hour() -> int:
    return getattr(settings, "REPORTS_SEND_HOUR", DEFAULT_HOUR)


def due_period(frequency: str, now: datetime.datetime | None = None) -> tuple[datetime.date, datetime.date]:
    """The last period of ``frequency`` whose report is due by ``now``: (first day, last day)."""
    local = timezone.localtime(now or timezone.now())
    today = local.date() - datetime.timedelta(days=0 if local.hour >= send_hour() else 1)
    return last_week(today) if frequency == Frequency.WEEKLY else last_month(today)


def next_sending(schedule: Schedule, now: datetime.datetime | None = None) -> datetime.date:
    """The day the schedule's next report goes."""
    first, _last = due_period(schedule.frequency, now)
    if schedule.last_period is None or schedule.last_period < first:
        return timezone.localdate(now)
    if schedule.frequency == Frequency.WEEKLY:
        return first + datetime.timedelta(days=14)
    return next_month(next_month(first))


def claim(schedule_id: int, first_day: datetime.date) -> bool:
    """Take the period for this run; False when another run took it (or the schedule was stopped)."""
    earlier = Q(last_period__isnull=True) | Q(last_period__lt=first_day)
    return Schedule.objects.filter(earlier, pk=schedule_id, active=True).update(last_period=first_day) == 1


def unclaim(schedule_id: int, first_day: datetime.date, previous: datetime.date | None) -> None:
    Schedule.objects.filter(pk=schedule_id, last_period=first_day).update(last_period=previous)


def readers(schedule: Schedule) -> list[User]:
    """The chosen recipients who still may read the unit's report (a role taken away ends the letters)."""
    allowed = holders(VIEW, schedule.unit).values("pk")
    return list(schedule.recipients.filter(pk__in=allowed, is_active=True).order_by("full_name"))


def deliver(schedule: Schedule, first: datetime.date, last: datetime.date) -> int:
    """Make the schedule's report of the period and mail it; how many letters went (the claim is the caller's)."""
    from pressdesk.reports import mail

    built = report.build(schedule.unit, Period.of(first, last))
    people = readers(schedule)
    sent = mail.letters(built, schedule, people)
    error = "" if sent or not people else "no letter could be sent"
    Delivery.objects.update_or_create(
        schedule=schedule,
        first_day=first,
        defaults={"last_day": last, "recipients": sent, "sent_at": timezone.now(), "error": error},
    )
    return sent


def send_due(now: datetime.datetime | None = None) -> int:
    """Every active schedule's due report, each period once; returns how many reports this run sent."""
    sent = 0
    schedules = Schedule.objects.filter(active=True).select_related("unit").prefetch_related("unit__translations")
    for schedule in schedules:
        first, last = due_period(schedule.frequency, now)
        previous = schedule.last_period
        if (previous is not None and previous >= first) or not claim(schedule.pk, first):
            continue
        try:
            letters = deliver(schedule, first, last)
        except Exception:  # one schedule's failure must not keep the others' reports
            log.exception("reports: the report of schedule %s for %s failed", schedule.pk, first)
            unclaim(schedule.pk, first, previous)
            continue
        if letters == 0 and readers(schedule):
            unclaim(schedule.pk, first, previous)  # the mail server refused them all: the next run tries again
            continue
        sent += 1
    return sent
