"""The period a note's figures or an analysis covers: both days given, in order, at most two years."""

from __future__ import annotations

import datetime

from django.utils.translation import gettext as _

from pressdesk.core.services import DomainError

LONGEST_YEARS = 2


def years_later(day: datetime.date, years: int) -> datetime.date:
    """The same day ``years`` later (29 February becomes 1 March)."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return day.replace(year=day.year + years, month=3, day=1)


def period_problem(first: datetime.date | None, last: datetime.date | None) -> str | None:
    """What is wrong with the period, in words for the user, or None."""
    if first is None or last is None:
        return _("Give the first and the last day of the period.")
    if last < first:
        return _("The period ends before it begins.")
    if first.year < 2000 or last.year > 9997:
        return _("Choose a date between the years 2000 and 9997.")
    if last >= years_later(first, LONGEST_YEARS):
        return _("The period is longer than two years: choose at most two years, or make one analysis per year.")
    return None


def check_period(first: datetime.date | None, last: datetime.date | None) -> None:
    if (problem := period_problem(first, last)) is not None:
        raise DomainError(problem)
