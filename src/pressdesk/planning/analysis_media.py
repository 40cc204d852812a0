"""What the media said over a period, counted by the database, kept as a JSON snapshot, and drawn as a chart.

Shared by advice notes (the clippings a monitoring search finds) and analyses (the
clippings that mention a unit's watch entries). ``count(clippings, first, last)``
asks three ``GROUP BY`` queries — tone × language × type, outlet, and tone per
Almaty day or week — and returns plain data (codes and ids, never translated
words), so a snapshot reads in each reader's language and does not drift when
the clippings or outlets change later.

**Reach** is each outlet counted once, at the largest audience recorded for it in
the period (the pickup's rule): ten items in one paper do not reach ten times
its readers. **Tone over time** is per day up to ``DAILY_UP_TO`` days, per week
(Monday first) beyond, every day or week of the period present, empty ones as 0.
"""

from __future__ import annotations

import datetime

from django.db.models import Count, Exists, Max, OuterRef, QuerySet
from django.db.models.functions import TruncDate
from django.utils import timezone
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from pressdesk.core.models import Unit
from pressdesk.core.templatetags.l10n_kk import ldate
from pressdesk.directory.models import Outlet
from pressdesk.monitoring import charts
from pressdesk.monitoring.digest import TONE_SERIES, TONES, day_bounds
from pressdesk.monitoring.models import Clipping, ClippingKind, Language, Mention

TOP_OUTLETS = 10
DAILY_UP_TO = 62


def between(clippings: QuerySet[Clipping], first: datetime.date, last: datetime.date) -> QuerySet[Clipping]:
    """The clippings published from the start of ``first`` to the end of ``last``, Almaty days."""
    return clippings.filter(published_at__gte=day_bounds(first)[0], published_at__lt=day_bounds(last)[1])


def unit_coverage(unit: Unit, first: datetime.date, last: datetime.date) -> QuerySet[Clipping]:
    """The clippings of the period that mention one of the unit's own watch entries, each once (the digest's rule)."""
    mentioned = Mention.objects.filter(clipping=OuterRef("pk"), watch__unit=unit)
    return between(Clipping.objects.filter(Exists(mentioned)), first, last)


def step_of(first: datetime.date, last: datetime.date) -> str:
    return "day" if (last - first).days < DAILY_UP_TO else "week"


def _buckets(first: datetime.date, last: datetime.date, step: str) -> list[datetime.date]:
    start = first if step == "day" else first - datetime.timedelta(days=first.weekday())
    stride = datetime.timedelta(days=1 if step == "day" else 7)
    out = []
    while start <= last:
        out.append(start)
        start += stride
    return out


def count(clippings: QuerySet[Clipping], first: datetime.date, last: datetime.date) -> dict:
    """The figures of ``clippings`` (already limited to the period) as JSON-ready data."""
    clippings = clippings.order_by()
    tones = {tone.value: 0 for tone in TONES}
    languages: dict[str, int] = {}
    kinds: dict[str, int] = {}
    for tone, language, kind, n in clippings.values_list("tone", "language", "kind").annotate(n=Count("pk")):
        tones[tone] = tones.get(tone, 0) + n
        languages[language] = languages.get(language, 0) + n
        kinds[kind] = kinds.get(kind, 0) + n
    outlets = list(
        clippings.values("outlet").annotate(n=Count("pk"), reach=Max("reach")).values_list("outlet", "n", "reach")
    )
    outlets.sort(key=lambda row: (-row[1], -(row[2] or 0), row[0] or 0))
    step = step_of(first, last)
    buckets = _buckets(first, last, step)
    timeline = {day.isoformat(): {tone.value: 0 for tone in TONES} for day in buckets}
    per_day = clippings.annotate(day=TruncDate("published_at", tzinfo=timezone.get_default_timezone()))
    for day, tone, n in per_day.values_list("day", "tone").annotate(n=Count("pk")):
        if step == "week":
            day -= datetime.timedelta(days=day.weekday())
        key = max(day, buckets[0]).isoformat()
        if key in timeline:
            timeline[key][tone] = timeline[key].get(tone, 0) + n
    return {
        "first_day": first.isoformat(),
        "last_day": last.isoformat(),
        "total": sum(tones.values()),
        "tones": tones,
        "languages": languages,
        "kinds": kinds,
        "outlet_count": sum(1 for outlet, _n, _reach in outlets if outlet is not None),
        "reach": sum(reach or 0 for outlet, _n, reach in outlets if outlet is not None),
        "outlets": [{"id": outlet, "clippings": n, "reach": reach} for outlet, n, reach in outlets[:TOP_OUTLETS]],
        "step": step,
        "timeline": [{"start": key, **counts} for key, counts in timeline.items()],
    }


# Reading a snapshot back, in the reader's language


def tone_rows(figures: dict) -> list[tuple[str, str, int]]:
    """(code, label, count) for each tone, negative first."""
    return [(tone.value, str(tone.label), figures.get("tones", {}).get(tone.value, 0)) for tone in TONES]


def split_rows(figures: dict, key: str) -> list[tuple[str, int]]:
    """(label, count) of the languages or types of clippings, largest first."""
    choices = dict(Language.choices if key == "languages" else ClippingKind.choices)
    rows = [(str(choices.get(code, code)), n) for code, n in figures.get(key, {}).items() if n]
    return sorted(rows, key=lambda row: (-row[1], row[0]))


def outlet_rows(figures: dict) -> list[dict]:
    """The top outlets with their names in the active language (one query)."""
    rows = figures.get("outlets", [])
    names = {o.pk: o.name for o in Outlet.objects.filter(pk__in=[r["id"] for r in rows if r["id"]]).with_names()}
    unknown = _("Outlet not known")
    return [{**row, "name": names.get(row["id"], unknown) if row["id"] else unknown} for row in rows]


def bucket_label(start: str, step: str) -> str:
    day = datetime.date.fromisoformat(start)
    return ldate(day, "d MMM") if step == "day" else _("week of %(day)s") % {"day": ldate(day, "d MMM")}


def timeline_rows(figures: dict) -> list[tuple[str, list[int], int]]:
    """The table behind the chart: (day or week, counts by tone negative first, total), those with items only."""
    rows = []
    for point in figures.get("timeline", []):
        counts = [point.get(tone.value, 0) for tone in TONES]
        if sum(counts):
            rows.append((bucket_label(point["start"], figures.get("step", "day")), counts, sum(counts)))
    return rows


def tone_chart(figures: dict, ident: str) -> SafeString | None:
    """The tone over time as SVG stacked bars; None when there is nothing to draw (the page says so in words)."""
    points = figures.get("timeline", [])
    if not figures.get("total") or not points:
        return None
    step = figures.get("step", "day")
    categories = [ldate(datetime.date.fromisoformat(p["start"]), "d.MM") for p in points]
    series = [charts.Series(key=tone.value, label=str(tone.label), **TONE_SERIES[tone]) for tone in TONES]
    return charts.stacked_bars(
        ident=ident,
        title=_("Tone over time"),
        description=_("Items per day, stacked by tone.") if step == "day" else _("Items per week, stacked by tone."),
        categories=categories,
        series=series,
        values={tone.value: [p.get(tone.value, 0) for p in points] for tone in TONES},
        label_every=max(1, len(points) // 10),
    )
