"""The way a letter leaves: a channel, with email as the first one.

A channel is opened once per run, sends one prepared message at a time, and
says what went wrong in one of two ways the runner understands:

* ``Refused`` — this recipient's letter was not taken (``permanent`` for a 5xx
  answer: the address is wrong; otherwise it is tried again later);
* ``ChannelDown`` — nothing can go now (server unreachable, login refused,
  connection lost): the mailing pauses with the reason and resumes later.

A Telegram or other channel is one more class with the same three methods.
"""

from __future__ import annotations

import smtplib
from typing import Protocol

from django.core.mail import EmailMessage, get_connection
from django.utils.translation import gettext as _


class Refused(Exception):
    def __init__(self, message: str, *, permanent: bool) -> None:
        super().__init__(message)
        self.permanent = permanent


class ChannelDown(Exception):
    """Nothing can be sent through this channel now; the message says why, for the press secretary."""


class Channel(Protocol):
    key: str

    def open(self) -> None: ...

    def send(self, message: EmailMessage) -> None: ...

    def close(self) -> None: ...


def _answer(code: int, text: bytes | str) -> str:
    words = text.decode("utf-8", "replace") if isinstance(text, bytes) else str(text)
    return f"{code} {words}".strip()


class EmailChannel:
    """Django's configured email backend (SMTP, or a provider through django-anymail), one connection per run."""

    key = "email"

    def __init__(self, backend: str | None = None) -> None:
        self.connection = get_connection(backend, fail_silently=False)

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

    def send(self, message: EmailMessage) -> None:
        try:
            sent = self.connection.send_messages([message])
        except smtplib.SMTPRecipientsRefused as exc:
            code, text = next(iter(exc.recipients.values()))
            raise Refused(_answer(code, text), permanent=500 <= code < 600) from exc
        except smtplib.SMTPDataError as exc:
            raise Refused(_answer(exc.smtp_code, exc.smtp_error), permanent=500 <= exc.smtp_code < 600) from exc
        except smtplib.SMTPResponseException as exc:  # the server refuses us, not this address
            raise ChannelDown(
                _("The mail server refuses to send: %(error)s") % {"error": _answer(exc.smtp_code, exc.smtp_error)}
            ) from exc
        except (OSError, smtplib.SMTPException) as exc:
            self.close()
            raise ChannelDown(_("The connection to the mail server was lost: %(error)s") % {"error": exc}) from exc
        if not sent:
            raise ChannelDown(_("The mail server cannot be reached."))


CHANNELS = {"email": EmailChannel}


def open_channel(key: str = "email") -> Channel:
    channel = CHANNELS[key]()
    channel.open()
    return channel
