"""Which months a view of the press plan shows: a year, a quarter or a month, and the steps before and after.

Pure functions over dates. A bad or missing date in a link falls back to today,
so a mistyped address still shows a plan; years outside ``FIRST_YEAR``..``LAST_YEAR``
are not a plan anyone keeps and fall back too.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

VIEWS = ("year", "quarter", "month")
FIRST_YEAR, LAST_YEAR = 2000, 2100


def add_months(day: datetime.date, months: int) -> datetime.date:
    """The first day of the month ``months`` away from ``day``'s month."""
    index = day.year * 12 + day.month - 1 + months
    return datetime.date(index // 12, index % 12 + 1, 1)


def month_end(day: datetime.date) -> datetime.date:
    return add_months(day, 1) - datetime.timedelta(days=1)


def parse_day(value: str | None, today: datetime.date) -> datetime.date:
    try:
        day = datetime.date.fromisoformat(value or "")
    except ValueError:
        return today
    return day if FIRST_YEAR <= day.year <= LAST_YEAR else today


@dataclass(frozen=True)
class Span:
    view: str
    first: datetime.date  # the first day of the first month
    last: datetime.date  # the last day of the last month
    previous: datetime.date
    next: datetime.date

    @property
    def months(self) -> list[datetime.date]:
        """The first day of each month shown."""
        count = (self.last.year - self.first.year) * 12 + self.last.month - self.first.month + 1
        return [add_months(self.first, n) for n in range(count)]

    @property
    def quarter(self) -> int:
        return (self.first.month - 1) // 3 + 1


def span(view: str, anchor: datetime.date) -> Span:
    """The months of ``view`` around ``anchor``: its year, its quarter or its month."""
    if view == "year":
        first, length = datetime.date(anchor.year, 1, 1), 12
    elif view == "quarter":
        first, length = datetime.date(anchor.year, (anchor.month - 1) // 3 * 3 + 1, 1), 3
    else:
        first, length = anchor.replace(day=1), 1
    following = add_months(first, length)
    return Span(view, first, following - datetime.timedelta(days=1), add_months(first, -length), following)


def years_between(first: datetime.date, last: datetime.date) -> float:
    return ((last - first).days + 1) / 365.25
