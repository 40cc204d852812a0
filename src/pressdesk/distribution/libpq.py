"""A PostgreSQL connection of the runner's own, driven through libpq's asynchronous calls (``psycopg.pq``).

The runner's look at its mailing and its record of each letter (``ledger``) are sent
without waiting, one after the other on one connection in pipeline mode, and their
answers read later, so that the database's round trip, and a commit's wait for the
disk, overlap the letter's SMTP exchange. Waiting is done in ``select``, without
holding the interpreter: no thread is needed, so none competes with the sender for it.
"""

from __future__ import annotations

import select
from collections import deque

from django.db import connections
from psycopg import Connection, OperationalError, pq


def connect(alias: str) -> Connection:
    """A new connection with the settings of Django's ``alias``, in autocommit: each statement commits alone."""
    database = connections[alias]
    connection = database.get_new_connection(database.get_connection_params())
    connection.autocommit = True
    return connection


def numbered(sql: str) -> str:
    """Django's ``%s`` placeholders as libpq's ``$1``, ``$2``, … (for statements of our own, with no ``%``)."""
    parts = sql.split("%s")
    return "".join(f"{part}${number}" for number, part in enumerate(parts[:-1], 1)) + parts[-1]


def flush(pgconn: pq.abc.PGconn) -> None:
    while pgconn.flush():  # a few bytes: the socket takes them at once unless it is full
        select.select([], [pgconn.socket], [])


def check(pgconn: pq.abc.PGconn, result: pq.abc.PGresult) -> pq.abc.PGresult:
    """``result``, unless it is an error: then ``OperationalError`` with the server's message."""
    if result.status not in (pq.ExecStatus.TUPLES_OK, pq.ExecStatus.COMMAND_OK):
        raise OperationalError(pgconn.get_error_message() or result.get_error_message())
    return result


class Pipeline:
    """Statements sent in a row without waiting (libpq's pipeline mode), each prepared on the connection the
    first time it is sent. The statements sent between two ``sync`` calls are one transaction, committed at the
    second; ``sync`` sends them all in one message (one wake of the server's process). Each statement's answer
    comes as soon as it has run (a flush request after it), not at the commit; ``take`` reads the oldest
    unread one."""

    def __init__(self, connection: Connection) -> None:
        self.connection = connection
        self.pgconn = connection.pgconn
        self.pgconn.enter_pipeline_mode()
        self.prepared: dict[str, bytes] = {}
        self.unread: deque[str] = deque()  # what each answer not yet read is for: "prepare", "statement", "sync"

    def send(self, sql: str, params: list[bytes | None]) -> None:
        """Queue ``sql`` (``%s`` placeholders) with its parameters in libpq's text format."""
        name = self.prepared.get(sql)
        if name is None:
            name = self.prepared[sql] = f"pressdesk_{len(self.prepared)}".encode()
            self.pgconn.send_prepare(name, numbered(sql).encode())
            self.unread.append("prepare")
        self.pgconn.send_query_prepared(name, params)
        self.pgconn.send_flush_request()
        self.unread.append("statement")

    def sync(self) -> None:
        """Commit what was queued since the last ``sync``, and send it all now."""
        self.pgconn.pipeline_sync()
        self.unread.append("sync")
        flush(self.pgconn)

    def take(self, *, committed: bool = False) -> pq.abc.PGresult:
        """The last result of the oldest statement unread, waiting for it; when ``committed`` (for the last
        statement of a transaction), waiting for the commit too. ``OperationalError`` for an error (the statements
        after it until the next ``sync`` fail too, and the pipeline goes on after that)."""
        while self.unread:
            kind, result = self._answer()
            if kind == "statement":
                if committed:
                    if self.unread[0] != "sync":
                        raise ValueError("only the last statement of a transaction can wait for its commit")
                    self._answer()
                return result
        raise OperationalError("no statement is waiting for its answer")

    def _answer(self) -> tuple[str, pq.abc.PGresult]:
        """The oldest answer unread, of whichever kind."""
        kind = self.unread.popleft()
        result = _next(self.pgconn)
        if kind == "sync":
            if result is None or result.status != pq.ExecStatus.PIPELINE_SYNC:
                raise OperationalError(self.pgconn.get_error_message() or "the database did not answer a sync")
            return kind, result
        while (more := _next(self.pgconn)) is not None:  # a statement's results end with None
            result = more
        if result is None:
            raise OperationalError("the statement sent had no result")
        return kind, check(self.pgconn, result)

    def close(self) -> None:
        try:
            while "statement" in self.unread:
                self.take()
        finally:
            self.connection.close()


def _next(pgconn: pq.abc.PGconn) -> pq.abc.PGresult | None:
    """The next result in the pipeline, waiting for it (None ends one statement's results)."""
    pgconn.consume_input()
    while pgconn.is_busy():
        select.select([pgconn.socket], [], [])
        pgconn.consume_input()
    return pgconn.get_result()
