"""Server-rendered SVG charts: stacked bars of counts per period, one renderer for the page and the PDF.

A pure module (no models, no requests): the caller gives the categories (hours,
days …), the series (tones, kinds …) and the counts, and gets markup to put in a
template. Built to be read by everyone:

* ``role="img"`` with a ``<title>`` and a ``<desc>`` (what the chart shows, then
  ``describe()``'s sentence of the totals and the peak) that screen readers say;
* every series has a fill pattern as well as a colour (hatched, dotted, plain),
  and the legend names it in words with its total, so colour is never the only
  signal and a black-and-white print still reads;
* the axis and the total above each bar are text, and each segment carries its
  own ``<title>`` ("09:00 — Negative: 3").

Pages should still show the table behind a chart (STYLE.md): the chart is the
picture, the table the figures.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from html import escape

from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

PATTERNS = ("solid", "hatch", "dots", "cross")
FONT = "DejaVu Sans, Arial, sans-serif"
INK = "#0b0c0c"


@dataclass(frozen=True)
class Series:
    key: str
    label: str
    colour: str  # the fill; the pattern's marks are drawn over it in ``mark``
    pattern: str = "solid"  # one of PATTERNS
    mark: str = "#ffffff"


@dataclass(frozen=True)
class Layout:
    width: int = 640
    height: int = 260
    left: int = 44
    right: int = 8
    top: int = 22
    bottom: int = 56  # the category labels and the legend

    @property
    def plot_width(self) -> float:
        return self.width - self.left - self.right

    @property
    def plot_height(self) -> float:
        return self.height - self.top - self.bottom


def nice_ceiling(value: int) -> int:
    """The smallest 1, 2 or 5 × 10ⁿ at or above ``value`` (at least 1): the top of the scale."""
    if value <= 1:
        return 1
    power = 10 ** math.floor(math.log10(value))
    for step in (1, 2, 5, 10):
        if step * power >= value:
            return step * power
    return 10 * power


def totals(categories: Sequence[str], series: Sequence[Series], values: Mapping[str, Sequence[int]]) -> list[int]:
    return [sum(values[s.key][i] for s in series) for i in range(len(categories))]


def describe(categories: Sequence[str], series: Sequence[Series], values: Mapping[str, Sequence[int]]) -> str:
    """One sentence of the figures: each series' total, then the busiest category."""
    per_bar = totals(categories, series, values)
    parts = ", ".join(_("%(label)s: %(count)s") % {"label": s.label, "count": sum(values[s.key])} for s in series)
    sentence = _("In all %(total)s: %(parts)s.") % {"total": sum(per_bar), "parts": parts}
    if per_bar and max(per_bar) > 0:
        peak = per_bar.index(max(per_bar))
        sentence += " " + _("Most in %(category)s: %(count)s.") % {"category": categories[peak], "count": per_bar[peak]}
    return sentence


def _ident(text: str) -> str:
    return re.sub(r"[^a-z0-9-]+", "-", text.lower()).strip("-") or "chart"


def _pattern(ident: str, series: Series) -> str:
    pid = f"{ident}-{_ident(series.key)}"
    base = f'<rect width="8" height="8" fill="{escape(series.colour)}"/>'
    mark = escape(series.mark)
    marks = {
        "solid": "",
        "hatch": f'<path d="M-2,2 l4,-4 M0,8 l8,-8 M6,10 l4,-4" stroke="{mark}" stroke-width="1.6"/>',
        "dots": f'<circle cx="2" cy="2" r="1.3" fill="{mark}"/><circle cx="6" cy="6" r="1.3" fill="{mark}"/>',
        "cross": f'<path d="M0,4 h8 M4,0 v8" stroke="{mark}" stroke-width="1.4"/>',
    }
    if series.pattern not in marks:
        raise ValueError(f"unknown pattern {series.pattern!r}; one of {PATTERNS}")
    return f'<pattern id="{pid}" width="8" height="8" patternUnits="userSpaceOnUse">{base}{marks[series.pattern]}</pattern>'


