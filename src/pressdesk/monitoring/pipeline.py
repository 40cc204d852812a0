"""From an item to a clipping: ``store()`` runs every step on one item; ``collect()`` on what a source lists.

``store(item, batch)`` (``enter(...)`` for a broadcast or print item typed in by an
analyst runs the same steps, audited):

1. the canonical address (``canonical``): an address already stored is a duplicate
   and nothing more happens;
2. language, watch entries found and tone in one pass (``read``: the steps of
   ``matching.analyse``, the engine the ``monitor match`` command runs), with the
   stems the analysts' corrections taught (``LearnedStem``) added to the lexicon;
   the tokens it read are kept for the signature and the search index;
3. an extractive summary (``summary``) and the MinHash signature (``clustering``);
4. in one transaction: the ``Clipping``, a ``Mention`` per active watch entry
   found (with the words that matched), its story (``clustering.assign``), the
   pickup of our material (``pickup.link``), the search index (``indexing``) and
   the alerts it calls for (``alerts``).

A bad item (no address, no text, anything that raises) is skipped with the reason
logged and counted in the batch; it never stops the others, and what it half-wrote
is rolled back with its own transaction.

``Batch`` holds what a run shares: the compiled watchlist, the lexicon, the story
and material indexes (rebuilt only when what they are built from changed), the ids
stored and the reasons for what was skipped. ``collect(listing, pages, batch)``
turns a source's entries into items — the text the feed carries when it is long
enough, else the article page got through ``pages`` (the network for a source, a
folder for ``ingest``) — and stores them, skipping addresses already stored before
any page is asked for. It reads them one by one (steps 1–3) and writes them
together (step 4 for up to ``WRITE_GROUP`` items in one transaction and a fixed
number of queries), as soon as the group is full or its first item has waited
``WRITE_WAIT`` seconds; a group that fails is written again item by item, so a bad
item, or one that another worker stored meanwhile, still costs only itself.
"""

from __future__ import annotations

import datetime
import logging
import threading
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from django.core.files import File
from django.db import IntegrityError, transaction
from django.db.models import Count, Max, Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from pressdesk.core import audit
from pressdesk.core.models import User
from pressdesk.core.services import DomainError
from pressdesk.directory.models import Outlet
from pressdesk.monitoring import alerts, clustering, indexing, matching, pickup
from pressdesk.monitoring.canonical import NotAnArticleAddress, canonical_keys, canonical_url
from pressdesk.monitoring.extraction import Article, ExtractionError, extract
from pressdesk.monitoring.feeds import Entry, Listing
from pressdesk.monitoring.models import MANUAL_KINDS, Clipping, ClippingKind, LearnedStem, Mention, Source, Watch
from pressdesk.monitoring.summary import summarize
from pressdesk.monitoring.watchlist import Entry as WatchEntry
from pressdesk.monitoring.watchlist import WatchlistError, analyzer_language
from pressdesk.text import detect_language, tokens
from pressdesk.text.tone import LEXICON_LANGUAGES, Lexicon, default_lexicon, tone_of_tokens

log = logging.getLogger(__name__)

# A feed's own text is used instead of the page when it is at least this long (a full-text feed).
FEED_TEXT = 400
EVIDENCE_LENGTH = 300
# Items read are written in one transaction this many at a time, or sooner when the first of them
# was read this many seconds ago (a slow source's alerts are not held back).
WRITE_GROUP = 50
WRITE_WAIT = 2.0


@dataclass
class Item:
    url: str
    title: str
    text: str
    published_at: datetime.datetime | None = None
    author: str = ""
    kind: str = ""  # a ClippingKind; by the outlet when empty


@dataclass
class Batch:
    """What one run of the pipeline shares, and what it did."""

    watchlist: matching.Watchlist
    lexicon: Lexicon
    stories: clustering.StoryIndex
    materials: pickup.MaterialIndex
    stored: list[int] = field(default_factory=list)
    duplicates: int = 0
    skipped: list[tuple[str, str]] = field(default_factory=list)  # (address, why)

    @classmethod
    def start(cls) -> Batch:
        return cls(
            watchlist=active_watchlist(),
            lexicon=learned_lexicon(),
            stories=clustering.shared_index(),
            materials=pickup.shared_index(),
        )

    def skip(self, url: str, reason: str) -> None:
        log.warning("monitoring: skipped %s: %s", url or "an item without an address", reason)
        self.skipped.append((url, reason))


# The watchlist and the lexicon, compiled once and again only when they change

_cache: dict[str, tuple[tuple, object]] = {}
_cache_lock = threading.Lock()


