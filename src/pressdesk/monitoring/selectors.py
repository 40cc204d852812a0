"""Monitoring's reads for its pages: result rows, a clipping's context, stories, pickup, sources, the watch preview.

Every list is loaded in a fixed number of queries (the page tests pin them). The
watch preview runs a draft entry, unsaved, over recent clippings with the engine
the pipeline runs (``matching.Watchlist``) and tells what it would match and what
its exclusions cancel.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace

from django.db.models import Count, Prefetch, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from pressdesk.core.models import User
from pressdesk.directory.models import Outlet
from pressdesk.monitoring import matching, pickup, sources
from pressdesk.monitoring.access import watches_in_sight
from pressdesk.monitoring.digest import day_bounds
from pressdesk.monitoring.models import Clipping, FetchLog, Mention, Source, Story, Watch
from pressdesk.monitoring.watchlist import Entry, analyzer_language
from pressdesk.publications.access import in_sight as materials_in_sight
from pressdesk.publications.models import Material
from pressdesk.text import tokens

STORY_CLIPPINGS = 100
STORIES_SHOWN = 30
PREVIEW_ITEMS = 300
PREVIEW_SHOWN = 50
WATCH_COUNT_DAYS = 30


def for_rows(clippings: QuerySet[Clipping], user: User) -> QuerySet[Clipping]:
    """What a row of results shows: outlet, story, and the matches of the watch entries the user sees."""
    mentions = Mention.objects.filter(watch__in=watches_in_sight(user)).select_related("watch").order_by("watch__label")
    return clippings.select_related("outlet", "story").prefetch_related(
        "outlet__translations", Prefetch("mentions", queryset=mentions, to_attr="seen_mentions")
    )


def outlet_choices() -> list[Outlet]:
    """Every outlet a clipping may come from, by name."""
    return sorted(Outlet.objects.with_names(), key=lambda outlet: outlet.name.casefold())


# One clipping


@dataclass
class ClippingContext:
    mentions: list[Mention]
    story: list[Clipping]  # the story's clippings, earliest first (the first is marked by story.first_id)
    story_size: int
    material: Material | None
    corrections: list


def clipping_context(user: User, clipping: Clipping) -> ClippingContext:
    mentions = list(
        clipping.mentions.filter(watch__in=watches_in_sight(user)).select_related("watch").order_by("watch__label")
    )
    story: list[Clipping] = []
    size = 0
    material = None
    if clipping.story_id is not None:
        size = clipping.story.size
        story = list(
            Clipping.objects.filter(story_id=clipping.story_id)
            .select_related("outlet")
            .prefetch_related("outlet__translations")
            .order_by("published_at", "pk")[:STORY_CLIPPINGS]
        )
        if clipping.story.material_id is not None:
            material = materials_in_sight(user).filter(pk=clipping.story.material_id).first()
    corrections = list(clipping.tone_corrections.select_related("by")[:10])
    return ClippingContext(mentions, story, size, material, corrections)


# Stories and pickup


def stories(since: datetime.date, until: datetime.date, limit: int = STORIES_SHOWN) -> list[Story]:
    """The largest stories seen in the Almaty days ``since``–``until``, with their earliest clipping and outlet."""
    start, end = day_bounds(since)[0], day_bounds(until)[1]
    return list(
        Story.objects.filter(created_at__lt=end, last_seen_at__gte=start)
        .select_related("first__outlet", "material")
        .prefetch_related("first__outlet__translations", "material__translations")
        .order_by("-size", "-last_seen_at", "-pk")[:limit]
    )


@dataclass
class Release:
    material: Material
    figures: pickup.Pickup
    outlets: list[Outlet] = field(default_factory=list)


def releases(user: User, since: datetime.date, until: datetime.date) -> list[Release]:
    """The user's materials that went public in the Almaty days ``since``–``until``, with their pickup."""
    start, end = day_bounds(since)[0], day_bounds(until)[1]
    materials = list(
        materials_in_sight(user)
        .public(end)
        .with_public_time()
        .filter(shown_at__gte=start, shown_at__lt=end)
        .prefetch_related("translations")
        .order_by("-shown_at", "-pk")
    )
    figures = pickup.pickups(materials)
    wanted = {pk for result in figures.values() for pk in result.outlet_ids}
    outlets = {outlet.pk: outlet for outlet in Outlet.objects.filter(pk__in=wanted).with_names()}
    return [
        Release(
            material, figures[material.pk], [outlets[pk] for pk in figures[material.pk].outlet_ids if pk in outlets]
        )
        for material in materials
    ]


