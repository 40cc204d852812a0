"""Reprints: a story and its copies as one ``Story``, found by MinHash LSH (``datasketch``).

**Signature.** A text's MinHash (``NUM_PERM`` permutations, the ``affine32``
scheme, fixed seed) over its *shingles*: every run of ``SHINGLE`` analyzer tokens
(``pressdesk.text.tokens``, so a reprint that changes a word's case ending or
spelling script still shares most shingles). It is kept in ``Clipping.signature``
(``NUM_PERM`` unsigned 32-bit numbers, little-endian), so reprints are found
again after a restart. A text of fewer than ``MIN_TOKENS`` tokens has no
signature: too short to call anything a copy of it.

**Index.** ``StoryIndex`` holds the signatures of the clippings collected in the
last ``WINDOW`` in an LSH index tuned to ``THRESHOLD`` (an estimated Jaccard
similarity of the shingle sets). It is built from the database on first use and
then ``sync()``-ed: each call reads only the clippings collected since the last
one (with a margin for transactions that committed late), so several workers
each see the others' clippings.

**Assignment** (``assign``): a clipping joins the story of its most similar
earlier clipping at or above ``THRESHOLD``; otherwise it starts a story. The
story's ``first`` is its earliest clipping by publication time, and the story
takes that clipping's title.
"""

from __future__ import annotations

import datetime
import threading
from dataclasses import dataclass

import numpy as np
from datasketch import LeanMinHash, MinHash, MinHashLSH
from django.db import connection
from django.db.models import F, Value
from django.db.models.functions import Greatest
from django.utils import timezone

from pressdesk.monitoring.models import Clipping, Story
from pressdesk.text import tokens

NUM_PERM = 128
SCHEME = "affine32"
SEED = 1
SHINGLE = 3
MIN_TOKENS = 12
THRESHOLD = 0.5
WINDOW = datetime.timedelta(days=14)
SYNC_MARGIN = datetime.timedelta(minutes=5)
_DTYPE = np.dtype("<u4")
_SET_STORY = 'UPDATE "monitoring_clipping" SET "story_id" = %s WHERE "id" = %s'
_PERMUTATIONS = MinHash(num_perm=NUM_PERM, seed=SEED, scheme=SCHEME).permutations


def shingles(words: list[str]) -> set[bytes]:
    if len(words) < SHINGLE:
        return {" ".join(words).encode()} if words else set()
    return {" ".join(words[i : i + SHINGLE]).encode() for i in range(len(words) - SHINGLE + 1)}


def minhash(text: str, language: str | None = None) -> LeanMinHash | None:
    """The signature of a text, or None when it is too short to compare."""
    return signature(tokens(text, language))


def signature(words: list[str]) -> LeanMinHash | None:
    """The signature of a text's tokens (``tokens(text, language)``, which the pipeline has already), or None."""
    if len(words) < MIN_TOKENS:
        return None
    sketch = MinHash(num_perm=NUM_PERM, seed=SEED, scheme=SCHEME, permutations=_PERMUTATIONS)
    sketch.update_batch(list(shingles(words)))
    return LeanMinHash(sketch)


def to_bytes(signature: LeanMinHash) -> bytes:
    return np.asarray(signature.hashvalues, dtype=_DTYPE).tobytes()


def from_bytes(data: bytes | memoryview | None) -> LeanMinHash | None:
    """A stored signature, or None for none or one of another size (an older format)."""
    if data is None or len(data) != NUM_PERM * _DTYPE.itemsize:
        return None
    return LeanMinHash(seed=SEED, hashvalues=np.frombuffer(bytes(data), dtype=_DTYPE), scheme=SCHEME)


def similarity(a: LeanMinHash, b: LeanMinHash) -> float:
    return float(a.jaccard(b))


@dataclass(frozen=True)
class Neighbour:
    clipping_id: int
    story_id: int | None
    similarity: float


class StoryIndex:
    """The LSH index of recent clippings' signatures, kept in step with the database by ``sync()``."""

    def __init__(self, window: datetime.timedelta = WINDOW, threshold: float = THRESHOLD):
        self.window = window
        self.threshold = threshold
        self.lsh = MinHashLSH(threshold=threshold, num_perm=NUM_PERM)
        self.known: dict[int, tuple[int | None, LeanMinHash]] = {}
        self.synced_at: datetime.datetime | None = None
        self.lock = threading.Lock()

    def sync(self) -> int:
        """Read the clippings collected since the last sync (all of the window the first time); returns how many."""
        now = timezone.now()
        since = now - self.window if self.synced_at is None else self.synced_at - SYNC_MARGIN
        rows = (
            Clipping.objects.filter(fetched_at__gte=since, signature__isnull=False)
            .values_list("pk", "story_id", "signature")
            .order_by("pk")
        )
        added = 0
        with self.lock:
            for pk, story_id, data in rows.iterator(chunk_size=2000):
                if pk in self.known:
                    continue
                signature = from_bytes(data)
                if signature is not None:
                    self._add(pk, story_id, signature)
                    added += 1
            self.synced_at = now
        return added

    def add(self, clipping_id: int, story_id: int | None, signature: LeanMinHash) -> None:
        with self.lock:
            if clipping_id not in self.known:
                self._add(clipping_id, story_id, signature)

    def _add(self, clipping_id: int, story_id: int | None, signature: LeanMinHash) -> None:
        self.lsh.insert(clipping_id, signature)
        self.known[clipping_id] = (story_id, signature)

    def nearest(self, signature: LeanMinHash) -> Neighbour | None:
        """The most similar indexed clipping at or above the threshold."""
        best: Neighbour | None = None
        with self.lock:
            for key in self.lsh.query(signature):
                story_id, other = self.known[key]
                score = similarity(signature, other)
                if score >= self.threshold and (best is None or score > best.similarity):
                    best = Neighbour(key, story_id, score)
        return best

    def __len__(self) -> int:
        return len(self.known)