def _cached(name: str, state: tuple, build: Callable[[], object]):
    with _cache_lock:
        kept = _cache.get(name)
        if kept is not None and kept[0] == state:
            return kept[1]
    value = build()
    with _cache_lock:
        _cache[name] = (state, value)
    return value


def watch_entries(watches: Iterable[Watch]) -> list[WatchEntry]:
    """Watchlist entries of ``Watch`` rows, their ids being the rows' ids."""
    return [
        WatchEntry(
            id=watch.pk,
            kind=watch.kind,
            names=tuple(watch.names),
            exclude=tuple(watch.exclude or ()),
            initials=watch.initials,
        )
        for watch in watches
    ]


def active_watchlist() -> matching.Watchlist:
    """Every active watch entry of every unit, compiled; an entry that cannot be compiled is left out and logged."""
    active = Watch.objects.filter(active=True)
    state = tuple(active.aggregate(n=Count("pk"), changed=Max("updated_at"), last=Max("pk")).values())
    return _cached("watchlist", state, lambda: _compile(watch_entries(active.order_by("pk"))))


def _compile(entries: list[WatchEntry]) -> matching.Watchlist:
    try:
        return matching.Watchlist(entries)
    except WatchlistError:
        usable = []
        for entry in entries:
            try:
                matching.Watchlist([entry])
            except WatchlistError as error:
                log.error("monitoring: watch %s is left out of matching: %s", entry.id, error)
                continue
            usable.append(entry)
        return matching.Watchlist(usable)


def learned_lexicon() -> Lexicon:
    """The shipped lexicon with the stems that analysts' tone corrections taught."""
    state = tuple(LearnedStem.objects.aggregate(n=Count("pk"), e=Sum("evidence"), w=Sum("weight")).values())

    def build() -> Lexicon:
        lexicon = default_lexicon()
        learned: dict[str, dict[str, float]] = {}
        for language, stem, weight in LearnedStem.objects.values_list("language", "stem", "weight"):
            if language in LEXICON_LANGUAGES:
                learned.setdefault(language, {})[stem] = weight
        for language, weights in learned.items():
            lexicon = lexicon.with_stems(language, weights)
        return lexicon

    return _cached("lexicon", state, build)


def forget_compiled() -> None:
    """Drop the compiled watchlist, lexicon and indexes (tests; a restored backup)."""
    with _cache_lock:
        _cache.clear()
    clustering.reset_shared_index()
    pickup.reset_shared_index()


# One item


def known(urls: Iterable[str]) -> set[str]:
    """The canonical addresses among ``urls`` already stored."""
    found: set[str] = set()
    keys_list = list(canonical_keys(urls))
    for start in range(0, len(keys_list), 500):
        found.update(
            Clipping.objects.filter(canonical_url__in=keys_list[start : start + 500]).values_list(
                "canonical_url", flat=True
            )
        )
    return found


def store(
    item: Item,
    batch: Batch,
    *,
    source: Source | None = None,
    outlet: Outlet | None = None,
    known: set[str] | None = None,
) -> Clipping | None:
    """Store one item as a clipping; None when it is a duplicate or was skipped (the batch says which).

    ``known``: the canonical addresses already stored, as the caller read them a moment
    ago (``collect``); the item's is added to it. Another worker storing the same
    address meanwhile is still told apart, by the column's uniqueness.
    """
    reading = _prepare(item, batch, source=source, outlet=outlet, known=known)
    stored = _write([reading], batch) if reading is not None else []
    return stored[0] if stored else None


@dataclass
class Reading:
    """An item read and analysed: its clipping's fields, and what the writes need of the reading."""

    url: str
    fields: dict
    analysis: matching.Analysis
    words: list[str]
    signature: object  # clustering's LeanMinHash, or None for a text too short

    def clipping(self) -> Clipping:
        """A new, unsaved clipping (a write that failed leaves its own behind, with an id it does not have)."""
        return Clipping(**self.fields)


def _prepare(
    item: Item, batch: Batch, *, source: Source | None, outlet: Outlet | None, known: set[str] | None
) -> Reading | None:
    """The item read and analysed; None when it is a duplicate or is skipped (the batch says which)."""
    try:
        key = canonical_url(item.url)
    except NotAnArticleAddress:
        batch.skip(item.url, "not a web address")
        return None
    if key in known if known is not None else Clipping.objects.filter(canonical_url=key).exists():
        batch.duplicates += 1
        return None
    if known is not None:
        known.add(key)
    # PostgreSQL stores no NUL character; a page that has one loses it.
    title = " ".join(item.title.replace("\x00", "").split())[:500]
    text = item.text.replace("\x00", "").strip()
    if not title and not text:
        batch.skip(item.url, "neither a title nor a text")
        return None
    try:
        return _read(item, key, title or text.split("\n", 1)[0][:500], text, batch, source, outlet)
    except Exception as error:  # one bad item must not stop the others; the reason is kept
        _failed(item.url, error, batch)
        return None


