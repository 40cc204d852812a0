"""The report in words: sections of key figures, tables and their charts, in the active language.

One shape for the page, the PDF and the XLSX: a ``Section`` has its key figures
(``lead``), its ``tables`` — each with the chart drawn from the same numbers —
and, when there is nothing to show, an honest ``empty`` sentence. Cells keep
numbers as numbers (a ``Share`` is a fraction 0–1 shown as a percentage), so the
XLSX gets real figures and the page formats them for the reader's language.
"""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from dataclasses import dataclass, field

from babel.numbers import format_decimal, format_percent
from django.utils import translation
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from pressdesk.core.templatetags.l10n_kk import ldate
from pressdesk.reports import charts
from pressdesk.reports.period import DAY, MONTH, Period


class Share(float):
    """A fraction (0–1) shown as a percentage."""


@dataclass
class Table:
    ident: str
    title: str
    header: list[str]
    rows: list[list]  # the first cell a label, the others numbers (int, Share) or None
    chart: SafeString | None = None
    note: str = ""

    def shown(self) -> list[list[str]]:
        """The cells as the reader's language writes them."""
        return [[cell if index == 0 else shown(cell) for index, cell in enumerate(row)] for row in self.rows]


@dataclass
class Section:
    key: str
    title: str
    lead: list[tuple[str, object]] = field(default_factory=list)  # (what, number or Share or None)
    tables: list[Table] = field(default_factory=list)
    empty: str = ""  # said instead of the tables when the section has nothing

    def lead_shown(self) -> list[tuple[str, str]]:
        return [(label, shown(value)) for label, value in self.lead]


def _locale() -> str:
    return (translation.get_language() or "kk").split("-")[0]


def shown(value: object) -> str:
    """A cell for the eye: a percentage, a number in the reader's digits, or a dash for "cannot be said"."""
    if value is None:
        return "—"
    if isinstance(value, Share):
        return format_percent(value, locale=_locale())
    if isinstance(value, (int, float)):
        return format_decimal(value, locale=_locale())
    return str(value)


def share(part: int, whole: int) -> Share | None:
    return Share(part / whole) if whole else None


def step_label(period: Period, day: datetime.date) -> str:
    """A step of the period as its chart and table name it: a day, a month or a year."""
    if period.step == DAY:
        return ldate(day, "d MMM")
    if period.step == MONTH:
        return ldate(day, "LLL y")
    return str(day.year)


def over_time(period: Period, columns: Sequence[tuple[str, Sequence[int]]]) -> list[list]:
    """Rows of (step, count per column …, in all) for the steps that have something."""
    rows = []
    for index, day in enumerate(period.buckets()):
        counts = [values[index] for _label, values in columns]
        if any(counts):
            rows.append([step_label(period, day), *counts, sum(counts)])
    return rows


def named_table(ident: str, title: str, what: str, rows: list[tuple[str, int]], description: str, **extra) -> Table:
    """A table of names with their counts and shares, and its horizontal bars (``shares``: as percentages)."""
    whole = sum(count for _name, count in rows)
    return Table(
        ident=ident,
        title=title,
        header=[what, extra.pop("counted", _("Items")), _("Share")],
        rows=[[name, count, share(count, whole)] for name, count in rows],
        chart=charts.hbars(
            ident=f"{ident}-chart", title=title, description=description, rows=rows, shares=extra.pop("shares", False)
        ),
        **extra,
    )


def sections(report) -> list[Section]:
    """Every section of ``report`` (a ``report.Report``), in the order the report reads."""
    from pressdesk.reports import tables_media, tables_work

    return [
        tables_media.coverage(report),
        tables_media.voice(report),
        tables_work.pickup(report),
        tables_work.inquiries(report),
        tables_work.events(report),
        tables_work.accreditation(report),
    ]
