"""Demo monitoring: the akimat's watchlist, a week of the demo outlets' articles ingested, and the sources' health.

The watchlist names the akimat, the akim, two departments and three topics, each in
the ways the press writes them. The corpus (``demo_corpus``) is written to a
temporary folder dated back from now and ingested through ``ingest.ingest_dir``, the
same path as ``pressdesk monitor ingest --from``: reprints fold into stories, the
outlets that took our releases count as pickup, the region's akimat is no mention
of the city's. The feeds it came from get their monitoring sources with a week of
reads behind them — one paper's feed broken for a day, a channel's site slow once.
The demo's outlets do not exist, so in demo mode the worker reads no source (see
``tasks``).

A second run finds the watchlist by its labels, every article by its address and
the sources' history, and adds nothing.
"""

from __future__ import annotations

import datetime
import json
import random
import tempfile
from pathlib import Path

from django.utils import timezone

from pressdesk.core import demo as core_demo
from pressdesk.core.models import Unit
from pressdesk.directory.models import OutletFeed
from pressdesk.monitoring import demo_corpus, pipeline
from pressdesk.monitoring.ingest import ingest_dir
from pressdesk.monitoring.models import Clipping, FetchLog, FetchResult, Mention, Source, SourceHealth, Story, Watch
from pressdesk.monitoring.sources import source_for_feed

HOME_UNIT = "almaty-akimat"
WATCHES = [
    (
        "organisation",
        "Алматы қаласының әкімдігі",
        ["Алматы қаласының әкімдігі", "акимат Алматы", "Almaty city akimat"],
        False,
    ),
    ("official", "Дәурен Ахметов", ["Дәурен Ахметов", "Алматы әкімі", "аким Алматы"], True),
    (
        "organisation",
        "Қалалық мобильділік басқармасы",
        ["Қалалық мобильділік басқармасы", "управление городской мобильности", "Department of Urban Mobility"],
        False,
    ),
    (
        "organisation",
        "Экология және қоршаған орта басқармасы",
        ["Экология және қоршаған орта басқармасы", "управление экологии и окружающей среды"],
        False,
    ),
    ("topic", "Қоғамдық көлік", ["қоғамдық көлік", "общественный транспорт", "public transport", "электробус"], False),
    (
        "topic",
        "Ауа сапасы",
        ["ауа сапасы", "ауаның ластануы", "качество воздуха", "загрязнение воздуха", "смог"],
        False,
    ),
    ("topic", "Су құбыры", ["су құбыры", "водопровод"], False),
]
# The feeds whose last reads failed, and why (as the fetcher and the parser say it).
FAILING = {
    "https://predgorie.demo/rss.xml": (3, "The feed is not well-formed XML: mismatched tag."),
    "https://birlik.demo/rss.xml": (1, "The site did not answer in time."),
}
READS_PER_DAY = 4
HISTORY_DAYS = 7


def register() -> None:
    core_demo.register_loader(load)


def load(units: dict[str, Unit]) -> dict[str, int]:
    pipeline.forget_compiled()
    _watchlist(units[HOME_UNIT])
    with tempfile.TemporaryDirectory(prefix="pressdesk-demo-corpus-") as folder:
        demo_corpus.write(Path(folder), timezone.now())
        _sources(_feed_urls(Path(folder)))
        ingest_dir(folder)
    return {
        "clippings": Clipping.objects.count(),
        "stories": Story.objects.count(),
        "mentions": Mention.objects.count(),
        "sources": Source.objects.count(),
    }


def _watchlist(unit: Unit) -> None:
    existing = set(Watch.objects.filter(unit=unit).values_list("label", flat=True))
    for kind, label, names, initials in WATCHES:
        if label not in existing:
            Watch.objects.create(unit=unit, kind=kind, label=label, names=names, initials=initials)


def _feed_urls(folder: Path) -> list[str]:
    return list(json.loads((folder / "manifest.json").read_text(encoding="utf-8"))["feeds"].values())


def _sources(feed_urls: list[str]) -> None:
    now = timezone.now()
    for feed in OutletFeed.objects.filter(url__in=feed_urls).order_by("pk"):
        source = source_for_feed(feed)
        if source.fetches.exists():
            continue
        _history(source, now)


def _history(source: Source, now: datetime.datetime) -> None:
    """A week of reads every six hours: new items now and then, the validators matching in between."""
    rng = random.Random(source.feed.url)
    failing, reason = FAILING.get(source.feed.url, (0, ""))
    reads = HISTORY_DAYS * READS_PER_DAY
    logs = []
    last_success = None
    for number in range(reads):
        started = now - datetime.timedelta(hours=(reads - number) * 24 / READS_PER_DAY)
        failed = number >= reads - failing
        result = FetchResult.ERROR if failed else rng.choice([FetchResult.OK, FetchResult.OK, FetchResult.NOT_MODIFIED])
        new = rng.randint(0, 4) if result == FetchResult.OK else 0
        logs.append(
            FetchLog(
                source=source,
                started_at=started,
                result=result,
                http_status=None if failed else (200 if result == FetchResult.OK else 304),
                items_seen=20 if result == FetchResult.OK else 0,
                items_new=new,
                error=reason if failed else "",
                duration_ms=rng.randint(180, 1400) if not failed else 20_000,
            )
        )
        if not failed:
            last_success = started
    FetchLog.objects.bulk_create(logs)
    Source.objects.filter(pk=source.pk).update(
        last_fetch_at=logs[-1].started_at,
        last_success_at=last_success,
        error_streak=failing,
        last_error=reason,
        health=SourceHealth.FAILING if failing else SourceHealth.OK,
        etag=f'"{rng.getrandbits(32):08x}"',
        next_fetch_at=logs[-1].started_at + datetime.timedelta(minutes=source.every_minutes * 2**failing),
    )
