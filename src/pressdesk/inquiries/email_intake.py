"""Media requests that arrive by email: letters read from a .eml file, a folder of them, a Maildir or an mbox.

Each letter becomes a request on the legal clock, received at its ``Date``: the sender is the
journalist, the subject and text are the question, its files are the request's documents.
The language is read from the text (Kazakh letters → kk, other Cyrillic → ru, else en); the
outlet is the journalist's in the directory, or the one whose website is the sender's domain,
or it is left unknown and said so in a note.

Every letter is received in its own transaction: a bad one is reported and skipped, the rest
go in. Receiving the same letters again writes nothing: the request remembers the letter's
Message-ID (a repeated request's letter is remembered on its note).
"""

from __future__ import annotations

import datetime
import email
import hashlib
import html
import mailbox
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from email import policy
from email.message import EmailMessage
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlsplit

from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from pressdesk.core.models import Unit
from pressdesk.core.services import DomainError
from pressdesk.directory import selectors as directory
from pressdesk.directory.models import Outlet
from pressdesk.inquiries import attachments as files
from pressdesk.inquiries import services
from pressdesk.inquiries.models import AnswerForm, Channel, Note
from pressdesk.text import has_kazakh_letters

CYRILLIC_RE = re.compile(r"[\u0400-\u04FF]")
LATIN_RE = re.compile(r"[A-Za-z]")
WORD_RE = re.compile(r"\w+")


def guess_language(text: str) -> str:
    """kk when a fair share of the Cyrillic words has letters only Kazakh has; ru for other Cyrillic; else en.

    A share and not a single word: a Russian letter may well name Әлихан or Қонаев.
    """
    cyrillic_words = [w for w in WORD_RE.findall(text) if CYRILLIC_RE.search(w)]
    if cyrillic_words and sum(has_kazakh_letters(w) for w in cyrillic_words) >= max(1, 0.15 * len(cyrillic_words)):
        return "kk"
    if len(CYRILLIC_RE.findall(text)) > len(LATIN_RE.findall(text)):
        return "ru"
    return "en"


