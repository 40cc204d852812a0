"""Sources: adding one for an outlet, its schedule, pausing it, reading it, and its health.

A source is the monitoring side of an outlet's feed (``directory.OutletFeed``): the
address lives in the directory with the outlet, so adding a source adds the feed
through the directory's own service (``outlet_update``, audited there), then sets its
kind (feed, sitemap, listing page) and creates the ``Source``.

**Reading** (``read``) fetches the address with its validators, parses it (a sitemap
index: its newest sitemaps too), stores the new items (``pipeline.collect``, at most
``MAX_NEW`` per read and none after ``READ_SECONDS``) and records the outcome (``record``): a ``FetchLog`` row, the
validators, and the health — a success clears the error streak; a failure (an HTTP
error, a timeout, broken XML, binary content, robots.txt) adds to it, keeps the
reason in ``last_error``, marks the source failing and backs off: the next read
comes ``every_minutes`` times 2, 4 … up to ``MAX_BACKOFF`` later.

**Health** (``health``) gives, for many sources in three queries, the last success,
the error streak, the last error and the items per day over ``HEALTH_DAYS``.
"""

from __future__ import annotations

import datetime
import logging
import time
from collections.abc import Iterable
from dataclasses import dataclass

from django.db import transaction
from django.db.models import Case, Count, Q, Sum, Value, When
from django.utils import timezone
from django.utils.translation import gettext as _

from pressdesk.core import audit
from pressdesk.core.models import User
from pressdesk.core.services import DomainError
from pressdesk.directory import services as directory
from pressdesk.directory.models import FeedKind, Outlet, OutletFeed
from pressdesk.directory.services.common import names_of
from pressdesk.monitoring import feeds, pipeline
from pressdesk.monitoring.canonical import NotAnArticleAddress, canonical_url
from pressdesk.monitoring.fetching import Blocked, Fetcher, FetchError
from pressdesk.monitoring.models import FetchLog, FetchResult, Source, SourceHealth

logger = logging.getLogger(__name__)

MIN_MINUTES = 5
MAX_MINUTES = 7 * 24 * 60
MAX_BACKOFF = datetime.timedelta(days=1)
MAX_NEW = 50
# A read stops taking new items after this long (a slow site, a long Crawl-delay), well within CLAIM_TIMEOUT.
READ_SECONDS = 300.0
HEALTH_DAYS = 7
# A claim older than this was left by a worker that died mid-read.
CLAIM_TIMEOUT = datetime.timedelta(minutes=15)


def _check_minutes(every_minutes: int) -> None:
    if not MIN_MINUTES <= every_minutes <= MAX_MINUTES:
        raise DomainError(
            _("A source is read every %(min)d minutes at the most often and once a week at the least.")
            % {"min": MIN_MINUTES}
        )


def source_for_feed(feed: OutletFeed) -> Source:
    """The monitoring source of a directory feed, created (due at once) when it has none."""
    source, _created = Source.objects.get_or_create(feed=feed, defaults={"next_fetch_at": timezone.now()})
    return source


@transaction.atomic
def source_add(
    *, actor: User | None, outlet: Outlet, url: str, kind: str = FeedKind.FEED, every_minutes: int = 30
) -> Source:
    """Read a new address of an outlet: the feed joins the outlet in the directory, the source is due at once."""
    url = url.strip()
    try:
        canonical_url(url)
    except NotAnArticleAddress:
        raise DomainError(_("Give the address of a feed, a sitemap or a page, starting with https://.")) from None
    if kind not in FeedKind.values:
        raise DomainError(_("Choose whether it is a feed, a sitemap or a listing page."))
    _check_minutes(every_minutes)
    feed = outlet.feeds.filter(url=url).first()
    if feed is None:
        directory.outlet_update(
            actor=actor,
            outlet=outlet,
            names=names_of(outlet),
            languages=outlet.language_codes,
            feeds=[*outlet.feeds.values_list("url", flat=True), url],
        )
        feed = outlet.feeds.get(url=url)
    if feed.kind != kind:
        OutletFeed.objects.filter(pk=feed.pk).update(kind=kind)
        feed.kind = kind
    if Source.objects.filter(feed=feed).exists():
        raise DomainError(_("This address is already read for this outlet."))
    source = Source.objects.create(feed=feed, every_minutes=every_minutes, next_fetch_at=timezone.now())
    audit.record(
        actor=actor,
        action="monitoring.source.added",
        target=source,
        unit=outlet.unit,
        after={"outlet": str(outlet), "url": url, "kind": kind, "every_minutes": every_minutes},
    )
    return source