def _failed(url: str, error: Exception, batch: Batch) -> None:
    log.error("monitoring: failed to store %s", url, exc_info=error)
    batch.skip(url, f"{error.__class__.__name__}: {error}"[:500])


def _read(
    item: Item, key: str, title: str, text: str, batch: Batch, source: Source | None, outlet: Outlet | None, **extra
) -> Reading:
    now = timezone.now()
    analysis, words = read(title, text, batch)
    language = analysis.language
    signature = clustering.signature(words)
    outlet = outlet or (source.feed.outlet if source is not None else None)
    fields = dict(
        outlet=outlet,
        source=source,
        kind=item.kind or _kind_of(outlet),
        url=item.url[:1000],
        canonical_url=key,
        title=title,
        author=item.author.replace("\x00", "")[:200],
        published_at=min(item.published_at or now, now),
        fetched_at=now,
        language=language,
        text=text,
        summary=summarize(text, analyzer_language(language), title=title),
        tone=analysis.tone.label,
        tone_score=analysis.tone.score,
        reach=outlet.reach if outlet is not None else None,
        signature=clustering.to_bytes(signature) if signature is not None else None,
        **extra,
    )
    return Reading(item.url, fields, analysis, words, signature)


def _write(readings: list[Reading], batch: Batch) -> list[Clipping]:
    """Write read items, all in one transaction; when that fails, each in its own, so one bad item costs only itself.

    An item whose address another worker stored meanwhile is counted a duplicate; one
    that fails otherwise is skipped with its reason.
    """
    if not readings:
        return []
    try:
        return _write_all(readings, batch)
    except IntegrityError as error:
        if len(readings) == 1:
            batch.duplicates += 1  # another worker stored it a moment ago
            log.info("monitoring: %s was stored meanwhile: %s", readings[0].url, error)
            return []
    except Exception as error:
        if len(readings) == 1:
            _failed(readings[0].url, error, batch)
            return []
    return [clipping for reading in readings for clipping in _write([reading], batch)]


def _write_all(readings: list[Reading], batch: Batch) -> list[Clipping]:
    with transaction.atomic():
        clippings = Clipping.objects.bulk_create([reading.clipping() for reading in readings])
        mentioned = Mention.objects.bulk_create(
            Mention(clipping=clipping, watch_id=watch_id, evidence=evidence, published_at=clipping.published_at)
            for clipping, reading in zip(clippings, readings, strict=True)
            for watch_id, evidence in _evidence(reading.analysis).items()
        )
        signatures = [reading.signature for reading in readings]
        stories = clustering.assign(clippings, signatures, batch.stories)
        for clipping, story, signature in zip(clippings, stories, signatures, strict=True):
            pickup.link(story, clipping, signature, batch.materials)
        indexing.reindex_many((clipping, reading.words) for clipping, reading in zip(clippings, readings, strict=True))
        # A negative or high-reach mention: the press secretary hears at once.
        with_mentions = {mention.clipping_id for mention in mentioned}
        alerts.consider_stored(clipping for clipping in clippings if clipping.pk in with_mentions)
    for clipping, signature in zip(clippings, signatures, strict=True):
        if signature is not None:
            batch.stories.add(clipping.pk, clipping.story_id, signature)
        batch.stored.append(clipping.pk)
    return clippings


def read(title: str, text: str, batch: Batch) -> tuple[matching.Analysis, list[str]]:
    """``matching.analyse`` of the item (what the ``monitor match`` command runs), and the tokens it read.

    The same steps, keeping the tokens: the signature and the search index are made
    from them instead of reading the text again.
    """
    whole = f"{title}\n{text}" if title else text
    language = detect_language(whole)
    words = tokens(whole, analyzer_language(language))
    hits = batch.watchlist.find(whole, words, language)
    tone = tone_of_tokens(words, language, batch.lexicon)
    return matching.Analysis(language, tuple(hits), tuple(batch.watchlist.ids(hits)), tone), words


