"""The staff calendar's grids: which days a month or a week shows, and which events fall on each.

Pure functions over dates and events (anything with ``starts_at``/``ends_at``);
the view fetches the events of ``Period.starts_at``..``Period.ends_at`` and
hands them here. Days are Almaty days: an event belongs to the local date it starts on.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from babel.dates import format_skeleton, get_day_names
from django.utils import timezone, translation

VIEWS = ("month", "week", "list")
# The hours a week always shows; earlier or later events widen it.
WORKING_HOURS = range(8, 19)


@dataclass(frozen=True)
class Period:
    view: str
    first: datetime.date  # first day shown
    last: datetime.date  # last day shown (inclusive)
    anchor: datetime.date  # the day the user asked for (the month or week it belongs to)
    previous: datetime.date
    next: datetime.date

    @property
    def starts_at(self) -> datetime.datetime:
        return _local_midnight(self.first)

    @property
    def ends_at(self) -> datetime.datetime:
        return _local_midnight(self.last + datetime.timedelta(days=1))


@dataclass
class Day:
    date: datetime.date
    in_period: bool = True
    events: list = field(default_factory=list)


@dataclass
class HourRow:
    hour: int
    cells: list[list]  # one list of events per day of the week


def _local_midnight(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time()))


def _monday(day: datetime.date) -> datetime.date:
    return day - datetime.timedelta(days=day.weekday())


def _add_months(day: datetime.date, months: int) -> datetime.date:
    index = day.year * 12 + day.month - 1 + months
    return datetime.date(index // 12, index % 12 + 1, 1)


def parse_day(value: str | None, today: datetime.date) -> datetime.date:
    """``?date=YYYY-MM-DD`` or today when it is missing or not a date (a bad link still shows a calendar)."""
    try:
        day = datetime.date.fromisoformat(value or "")
    except ValueError:
        return today
    return day if 2000 <= day.year <= 9998 else today


def period(view: str, anchor: datetime.date) -> Period:
    """The days a view shows around ``anchor``: a month (whole weeks for the grid), or a week from Monday."""
    if view == "week":
        monday = _monday(anchor)
        step = datetime.timedelta(days=7)
        return Period(view, monday, monday + datetime.timedelta(days=6), anchor, monday - step, monday + step)
    month = anchor.replace(day=1)
    following = _add_months(month, 1)
    if view == "month":
        first = _monday(month)
        last = _monday(following - datetime.timedelta(days=1)) + datetime.timedelta(days=6)
    else:  # the list: the month itself
        first, last = month, following - datetime.timedelta(days=1)
    return Period(view, first, last, anchor, _add_months(month, -1), following)


def by_day(events: Iterable) -> dict[datetime.date, list]:
    days: dict[datetime.date, list] = defaultdict(list)
    for event in events:
        days[timezone.localtime(event.starts_at).date()].append(event)
    return days


def month_grid(span: Period, events: Iterable) -> list[list[Day]]:
    """Weeks (Monday first) of the month grid; days of the neighbouring months are marked out of period."""
    days = by_day(events)
    weeks: list[list[Day]] = []
    day = span.first
    while day <= span.last:
        week = []
        for _index in range(7):
            week.append(Day(day, day.month == span.anchor.month, days.get(day, [])))
            day += datetime.timedelta(days=1)
        weeks.append(week)
    return weeks


def week_days(span: Period, events: Iterable) -> list[Day]:
    days = by_day(events)
    return [
        Day(span.first + datetime.timedelta(days=n), True, days.get(span.first + datetime.timedelta(days=n), []))
        for n in range(7)
    ]


def week_hours(days: Sequence[Day]) -> list[HourRow]:
    """Rows of hours for the week grid: working hours, widened to hold every event; events sit in their start hour."""
    hours = set(WORKING_HOURS)
    for day in days:
        hours.update(timezone.localtime(event.starts_at).hour for event in day.events)
    rows = []
    for hour in range(min(hours), max(hours) + 1):
        cells = [[e for e in day.events if timezone.localtime(e.starts_at).hour == hour] for day in days]
        rows.append(HourRow(hour, cells))
    return rows


def _locale() -> str:
    return translation.get_language() or "kk"


def month_label(day: datetime.date) -> str:
    """ "March 2025", "март 2025 г.", "2025 ж. наурыз" in the active language."""
    return format_skeleton("yMMMM", day, locale=_locale())


def day_label(day: datetime.date) -> str:
    """A column of the week: "Thu, 6 Mar" as the active language writes it."""
    return format_skeleton("MMMEd", day, locale=_locale())


def weekday_names() -> list[str]:
    """Monday to Sunday in the active language."""
    names = get_day_names("wide", locale=_locale())
    return [names[n] for n in range(7)]