@transaction.atomic
def source_schedule(*, actor: User | None, source: Source, every_minutes: int) -> Source:
    _check_minutes(every_minutes)
    source = Source.objects.select_for_update().select_related("feed__outlet").get(pk=source.pk)
    before = source.every_minutes
    if before == every_minutes:
        return source
    source.every_minutes = every_minutes
    if source.last_fetch_at is not None:
        source.next_fetch_at = source.last_fetch_at + datetime.timedelta(minutes=every_minutes)
    source.save(update_fields=["every_minutes", "next_fetch_at"])
    audit.record(
        actor=actor,
        action="monitoring.source.rescheduled",
        target=source,
        unit=source.feed.outlet.unit,
        before={"every_minutes": before},
        after={"every_minutes": every_minutes},
    )
    return source


@transaction.atomic
def source_pause(*, actor: User | None, source: Source, note: str = "") -> Source:
    source = Source.objects.select_for_update().select_related("feed__outlet").get(pk=source.pk)
    if not source.active:
        raise DomainError(_("This source is already paused."))
    source.active = False
    source.health = SourceHealth.PAUSED
    source.save(update_fields=["active", "health"])
    audit.record(actor=actor, action="monitoring.source.paused", target=source, unit=source.feed.outlet.unit, note=note)
    return source


@transaction.atomic
def source_resume(*, actor: User | None, source: Source) -> Source:
    source = Source.objects.select_for_update().select_related("feed__outlet").get(pk=source.pk)
    if source.active:
        raise DomainError(_("This source is already being read."))
    source.active = True
    source.health = (
        SourceHealth.FAILING if source.error_streak else SourceHealth.OK if source.last_success_at else SourceHealth.NEW
    )
    source.next_fetch_at = timezone.now()
    source.save(update_fields=["active", "health", "next_fetch_at"])
    audit.record(actor=actor, action="monitoring.source.resumed", target=source, unit=source.feed.outlet.unit)
    return source


# Claiming and reading


def _due(now: datetime.datetime) -> Q:
    return Q(active=True) & (Q(next_fetch_at__isnull=True) | Q(next_fetch_at__lte=now))


def _free(now: datetime.datetime) -> Q:
    return Q(claimed_at__isnull=True) | Q(claimed_at__lt=now - CLAIM_TIMEOUT)


def due_ids(now: datetime.datetime | None = None, limit: int = 100) -> list[int]:
    """Sources whose time has come and that no worker holds, the longest waiting first."""
    now = now or timezone.now()
    return list(
        Source.objects.filter(_due(now) & _free(now))
        .order_by("next_fetch_at", "pk")
        .values_list("pk", flat=True)[:limit]
    )


def claim(source_id: int, now: datetime.datetime | None = None, *, due_only: bool = True) -> bool:
    """Take a source for one read; one conditional UPDATE, so of two workers exactly one wins."""
    now = now or timezone.now()
    condition = _free(now) & (_due(now) if due_only else Q(active=True))
    return Source.objects.filter(condition, pk=source_id).update(claimed_at=now) == 1


def read(source: Source, fetcher: Fetcher, batch: pipeline.Batch) -> FetchLog:
    """Read a claimed source once and record how it went; never raises for the source's own faults."""
    started = timezone.now()
    clock = time.monotonic()
    outcome = {"result": FetchResult.OK, "http_status": None, "items_seen": 0, "items_new": 0, "error": ""}
    validators: dict[str, str] = {}
    try:
        page = fetcher.get(source.feed.url, etag=source.etag, last_modified=source.last_modified, feed=True)
        outcome["http_status"] = page.status
        if page.not_modified:
            outcome["result"] = FetchResult.NOT_MODIFIED
        else:
            listing = _listing(page, fetcher)
            outcome["items_seen"] = len(listing.entries)
            outcome["error"] = listing.warning
            outcome["items_new"] = pipeline.collect(
                listing,
                lambda url: _page(fetcher, url),
                batch,
                source=source,
                skip_reasons=(FetchError,),
                max_new=MAX_NEW,
                until=clock + READ_SECONDS,
            )
            validators = {"etag": page.etag, "last_modified": page.last_modified}
    except Blocked as error:
        outcome.update(result=FetchResult.SKIPPED, error=error.reason)
    except FetchError as error:
        outcome.update(result=FetchResult.ERROR, http_status=error.status, error=error.reason)
    except feeds.FeedError as error:
        outcome.update(result=FetchResult.ERROR, error=str(error))
    except Exception as error:  # a fault of ours must not leave the source claimed; the log keeps the trace
        logger.exception("monitoring: reading source %s failed", source.pk)
        outcome.update(result=FetchResult.ERROR, error=f"{error.__class__.__name__}: {error}"[:500])
    return record(source, started=started, duration=time.monotonic() - clock, validators=validators, **outcome)