def _text(x: float, y: float, content: str, role: str, *, anchor: str = "middle", size: int = 10) -> str:
    return (
        f'<text class="{role}" x="{x:.1f}" y="{y:.1f}" text-anchor="{anchor}" font-size="{size}"'
        f' font-family="{FONT}" fill="{INK}">{escape(content)}</text>'
    )


def stacked_bars(
    *,
    ident: str,
    title: str,
    description: str,
    categories: Sequence[str],
    series: Sequence[Series],
    values: Mapping[str, Sequence[int]],
    label_every: int = 1,
    layout: Layout = Layout(),
) -> SafeString:
    """An SVG of one stacked bar per category; ``values[series.key][i]`` is the count of series in category i.

    ``ident`` makes the ids of the title, description and patterns unique on a page with
    several charts; ``label_every`` writes every n-th category under the axis (24 hours fit
    one label in three). ``description`` says what is counted; the figures are added to it.
    """
    for s in series:
        if len(values[s.key]) != len(categories):
            raise ValueError(f"series {s.key!r} has {len(values[s.key])} values for {len(categories)} categories")
    ident = _ident(ident)
    per_bar = totals(categories, series, values)
    top = nice_ceiling(max(per_bar, default=0))
    scale = layout.plot_height / top
    base_y = layout.top + layout.plot_height
    slot = layout.plot_width / max(len(categories), 1)
    bar = max(slot * 0.7, 1.0)
    full_description = f"{description} {describe(categories, series, values)}".strip()

    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" role="img" aria-labelledby="{ident}-title {ident}-desc"'
        f' viewBox="0 0 {layout.width} {layout.height}" width="100%" preserveAspectRatio="xMidYMid meet"'
        f' class="chart">',
        f'<title id="{ident}-title">{escape(title)}</title>',
        f'<desc id="{ident}-desc">{escape(full_description)}</desc>',
        "<defs>" + "".join(_pattern(ident, s) for s in series) + "</defs>",
    ]
    # The scale: a line and a label at zero, half and the top.
    for mark in sorted({0, top // 2, top}) if top > 1 else (0, 1):
        y = base_y - mark * scale
        colour = INK if mark == 0 else "#b1b4b6"
        out.append(
            f'<line x1="{layout.left}" x2="{layout.width - layout.right}" y1="{y:.1f}" y2="{y:.1f}"'
            f' stroke="{colour}" stroke-width="{1 if mark == 0 else 0.5}"/>'
        )
        out.append(_text(layout.left - 6, y + 4, str(mark), "scale", anchor="end"))
    for i, category in enumerate(categories):
        x = layout.left + i * slot + (slot - bar) / 2
        y = base_y
        group = ['<g class="bar">']
        for s in series:
            count = values[s.key][i]
            if count <= 0:
                continue
            height = count * scale
            y -= height
            group.append(
                f'<rect x="{x:.1f}" y="{y:.1f}" width="{bar:.1f}" height="{height:.1f}"'
                f' fill="url(#{ident}-{_ident(s.key)})" stroke="{INK}" stroke-width="0.5">'
                f"<title>{escape(category)} — {escape(s.label)}: {count}</title></rect>"
            )
        if per_bar[i]:
            group.append(_text(x + bar / 2, y - 4, str(per_bar[i]), "total"))
        group.append("</g>")
        out.append("".join(group))
        if i % max(label_every, 1) == 0:
            out.append(_text(layout.left + i * slot + slot / 2, base_y + 14, category, "category"))
    out.append(_legend(ident, series, values, layout))
    out.append("</svg>")
    return mark_safe("".join(out))


def _legend(ident: str, series: Sequence[Series], values: Mapping[str, Sequence[int]], layout: Layout) -> str:
    y = layout.height - 14
    step = layout.plot_width / max(len(series), 1)
    items = []
    for index, s in enumerate(series):
        x = layout.left + index * step
        items.append(
            f'<rect x="{x:.1f}" y="{y - 11:.1f}" width="14" height="14" fill="url(#{ident}-{_ident(s.key)})"'
            f' stroke="{INK}" stroke-width="0.5"/>'
        )
        items.append(_text(x + 20, y, f"{s.label}: {sum(values[s.key])}", "legend", anchor="start", size=11))
    return '<g class="legend">' + "".join(items) + "</g>"
