"""The runner's conversation with the database at each letter (``ledger()``): what became of the last letter,
and whether the mailing is still its own and still sending.

* **The record**: one conditional UPDATE per letter. It asks for the letter as the
  runner claimed it (still "sending", still this claim). When it finds the letter
  taken from the runner (declared dead while only slow), the letter in hand becomes
  "unknown", what it did send is still written down, and the runner stops:
  ``record``, ``catch_up``, ``settle`` and ``still`` answer False.
* **The look** (``ask``, then ``still``): one row of the mailing by its key, asked
  after a letter's last answer from the server and answered before the next letter
  is handed over, so a pause, a cancel or a takeover stops the runner there.

Both are done while the server answers the next letter's MAIL and RCPT.

* **In line** (``Ledger``: SQLite, and inside a caller's transaction, whose rows
  another connection could not see): ``catch_up`` writes the waiting record, ``still``
  asks the look, both before the next letter is handed over: one letter at most is
  unrecorded when the next goes. (In WAL mode with synchronous=NORMAL, SQLite's
  commit does not wait for the disk.)
* **Over a connection of its own** (``AsyncLedger``: PostgreSQL outside a transaction,
  whose commit waits for the disk): ``ask`` sends the look and then the waiting record
  without waiting, in libpq's pipeline mode (``libpq.Pipeline``: one message, one
  wake of one server process, each statement prepared once); ``still`` reads the
  look's answer, which does not wait for the commit — by then the next letter was
  written and its envelope accepted, and the answer is usually in. The record's
  answer is read at the following look, so its commit overlaps a whole letter's
  exchange: a letter is handed over only when the record of the one before the
  previous is in, and at most ``IN_FLIGHT`` (two) are unrecorded at once.
"""

from __future__ import annotations

import datetime
import functools
from collections import deque

from django.db import connections, router, transaction

from pressdesk.distribution import libpq
from pressdesk.distribution.lookout import holds, holds_sql
from pressdesk.distribution.models import Delivery, DeliveryStatus, MailingStatus

# Letters a runner may have handed to the server unrecorded at one time: one being recorded, the next in hand.
IN_FLIGHT = 2


@functools.lru_cache(maxsize=64)
def _update_sql(alias: str, names: tuple[str, ...], claimed: bool) -> str:
    """The UPDATE of ``statement`` for these fields, built once: the ORM's building of it cost twice the
    database's work."""
    quote, meta = connections[alias].ops.quote_name, Delivery._meta
    claim = quote(meta.get_field("claimed_at").column)
    same_claim = f"{claim} = %s" if claimed else f"{claim} IS NULL"
    assignments = ", ".join(f"{quote(meta.get_field(name).column)} = %s" for name in names)
    where = f"{quote(meta.pk.column)} = %s AND {quote(meta.get_field('status').column)} = %s AND {same_claim}"
    return f"UPDATE {quote(meta.db_table)} SET {assignments} WHERE {where}"  # noqa: S608 (our own names)


def statement(connection, delivery: Delivery, status: str, fields: dict) -> tuple[str, list]:
    """``Delivery.objects.filter(pk=…, claimed_at=…, status=…).update(**fields)`` as SQL and parameters."""
    meta = Delivery._meta
    params = [meta.get_field(name).get_db_prep_save(value, connection) for name, value in fields.items()]
    params += [delivery.pk, status]
    if delivery.claimed_at is not None:
        params.append(meta.get_field("claimed_at").get_db_prep_value(delivery.claimed_at, connection))
    return _update_sql(connection.alias, tuple(fields), delivery.claimed_at is not None), params


def _write(delivery: Delivery, status: str, fields: dict) -> int:
    connection = connections[router.db_for_write(Delivery)]
    sql, params = statement(connection, delivery, status, fields)
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.rowcount


def mark(delivery: Delivery, fields: dict) -> bool:
    """Record what became of a letter; False when this runner no longer holds it (it was taken over: stop)."""
    if _write(delivery, DeliveryStatus.SENDING, fields):
        return True
    # Declared dead while only slow: its letter in hand became "unknown"; what it did send is still written down.
    _write(delivery, DeliveryStatus.UNKNOWN, fields)
    return False