# Watch entries


def watchlist(user: User) -> QuerySet[Watch]:
    """The entries in sight with their mentions of the last ``WATCH_COUNT_DAYS`` days, active first."""
    since = timezone.now() - datetime.timedelta(days=WATCH_COUNT_DAYS)
    return (
        watches_in_sight(user)
        .select_related("unit")
        .prefetch_related("unit__translations")
        .annotate(recent=Count("mentions", filter=Q(mentions__clipping__published_at__gte=since)))
        .order_by("-active", "kind", "label", "pk")
    )


@dataclass
class PreviewHit:
    clipping: Clipping
    quotes: list[str]


@dataclass
class Preview:
    days: int
    read: int  # clippings read
    matched: list[PreviewHit]
    cancelled: list[PreviewHit]  # matched by the names, cancelled by the exclusions
    matched_count: int = 0
    cancelled_count: int = 0


def preview(entry: Entry, days: int, *, limit: int = PREVIEW_ITEMS) -> Preview:
    """What the draft ``entry`` would match among the latest ``limit`` clippings of the last ``days`` days."""
    with_exclusions = matching.Watchlist([entry])
    bare = matching.Watchlist([replace(entry, exclude=())]) if entry.exclude else with_exclusions
    since = timezone.now() - datetime.timedelta(days=days)
    clippings = list(
        Clipping.objects.filter(published_at__gte=since)
        .select_related("outlet")
        .prefetch_related("outlet__translations")
        .order_by("-published_at", "-pk")[:limit]
    )
    result = Preview(days=days, read=len(clippings), matched=[], cancelled=[])
    for clipping in clippings:
        whole = f"{clipping.title}\n{clipping.text}" if clipping.title else clipping.text
        language = clipping.language if clipping.language in matching.LANGUAGES else "other"
        words = tokens(whole, analyzer_language(language))
        hits = with_exclusions.find(whole, words, language)
        if hits:
            result.matched_count += 1
            if len(result.matched) < PREVIEW_SHOWN:
                result.matched.append(PreviewHit(clipping, _quotes(hits)))
        elif bare is not with_exclusions and (cancelled := bare.find(whole, words, language)):
            result.cancelled_count += 1
            if len(result.cancelled) < PREVIEW_SHOWN:
                result.cancelled.append(PreviewHit(clipping, _quotes(cancelled)))
    return result


def _quotes(hits: Iterable[matching.Hit]) -> list[str]:
    return list(dict.fromkeys(hit.quote for hit in hits))


# Sources


def source_list() -> list[sources.Health]:
    """Every source with its health, by outlet."""
    rows = Source.objects.select_related("feed__outlet").prefetch_related("feed__outlet__translations")
    ordered = sorted(rows, key=lambda source: (source.feed.outlet.name.casefold(), source.feed.url))
    return sources.health(ordered)


def recent_reads(source: Source, limit: int = 30) -> list[FetchLog]:
    return list(source.fetches.all()[:limit])


# Export


def export_header() -> list[str]:
    return [
        _("Published (Almaty)"),
        _("Outlet"),
        _("Title"),
        _("Type"),
        _("Language"),
        _("Tone"),
        _("Tone set by an analyst"),
        _("Watch entries"),
        _("Items in the story"),
        _("Address"),
        _("Programme"),
        _("Summary"),
    ]


def export_rows(clippings: QuerySet[Clipping]) -> Iterator[list[object]]:
    for clipping in clippings.iterator(chunk_size=500):
        yield [
            timezone.localtime(clipping.published_at).strftime("%Y-%m-%d %H:%M"),
            clipping.outlet.name if clipping.outlet else "",
            clipping.title,
            clipping.get_kind_display(),
            clipping.get_language_display(),
            clipping.get_tone_display(),
            _("yes") if clipping.tone_corrected else "",
            "; ".join(mention.watch.label for mention in clipping.seen_mentions),
            clipping.story.size if clipping.story else 1,
            clipping.url,
            clipping.programme,
            clipping.summary,
        ]
