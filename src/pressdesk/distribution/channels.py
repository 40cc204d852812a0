"""The way a letter leaves: a channel, with email as the first one.

A channel is opened once per run, sends one prepared message at a time, and
says what went wrong in one of three ways the runner understands:

* ``Refused`` — this letter was not taken (``permanent`` for a 5xx answer, a
  letter too large, an address that cannot be written, a provider's 4xx for
  this letter: it fails; otherwise it is tried again later);
* ``ChannelDown`` — nothing can go now (server unreachable, login refused,
  connection lost before the letter was handed over): the mailing pauses
  with the reason and resumes later;
* ``InDoubt`` — the letter was handed over but the server's answer never came
  (a timeout or a lost connection after the end of the body): the server may
  well have taken it, so it must never go again by itself; the mailing
  pauses as for ``ChannelDown``.

Over SMTP the channel drives MAIL, RCPT and DATA itself on Django's
connection, so that it knows which step failed: only a failure after the
last byte of the body went out leaves the letter in doubt.

``send`` may be given ``go``: asked at the last moment before the letter is
handed over (over SMTP, once the envelope was accepted, before DATA), so that
the runner's look at its mailing travels while the letter is written and its
envelope goes; when it says no, the channel raises ``Withheld``, with nothing
of the letter handed over. It may be given ``meanwhile`` too: over SMTP, called at each wait for the
server's answer (to MAIL, to each RCPT, to the end of the body), between sending and
reading, so that the runner does its own work (the last letter's record, its look, the
next letter) in time it would otherwise spend waiting; through a provider, once, after
the letter went. It must not raise.

A Telegram or other channel is one more class with the same three methods.
"""

from __future__ import annotations

import re
import smtplib
from collections.abc import Callable
from typing import Protocol

from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.core.mail.backends.smtp import EmailBackend as SMTPBackend
from django.core.mail.message import sanitize_address
from django.utils.translation import gettext as _

# A 552 to MAIL FROM (with the letter's SIZE) says this letter is too large, not that the server is down.
TOO_LARGE = 552
LINE_START_DOT = re.compile(rb"(?m)^\.")
# An address with nothing to encode or quote: Django's sanitize_address would parse it only to give it back.
PLAIN_ADDRESS = re.compile(r"[A-Za-z0-9!#$%&'*+/=?^_`{|}~.-]+@[A-Za-z0-9.-]+", re.ASCII)


class Refused(Exception):
    def __init__(self, message: str, *, permanent: bool) -> None:
        super().__init__(message)
        self.permanent = permanent


class ChannelDown(Exception):
    """Nothing can be sent through this channel now; the message says why, for the press secretary."""


class InDoubt(ChannelDown):
    """The letter was handed over and the answer lost: it may have arrived; the channel is down as well."""


class Withheld(Exception):
    """The sender said no (``go()``) at the last moment before the letter would be handed over; none of it was."""


class Channel(Protocol):
    key: str

    def open(self) -> None: ...

    def send(
        self,
        message: EmailMessage,
        *,
        go: Callable[[], bool] | None = None,
        meanwhile: Callable[[], None] | None = None,
    ) -> None: ...

    def close(self) -> None: ...


def _idle() -> None:
    pass


def _quoted(address: str) -> str:
    """``smtplib.quoteaddr``: the same ``<address>``, without parsing one that is plain."""
    return f"<{address}>" if PLAIN_ADDRESS.fullmatch(address) else smtplib.quoteaddr(address)


def _answer(code: int, text: bytes | str) -> str:
    words = text.decode("utf-8", "replace") if isinstance(text, bytes) else str(text)
    return f"{code} {words}".strip()


def _lost(exc: BaseException) -> ChannelDown:
    return ChannelDown(_("The connection to the mail server was lost: %(error)s") % {"error": exc})


def _in_doubt(exc: BaseException | str) -> InDoubt:
    return InDoubt(
        _(
            "The mail server did not answer after it was handed the letter (%(error)s): it may have arrived, "
            "so it is not sent again by itself."
        )
        % {"error": exc}
    )


def _unwritable(exc: BaseException) -> Refused:
    return Refused(_("The letter could not be written for this address: %(error)s") % {"error": exc}, permanent=True)