def _page(fetcher: Fetcher, url: str) -> tuple[str, str]:
    page = fetcher.get(url)
    return page.text, page.url


def _listing(page, fetcher: Fetcher) -> feeds.Listing:
    listing = feeds.parse(page.content, url=page.url, declared=page.charset)
    if listing.kind != feeds.SITEMAP_INDEX:
        return listing
    entries: list[feeds.Entry] = []
    faults = []
    for child in listing.sitemaps:
        try:
            part = fetcher.get(child, feed=True)
            entries += feeds.parse(part.content, url=part.url, declared=part.charset).entries
        except (FetchError, feeds.FeedError) as error:
            faults.append(f"{child}: {error}")
    if faults and not entries:
        raise feeds.FeedError("; ".join(faults))
    return feeds.Listing(feeds.SITEMAP, entries=entries, warning="; ".join(faults))


def record(
    source: Source,
    *,
    result: str,
    started: datetime.datetime,
    duration: float,
    http_status: int | None = None,
    items_seen: int = 0,
    items_new: int = 0,
    error: str = "",
    validators: dict[str, str] | None = None,
) -> FetchLog:
    """Log one read, update the source's health and validators, and release its claim."""
    now = timezone.now()
    log = FetchLog.objects.create(
        source=source,
        started_at=started,
        result=result,
        http_status=http_status,
        items_seen=items_seen,
        items_new=items_new,
        error=error,
        duration_ms=int(duration * 1000),
    )
    fields = {"last_fetch_at": now, "claimed_at": None}
    if result in (FetchResult.OK, FetchResult.NOT_MODIFIED):
        fields.update(
            last_success_at=now,
            error_streak=0,
            last_error="",
            health=SourceHealth.OK,
            next_fetch_at=now + datetime.timedelta(minutes=source.every_minutes),
        )
        if validators:
            fields.update(etag=validators["etag"], last_modified=validators["last_modified"])
    else:
        streak = source.error_streak + 1
        wait = min(datetime.timedelta(minutes=source.every_minutes) * 2 ** min(streak, 10), MAX_BACKOFF)
        fields.update(error_streak=streak, last_error=error, health=SourceHealth.FAILING, next_fetch_at=now + wait)
    # Paused while it was being read: it stays paused.
    health = Case(When(active=False, then=Value(SourceHealth.PAUSED)), default=Value(fields.pop("health")))
    Source.objects.filter(pk=source.pk).update(health=health, **fields)
    source.refresh_from_db()
    return log


# Health


@dataclass
class Health:
    source: Source
    last_success_at: datetime.datetime | None
    error_streak: int
    last_error: str
    items_per_day: float
    reads: int
    failures: int


def health(sources: Iterable[Source], now: datetime.datetime | None = None) -> list[Health]:
    """The health figures of each source, in the order given (one query for the logs of all of them)."""
    sources = list(sources)
    now = now or timezone.now()
    since = now - datetime.timedelta(days=HEALTH_DAYS)
    figures = {
        row["source"]: row
        for row in FetchLog.objects.filter(source__in=sources, started_at__gte=since)
        .values("source")
        .annotate(
            new=Sum("items_new"),
            reads=Count("pk"),
            failures=Count("pk", filter=Q(result__in=[FetchResult.ERROR, FetchResult.SKIPPED])),
        )
    }
    out = []
    for source in sources:
        row = figures.get(source.pk, {})
        out.append(
            Health(
                source=source,
                last_success_at=source.last_success_at,
                error_streak=source.error_streak,
                last_error=source.last_error,
                items_per_day=round((row.get("new") or 0) / HEALTH_DAYS, 1),
                reads=row.get("reads", 0),
                failures=row.get("failures", 0),
            )
        )
    return out
