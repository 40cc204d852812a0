"""Before each letter the runner asks whether the mailing is still its own and still sending.

A pause, a cancel or a takeover stops the runner before the next letter: the question
is asked after one letter's last answer from the server and answered before the next
letter is handed over. The wait for that answer is the database's round trip, once per
letter. On PostgreSQL it need not add to the letter's time: ``Lookout`` sends the
question on a connection of its own without waiting, and reads the answer only when
the channel is about to hand the letter over — by then the letter was written and its
envelope (MAIL, RCPT) accepted, and the answer is waiting on the socket. What it asks
and when are the same as a plain SELECT before each letter; only the waiting overlaps.

On SQLite (in this process: no round trip to hide), and inside a transaction (whose
pause another connection could not see), the question is one SELECT, asked when the
answer is wanted.
"""

from __future__ import annotations

from django.db import connections, router, transaction

from pressdesk.distribution import libpq
from pressdesk.distribution.models import Mailing, MailingStatus

_STATEMENT = b"pressdesk_distribution_holds"


def _holds_sql(quote) -> str:
    meta = Mailing._meta
    status, runner = (quote(meta.get_field(name).column) for name in ("status", "runner"))
    where = f"{quote(meta.pk.column)} = %s AND {status} = %s AND {runner} = %s"
    return f"SELECT 1 FROM {quote(meta.db_table)} WHERE {where}"  # noqa: S608 (our own names)


def holds(mailing_id: int, token: str) -> bool:
    """Is the mailing still this runner's and still sending? One SELECT of one row by its key."""
    connection = connections[router.db_for_read(Mailing)]
    with connection.cursor() as cursor:
        cursor.execute(_holds_sql(connection.ops.quote_name), [mailing_id, MailingStatus.SENDING.value, token])
        return cursor.fetchone() is not None


class Lookout:
    """``ask()`` after a letter, ``still()`` just before the next is handed over; ``close()`` at the end."""

    def __init__(self, mailing_id: int, token: str) -> None:
        self.mailing_id, self.token = mailing_id, token
        self.answer: bool | None = None

    def ask(self) -> None:
        self.answer = None

    def still(self) -> bool:
        if self.answer is None:
            self.answer = holds(self.mailing_id, self.token)
        return self.answer

    def close(self) -> None:
        pass

    def __enter__(self) -> Lookout:
        return self

    def __exit__(self, *exc) -> None:
        self.close()


class AsyncLookout(Lookout):
    """PostgreSQL outside a transaction: the question goes out at ``ask()``, the answer is read at ``still()``.

    Its own connection (``libpq``), with the SELECT prepared once, so nothing but this class uses it."""

    def __init__(self, mailing_id: int, token: str) -> None:
        super().__init__(mailing_id, token)
        alias = router.db_for_read(Mailing)
        self.connection = libpq.connect(alias)
        sql = libpq.numbered(_holds_sql(connections[alias].ops.quote_name))
        self.connection.execute(f"PREPARE {_STATEMENT.decode()} (bigint, text, text) AS {sql}")
        self.params = [str(mailing_id).encode(), MailingStatus.SENDING.value.encode(), token.encode()]
        self.asked = False

    def ask(self) -> None:
        self._drain()
        pgconn = self.connection.pgconn
        pgconn.send_query_prepared(_STATEMENT, self.params)
        libpq.flush(pgconn)
        self.asked, self.answer = True, None

    def still(self) -> bool:
        if self.answer is None:
            if not self.asked:
                self.ask()
            self.answer = self._read()
        return self.answer

    def close(self) -> None:
        try:
            self._drain()
        finally:
            self.connection.close()

    def _drain(self) -> None:
        if self.asked:
            self._read()

    def _read(self) -> bool:
        """The answer to the question asked, waiting for it if it is not in."""
        self.asked = False
        return libpq.results(self.connection.pgconn)[-1].ntuples == 1


def lookout(mailing_id: int, token: str) -> Lookout:
    """The way to ask for this database: asynchronous on PostgreSQL outside a transaction, else in line."""
    database = transaction.get_connection(router.db_for_read(Mailing))
    if database.vendor == "postgresql" and not database.in_atomic_block:
        return AsyncLookout(mailing_id, token)
    return Lookout(mailing_id, token)
