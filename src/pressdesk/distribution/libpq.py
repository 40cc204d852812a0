"""A PostgreSQL connection of the runner's own, driven through libpq's asynchronous calls (``psycopg.pq``).

The runner's look at its mailing (``lookout``) and its record of each letter
(``ledger``) send a statement without waiting and read its answer later, so that the
database's round trip, and a commit's wait for the disk, overlap the letter's SMTP
exchange. Waiting is done in ``select``, without holding the interpreter: no thread
is needed, so none competes with the sender for it.
"""

from __future__ import annotations

import select

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


def results(pgconn: pq.abc.PGconn) -> list[pq.abc.PGresult]:
    """The results of the statement sent, waiting for them if they are not in; ``OperationalError`` for an error."""
    pgconn.consume_input()
    while pgconn.is_busy():
        select.select([pgconn.socket], [], [])
        pgconn.consume_input()
    found = []
    while (result := pgconn.get_result()) is not None:
        if result.status not in (pq.ExecStatus.TUPLES_OK, pq.ExecStatus.COMMAND_OK):
            raise OperationalError(pgconn.get_error_message() or result.get_error_message())
        found.append(result)
    if not found:
        raise OperationalError("the statement sent had no result")
    return found