class Ledger:
    """In line: each record written at ``catch_up`` (or at the next ``record``, or ``settle``), each look
    asked at ``still``."""

    def __init__(self, mailing_id: int, token: str) -> None:
        self.mailing_id, self.token = mailing_id, token
        self.waiting: tuple[Delivery, dict] | None = None
        self.ours = True
        self.answer: bool | None = None

    def record(self, delivery: Delivery, fields: dict) -> bool:
        """Write down what became of this letter (the one before it now, this one later); False once any record
        found its letter taken from this runner: it must stop."""
        self.catch_up()
        self.waiting = (delivery, fields)
        return self.ours

    def catch_up(self) -> bool:
        """The last letter's record on its way now, if it waits; False once any record found its letter taken."""
        if self.waiting is not None:
            delivery, fields = self.waiting
            self.waiting = None
            self.ours = mark(delivery, fields) and self.ours
        return self.ours

    def settle(self) -> bool:
        """Every record written; False when any found its letter taken from this runner."""
        return self.catch_up()

    def ask(self) -> None:
        """Paused, cancelled or taken over since the last letter? ``still`` answers. The last letter's record
        goes with the question."""
        self.catch_up()
        self.answer = None

    def still(self) -> bool:
        """The mailing still this runner's and sending, and every record sent in (the answer kept until the
        next ``ask``)."""
        if self.answer is None:
            self.answer = holds(self.mailing_id, self.token)
        return self.answer and self.ours

    def close(self) -> None:
        self.catch_up()

    def __enter__(self) -> Ledger:
        return self

    def __exit__(self, *exc) -> None:
        self.close()


class AsyncLedger(Ledger):
    """PostgreSQL outside a transaction: the look and the waiting record sent at ``ask`` as one message (a record
    alone at ``catch_up``) in pipeline mode, the look first; ``still`` reads up to the look's answer, which comes
    before the record is committed; the record's answer, once committed, is read at the next ``still`` (its
    commit has the next letter's exchange to come in)."""

    def __init__(self, mailing_id: int, token: str) -> None:
        super().__init__(mailing_id, token)
        self.alias = router.db_for_write(Delivery)
        self.pipeline = libpq.Pipeline(libpq.connect(self.alias))
        quote = connections[self.alias].ops.quote_name
        self.look = holds_sql(quote), [_text(v) for v in (mailing_id, MailingStatus.SENDING.value, token)]
        self.unread: deque[tuple[Delivery, dict] | None] = deque()  # sent, answer unread: a record, or the look

    def ask(self) -> None:
        self.answer = None
        self.pipeline.send(*self.look)
        self.unread.append(None)
        self._record()

    def catch_up(self) -> bool:
        if self.waiting is not None:
            self._record()
        return self.ours

    def _record(self) -> None:
        """The waiting record queued, and what was queued sent (a transaction: its commit after the look's answer)."""
        if self.waiting is not None:
            delivery, fields = self.waiting
            sql, params = statement(connections[self.alias], delivery, DeliveryStatus.SENDING, fields)
            self.pipeline.send(sql, [_text(value) for value in params])
            self.unread.append(self.waiting)
            self.waiting = None
        self.pipeline.sync()

    def still(self) -> bool:
        if self.answer is None and None not in self.unread:
            self.ask()
        while None in self.unread:  # up to the last look's answer
            self._read()
        return self.answer and self.ours

    def settle(self) -> bool:
        self.catch_up()
        while self.unread:
            self._read()
        return self.ours

    def close(self) -> None:
        try:
            self.settle()
        finally:
            self.pipeline.close()

    def _read(self) -> None:
        """The oldest answer unread: the look's, or a record's (none found its letter: taken)."""
        sent = self.unread.popleft()
        result = self.pipeline.take(committed=sent is not None)
        if sent is None:
            self.answer = result.ntuples == 1
        elif not int(result.command_tuples or 0):
            mark(*sent)  # found taken: written down as "unknown", over Django's connection
            self.ours = False


def _text(value) -> bytes | None:
    """A parameter as libpq's text format has it; PostgreSQL reads it as the column's type."""
    if value is None:
        return None
    if isinstance(value, datetime.datetime):
        return value.isoformat().encode()
    return str(value).encode()


def ledger(mailing_id: int, token: str) -> Ledger:
    """The way to record and look for this database: over a connection of its own on PostgreSQL outside a
    transaction."""
    database = transaction.get_connection(router.db_for_write(Delivery))
    if database.vendor == "postgresql" and not database.in_atomic_block:
        return AsyncLedger(mailing_id, token)
    return Ledger(mailing_id, token)
