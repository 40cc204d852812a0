"""The clippings search: what was typed and the filters, to clippings; and the words found, marked on the page.

**Query.** What is typed is read the way ``indexing`` reads it (``query_variants``: the
analyzer's tokens with the language unknown, and, when it differs, its Kazakh reading,
so "akimdik" typed in Latin letters finds "әкімдік"). A clipping is found when every
term of one reading starts a word of its indexed body — one interface on both
engines (``core.search``: SQLite FTS5, PostgreSQL full text), the readings asked as
one word-index query, so filters, order and pages stay in the database.

**Speed** over a million clippings (``found``): the word index is asked first for at
most ``BY_KEY`` + 1 matches. When that is all of them they are put in order by the
date each search document keeps (its order key), or with filters the rows are taken
by key and sorted; when there are more, the database walks the clippings newest
first and keeps those that match, stopping at the page. Results are counted up to
``COUNT_CAP`` (``ResultPages``); past it the page says "more than" and pages through
the newest.

**Filters**: outlet, Almaty days (from the first day's midnight to the end of the
last), tone, watch entry (a mention of it), language, type. Newest first.

**Highlights** are made on the server from the same tokens: a word of the title or the
snippet is marked when one of its tokens (read with the language unknown, and as
Kazakh in a Kazakh clipping, as its index is) starts with a term. The snippet is the
stretch of text around the first word found, else the summary. Every piece of text
is escaped; only the ``<mark>`` around it is markup.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from functools import cached_property, lru_cache

from django.core.paginator import Paginator
from django.db import connection, transaction
from django.db.models import Exists, OuterRef, QuerySet
from django.db.models.functions import Coalesce
from django.utils.html import conditional_escape
from django.utils.safestring import SafeString, mark_safe

from pressdesk.core import search
from pressdesk.monitoring import indexing
from pressdesk.monitoring.digest import day_bounds
from pressdesk.monitoring.models import Clipping, Mention
from pressdesk.text import tokens

# Results are counted up to here; past it a page says "more than" (and the export holds them all).
COUNT_CAP = 1000
# Up to this many matches of the words the rows are taken by key and sorted; past it the dates are walked.
BY_KEY = 10_000
# Words expected in more documents than this are common from the start (``core.search.estimate``).
COMMON = 2 * BY_KEY
SNIPPET_CHARS = 240
SNIPPET_BEFORE = 80
# Words read for the snippet of a result: the first place found is almost always early; a very long text is cut here.
SCAN_CHARS = 20_000
_WORD_RE = re.compile(r"[^\W_][\w\u0300-\u036f]*(?:['’ʼ\-\u2010\u2011][^\W_][\w\u0300-\u036f]*)*")


@dataclass(frozen=True)
class Criteria:
    q: str = ""
    outlet: int | None = None
    since: datetime.date | None = None
    until: datetime.date | None = None
    tones: tuple[str, ...] = ()
    watch: int | None = None
    languages: tuple[str, ...] = ()
    kinds: tuple[str, ...] = ()


def readings(query: str) -> list[list[str]]:
    """The ways the query is read (each a list of terms); none when nothing searchable was typed."""
    return indexing.query_variants(query) if query.strip() else []


@dataclass(frozen=True)
class Found:
    clippings: QuerySet[Clipping]  # newest first
    known: int | None = None  # how many, when known without counting (COUNT_CAP + 1 meaning more)
    ordered: list[int] | None = None  # the keys of all of them, newest first, when the word index gave them so


def found(clippings: QuerySet[Clipping], criteria: Criteria) -> Found:
    """The clippings of ``clippings`` that meet ``criteria``, newest first, and how many when that is known already.

    The words are looked up first, at most ``BY_KEY`` + 1 matches: when that is all of
    them, the rows are taken by key and sorted (a rare word: no walk through the dates
    that finds nothing); when there are more, the database walks the dates, newest
    first, and keeps the rows that match (a common word: no sorting of every match).
    When the words are common already by ``search.estimate`` (``COMMON``: PostgreSQL's
    statistics, SQLite's word index counted without the documents), at most
    ``COUNT_CAP`` + 1 are looked up, to know there are more than the cap, and with
    filters none: gathering 10,001 matches of a word in a fifth of a million clippings
    took 30-60 ms, only to learn that the walk was the way.
    """
    qs = clippings
    known = ordered = None
    every_hit = False
    if criteria.outlet is not None:
        qs = qs.filter(outlet_id=criteria.outlet)
    if criteria.since is not None:
        qs = qs.filter(published_at__gte=day_bounds(criteria.since)[0])
    if criteria.until is not None:
        qs = qs.filter(published_at__lt=day_bounds(criteria.until)[1])
    if criteria.tones:
        qs = qs.filter(tone__in=criteria.tones)
    newest = ("-published_at", "-pk")
    if criteria.watch is not None and connection.vendor == "postgresql":
        # Joined, and the walk through the dates made through the mention's copy of them: see _BY_MENTION.
        qs = qs.filter(mentions__watch_id=criteria.watch)
        newest = _BY_MENTION
    elif criteria.watch is not None:
        qs = qs.filter(Exists(Mention.objects.filter(clipping=OuterRef("pk"), watch_id=criteria.watch)))
    if criteria.languages:
        qs = qs.filter(language__in=criteria.languages)
    if criteria.kinds:
        qs = qs.filter(kind__in=criteria.kinds)
    filtered = criteria != Criteria(q=criteria.q) or clippings.query.has_filters()
    if criteria.q.strip():
        # After the filters, so that a walk through the dates checks them first: cheaper than reading a body.
        variants = readings(criteria.q)
        common = search.estimate(indexing.KIND, variants, cap=COMMON + 1) > COMMON
        # A common word: its matches are only worth gathering to say "more than" the cap, and with filters
        # not even that (they leave an unknown share of them), so then the walk goes straight on.
        limit = (COUNT_CAP if common else BY_KEY) + 1
        matches = search.some_ordered(indexing.KIND, variants, limit=limit) if not (common and filtered) else None
        hits = [pk for pk, _key in matches] if matches is not None else None
        every_hit = hits is not None and len(hits) < limit
        qs = qs.filter(search.among(hits)) if every_hit else search.within(qs, indexing.KIND, variants)
        if hits is not None and (every_hit or len(hits) > COUNT_CAP):
            known = len(hits)  # all of them, or more than the cap
        if every_hit and not filtered and all(key is not None for _pk, key in matches):
            # The order keys are the dates: every match in order without reading a clipping.
            ordered = [pk for pk, _key in sorted(matches, key=lambda pair: (pair[1], pair[0]), reverse=True)]
    if filtered:
        known = None  # the filters leave fewer than the words found
    if every_hit:
        # Sorted from the few rows taken by key: ordered by the bare column, a database that
        # expects many rows would rather walk its index through the dates (a whole year when
        # the word is rare or the filters leave little).
        return Found(qs.order_by(Coalesce("published_at", "published_at").desc(), "-pk"), known, ordered)
    return Found(qs.order_by(*newest), known)


# PostgreSQL, a search with a watch entry: newest first by the mention's copy of the clipping's date (and key),
# the same order. The planner then walks the entry's mentions newest first by their own index rather than every
# clipping newest first asking each for a mention (9,790 clippings at 5 µs each to find 1,001 when a third of a
# million clippings mention it). A clipping has one mention per entry, so the join repeats no row. (Joined on the
# date as well, the planner would take the two conditions for independent and expect one row.) SQLite, which
# does not carry an order across a join, keeps the walk through the clippings.
_BY_MENTION = ("-mentions__published_at", "-mentions__clipping_id")


_WORKERS = "max_parallel_workers_per_gather"


@contextmanager
def serial() -> Iterator[None]:
    """The search's queries, run inside this block, without PostgreSQL's parallel workers.

    The walk through the dates stops after a few thousand rows; planned in parallel it
    became a sort of every row of an outlet gathered from workers, 200 ms instead of
    20 over a million clippings — and on a server of two cores a worker is taken from
    another user's request. Only here: the reports' month-long sums gain from workers.
    """
    if connection.vendor != "postgresql":
        yield
        return
    setting = "SELECT current_setting(%s), set_config(%s, %s, true)"  # true: until the transaction ends
    with transaction.atomic():
        with connection.cursor() as cursor:
            cursor.execute(setting, [_WORKERS, _WORKERS, "0"])
            before = cursor.fetchone()[0]
        yield
        # Inside a caller's transaction this block is a savepoint, whose release would keep the setting.
        # (Rolled back, a savepoint takes its settings back with it.)
        with connection.cursor() as cursor:
            cursor.execute(setting, [_WORKERS, _WORKERS, before])


def find(clippings: QuerySet[Clipping], criteria: Criteria) -> QuerySet[Clipping]:
    """The clippings of ``clippings`` that meet ``criteria``, newest first."""
    return found(clippings, criteria).clippings


class ResultPages(Paginator):
    """Pages of results counted up to ``COUNT_CAP``: past it, the page says "more than" and pages through the newest.

    Counting every one of a million clippings that hold a common word would take longer
    than the page; nobody reads past the thousandth, and the filters narrow it. Unless
    the count is ``known``, the keys of the newest ``COUNT_CAP`` + 1 are read in one
    query (which counts them) and a page's rows are then taken by key from ``rows``
    (by default ``object_list`` itself): the keys met the filters already, and asking
    them again would have SQLite gather every match of a common word for 25 rows. With
    every key already ``ordered`` (``Found.ordered``), a page's are taken from there.
    """

    def __init__(
        self,
        object_list: QuerySet[Clipping],
        per_page: int,
        *,
        known: int | None = None,
        rows: QuerySet[Clipping] | None = None,
        ordered: list[int] | None = None,
    ) -> None:
        super().__init__(object_list, per_page)
        self.known = len(ordered) if ordered is not None else known
        self.rows = object_list if rows is None else rows
        self.ordered = ordered

    @cached_property
    def newest(self) -> list[int] | None:
        """The keys of the first ``COUNT_CAP`` + 1 results in order; None when the count is known."""
        if self.known is not None:
            return None
        return list(self.object_list.values_list("pk", flat=True)[: COUNT_CAP + 1])

    @cached_property
    def counted(self) -> int:
        """How many, up to ``COUNT_CAP`` + 1."""
        return min(self.known, COUNT_CAP + 1) if self.newest is None else len(self.newest)

    @property
    def more(self) -> bool:
        return self.counted > COUNT_CAP

    @cached_property
    def count(self) -> int:
        return min(self.counted, COUNT_CAP)

    def page(self, number):
        number = self.validate_number(number)
        bottom = (number - 1) * self.per_page
        top = min(bottom + self.per_page, self.count)
        if self.ordered is not None:
            keys = self.ordered[bottom:top]
        elif self.newest is None:
            # The page's keys first: sorting a few thousand matches by date reads their dates, not whole rows
            # with their outlet and story (20 against 40 ms for 3,600 matches on PostgreSQL).
            keys = list(self.object_list.values_list("pk", flat=True)[bottom:top])
        else:
            keys = self.newest[bottom:top]
        place = {pk: n for n, pk in enumerate(keys)}
        return self._get_page(sorted(self.rows.filter(pk__in=keys), key=lambda row: place[row.pk]), number, self)


# Highlights


class Marker:
    """Marks the words of a text that the query found, for one clipping's language."""

    def __init__(self, variants: list[list[str]], language: str = "") -> None:
        self.terms = tuple(sorted({term for terms in variants for term in terms}))
        self.languages = (None, "kk") if language == "kk" else (None,)

    def found(self, word: str) -> bool:
        return any(token.startswith(self.terms) for token in _word_tokens(word, self.languages))

    def mark(self, text: str) -> SafeString:
        """``text`` escaped, with the words found in ``<mark>``."""
        if not self.terms:
            return conditional_escape(text)
        parts: list[str] = []
        done = 0
        for match in _WORD_RE.finditer(text):
            if self.found(match.group()):
                parts += [conditional_escape(text[done : match.start()]), "<mark>"]
                parts += [conditional_escape(match.group()), "</mark>"]
                done = match.end()
        parts.append(conditional_escape(text[done:]))
        return mark_safe("".join(parts))  # noqa: S308 (every piece of text above is escaped)

    def first(self, text: str) -> int | None:
        """Where the first word found begins in ``text`` (its first ``SCAN_CHARS``), or None."""
        if not self.terms:
            return None
        for match in _WORD_RE.finditer(text, 0, SCAN_CHARS):
            if self.found(match.group()):
                return match.start()
        return None

    def snippet(self, text: str, fallback: str) -> SafeString:
        """The stretch of ``text`` around the first word found, marked; else the start of ``fallback``."""
        where = self.first(text)
        if where is None:
            return conditional_escape(_cut(fallback or text, 0))
        start = max(0, where - SNIPPET_BEFORE)
        if start:
            space = text.find(" ", start, where)
            start = space + 1 if space != -1 else start
        piece = _cut(text, start)
        return mark_safe(("… " if start else "") + self.mark(piece))  # noqa: S308 (mark() escapes)


@lru_cache(maxsize=200_000)
def _word_tokens(word: str, languages: tuple[str | None, ...]) -> tuple[str, ...]:
    """The tokens of one word of a page, read in each of ``languages`` (kept: the same words come back)."""
    return tuple({token for language in languages for token in tokens(word, language)})


def _cut(text: str, start: int) -> str:
    """At most ``SNIPPET_CHARS`` of ``text`` from ``start``, ended at a word boundary with "…" when cut."""
    text = " ".join(text[start : start + SNIPPET_CHARS + 200].split())
    if len(text) <= SNIPPET_CHARS:
        return text
    cut = text.rfind(" ", 0, SNIPPET_CHARS)
    return text[: cut if cut > 0 else SNIPPET_CHARS] + " …"


def highlighted(clippings: list[Clipping], query: str) -> list[Clipping]:
    """Set ``marked_title`` and ``snippet`` on each clipping of a page of results."""
    variants = readings(query)
    for clipping in clippings:
        marker = Marker(variants, clipping.language)
        clipping.marked_title = marker.mark(clipping.title)
        clipping.snippet = marker.snippet(clipping.text, clipping.summary)
    return clippings
