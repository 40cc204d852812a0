"""A press service's monitoring for alert and digest tests: outlets, watch entries, and clippings written straight in.

The pipeline's own tests go from text to clipping; these tests start after it, so
``Press.clip`` writes the rows the pipeline would leave — the clipping, its
mentions, its story (a reprint joins the story of the item it copies, and the
story's ``first`` is its earliest item) — with the times, tones and reach a test
needs, and nothing left to chance.
"""

from __future__ import annotations

import datetime
import itertools

from django.db.models import F
from django.utils import timezone

from pressdesk.monitoring.models import Clipping, Mention, Story, Tone, Watch, WatchKind
from tests.directory.conftest import Directory


def almaty(year: int, month: int, day: int, hour: int = 0, minute: int = 0) -> datetime.datetime:
    return datetime.datetime(year, month, day, hour, minute, tzinfo=timezone.get_default_timezone())


class Press:
    """The city akimat watched in a city site, a national agency and a district paper."""

    def __init__(self, world):
        self.world = world
        directory = Directory(world)
        self.city = directory.outlet("Qala24", kind="online", level="city", reach=20_000)
        self.national = directory.outlet("Orta Agency", kind="agency", level="national", reach=450_000)
        self.paper = directory.outlet("Almaly Times", kind="newspaper", level="city", reach=None)
        self.akimat = self.watch(world.body, WatchKind.ORGANISATION, "Almaty City Akimat")
        self.akim = self.watch(world.body, WatchKind.OFFICIAL, "The akim")
        self.transport = self.watch(world.body, WatchKind.TOPIC, "Public transport")
        self._numbers = itertools.count(1)

    def watch(self, unit, kind: str, label: str, *, since: datetime.datetime | None = None) -> Watch:
        return Watch.objects.create(
            unit=unit, kind=kind, label=label, names=[label], created_at=since or almaty(2026, 1, 1)
        )

    def clip(
        self,
        title: str,
        *,
        at: datetime.datetime,
        outlet=None,
        tone: str = Tone.NEUTRAL,
        watches=None,
        reprint_of: Clipping | None = None,
        language: str = "kk",
        summary: str = "",
    ) -> Clipping:
        """A stored clipping mentioning ``watches`` (the akimat by default), in a new story or ``reprint_of``'s."""
        outlet = outlet if outlet is not None else self.city
        number = next(self._numbers)
        clipping = Clipping.objects.create(
            outlet=outlet,
            url=f"https://news.demo/{number}",
            canonical_url=f"news.demo/{number}",
            title=title,
            published_at=at,
            fetched_at=at,
            language=language,
            text=f"{title}. {summary}",
            summary=summary,
            tone=tone,
            reach=outlet.reach,
        )
        for watch in [self.akimat] if watches is None else watches:
            Mention.objects.create(clipping=clipping, watch=watch, evidence=watch.label)
        if reprint_of is None:
            story = Story.objects.create(first=clipping, title=title, created_at=at, last_seen_at=at)
        else:
            story = reprint_of.story
            Story.objects.filter(pk=story.pk).update(size=F("size") + 1)
            if at < story.first.published_at:
                Story.objects.filter(pk=story.pk).update(first=clipping, title=title, created_at=at)
        Clipping.objects.filter(pk=clipping.pk).update(story=story)
        clipping.refresh_from_db()
        return clipping
