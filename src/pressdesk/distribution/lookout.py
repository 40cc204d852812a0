"""Before each letter the runner asks whether the mailing is still its own and still sending.

A pause, a cancel or a takeover stops the runner before the next letter: the question
is asked after one letter's last answer from the server and answered before the next
letter is handed over (``ledger``: on PostgreSQL it travels with the last letter's
record, as one statement, while the next letter is written and its envelope goes).
"""

from __future__ import annotations

from django.db import connections, router

from pressdesk.distribution.models import Mailing, MailingStatus


def holds_sql(quote) -> str:
    """The look as SQL, with ``%s`` for the mailing's key, "sending" and the runner's token."""
    meta = Mailing._meta
    status, runner = (quote(meta.get_field(name).column) for name in ("status", "runner"))
    where = f"{quote(meta.pk.column)} = %s AND {status} = %s AND {runner} = %s"
    return f"SELECT 1 FROM {quote(meta.db_table)} WHERE {where}"  # noqa: S608 (our own names)


def holds(mailing_id: int, token: str) -> bool:
    """Is the mailing still this runner's and still sending? One SELECT of one row by its key."""
    connection = connections[router.db_for_read(Mailing)]
    with connection.cursor() as cursor:
        cursor.execute(holds_sql(connection.ops.quote_name), [mailing_id, MailingStatus.SENDING.value, token])
        return cursor.fetchone() is not None
