"""Is this a working day in Kazakhstan, and when is a deadline?

A working day is Monday to Friday unless the calendar (``CalendarDay``) says
otherwise: public holidays and transferred days off are not working days, a
Saturday or Sunday made a working day by a government transfer is one.

Counting follows the Civil Code: a period of N working days starts on the day
after the event, so N working days "after" a day never include that day. An
event on a non-working day (a media inquiry that arrives on Saturday) is taken
as happening on the next working day, the day the office registers it; the time
of day does not matter, the law knows no closing hour. Dates are in Asia/Almaty.

Each call needs the exceptions of one or two years; they are read in one query
and kept per process. The service that changes the calendar clears this
process's copy at once; other processes (other web workers, the task worker)
reload theirs after ``CACHE_SECONDS``, which is fine for a calendar that changes
a few times a year and weeks before the day.
"""

from __future__ import annotations

import datetime
import threading
import time

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from pressdesk.core.models import CalendarDay, DayKind, Role
from pressdesk.core.permissions import register_action

register_action("core.manage_calendar", _("Keep the working-day calendar"), [Role.PRESS_SECRETARY])

CACHE_SECONDS = 300
ONE_DAY = datetime.timedelta(days=1)

_lock = threading.Lock()
_years: dict[int, dict[datetime.date, str]] = {}
_loaded_at = 0.0


def forget() -> None:
    """Drop this process's copy of the calendar; the next call reads it again."""
    global _loaded_at
    with _lock:
        _years.clear()
        _loaded_at = 0.0


def _exceptions(first_year: int, last_year: int) -> dict[datetime.date, str]:
    """The exceptions of the years ``first_year``..``last_year``, with at most one query."""
    global _loaded_at
    with _lock:
        if _years and time.monotonic() - _loaded_at > CACHE_SECONDS:
            _years.clear()
        missing = [year for year in range(first_year, last_year + 1) if year not in _years]
        if missing:
            loaded: dict[int, dict[datetime.date, str]] = {year: {} for year in missing}
            rows = CalendarDay.objects.filter(date__year__gte=missing[0], date__year__lte=missing[-1]).values_list(
                "date", "kind"
            )
            for day, kind in rows:
                if day.year in loaded:
                    loaded[day.year][day] = kind
            if not _years:
                _loaded_at = time.monotonic()
            _years.update(loaded)
        merged: dict[datetime.date, str] = {}
        for year in range(first_year, last_year + 1):
            merged.update(_years[year])
        return merged


def _is_working(day: datetime.date, exceptions: dict[datetime.date, str]) -> bool:
    kind = exceptions.get(day)
    if kind is None:
        return day.weekday() < 5
    return kind == DayKind.WORKING_DAY


def is_working_day(day: datetime.date) -> bool:
    return _is_working(day, _exceptions(day.year, day.year))


class _Walker:
    """Steps through days, loading a further year only if a walk runs past the ones it expected."""

    def __init__(self, start: datetime.date, horizon_days: int) -> None:
        self.first = (start - datetime.timedelta(days=horizon_days)).year
        self.last = (start + datetime.timedelta(days=horizon_days)).year
        self.exceptions = _exceptions(self.first, self.last)

    def working(self, day: datetime.date) -> bool:
        if day.year > self.last or day.year < self.first:
            self.first, self.last = min(self.first, day.year), max(self.last, day.year)
            self.exceptions = _exceptions(self.first, self.last)
        return _is_working(day, self.exceptions)


def _horizon(n: int) -> int:
    # Seven calendar days hold at least five working days, less the longest holiday run (about ten days).
    return n * 7 // 5 + 14


def _step(start: datetime.date, n: int, direction: int, walker: _Walker | None = None) -> datetime.date:
    walker = walker or _Walker(start, _horizon(n))
    day, left = start, n
    while left:
        day += direction * ONE_DAY
        if walker.working(day):
            left -= 1
    return day


def add_working_days(start: datetime.date, n: int) -> datetime.date:
    """The ``n``-th working day after ``start`` (``start`` itself when ``n`` is 0)."""
    if n < 0:
        raise ValueError("n must be zero or more; use working_days_before() to count back")
    return _step(start, n, +1)


def working_days_before(day: datetime.date, n: int) -> datetime.date:
    """The ``n``-th working day before ``day``: when a reminder ``n`` working days ahead of a due date fires."""
    if n < 0:
        raise ValueError("n must be zero or more")
    return _step(day, n, -1)


def next_working_day(day: datetime.date) -> datetime.date:
    """The first working day after ``day`` (never ``day`` itself)."""
    return add_working_days(day, 1)


def working_days_between(a: datetime.date, b: datetime.date) -> int:
    """Working days after ``a`` up to and including ``b``; negative when ``b`` is before ``a``.

    So ``working_days_between(d, add_working_days(d, n)) == n``.
    """
    if b < a:
        return -working_days_between(b, a)
    exceptions = _exceptions(a.year, b.year)
    count, day = 0, a
    while day < b:
        day += ONE_DAY
        count += _is_working(day, exceptions)
    return count


def counting_day(day: datetime.date) -> datetime.date:
    """The day an event counts as happening: ``day`` if it is a working day, else the next working day."""
    return _after_counting_day(day, 0)


def _after_counting_day(day: datetime.date, n: int) -> datetime.date:
    # One walker for both steps, so a deadline costs at most one query.
    walker = _Walker(day, _horizon(n))
    start = day if walker.working(day) else _step(day, 1, +1, walker)
    return _step(start, n, +1, walker)


def inquiry_answer_days() -> int:
    return getattr(settings, "INQUIRY_ANSWER_WORKING_DAYS", 5)


def inquiry_due(received_at: datetime.datetime, working_days: int | None = None) -> datetime.date:
    """The last day to answer a media inquiry received at ``received_at`` (Law "On Mass Media", Art. 36).

    Received on a working day D: due ``add_working_days(D, 5)``. Received on a
    Saturday, Sunday or holiday: counting starts from the next working day, as
    if it had arrived then.
    """
    n = inquiry_answer_days() if working_days is None else working_days
    if n < 1:
        raise ValueError("an inquiry needs at least one working day to be answered")
    return _after_counting_day(timezone.localdate(received_at), n)


def extension_due(due: datetime.date, days: int, limit: int | None = None) -> datetime.date:
    """The new due date after the one allowed extension of ``days`` calendar days.

    Calendar days, exactly as the law says: the result may fall on a weekend,
    and the body answers by then (we do not move it later, which would exceed
    the limit the outlet was told).
    """
    limit = getattr(settings, "INQUIRY_EXTENSION_CALENDAR_DAYS", 15) if limit is None else limit
    if days < 1 or days > limit:
        raise ValueError(f"an extension is 1 to {limit} calendar days, not {days}")
    return due + datetime.timedelta(days=days)


def notice_due(decided_on: datetime.date, working_days: int | None = None) -> datetime.date:
    """The last day to tell the outlet of an extension decided on ``decided_on``."""
    n = getattr(settings, "INQUIRY_EXTENSION_NOTICE_WORKING_DAYS", 2) if working_days is None else working_days
    if n < 0:
        raise ValueError("working_days must be zero or more")
    return _after_counting_day(decided_on, n)


def year_exceptions(year: int) -> list[CalendarDay]:
    """The calendar rows of one year, for the calendar page."""
    return list(CalendarDay.objects.filter(date__year=year).select_related("changed_by"))
