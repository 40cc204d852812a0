"""What became of each letter, written down by the runner: one conditional UPDATE per letter (``ledger()``).

A record asks for the letter as the runner claimed it (still "sending", still this
claim). When it finds the letter taken from the runner (declared dead while only
slow), the letter in hand becomes "unknown", what it did send is still written down,
and the runner stops: ``record``, ``catch_up`` and ``settle`` answer False.

* **In line** (``Ledger``: SQLite, and inside a caller's transaction, whose rows
  another connection could not see): ``record`` keeps the letter's record and
  ``catch_up`` writes it. The runner calls ``catch_up`` while the server answers the
  next letter's MAIL, and at the latest just before that letter is handed over: one
  letter at most is unrecorded when the next goes. (In WAL mode with
  synchronous=NORMAL, SQLite's commit does not wait for the disk.)
* **Over a connection of its own** (``AsyncLedger``: PostgreSQL outside a transaction,
  whose commit waits for the disk): ``catch_up`` sends the UPDATE (at the same
  moments) and its answer is read when the next letter's record is sent, through
  libpq's asynchronous calls (``libpq``). The commit's wait overlaps the next
  letter's exchange; a letter is handed over only when the record of the one before
  the previous is in the database, so at most ``IN_FLIGHT`` (two) are unrecorded at once.
"""

from __future__ import annotations

import datetime

from django.db import connections, router, transaction

from pressdesk.distribution import libpq
from pressdesk.distribution.models import Delivery, DeliveryStatus

# A runner's letters that may be unrecorded at one time: one being recorded while the next is handed over.
IN_FLIGHT = 2


def statement(connection, delivery: Delivery, status: str, fields: dict) -> tuple[str, list]:
    """``Delivery.objects.filter(pk=…, claimed_at=…, status=…).update(**fields)`` as SQL and parameters: written
    once per letter, where the ORM's building of it cost twice the database's work."""
    quote, meta = connection.ops.quote_name, Delivery._meta
    columns = [meta.get_field(name) for name in fields]
    claim = meta.get_field("claimed_at")
    params = [
        column.get_db_prep_save(value, connection) for column, value in zip(columns, fields.values(), strict=True)
    ]
    params += [delivery.pk, status]
    same_claim = f"{quote(claim.column)} IS NULL"
    if delivery.claimed_at is not None:
        same_claim = f"{quote(claim.column)} = %s"
        params.append(claim.get_db_prep_value(delivery.claimed_at, connection))
    assignments = ", ".join(f"{quote(column.column)} = %s" for column in columns)
    where = f"{quote(meta.pk.column)} = %s AND {quote(meta.get_field('status').column)} = %s AND {same_claim}"
    return f"UPDATE {quote(meta.db_table)} SET {assignments} WHERE {where}", params  # noqa: S608 (our own names)


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
    """In line: each record written at ``catch_up`` (or at the next ``record``, or ``settle``)."""

    def __init__(self) -> None:
        self.waiting: tuple[Delivery, dict] | None = None
        self.ours = True

    def record(self, delivery: Delivery, fields: dict) -> bool:
        """Write down what became of this letter (the one before it now, this one later); False once any record
        found its letter taken from this runner: it must stop."""
        self.catch_up()
        self.waiting = (delivery, fields)
        return self.ours

    def catch_up(self) -> bool:
        """The last letter's record written now, if it waits; False once any record found its letter taken."""
        if self.waiting is not None:
            delivery, fields = self.waiting
            self.waiting = None
            self.ours = mark(delivery, fields) and self.ours
        return self.ours

    def settle(self) -> bool:
        """Every record written; False when any found its letter taken from this runner."""
        return self.catch_up()

    def close(self) -> None:
        self.catch_up()

    def __enter__(self) -> Ledger:
        return self

    def __exit__(self, *exc) -> None:
        self.close()


class AsyncLedger(Ledger):
    """PostgreSQL outside a transaction: each record sent at ``catch_up``, its answer read at the next one."""

    def __init__(self) -> None:
        super().__init__()
        self.alias = router.db_for_write(Delivery)
        self.connection = libpq.connect(self.alias)
        self.sent: tuple[Delivery, dict] | None = None

    def catch_up(self) -> bool:
        """The last letter's record sent, once the one before it is in."""
        if self.waiting is not None:
            self._read()
            delivery, fields = self.sent = self.waiting
            self.waiting = None
            sql, params = statement(connections[self.alias], delivery, DeliveryStatus.SENDING, fields)
            pgconn = self.connection.pgconn
            pgconn.send_query_params(libpq.numbered(sql).encode(), [_text(value) for value in params])
            libpq.flush(pgconn)
        return self.ours

    def settle(self) -> bool:
        self.catch_up()
        self._read()
        return self.ours

    def _read(self) -> None:
        if self.sent is not None:
            delivery, fields = self.sent
            self.sent = None
            if not int(libpq.results(self.connection.pgconn)[-1].command_tuples or 0):
                mark(delivery, fields)  # found taken: written down as "unknown", over Django's connection
                self.ours = False

    def close(self) -> None:
        try:
            self.settle()
        finally:
            self.connection.close()


def _text(value) -> bytes | None:
    """A parameter as libpq's text format has it; PostgreSQL reads it as the column's type."""
    if value is None:
        return None
    if isinstance(value, datetime.datetime):
        return value.isoformat().encode()
    return str(value).encode()


def ledger() -> Ledger:
    """The way to record for this database: over a connection of its own on PostgreSQL outside a transaction."""
    database = transaction.get_connection(router.db_for_write(Delivery))
    if database.vendor == "postgresql" and not database.in_atomic_block:
        return AsyncLedger()
    return Ledger()