_shared: StoryIndex | None = None
_shared_lock = threading.Lock()


def shared_index() -> StoryIndex:
    """The process's index, synced with the database."""
    global _shared
    with _shared_lock:
        if _shared is None:
            _shared = StoryIndex()
    _shared.sync()
    return _shared


def reset_shared_index() -> None:
    """Forget the process's index (tests, a restored backup): the next use rebuilds it."""
    global _shared
    with _shared_lock:
        _shared = None


def assign(clippings: list[Clipping], signatures: list[LeanMinHash | None], index: StoryIndex) -> list[Story]:
    """Put saved clippings into the stories of their nearest reprints, or new stories; the story of each.

    The clippings were saved together, in order: each one's nearest reprint is the
    index's or an earlier one of them. A story's ``created_at`` is when its first
    clipping was published and ``last_seen_at`` when its latest was: the story's span
    in the media, whenever we collected it. A few queries however many clippings.
    """
    nearest = [_nearest(position, signatures, index) for position in range(len(signatures))]
    loose = [found.clipping_id for found in nearest if isinstance(found, Neighbour) and not found.story_id]
    story_of = dict(Clipping.objects.filter(pk__in=loose, story__isnull=False).values_list("pk", "story_id"))
    wanted = {found.story_id or story_of.get(found.clipping_id) for found in nearest if isinstance(found, Neighbour)}
    stored = Story.objects.select_for_update().in_bulk(wanted - {None})
    stories: list[Story] = []
    for clipping, found in zip(clippings, nearest, strict=True):
        if isinstance(found, int):
            story = stories[found]
        elif found is not None:
            story = stored.get(found.story_id or story_of.get(found.clipping_id))
        else:
            story = None
        stories.append(story or Story(first=clipping, title=clipping.title[:500]))
    _save(stories, clippings)
    for clipping, story in zip(clippings, stories, strict=True):
        clipping.story = story
    _set_stories(clippings)
    return stories


def _set_stories(clippings: list[Clipping]) -> None:
    """Write each clipping's story: one statement run for them all (``bulk_update`` takes longer to build its CASE)."""
    with connection.cursor() as cursor:
        cursor.executemany(_SET_STORY, [(clipping.story_id, clipping.pk) for clipping in clippings])


def _nearest(position: int, signatures: list[LeanMinHash | None], index: StoryIndex) -> Neighbour | int | None:
    """The nearest reprint of the clipping at ``position``: the index's, or the position of an earlier one as similar."""
    signature = signatures[position]
    if signature is None:
        return None
    found: Neighbour | int | None = index.nearest(signature)
    best = found.similarity if found is not None else index.threshold
    for earlier, other in enumerate(signatures[:position]):
        score = similarity(signature, other) if other is not None else 0.0
        if score > best or (found is None and score == best):
            found, best = earlier, score
    return found


def _save(stories: list[Story], clippings: list[Clipping]) -> None:
    """Create the new stories and count the new clippings of the stored ones; each story's first is its earliest."""
    members: dict[int, tuple[Story, list[Clipping]]] = {}
    for story, clipping in zip(stories, clippings, strict=True):
        members.setdefault(id(story), (story, []))[1].append(clipping)
    stored = [story for story, _clippings in members.values() if story.pk is not None]
    first_at = dict(Clipping.objects.filter(pk__in=[s.first_id for s in stored]).values_list("pk", "published_at"))
    new = []
    for story, joined in members.values():
        earliest = min(joined, key=lambda clipping: clipping.published_at)  # the first of the earliest on a tie
        latest = max(clipping.published_at for clipping in joined)
        if story.pk is None:
            story.first, story.title, story.created_at = earliest, earliest.title[:500], earliest.published_at
            story.size, story.last_seen_at = len(joined), latest
            new.append(story)
            continue
        fields = {"size": F("size") + len(joined), "last_seen_at": Greatest("last_seen_at", Value(latest))}
        known_first = first_at.get(story.first_id)
        if known_first is None or earliest.published_at < known_first:
            fields.update(first=earliest, title=earliest.title[:500], created_at=earliest.published_at)
        Story.objects.filter(pk=story.pk).update(**fields)
        story.refresh_from_db()
    Story.objects.bulk_create(new)
