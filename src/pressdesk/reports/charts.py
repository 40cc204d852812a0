"""Charts the reports need beyond monitoring's stacked bars: horizontal bars (with shares) and an honest "no data".

Built on ``pressdesk.monitoring.charts`` (its series, patterns, text and scale),
so every chart of the page and the PDF reads the same way: ``role="img"`` with a
title and a description that says the figures, a pattern as well as a colour,
and the numbers written as text. A chart with nothing to show says so in words
instead of drawing an empty frame.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from html import escape

from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from pressdesk.monitoring import charts
from pressdesk.monitoring.charts import INK, Layout, Series

# Colours and patterns for series that have no colour of their own (outlets, topics, types), in order.
PALETTE = (
    ("#1d70b8", "solid"),
    ("#f47738", "hatch"),
    ("#00703c", "dots"),
    ("#912b88", "cross"),
    ("#b1b4b6", "solid"),
    ("#d4351c", "hatch"),
    ("#28a197", "dots"),
    ("#6f72af", "cross"),
)
WIDTH = 640
ROW = 22
LABEL_WIDTH = 200


def palette(index: int) -> dict[str, str]:
    colour, pattern = PALETTE[index % len(PALETTE)]
    return {"colour": colour, "pattern": pattern}


def _open(ident: str, title: str, description: str, height: int) -> list[str]:
    return [
        f'<svg xmlns="http://www.w3.org/2000/svg" role="img" aria-labelledby="{ident}-title {ident}-desc"'
        f' viewBox="0 0 {WIDTH} {height}" width="100%" preserveAspectRatio="xMidYMid meet" class="chart">',
        f'<title id="{ident}-title">{escape(title)}</title>',
        f'<desc id="{ident}-desc">{escape(description)}</desc>',
    ]


def no_data(*, ident: str, title: str, message: str = "") -> SafeString:
    """A framed box that says there is nothing to draw, read out by screen readers as such."""
    ident = charts._ident(ident)
    message = message or _("No data for this period.")
    out = _open(ident, title, message, 80)
    out.append(f'<rect x="1" y="1" width="{WIDTH - 2}" height="78" fill="#f3f2f1" stroke="#b1b4b6"/>')
    out.append(charts._text(WIDTH / 2, 45, message, "no-data", size=14))
    out.append("</svg>")
    return mark_safe("".join(out))


def stacked_bars(
    *,
    ident: str,
    title: str,
    description: str,
    categories: Sequence[str],
    series: Sequence[Series],
    values: Mapping[str, Sequence[int]],
) -> SafeString:
    """Monitoring's stacked bars over time, with a label every so many steps so they never overlap; or "no data"."""
    if not any(any(values[s.key]) for s in series):
        return no_data(ident=ident, title=title)
    return charts.stacked_bars(
        ident=ident,
        title=title,
        description=description,
        categories=categories,
        series=series,
        values=values,
        label_every=max(1, -(-len(categories) // 12)),
        layout=Layout(width=WIDTH),
    )


def hbars(
    *,
    ident: str,
    title: str,
    description: str,
    rows: Sequence[tuple[str, int]],
    shares: bool = False,
) -> SafeString:
    """One horizontal bar per row (label, count), longest first as given; ``shares`` writes each as a percentage too."""
    if not rows or not any(count for _label, count in rows):
        return no_data(ident=ident, title=title)
    ident = charts._ident(ident)
    whole = sum(count for _label, count in rows)
    top = charts.nice_ceiling(max(count for _label, count in rows))
    left, right = LABEL_WIDTH, 90
    span = WIDTH - left - right
    height = ROW * len(rows) + 8
    figures = [f"{label}: {_figure(count, whole, shares)}" for label, count in rows]
    out = _open(ident, title, f"{description} {'; '.join(figures)}.".strip(), height)
    series = [Series(key=f"row-{index}", label=label, **palette(index)) for index, (label, _c) in enumerate(rows)]
    out.append("<defs>" + "".join(charts._pattern(ident, s) for s in series) + "</defs>")
    out.append(f'<line x1="{left}" x2="{left}" y1="2" y2="{height - 4}" stroke="{INK}" stroke-width="1"/>')
    for index, ((label, count), s) in enumerate(zip(rows, series, strict=True)):
        y = 4 + index * ROW
        width = span * count / top
        short = label if len(label) <= 30 else label[:29] + "…"
        out.append(charts._text(left - 6, y + 14, short, "category", anchor="end", size=11))
        if count:
            out.append(
                f'<rect x="{left}" y="{y + 2}" width="{width:.1f}" height="{ROW - 6}"'
                f' fill="url(#{ident}-{charts._ident(s.key)})" stroke="{INK}" stroke-width="0.5">'
                f"<title>{escape(label)}: {escape(_figure(count, whole, shares))}</title></rect>"
            )
        out.append(charts._text(left + width + 6, y + 14, _figure(count, whole, shares), "total", anchor="start"))
    out.append("</svg>")
    return mark_safe("".join(out))


def _figure(count: int, whole: int, shares: bool) -> str:
    if not shares:
        return str(count)
    return _("%(percent)s%% (%(count)s)") % {"percent": round(100 * count / whole) if whole else 0, "count": count}
