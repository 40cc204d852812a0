"""The period a report covers: Almaty days from ``since`` to ``until``, both included, and how it is counted over time.

A report's figures over time come in steps the period can show on one chart:
days for a period of up to two months, months up to two years, years beyond
(with a note saying so). The database counts per step with ``step_of``: a CASE
over the steps' first moments in Almaty, worked out here with the zone's own
rules, so a row is placed by comparisons alone. (``Trunc…(tzinfo=…)`` gives the
same steps, but on SQLite it calls back into Python for every row: 0.9 s of the
1.2 s a month of 26,000 clippings took in bench/reports.py.) On SQLite, days that
are all 24 hours long (no change of the zone's offset inside the period) are
counted by integer arithmetic on the Unix time instead: one call per row rather
than up to 62 string comparisons, 0.22 → 0.13 s for 89,000 clippings. A period is
at most ``MAX_YEARS`` long: a longer one is cut to its last ``MAX_YEARS`` years,
and the note says that too.
"""

from __future__ import annotations

import datetime
import zoneinfo
from dataclasses import dataclass, field

from django.conf import settings
from django.db import connection
from django.db.models import Case, F, Func, IntegerField, Value, When
from django.utils.translation import gettext as _

LOCAL = zoneinfo.ZoneInfo(settings.TIME_ZONE)
MAX_YEARS = 10
DAYS_UP_TO = 62
MONTHS_UP_TO = 731

DAY, MONTH, YEAR = "day", "month", "year"
ONE_DAY = datetime.timedelta(days=1)


class _DaysSince(Func):
    """SQLite: whole days from ``start`` (a moment) to the expression's moment, by integer arithmetic on Unix time."""

    output_field = IntegerField()

    def __init__(self, expression, *, start: datetime.datetime) -> None:
        super().__init__(expression)
        self.epoch = int(start.timestamp())

    def as_sql(self, compiler, connection, **extra):
        moment, params = compiler.compile(self.get_source_expressions()[0])
        return f"((CAST(strftime('%%s', {moment}) AS INTEGER) - %s) / 86400)", (*params, self.epoch)


def day_start(day: datetime.date) -> datetime.datetime:
    """Midnight at the start of ``day`` in Almaty."""
    return datetime.datetime.combine(day, datetime.time.min, tzinfo=LOCAL)


def month_start(day: datetime.date) -> datetime.date:
    return day.replace(day=1)


def next_month(day: datetime.date) -> datetime.date:
    return (day.replace(day=1) + datetime.timedelta(days=32)).replace(day=1)


def last_month(today: datetime.date) -> tuple[datetime.date, datetime.date]:
    """The calendar month before ``today``'s."""
    until = today.replace(day=1) - datetime.timedelta(days=1)
    return until.replace(day=1), until


def last_week(today: datetime.date) -> tuple[datetime.date, datetime.date]:
    """Monday to Sunday of the week before ``today``'s."""
    monday = today - datetime.timedelta(days=today.weekday() + 7)
    return monday, monday + datetime.timedelta(days=6)


def _years_back(day: datetime.date, years: int) -> datetime.date:
    try:
        return day.replace(year=day.year - years)
    except ValueError:  # 29 February
        return day.replace(year=day.year - years, day=28)


@dataclass(frozen=True)
class Period:
    since: datetime.date
    until: datetime.date
    notes: tuple[str, ...] = field(default=())

    @classmethod
    def of(cls, since: datetime.date, until: datetime.date) -> Period:
        """The period, cut to ``MAX_YEARS`` when longer, with a note of what was done."""
        notes = []
        earliest = _years_back(until, MAX_YEARS) + datetime.timedelta(days=1)
        if since < earliest:
            notes.append(
                _("A report covers at most %(years)s years: this one starts on %(day)s.")
                % {"years": MAX_YEARS, "day": earliest.isoformat()}
            )
            since = earliest
        period = cls(since, until)
        if period.step == YEAR:
            notes.append(_("The period is longer than two years: figures over time are given by year."))
        return cls(since, until, tuple(notes))

    @property
    def start(self) -> datetime.datetime:
        return day_start(self.since)

    @property
    def end(self) -> datetime.datetime:
        """The moment the period is over: midnight after its last day."""
        return day_start(self.until + datetime.timedelta(days=1))

    @property
    def days(self) -> int:
        return (self.until - self.since).days + 1

    @property
    def step(self) -> str:
        if self.days <= DAYS_UP_TO:
            return DAY
        return MONTH if self.days <= MONTHS_UP_TO else YEAR

    def step_of(self, field_name: str) -> Case | Func:
        """The index of the step (in ``buckets()``) that ``field_name``, a moment within the period, falls in."""
        if self.step == DAY and connection.vendor == "sqlite" and self._even_days():
            return _DaysSince(F(field_name), start=self.start)
        starts = [day_start(day) for day in self.buckets()[1:]]
        steps = [When(**{f"{field_name}__lt": start}, then=Value(index)) for index, start in enumerate(starts)]
        return Case(*steps, default=Value(len(starts)), output_field=IntegerField())

    def _even_days(self) -> bool:
        """Is every day of the period 24 hours long? (Almaty moved from UTC+6 to UTC+5 on 1 March 2024.)"""
        return self.end.timestamp() - self.start.timestamp() == self.days * ONE_DAY.total_seconds()

    def buckets(self) -> list[datetime.date]:
        """The first day of every step of the period, in order: the chart's categories."""
        out = []
        if self.step == DAY:
            return [self.since + datetime.timedelta(days=n) for n in range(self.days)]
        day = month_start(self.since) if self.step == MONTH else self.since.replace(month=1, day=1)
        while day <= self.until:
            out.append(day)
            day = next_month(day) if self.step == MONTH else day.replace(year=day.year + 1)
        return out

    def contains(self, moment: datetime.datetime) -> bool:
        return self.start <= moment < self.end