class EmailChannel:
    """Django's configured email backend (SMTP, or a provider through django-anymail), one connection per run."""

    key = "email"

    def __init__(self, backend: str | None = None) -> None:
        self.connection = get_connection(backend, fail_silently=False)
        self.senders: dict[tuple[str, str], str] = {}  # one From for a whole run: written for the wire once

    def _address(self, address: str, encoding: str) -> str:
        if PLAIN_ADDRESS.fullmatch(address):
            return address
        return sanitize_address(address, encoding)

    def _sender(self, address: str, encoding: str) -> str:
        key = (address, encoding)
        if key not in self.senders:
            self.senders[key] = self._address(address, encoding)
        return self.senders[key]

    def open(self) -> None:
        try:
            self.connection.open()
        except (OSError, smtplib.SMTPException) as exc:
            raise ChannelDown(_("The mail server cannot be reached: %(error)s") % {"error": exc}) from exc

    def close(self) -> None:
        try:
            self.connection.close()
        except (OSError, smtplib.SMTPException):
            pass  # a connection already gone has nothing left to close

    def send(
        self,
        message: EmailMessage,
        *,
        go: Callable[[], bool] | None = None,
        meanwhile: Callable[[], None] | None = None,
    ) -> None:
        if isinstance(self.connection, SMTPBackend):
            self._send_smtp(message, go, meanwhile)
            return
        if go is not None and not go():
            raise Withheld
        self._send_through_backend(message)
        if meanwhile is not None:
            meanwhile()

    def _send_smtp(
        self, message: EmailMessage, go: Callable[[], bool] | None, meanwhile: Callable[[], None] | None
    ) -> None:
        try:
            encoding = message.encoding or settings.DEFAULT_CHARSET
            sender = self._sender(message.from_email, encoding)
            recipients = [self._address(address, encoding) for address in message.recipients()]
            body = message.message().as_bytes(linesep="\r\n")
        except Exception as exc:  # noqa: BLE001 (nothing has left yet: whatever it is, it is this letter's fault)
            raise _unwritable(exc) from exc
        if not recipients:
            raise Refused(_("The letter has no recipient."), permanent=True)
        if self.connection.connection is None:
            self.open()
        smtp = self.connection.connection
        try:
            data = self._envelope(smtp, sender, recipients, body, meanwhile or _idle)
            if go is not None and not go():
                smtp.rset()
                raise Withheld
            code, reply = smtp.docmd("data")
            if code != 354:
                smtp.rset()
                raise Refused(_answer(code, reply), permanent=500 <= code < 600)
            smtp.send(data)
        except (OSError, smtplib.SMTPException) as exc:  # the end of the body never went out: not delivered
            self.close()
            raise _lost(exc) from exc
        if meanwhile is not None:
            meanwhile()  # while the server takes the letter in
        try:
            code, reply = smtp.getreply()
        except (OSError, smtplib.SMTPException) as exc:
            self.close()
            raise _in_doubt(exc) from exc
        if code != 250:
            raise Refused(_answer(code, reply), permanent=500 <= code < 600)

    def _envelope(
        self, smtp: smtplib.SMTP, sender: str, recipients: list[str], body: bytes, meanwhile: Callable[[], None]
    ) -> bytes:
        """MAIL and RCPT as ``smtplib``'s ``mail`` and ``rcpt`` write them, with ``meanwhile`` at each wait; the
        body as DATA carries it (dot-stuffed, ended), made while the server answers MAIL."""
        smtp.ehlo_or_helo_if_needed()
        size_option = f" size={len(body)}" if smtp.does_esmtp and smtp.has_extn("size") else ""
        smtp.putcmd("mail", f"FROM:{_quoted(sender)}{size_option}")
        to = [_quoted(recipient) for recipient in recipients]
        if not body.endswith(b"\r\n"):
            body += b"\r\n"
        data = LINE_START_DOT.sub(b"..", body) + b".\r\n"
        meanwhile()
        code, reply = smtp.getreply()
        if code != 250:
            smtp.rset()
            if code == TOO_LARGE:
                raise Refused(_answer(code, reply), permanent=True)
            raise ChannelDown(_("The mail server refuses to send: %(error)s") % {"error": _answer(code, reply)})
        refused = []
        for recipient in to:
            smtp.putcmd("rcpt", f"TO:{recipient}")
            meanwhile()
            code, reply = smtp.getreply()
            if code not in (250, 251):
                refused.append((code, reply))
        if len(refused) == len(recipients):
            smtp.rset()
            code, reply = refused[0]
            raise Refused(_answer(code, reply), permanent=500 <= code < 600)
        return data

    def _send_through_backend(self, message: EmailMessage) -> None:
        """A provider's API (django-anymail): its refusal of this letter fails it; the provider unreachable or
        overloaded pauses; no answer to a request that went out leaves the letter in doubt."""
        from anymail.exceptions import AnymailAPIError, AnymailError, AnymailRecipientsRefused

        try:
            sent = self.connection.send_messages([message])
        except AnymailRecipientsRefused as exc:
            raise Refused(str(exc), permanent=True) from exc
        except AnymailAPIError as exc:
            status = exc.status_code
            if status is not None and 400 <= status < 500 and status not in (401, 403, 429):
                raise Refused(str(exc), permanent=True) from exc  # this letter's fault (bad address, content…)
            if status is not None and 200 <= status < 300 or _answer_lost(exc):
                raise _in_doubt(exc) from exc
            raise _lost(exc) from exc
        except AnymailError as exc:  # invalid address, unsupported feature…: found before anything was sent
            raise _unwritable(exc) from exc
        except (OSError, smtplib.SMTPException) as exc:
            self.close()
            raise _lost(exc) from exc
        if not sent:
            raise ChannelDown(_("The mail server cannot be reached."))


def _answer_lost(exc: BaseException) -> bool:
    """Did the request go out and its answer never come back (a read timeout)?"""
    try:
        from requests.exceptions import ReadTimeout
    except ImportError:  # pragma: no cover (anymail's requests backends bring requests along)
        return False
    return isinstance(exc, ReadTimeout) or isinstance(exc.__cause__, ReadTimeout)


CHANNELS = {"email": EmailChannel}


def open_channel(key: str = "email") -> Channel:
    channel = CHANNELS[key]()
    channel.open()
    return channel