def enter(
    *,
    actor: User,
    outlet: Outlet,
    kind: str,
    title: str,
    text: str,
    published_at: datetime.datetime,
    programme: str = "",
    aired_at: datetime.datetime | None = None,
    attachment: File | None = None,
    url: str = "",
) -> Clipping:
    """A broadcast or print item entered by hand, read like a fetched one (language, tone, mentions, story, search).

    It may have no address; one that it has is still stored only once.
    """
    if kind not in MANUAL_KINDS:
        raise DomainError(_("Only TV, radio and print items are entered by hand."))
    title, text = " ".join(title.replace("\x00", "").split())[:500], text.replace("\x00", "").strip()
    if not title:
        raise DomainError(_("Give the item a title."))
    key = ""
    if url.strip():
        try:
            key = canonical_url(url)
        except NotAnArticleAddress:
            raise DomainError(_("Give the address of the item online, starting with https://, or none.")) from None
        if Clipping.objects.filter(canonical_url=key).exists():
            raise DomainError(_("An item with this address is already among the clippings."))
    extra = {"programme": programme[:200], "aired_at": aired_at, "entered_by": actor}
    if attachment is not None:
        extra["attachment"] = attachment
    with transaction.atomic():
        item = Item(url.strip(), title, text, min(published_at, timezone.now()), kind=kind)
        batch = Batch.start()
        (clipping,) = _write_all([_read(item, key, title, text, batch, None, outlet, **extra)], batch)
        audit.record(
            actor=actor,
            action="monitoring.clipping.entered",
            target=clipping,
            unit=outlet.unit,
            after={"outlet": str(outlet), "kind": kind, "title": title, "programme": programme, "aired_at": aired_at},
        )
    return clipping


def _kind_of(outlet: Outlet | None) -> str:
    return ClippingKind.POST if outlet is not None and outlet.kind == "telegram" else ClippingKind.ARTICLE


def _evidence(analysis: matching.Analysis) -> dict[int, str]:
    quotes: dict[int, list[str]] = {}
    for hit in analysis.hits:
        if hit.id in analysis.matches and isinstance(hit.id, int):
            words = quotes.setdefault(hit.id, [])
            if hit.quote not in words:
                words.append(hit.quote)
    return {watch_id: "; ".join(words)[:EVIDENCE_LENGTH] for watch_id, words in quotes.items()}


# What a source lists

PageGetter = Callable[[str], tuple[str, str]]  # address → (HTML, the address it was found at); raises to skip


def collect(
    listing: Listing,
    pages: PageGetter,
    batch: Batch,
    *,
    source: Source | None = None,
    outlet: Outlet | None = None,
    skip_reasons: tuple[type[Exception], ...] = (),
    max_new: int | None = None,
    until: float | None = None,
) -> int:
    """Store the new entries of a listing, reading each one's page through ``pages`` when needed; how many stored.

    At most ``max_new`` new entries are read (a source's first read of a long sitemap),
    and none after ``until`` (a ``time.monotonic()`` moment): the rest stay listed and
    are read the next time.
    """
    stored_before = len(batch.stored)
    already = known(entry.url for entry in listing.entries)
    tried = 0
    readings: list[Reading] = []
    first_read = 0.0
    try:
        for entry in listing.entries:
            if (max_new is not None and tried >= max_new) or (until is not None and time.monotonic() > until):
                break
            try:
                if canonical_url(entry.url) in already:
                    batch.duplicates += 1
                    continue
            except NotAnArticleAddress:
                batch.skip(entry.url, "not a web address")
                continue
            tried += 1
            item = _item(entry, pages, batch, skip_reasons)
            reading = _prepare(item, batch, source=source, outlet=outlet, known=already) if item is not None else None
            if reading is not None:
                first_read = first_read if readings else time.monotonic()
                readings.append(reading)
            if len(readings) >= WRITE_GROUP or (readings and time.monotonic() - first_read >= WRITE_WAIT):
                _write(readings, batch)
                readings = []
    finally:  # what was read is kept, even when reading the next one failed in a way nobody expected
        _write(readings, batch)
    return len(batch.stored) - stored_before


def _item(entry: Entry, pages: PageGetter, batch: Batch, skip_reasons: tuple[type[Exception], ...]) -> Item | None:
    if len(entry.content) >= FEED_TEXT:
        return Item(entry.url, entry.title, entry.content, entry.published_at, entry.author)
    try:
        html, url = pages(entry.url)
        article: Article = extract(html, url=url)
    except (ExtractionError, *skip_reasons) as error:
        if entry.title and (entry.content or entry.summary):
            # The page is out of reach; what the feed says of the item is still a clipping.
            return Item(entry.url, entry.title, entry.content or entry.summary, entry.published_at, entry.author)
        batch.skip(entry.url, str(error))
        return None
    return Item(
        url=entry.url,
        title=entry.title or article.title,
        text=article.text,
        published_at=entry.published_at or article.published_at,
        author=entry.author or article.author,
    )
