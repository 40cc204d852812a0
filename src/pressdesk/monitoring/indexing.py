"""What the search index holds for clippings: one document per clipping, kind ``monitoring.clipping``.

The body is the analyzer's tokens of the title and the text taken with
``language=None``, as a query is read (``pressdesk.text.tokens``: a query's
language is not known, and index and query must be read the same way). Words with
Kazakh letters get their Kazakh stems either way, so "әкімдік" finds "әкімдігінің"
and "äkımdıgı". A Kazakh clipping also gets the tokens of its Kazakh reading
(``language="kk"``) that the first reading lacks: Kazakh written in Latin letters
without diacritics ("akimdigi") and Kazakh words without Kazakh letters are found
by their Kazakh stems too. Search matches every term anywhere in a body, so the
order of the added tokens does not matter.

Each document carries the clipping's date as its order key (``order_key``), so that a
search puts the clippings found in order from the index's rows.

``query_terms`` reads a search box; ``query_variants`` adds the Kazakh reading of a
query typed in Latin letters ("akimdik"), for a search that takes either.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Iterator

from pressdesk import text
from pressdesk.core import search
from pressdesk.monitoring.models import Clipping

KIND = "monitoring.clipping"
_EPOCH = datetime.datetime(1970, 1, 1, tzinfo=datetime.UTC)
_MICROSECOND = datetime.timedelta(microseconds=1)


def order_key(published_at: datetime.datetime) -> int:
    """A clipping's order key in the index: its date in microseconds, exactly, so that keys sort as dates do."""
    return (published_at - _EPOCH) // _MICROSECOND


def body(title: str, content: str, language: str = "", own: list[str] | None = None) -> str:
    """The document of a clipping; ``own`` are the tokens of its title and text read in its language, if known.

    The pipeline has ``own`` already (``tokens(whole, language)``, what matching read),
    so the text is read once more at most: a Kazakh clipping's second reading is
    ``own``; and for any other language ``tokens`` reads the text as it does with the
    language unknown (only Kazakh in Latin letters is read apart, its rule 1), so
    ``own`` is the body itself.
    """
    whole = f"{title}\n{content}"
    if own is not None and language != "kk" and not (language in ("ru", "en") and text.looks_kazakh_latin(whole)):
        return " ".join(own)
    words = text.tokens(whole)
    if language == "kk":
        seen = set(words)
        kazakh = own if own is not None else text.tokens(whole, "kk")
        words += [word for word in dict.fromkeys(kazakh) if word not in seen]
    return " ".join(words)


def query_terms(query: str) -> list[str]:
    """The search terms of what was typed, each once, in order."""
    return list(dict.fromkeys(text.tokens(query)))


def query_variants(query: str) -> list[list[str]]:
    """The ways to read a query: as typed, and, when that differs, as Kazakh (a search matches either)."""
    variants = [query_terms(query)]
    kazakh = list(dict.fromkeys(text.tokens(query, "kk")))
    if kazakh and kazakh != variants[0]:
        variants.append(kazakh)
    return [terms for terms in variants if terms]


def reindex(clipping: Clipping, own: list[str] | None = None) -> None:
    """Index the clipping; ``own``: its tokens in its language, when the caller has them (see ``body``)."""
    reindex_many([(clipping, own)])


def reindex_many(clippings: Iterable[tuple[Clipping, list[str] | None]]) -> None:
    """Index many clippings at once, each with its own tokens when the caller has them (``reindex``)."""
    search.index_many(
        KIND,
        (
            (clipping.pk, body(clipping.title, clipping.text, clipping.language, own), order_key(clipping.published_at))
            for clipping, own in clippings
        ),
    )


def unindex(clipping_ids: Iterable[int]) -> None:
    search.remove(KIND, clipping_ids)


def _rows() -> Iterator[tuple[int, str, int]]:
    rows = Clipping.objects.values_list("pk", "title", "text", "language", "published_at")
    for pk, title, content, language, published_at in rows.iterator(chunk_size=500):
        yield pk, body(title, content, language), order_key(published_at)


search.register_indexer(KIND, _rows)
