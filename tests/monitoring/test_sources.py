"""Sources: added through the directory, scheduled, paused, read from a real server, claimed by one worker, healthy or not."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone
from django.utils.translation import override

from pressdesk.core.models import AuditEntry
from pressdesk.core.services import DomainError
from pressdesk.monitoring import pipeline, sources, tasks
from pressdesk.monitoring.fetching import Fetcher, Limits, RobotsCache
from pressdesk.monitoring.models import Clipping, FetchLog, FetchResult, Source, SourceHealth
from tests.directory.conftest import Directory
from tests.monitoring.web import Route, Site, Story, page, rss

pytestmark = pytest.mark.django_db

ALMATY = datetime.timezone(datetime.timedelta(hours=5))
PARAGRAPHS = [
    "Алматы қаласының әкімдігі Әуезов ауданында жаңа мектеп ашты. Мектеп 1200 оқушыға арналған.",
    "Онда 60 сынып, спорт залы мен кітапхана бар. Құрылыс қала бюджеті есебінен жүргізілді.",
]


@pytest.fixture
def outlet(world):
    return Directory(world).outlet("Қала24", website="https://qala24.demo/", reach=5000)


def fetcher() -> Fetcher:
    return Fetcher(Limits(host_delay=0, retries=0, read_timeout=0.3, total_seconds=2), robots=RobotsCache())


def stories(count: int = 2) -> list[Story]:
    now = datetime.datetime.now(ALMATY).replace(microsecond=0)
    return [
        Story(f"/kk/news/{n}", f"Жаңалық {n}", [f"{n}-жаңалық. {p}" for p in PARAGRAPHS], now, language="kk")
        for n in range(1, count + 1)
    ]


def serve(site: Site, items: list[Story]) -> str:
    for item in items:
        site.add(item.path, page(item))
    return site.add("/rss.xml", rss(site, items), content_type="application/rss+xml", etag='"1"')


def test_a_source_is_added_through_the_directory_and_audited(outlet, press_secretary):
    source = sources.source_add(
        actor=press_secretary,
        outlet=outlet,
        url="https://qala24.demo/sitemap-news.xml",
        kind="sitemap",
        every_minutes=15,
    )
    assert (source.feed.outlet, source.feed.kind, source.every_minutes) == (outlet, "sitemap", 15)
    assert source.next_fetch_at is not None
    actions = list(AuditEntry.objects.values_list("action", flat=True).order_by("pk"))
    assert actions[-2:] == ["directory.outlet.changed", "monitoring.source.added"]
    with override("en"), pytest.raises(DomainError, match="already read"):
        sources.source_add(actor=press_secretary, outlet=outlet, url="https://qala24.demo/sitemap-news.xml")
    with override("en"), pytest.raises(DomainError, match="https://"):
        sources.source_add(actor=press_secretary, outlet=outlet, url="qala24 feed")
    with override("en"), pytest.raises(DomainError, match="minutes"):
        sources.source_add(actor=press_secretary, outlet=outlet, url="https://qala24.demo/rss", every_minutes=1)


def test_a_source_is_rescheduled_paused_and_resumed(outlet, press_secretary):
    source = sources.source_add(actor=press_secretary, outlet=outlet, url="https://qala24.demo/rss.xml")
    source = sources.source_schedule(actor=press_secretary, source=source, every_minutes=60)
    assert source.every_minutes == 60
    source = sources.source_pause(actor=press_secretary, source=source)
    assert (source.active, source.health) == (False, SourceHealth.PAUSED)
    assert sources.due_ids() == [] and not sources.claim(source.pk, due_only=False)
    with override("en"), pytest.raises(DomainError, match="already paused"):
        sources.source_pause(actor=press_secretary, source=source)
    source = sources.source_resume(actor=press_secretary, source=source)
    assert (source.active, source.health) == (True, SourceHealth.NEW)
    assert sources.due_ids() == [source.pk]


def test_a_source_is_read_then_asked_only_whether_it_changed(site, outlet, press_secretary):
    items = stories()
    source = sources.source_add(actor=press_secretary, outlet=outlet, url=serve(site, items))
    with fetcher() as client:
        first = sources.read(source, client, pipeline.Batch.start())
        second = sources.read(source, client, pipeline.Batch.start())
    assert (first.result, first.http_status, first.items_seen, first.items_new) == (FetchResult.OK, 200, 2, 2)
    assert (second.result, second.http_status, second.items_new) == (FetchResult.NOT_MODIFIED, 304, 0)
    source.refresh_from_db()
    assert (source.health, source.error_streak, source.etag, source.claimed_at) == (SourceHealth.OK, 0, '"1"', None)
    assert source.next_fetch_at > timezone.now() + datetime.timedelta(minutes=29)
    clipping = Clipping.objects.get(url=site.url("/kk/news/1"))
    assert (clipping.source, clipping.outlet, clipping.reach, clipping.text) == (
        source,
        outlet,
        5000,
        "\n".join(f"1-жаңалық. {p}" for p in PARAGRAPHS),
    )


@pytest.mark.parametrize(
    ("route", "reason"),
    [
        ({"body": b"<rss><channel><item><title>cut", "content_type": "application/rss+xml"}, "not well-formed"),
        ({"body": b"\x89PNG\r\n\x1a\n" + b"\0" * 64, "content_type": "image/png"}, "image/png"),
        ({"body": b"down", "status": 500, "content_type": "text/plain"}, "500"),
        ({"body": b"<rss/>", "delay": 1, "content_type": "application/rss+xml"}, "in time"),
    ],
    ids=["broken xml", "binary", "server error", "timeout"],
)
def test_a_source_that_fails_is_marked_failing_and_backs_off(site, outlet, press_secretary, route, reason):
    site.routes["/feed"] = Route(**route)
    source = sources.source_add(actor=press_secretary, outlet=outlet, url=site.url("/feed"), every_minutes=10)
    with override("en"), fetcher() as client:
        log = sources.read(source, client, pipeline.Batch.start())
        sources.read(source, client, pipeline.Batch.start())
    assert log.result == FetchResult.ERROR and reason in log.error
    source.refresh_from_db()
    assert (source.health, source.error_streak) == (SourceHealth.FAILING, 2)
    assert reason in source.last_error
    assert source.next_fetch_at >= timezone.now() + datetime.timedelta(minutes=39)  # 10 × 2²
    assert sources.health([source])[0].failures == 2


def test_robots_txt_that_disallows_the_feed_is_recorded_as_skipped(site, outlet, press_secretary):
    site.add("/robots.txt", "User-agent: *\nDisallow: /\n", content_type="text/plain")
    source = sources.source_add(actor=press_secretary, outlet=outlet, url=serve(site, stories(1)))
    with fetcher() as client:
        log = sources.read(source, client, pipeline.Batch.start())
    assert log.result == FetchResult.SKIPPED and site.asked("/rss.xml") == 0
    assert Source.objects.get(pk=source.pk).health == SourceHealth.FAILING


def test_one_failing_page_does_not_stop_the_others(site, outlet, press_secretary):
    items = stories(3)
    url = serve(site, items)
    site.add(items[1].path, b"\0\0\0\0binary", content_type="application/octet-stream")
    source = sources.source_add(actor=press_secretary, outlet=outlet, url=url)
    with fetcher() as client:
        log = sources.read(source, client, pipeline.Batch.start())
    # The page that failed is stored from what the feed says of it.
    assert (log.result, log.items_new) == (FetchResult.OK, 3)
    assert Clipping.objects.get(url=site.url(items[1].path)).text == items[1].paragraphs[0]


def test_two_workers_never_read_one_source_at_once(outlet, press_secretary):
    source = sources.source_add(actor=press_secretary, outlet=outlet, url="https://qala24.demo/rss.xml")
    assert sources.claim(source.pk) is True
    assert sources.claim(source.pk) is False
    assert sources.due_ids() == []
    Source.objects.filter(pk=source.pk).update(
        claimed_at=timezone.now() - sources.CLAIM_TIMEOUT - datetime.timedelta(1)
    )
    assert sources.claim(source.pk) is True  # the first worker died holding it


def test_the_task_reads_due_sources_and_leaves_the_others(site, outlet, press_secretary):
    due = sources.source_add(actor=press_secretary, outlet=outlet, url=serve(site, stories(1)))
    later = sources.source_add(actor=press_secretary, outlet=outlet, url=site.url("/other.xml"))
    Source.objects.filter(pk=later.pk).update(next_fetch_at=timezone.now() + datetime.timedelta(hours=1))
    held = sources.source_add(actor=press_secretary, outlet=outlet, url=site.url("/held.xml"))
    sources.claim(held.pk)
    with fetcher() as client:
        assert tasks.read_due(fetcher=client) == 1
    assert FetchLog.objects.get().source == due
    assert site.asked("/other.xml") == 0 and site.asked("/held.xml") == 0


def test_health_counts_items_per_day_over_the_week(outlet, press_secretary):
    source = sources.source_add(actor=press_secretary, outlet=outlet, url="https://qala24.demo/rss.xml")
    now = timezone.now()
    for days, new in [(1, 14), (3, 7), (10, 100)]:
        sources.record(
            source, result=FetchResult.OK, started=now - datetime.timedelta(days=days), duration=0.1, items_new=new
        )
    (figures,) = sources.health([source])
    assert (figures.items_per_day, figures.reads, figures.error_streak) == (3.0, 2, 0)
    assert figures.last_success_at is not None


def test_in_demo_mode_no_source_is_read(site, outlet, press_secretary, settings):
    settings.DEMO_MODE = True
    source = sources.source_add(actor=press_secretary, outlet=outlet, url=serve(site, stories(1)))
    with fetcher() as client:
        assert tasks.read_due(fetcher=client) == 0
    assert tasks.fetch_source.call(source.pk) is False
    assert site.requests == [] and not FetchLog.objects.exists()
