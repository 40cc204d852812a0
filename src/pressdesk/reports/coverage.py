"""Coverage of a unit in the media over a period, counted by the database.

**The unit's items** are the clippings published in the period that mention a
watch entry of one of the report's units (the unit and those below it that the
reader sees); a clipping that mentions several counts once. Two grouped
queries give everything, however many clippings there are:

* per step of the period (``Period.step_of``, Almaty time) × tone × type × language × outlet (the largest
  ``TOP_OUTLETS`` outlets named, the rest summed);
* per step × watch entry (mentions): the share of voice among the watched
  organisations and the coverage of each watched topic.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Count, Exists, OuterRef, Q, QuerySet

from pressdesk.directory.models import Outlet
from pressdesk.monitoring.models import Clipping, ClippingKind, Language, Mention, Tone, WatchKind
from pressdesk.reports.period import Period

TOP_OUTLETS = 10
TOP_TOPICS = 8
TONES = (Tone.NEGATIVE, Tone.NEUTRAL, Tone.POSITIVE)


@dataclass
class Named:
    """A figure of one outlet, organisation or topic."""

    key: object
    label: object  # a string, or an outlet whose name is read in the reader's language
    count: int
    share: float = 0.0  # of the section's total, 0–1

    @property
    def name(self) -> str:
        return self.label.name if isinstance(self.label, Outlet) else str(self.label)


@dataclass
class Coverage:
    period: Period
    total: int = 0
    # code → counts per step of the period (the order of ``period.buckets()``)
    by_tone: dict[str, list[int]] = field(default_factory=dict)
    by_kind: dict[str, list[int]] = field(default_factory=dict)
    by_language: dict[str, list[int]] = field(default_factory=dict)
    outlets: list[Named] = field(default_factory=list)
    other_outlets: int = 0
    voice: list[Named] = field(default_factory=list)  # the watched organisations, most mentioned first
    topics: list[Named] = field(default_factory=list)
    topics_over_time: dict[int, list[int]] = field(default_factory=dict)  # watch id → counts per step

    @property
    def empty(self) -> bool:
        return self.total == 0

    def totals(self, series: dict[str, list[int]]) -> dict[str, int]:
        return {code: sum(counts) for code, counts in series.items()}


def unit_items(period: Period, unit_ids: list[int]) -> QuerySet[Clipping]:
    """The clippings of the period that mention a watch entry of the units, each once."""
    mentioned = Mention.objects.filter(clipping=OuterRef("pk"), watch__unit__in=unit_ids)
    return Clipping.objects.filter(Exists(mentioned), published_at__gte=period.start, published_at__lt=period.end)


def _zeros(codes, steps: int) -> dict[str, list[int]]:
    return {code: [0] * steps for code in codes}


def count(period: Period, unit_ids: list[int]) -> Coverage:
    buckets = period.buckets()
    result = Coverage(
        period,
        by_tone=_zeros(TONES, len(buckets)),
        by_kind=_zeros(ClippingKind.values, len(buckets)),
        by_language=_zeros(Language.values, len(buckets)),
    )
    rows = (
        unit_items(period, unit_ids)
        .order_by()
        .annotate(step=period.step_of("published_at"))
        .values_list("step", "tone", "kind", "language", "outlet")
        .annotate(n=Count("pk"))
    )
    per_outlet: dict[int, int] = defaultdict(int)
    for step, tone, kind, language, outlet, number in rows:
        result.total += number
        for series, code in ((result.by_tone, tone), (result.by_kind, kind), (result.by_language, language)):
            series.setdefault(code, [0] * len(buckets))[step] += number
        if outlet is not None:
            per_outlet[outlet] += number
    if result.total:
        _outlets(result, per_outlet)
        _watches(result, period, unit_ids)
    return result


def _outlets(result: Coverage, per_outlet: dict[int, int]) -> None:
    """The largest outlets, from the same pass as the rest (a query of its own read the month's rows again)."""
    top = sorted(per_outlet.items(), key=lambda row: (-row[1], row[0]))[:TOP_OUTLETS]
    outlets = Outlet.objects.filter(pk__in=[pk for pk, _n in top]).prefetch_related("translations").in_bulk()
    result.outlets = [Named(pk, outlets[pk], n, n / result.total) for pk, n in top]
    result.other_outlets = result.total - sum(n for _pk, n in top)


def _watches(result: Coverage, period: Period, unit_ids: list[int]) -> None:
    """Mentions per watched organisation and topic, per step."""
    rows = (
        Mention.objects.filter(
            Q(watch__kind=WatchKind.ORGANISATION) | Q(watch__kind=WatchKind.TOPIC),
            watch__unit__in=unit_ids,
            clipping__published_at__gte=period.start,
            clipping__published_at__lt=period.end,
        )
        .order_by()
        .annotate(step=period.step_of("clipping__published_at"))
        .values_list("step", "watch", "watch__label", "watch__kind")
        .annotate(n=Count("pk"))
    )
    steps = len(period.buckets())
    totals: dict[int, int] = defaultdict(int)
    labels: dict[int, tuple[str, str]] = {}
    over_time: dict[int, list[int]] = {}
    for step, watch, label, kind, number in rows:
        totals[watch] += number
        labels[watch] = (label, kind)
        if kind == WatchKind.TOPIC:
            over_time.setdefault(watch, [0] * steps)[step] += number
    ranked = sorted(totals, key=lambda watch: (-totals[watch], labels[watch][0]))
    for kind, target in ((WatchKind.ORGANISATION, result.voice), (WatchKind.TOPIC, result.topics)):
        chosen = [watch for watch in ranked if labels[watch][1] == kind]
        whole = sum(totals[watch] for watch in chosen) or 1
        target.extend(Named(watch, labels[watch][0], totals[watch], totals[watch] / whole) for watch in chosen)
    result.topics_over_time = {named.key: over_time[named.key] for named in result.topics[:TOP_TOPICS]}