class _TextOfHtml(HTMLParser):
    BLOCKS = {"p", "div", "br", "li", "tr", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "table"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.hidden = 0

    def handle_starttag(self, tag, attrs):
        if tag in {"script", "style", "head", "title"}:
            self.hidden += 1
        elif tag in self.BLOCKS:
            self.parts.append("\n")

    def handle_endtag(self, tag):
        if tag in {"script", "style", "head", "title"}:
            self.hidden = max(0, self.hidden - 1)
        elif tag in self.BLOCKS:
            self.parts.append("\n")

    def handle_data(self, data):
        if not self.hidden:
            self.parts.append(data)


def html_to_text(markup: str) -> str:
    parser = _TextOfHtml()
    parser.feed(markup)
    parser.close()
    lines = [" ".join(html.unescape(line).split()) for line in "".join(parser.parts).splitlines()]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()


@dataclass
class Letter:
    """What a request needs from one letter."""

    message_id: str
    name: str
    address: str
    subject: str
    text: str
    received_at: datetime.datetime
    files: list[tuple[str, bytes]] = field(default_factory=list)

    @property
    def language(self) -> str:
        return guess_language(f"{self.subject}\n{self.text}")

    @property
    def domain(self) -> str:
        return self.address.rpartition("@")[2].lower()


class BadLetter(Exception):
    """The letter cannot become a request; the message says why."""


def _body(message: EmailMessage) -> str:
    part = message.get_body(preferencelist=("plain",))
    if part is not None:
        return part.get_content().strip()
    part = message.get_body(preferencelist=("html",))
    return html_to_text(part.get_content()) if part is not None else ""


def _received_at(message: EmailMessage) -> datetime.datetime:
    now = timezone.now()
    try:
        when = message["Date"].datetime if message["Date"] is not None else None
    except (AttributeError, TypeError, ValueError):
        when = None
    if when is None:
        return now
    if timezone.is_naive(when):  # "-0000": the sender's zone is unknown; RFC 5322 reads it as UTC
        when = when.replace(tzinfo=datetime.UTC)
    return min(when, now)  # a letter dated in the future is received when it is read


def read_letter(raw: bytes) -> Letter:
    """Parse one RFC 5322 message; raises BadLetter when it has no sender or no text."""
    message = email.message_from_bytes(raw, policy=policy.default)
    try:
        senders = message["From"].addresses if message["From"] is not None else ()
    except (AttributeError, IndexError, ValueError):
        senders = ()
    sender = next((a for a in senders if a.addr_spec and "@" in a.addr_spec), None)
    if sender is None:
        raise BadLetter(_("no sender address"))
    try:
        text = _body(message)
    except (LookupError, UnicodeError, ValueError):
        text = ""
    if not text:
        raise BadLetter(_("no text"))
    subject = " ".join(str(message["Subject"] or "").split())
    letter = Letter(
        # A letter without a Message-ID is known by its bytes, so importing it again still writes nothing.
        message_id=str(message["Message-ID"] or "").strip() or "sha256:" + hashlib.sha256(raw).hexdigest(),
        name=sender.display_name.strip() or sender.username,
        address=sender.addr_spec.strip(),
        subject=subject or text.splitlines()[0][:120],
        text=text,
        received_at=_received_at(message),
    )
    for part in message.iter_attachments():
        name = part.get_filename()
        content = part.get_payload(decode=True)
        if name and content:
            letter.files.append((name, content))
    return letter


def outlet_of(letter: Letter) -> Outlet | None:
    """The journalist's current outlet when the address is in the directory, else the outlet at the sender's domain."""
    journalist = directory.journalist_with_email(letter.address)
    if journalist is not None and (positions := journalist.current()):
        return positions[0].outlet
    found = [
        outlet
        for outlet in Outlet.objects.active().exclude(website="").prefetch_related("translations")
        if _host(outlet.website) == letter.domain
    ]
    return found[0] if len(found) == 1 else None


def _host(url: str) -> str:
    host = (urlsplit(url if "//" in url else f"//{url}").hostname or "").lower()
    return host.removeprefix("www.")


@dataclass(frozen=True)
class Outcome:
    source: str
    number: str = ""  # the request the letter became or repeated
    repeated: bool = False
    seen_before: bool = False
    skipped: str = ""  # why the letter was not received
    notes: tuple[str, ...] = ()


def receive_letter(raw: bytes, *, unit: Unit, source: str) -> Outcome:
    """Receive one letter in its own transaction; never raises for a bad letter."""
    try:
        letter = read_letter(raw)
    except BadLetter as error:
        return Outcome(source, skipped=str(error))
    accepted, refused = [], []
    for name, content in letter.files:
        try:
            files.check_one(name, content)
        except DomainError as error:
            refused.append(str(error))
        else:
            accepted.append((name, content))
    if len(accepted) > files.max_files():
        refused.append(_("Only the first %(count)s files were kept.") % {"count": files.max_files()})
        accepted = accepted[: files.max_files()]
    language = letter.language
    try:
        with transaction.atomic():
            outlet = outlet_of(letter)
            with translation.override(language):
                outlet_name = outlet.name if outlet else _("Unknown outlet")
            received = services.inquiry_receive(
                actor=None,
                unit=unit,
                channel=Channel.EMAIL,
                requester_name=letter.name,
                requester_email=letter.address,
                outlet_name=outlet_name,
                outlet=outlet,
                language=language,
                answer_form=AnswerForm.WRITTEN,
                subject=letter.subject[:300],
                question=letter.text,
                received_at=letter.received_at,
                attachments=accepted,
                message_id=letter.message_id,
            )
            notes = list(refused)
            if outlet is None and not received.duplicate:
                notes.append(
                    _("The outlet is not known: no journalist or outlet website in the directory matches %(domain)s.")
                    % {"domain": letter.domain}
                )
            if not received.seen_before:
                for note in notes:
                    Note.objects.create(inquiry=received.inquiry, text=_("Email intake: %(note)s") % {"note": note})
    except DomainError as error:
        return Outcome(source, skipped=str(error))
    return Outcome(
        source,
        number=received.inquiry.number,
        repeated=received.duplicate and not received.seen_before,
        seen_before=received.seen_before,
        notes=tuple(refused),
    )


def letters(path: Path) -> Iterator[tuple[str, bytes]]:
    """(where, raw message) for a .eml file, a folder of .eml files, a Maildir or an mbox file."""
    if path.is_dir():
        if all((path / sub).is_dir() for sub in ("cur", "new", "tmp")):
            box = mailbox.Maildir(path, factory=None, create=False)
            for key in sorted(box.keys()):
                yield f"{path.name}/{key}", box.get_bytes(key)
            return
        for file in sorted(path.glob("*.eml")):
            yield file.name, file.read_bytes()
        return
    if path.suffix.lower() == ".eml":
        yield path.name, path.read_bytes()
        return
    box = mailbox.mbox(path, factory=None, create=False)
    for n, key in enumerate(box.keys(), start=1):
        yield f"{path.name}#{n}", box.get_bytes(key)
