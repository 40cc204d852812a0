"""Full-text search: one interface, two engines that return the same results.

Callers index documents of a *kind* (``"directory.journalist"``) by object id, and
ask for the ids whose document contains every one of some *terms*. Terms and
bodies are already normalised by our analyzer (``pressdesk.text``): lowercase
ASCII tokens matching ``[a-z0-9]+``, a body being such tokens joined by spaces.
That is what lets two engines agree without any language configuration: each
word of a body is one indexed word, a term matches a word that starts with it (or
equals it), and a document matches when every term does. Anything else is refused
with ``ValueError``, which also makes an injection into ``MATCH`` or a ``tsquery``
impossible.

Storage (migration ``core.0002_search``) is one table on both databases,
``pressdesk_search(kind, object_id, body, order_key)`` unique on ``(kind, object_id)``,
so a document is replaced or deleted through that unique index; ``order_key`` (core
0007) is an integer the app may give, for putting the ids found in its order
(``some_ordered``). The word index differs:

* PostgreSQL: a generated ``tsvector`` column with a GIN index, and queries as
  ``tsquery`` literals. Both are built from the words as they are, not through
  ``to_tsvector``/``to_tsquery``: PostgreSQL's parser, even with the ``simple``
  configuration, splits a word such as ``1e5a`` into the number ``1e5`` and ``a``.
* SQLite: an FTS5 table ``pressdesk_search_fts`` over the body with the table as
  its external content, kept in step by triggers, with prefix indexes of 2 to 10
  letters (``core.0006``: a word typed whole or in part is read lazily, as a word).
  A plain FTS5 table keyed by UNINDEXED kind and object id would have to scan every
  document to replace or delete one; here that is a look-up in the unique index.

Every write goes through the default connection inside the caller's transaction,
so an import that rolls back leaves the index as it was. Apps register a function
that yields every ``(object_id, body)`` of a kind; ``rebuild()`` (the ``reindex``
command, and every restore) refills the index from those.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable
from itertools import islice

from django.db import NotSupportedError, connection, models, transaction
from django.db.models import F, Func
from django.db.models.expressions import RawSQL

BATCH_SIZE = 1000
# PostgreSQL: a term of a reading that its statistics expect in at most this many documents is a key term (see
# _keyed_query): the GIN index is asked for it alone, and its documents are checked for the reading's other terms.
KEY_TERM_ROWS = 10_000
KIND_MAX_LENGTH = 40
# A PostgreSQL tsquery cannot hold a word of 2,047 characters or more, so such a word could
# never be found there; it is left out of bodies on both engines (FTS5 alone would find it).
MAX_TOKEN_LENGTH = 2046

_KIND = re.compile(r"[a-z][a-z0-9_]*(?:\.[a-z][a-z0-9_]*)*")
_TERM = re.compile(r"[a-z0-9]+")
_BODY = re.compile(r"[a-z0-9 ]*")
_TOO_LONG = re.compile(rf"[a-z0-9]{{{MAX_TOKEN_LENGTH + 1},}}")

# SQLite runs in this process, so executemany costs nothing per row; a PostgreSQL round trip
# per row would, so there one statement takes a whole batch as arrays (5 times faster).
# Either way an unchanged body is left alone, so re-importing the same rows rewrites no index entries.
_SQLITE_UPSERT = (
    "INSERT INTO pressdesk_search (kind, object_id, body, order_key) VALUES (%s, %s, %s, %s) "
    "ON CONFLICT (kind, object_id) DO UPDATE SET body = excluded.body, order_key = excluded.order_key "
    "WHERE pressdesk_search.body <> excluded.body OR pressdesk_search.order_key IS NOT excluded.order_key"
)
_POSTGRESQL_UPSERT = (
    "INSERT INTO pressdesk_search (kind, object_id, body, order_key) "
    "SELECT %s, batch.object_id, batch.body, batch.order_key "
    "FROM unnest(%s::bigint[], %s::text[], %s::bigint[]) AS batch (object_id, body, order_key) "
    "ON CONFLICT (kind, object_id) DO UPDATE SET body = excluded.body, order_key = excluded.order_key "
    "WHERE pressdesk_search.body <> excluded.body OR pressdesk_search.order_key IS DISTINCT FROM excluded.order_key"
)
_SQLITE_DELETE = "DELETE FROM pressdesk_search WHERE kind = %s AND object_id = %s"
_POSTGRESQL_DELETE = "DELETE FROM pressdesk_search WHERE kind = %s AND object_id = ANY(%s::bigint[])"
_DELETE_KIND = "DELETE FROM pressdesk_search WHERE kind = %s"
_DELETE_ALL = "DELETE FROM pressdesk_search"
# CROSS JOIN makes SQLite loop over the FTS5 matches and look each row up by id. Left to
# itself the planner walks every document of the kind and runs the whole MATCH for each
# (16 s instead of milliseconds for 50,000 documents).
_SQLITE_MATCH = (
    "SELECT d.object_id FROM pressdesk_search_fts AS f CROSS JOIN pressdesk_search AS d ON d.id = f.rowid "
    "WHERE f.pressdesk_search_fts MATCH %s AND d.kind = %s"
)
# The word index's matches of every kind counted, up to a limit (-1: none), without reading the documents' table.
_SQLITE_COUNT = (
    "SELECT count(*) FROM (SELECT 1 FROM pressdesk_search_fts WHERE pressdesk_search_fts MATCH %s LIMIT %s) AS hits"
)
_POSTGRESQL_MATCH = "SELECT object_id FROM pressdesk_search WHERE kind = %s AND vector @@ %s::tsquery"
# The GIN index asked for the first tsquery only; each of its rows checked for the whole one by the function behind
# @@, which no index answers (see _keyed_query).
_POSTGRESQL_KEYED_MATCH = f"{_POSTGRESQL_MATCH} AND ts_match_vq(vector, %s::tsquery)"
_NOTHING = "SELECT object_id FROM pressdesk_search WHERE 1 = 0"
# Each query also giving the order key (named with its table on SQLite, where FTS5 has a column "rank" of its own).
_WITH_ORDER_KEY = {
    sql: sql.replace("d.object_id FROM", "d.object_id, d.order_key FROM").replace(
        "SELECT object_id FROM", "SELECT object_id, order_key FROM"
    )
    for sql in (_SQLITE_MATCH, _POSTGRESQL_MATCH, _POSTGRESQL_KEYED_MATCH, _NOTHING)
}

_indexers: dict[str, Callable[[], Iterable[tuple[int, str]]]] = {}


# Writing


def index(kind: str, object_id: int, body: str, order_key: int | None = None) -> None:
    """Index one document, replacing the one this kind and id had; ``order_key``: see ``some_ordered``."""
    index_many(kind, [(object_id, body, order_key)])


def index_many(kind: str, rows: Iterable[tuple[int, str] | tuple[int, str, int | None]]) -> int:
    """Index many ``(object_id, body)`` or ``(object_id, body, order_key)`` documents, replacing earlier ones; all or
    none. Returns how many rows."""
    _check_kind(kind)
    vendor = _vendor()
    count = 0
    rows = iter(rows)
    with transaction.atomic(), connection.cursor() as cursor:
        while batch := list(islice(rows, BATCH_SIZE)):
            # The last body given for an id wins, as if the rows were indexed one by one
            # (and PostgreSQL cannot upsert one row twice in one statement).
            documents = {_check_id(row[0]): (_clean_body(row[1]), _check_order_key(row[2:])) for row in batch}
            if vendor == "postgresql":
                bodies, keys = zip(*documents.values(), strict=True)
                cursor.execute(_POSTGRESQL_UPSERT, [kind, list(documents), list(bodies), list(keys)])
            else:
                cursor.executemany(
                    _SQLITE_UPSERT, [(kind, object_id, body, key) for object_id, (body, key) in documents.items()]
                )
            count += len(batch)
    return count


def remove(kind: str, object_ids: Iterable[int]) -> None:
    """Take documents out of the index; ids that have none are ignored."""
    _check_kind(kind)
    vendor = _vendor()
    object_ids = iter(object_ids)
    with transaction.atomic(), connection.cursor() as cursor:
        while batch := [_check_id(object_id) for object_id in islice(object_ids, BATCH_SIZE)]:
            if vendor == "postgresql":
                cursor.execute(_POSTGRESQL_DELETE, [kind, batch])
            else:
                cursor.executemany(_SQLITE_DELETE, [(kind, object_id) for object_id in batch])


def clear(kind: str) -> None:
    """Take every document of a kind out of the index."""
    _check_kind(kind)
    with connection.cursor() as cursor:
        cursor.execute(_DELETE_KIND, [kind])


# Reading


def matching(kind: str, terms: list[str], *, prefix: bool = True) -> RawSQL:
    """The ids of documents that contain every term, as a subquery for ``pk__in=``.

    With ``prefix`` (the default, since people type names partially) a term matches
    any word that starts with it; without, only the whole word. No terms match
    nothing: a caller with an empty query should not filter by search at all.
    """
    sql, params = _match_sql(kind, [_checked_list(terms)], prefix=prefix)
    return RawSQL(sql, params, output_field=models.BigIntegerField())  # noqa: S611 (constant SQL, values as params)


def matching_any(kind: str, readings: list[list[str]], *, prefix: bool = True) -> RawSQL:
    """The ids of documents that contain every term of at least one of ``readings``, as a subquery for ``pk__in=``.

    One word-index query for all the readings (one ``MATCH`` with ``OR``, one ``tsquery``
    with ``|``): ``matching()`` once per reading OR-ed together would make PostgreSQL scan
    the table instead of using its GIN index. A reading with no terms matches nothing.
    """
    sql, params = _match_sql(kind, readings, prefix=prefix)
    return RawSQL(sql, params, output_field=models.BigIntegerField())  # noqa: S611 (constant SQL, values as params)


def some_ordered(
    kind: str, readings: list[list[str]], *, limit: int, prefix: bool = True
) -> list[tuple[int, int | None]]:
    """At most ``limit`` ``(object_id, order_key)`` of documents that match one of ``readings`` (as ``matching_any``),
    in no set order.

    Cheap however many documents match: the word index stops at ``limit``. Fewer than
    ``limit`` are all the documents that match.

    An order key is what the app gave ``index`` (None when it gave none): the ids found
    can be put in the app's order from the rows the word index read anyway, rather than
    by asking the app's table for every one of them (a clipping's date, read at random
    places in a large table).
    """
    if limit < 0:
        raise ValueError(f"limit is a number of ids, not {limit}")
    sql, params = _match_sql(kind, readings, prefix=prefix, keyed=True)
    with connection.cursor() as cursor:
        cursor.execute(f"{_WITH_ORDER_KEY[sql]} LIMIT %s", [*params, limit])
        return [(object_id, key) for object_id, key in cursor.fetchall()]


def estimate(kind: str, readings: list[list[str]], *, prefix: bool = True, cap: int | None = None) -> int:
    """About how many documents match one of ``readings``: for choosing how to search, never for what is shown.

    PostgreSQL: its planner's guess, from the statistics of ``ANALYZE`` (exact enough
    for a common word, a floor for a rare one). SQLite keeps no statistics for its word
    index, so its matches are counted, of every kind (an app's own share is a guess on
    PostgreSQL too), up to ``cap`` when given: 0.06 µs a match, where gathering them
    with their order keys costs 3 µs (``some_ordered``: each read from the documents'
    table) — over a million clippings, 1.2 ms to count 20,001 matches against 30 ms to
    gather 10,001 only to learn that the word is common.
    """
    if cap is not None and cap < 0:
        raise ValueError(f"cap is a number of documents, not {cap}")
    sql, params = _match_sql(kind, readings, prefix=prefix)  # checks them on both engines
    if sql == _NOTHING:
        return 0
    if _vendor() == "postgresql":
        return _planned_rows(sql, params)
    with connection.cursor() as cursor:
        cursor.execute(_SQLITE_COUNT, [params[0], -1 if cap is None else cap])
        return cursor.fetchone()[0]


def among(object_ids: list[int], key: str = "pk") -> Func:
    """A condition for ``filter()``: ``key`` is one of ``object_ids`` (from ``some_ordered``), given in one parameter
    whatever their number.

    A list given to ``pk__in`` becomes a parameter per id, which Django prepares one by
    one: for 10,000 ids, tens of milliseconds, more than the database takes to use them.
    On PostgreSQL it is ``= ANY(array)``, not ``IN (SELECT unnest(array))``: the planner
    counts the array's members and, with another filter, starts from that filter's index
    and checks each row against the hashed array (5 ms for 9,000 ids and an outlet),
    where it guessed 200 rows for ``unnest`` and probed the key of every one (100 ms).
    """
    return _Among(F(key), ids=[_check_id(object_id) for object_id in object_ids])


class _Among(Func):
    output_field = models.BooleanField()

    def __init__(self, key, *, ids: list[int]) -> None:
        super().__init__(key)
        self.ids = ids

    def as_sql(self, compiler, connection, **extra):
        key, params = compiler.compile(self.source_expressions[0])
        if connection.vendor == "postgresql":
            return f"{key} = ANY(%s::bigint[])", [*params, self.ids]
        return f"{key} IN (SELECT value FROM json_each(%s))", [*params, json.dumps(self.ids)]  # noqa: S608 (our SQL; values as params)


def within(queryset: models.QuerySet, kind: str, readings: list[list[str]], *, prefix: bool = True) -> models.QuerySet:
    """``queryset`` kept to the objects whose document matches one of ``readings``, for a match of many documents.

    Meant for a queryset ordered by one of its indexes and sliced (the newest 25 of
    thousands of matches): the database walks that index and checks each row, rather
    than looking up every match to sort them all. PostgreSQL does so with ``pk IN (…)``
    when it expects many matches (each row's words checked by its key). SQLite would
    start from the matches, and asking FTS5 for them costs as much as gathering them
    all (100 ms for a word in half of a million documents, before the first row): so
    there each row's document is looked up by its key and its body read for the terms
    (``instr`` of " term" in " body": a word starts with the term; with " term " in
    " body ", a word is the term). That is the word index's own rule, since a body is
    words of a-z and 0-9 between single spaces; 7 µs a row.
    """
    if _vendor() == "postgresql":
        return queryset.filter(pk__in=matching_any(kind, readings, prefix=prefix))
    _check_kind(kind)
    readings = _searchable(readings)
    if not readings:
        return queryset.none()
    return queryset.filter(_BodyHas(F("pk"), kind=kind, readings=readings, prefix=prefix))


class _BodyHas(Func):
    """SQLite: does the row's document (kind, object id = the row's key) hold every term of one of ``readings``?"""

    output_field = models.BooleanField()

    def __init__(self, key, *, kind: str, readings: list[list[str]], prefix: bool) -> None:
        super().__init__(key)
        self.kind, self.readings, self.prefix = kind, readings, prefix

    def as_sql(self, compiler, connection, **extra):
        key, key_params = compiler.compile(self.source_expressions[0])
        body, end = ("' ' || d.body", "") if self.prefix else ("' ' || d.body || ' '", " ")
        has = f"instr({body}, %s) > 0"
        where = " OR ".join("(" + " AND ".join([has] * len(terms)) + ")" for terms in self.readings)
        terms = [f" {term}{end}" for terms in self.readings for term in terms]
        sql = f"EXISTS (SELECT 1 FROM pressdesk_search AS d WHERE d.kind = %s AND d.object_id = {key} AND ({where}))"  # noqa: S608 (our SQL; values as params)
        return sql, [self.kind, *key_params, *terms]


def ids(kind: str, terms: list[str], *, prefix: bool = True, limit: int | None = None) -> list[int]:
    """The ids of documents that contain every term, smallest first, at most ``limit`` of them."""
    if limit is not None and limit < 0:
        raise ValueError(f"limit is a number of ids, not {limit}")
    sql, params = _match_sql(kind, [_checked_list(terms)], prefix=prefix, keyed=True)
    sql = f"SELECT object_id FROM ({sql}) AS hits ORDER BY object_id"  # noqa: S608 (only our constant SQL)
    if limit is not None:
        sql += " LIMIT %s"
        params = [*params, limit]
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return [row[0] for row in cursor.fetchall()]


def _match_sql(kind: str, readings: list[list[str]], *, prefix: bool, keyed: bool = False) -> tuple[str, list[str]]:
    """The query for the ids matching one of ``readings``; ``keyed``: on PostgreSQL, with the GIN index asked for
    key terms only (``_keyed_query``), for a query run now (it asks the planner first)."""
    _check_kind(kind)
    readings = _searchable(readings)
    if not readings:
        return _NOTHING, []
    if _vendor() == "sqlite":
        star = "*" if prefix else ""
        query = " OR ".join("(" + " AND ".join(f'"{term}"{star}' for term in terms) + ")" for terms in readings)
        return _SQLITE_MATCH, [query, kind]
    query = _tsquery(readings, prefix)
    if keyed and (keys := _keyed_query(kind, readings, prefix)) != query:
        return _POSTGRESQL_KEYED_MATCH, [kind, keys, query]
    return _POSTGRESQL_MATCH, [kind, query]


def _tsquery(readings: list[list[str]], prefix: bool) -> str:
    star = ":*" if prefix else ""
    return " | ".join("(" + " & ".join(f"'{term}'{star}" for term in terms) + ")" for terms in readings)


def _keyed_query(kind: str, readings: list[list[str]], prefix: bool) -> str:
    """What to ask the GIN index: for each reading of several terms, its rarest term when that is a key term
    (``KEY_TERM_ROWS``), else the whole reading.

    GIN answers a prefix (``dorog:*``) by gathering every document of every word that
    starts with it before combining the terms: "ремонт дорог" took 70 ms over a million
    clippings for a word in 18% of them ANDed with one in 0.2%. Asked for the rare term
    alone and each of its documents checked for the rest, 9 ms. The planner's guess for
    each term says which is rare; a reading whose terms are all common is asked whole,
    where the index's combining is the cheaper way.
    """
    guesses: dict[str, int] = {}

    def guess(term: str) -> int:
        if term not in guesses:
            guesses[term] = _planned_rows(_POSTGRESQL_MATCH, [kind, _tsquery([[term]], prefix)])
        return guesses[term]

    keys = []
    for terms in readings:
        rarest = min(terms, key=guess) if len(terms) > 1 else None
        keys.append([rarest] if rarest is not None and guess(rarest) <= KEY_TERM_ROWS else terms)
    return _tsquery(list(dict.fromkeys(map(tuple, keys))), prefix)


def _planned_rows(sql: str, params: list) -> int:
    with connection.cursor() as cursor:
        cursor.execute(f"EXPLAIN (FORMAT JSON) {sql}", params)
        plan = cursor.fetchone()[0]
    return int((json.loads(plan) if isinstance(plan, str) else plan)[0]["Plan"]["Plan Rows"])


def _searchable(readings: list[list[str]]) -> list[list[str]]:
    """The readings that can match: checked, and without those no document can match. No indexed word is
    longer than MAX_TOKEN_LENGTH, so a reading with such a term matches nothing (and PostgreSQL would refuse
    it); so does one without terms."""
    readings = [_checked_terms(reading) for reading in _checked_list(readings)]
    return [terms for terms in readings if terms and all(len(term) <= MAX_TOKEN_LENGTH for term in terms)]


def _checked_list(terms: list) -> list:
    if isinstance(terms, str):
        raise TypeError("terms is a list of tokens, not a string")
    return list(terms)


def _checked_terms(terms: list[str]) -> list[str]:
    terms = _checked_list(terms)
    for term in terms:
        if not isinstance(term, str) or not _TERM.fullmatch(term):
            raise ValueError(f"{term!r} is not a search term: terms are lowercase letters a-z and digits only")
    return terms


# Rebuilding


def register_indexer(kind: str, rows: Callable[[], Iterable[tuple[int, str]]]) -> None:
    """Say how to rebuild a kind: ``rows()`` yields every ``(object_id, body)`` it should hold."""
    _check_kind(kind)
    if _indexers.get(kind, rows) is not rows:
        raise ValueError(f"search kind {kind!r} already has an indexer")
    _indexers[kind] = rows


def registered_kinds() -> list[str]:
    """The kinds that ``rebuild()`` knows how to refill."""
    return sorted(_indexers)


def rebuild(kind: str | None = None) -> dict[str, int]:
    """Refill the index of one kind, or the whole index, from the registered indexers; returns counts by kind.

    The whole index is emptied first, including kinds no app registers any more, so
    nothing stale survives a restore.
    """
    if kind is not None and kind not in _indexers:
        raise ValueError(f"no indexer is registered for search kind {kind!r}; known kinds: {registered_kinds()}")
    kinds = [kind] if kind is not None else registered_kinds()
    with transaction.atomic():
        if kind is None:
            with connection.cursor() as cursor:
                cursor.execute(_DELETE_ALL)
        else:
            clear(kind)
        return {name: index_many(name, _indexers[name]()) for name in kinds}


# Checks


def _vendor() -> str:
    if connection.vendor not in {"sqlite", "postgresql"}:
        raise NotSupportedError(f"search works on SQLite and PostgreSQL, not {connection.vendor}")
    return connection.vendor


def _check_kind(kind: str) -> None:
    if not isinstance(kind, str) or len(kind) > KIND_MAX_LENGTH or not _KIND.fullmatch(kind):
        raise ValueError(f"{kind!r} is not a search kind such as 'directory.journalist'")


def _check_id(object_id: int) -> int:
    if not isinstance(object_id, int) or isinstance(object_id, bool) or not -(2**63) <= object_id < 2**63:
        raise ValueError(f"{object_id!r} is not an object id (a 64-bit integer)")
    return object_id


def _check_order_key(rest: tuple) -> int | None:
    """The order key of an indexed row (what follows its id and body): none, None or a 64-bit integer."""
    if len(rest) > 1:
        raise ValueError(f"a document is (object id, body) or (object id, body, order key), not {rest[1:]!r} more")
    key = rest[0] if rest else None
    return None if key is None else _check_id(key)


def _clean_body(body: str) -> str:
    if not isinstance(body, str) or not _BODY.fullmatch(body):
        shown = body[:80] if isinstance(body, str) else body
        raise ValueError(f"a search body is lowercase words of a-z and 0-9 separated by spaces, not {shown!r}")
    if len(body) > MAX_TOKEN_LENGTH:
        body = _TOO_LONG.sub("", body)
    return body
