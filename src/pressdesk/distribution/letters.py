"""The letter of a mailing, as each recipient receives it.

A mailing's letter is rendered once per language (``draft``): subject, plain
text and HTML from the material's version in that language, with two holes —
the greeting and the unsubscribe link — that ``message`` fills for each
recipient by plain string replacement. Rendering a template per recipient
would cost more than sending; the preview uses the very same two steps, so
what the press secretary sees is what is sent.

The runner goes one step further (``Edition``): building and flattening the
MIME tree costs more than the SMTP exchange itself, so it is built once per
language too, with markers where the personal parts go (address, date,
Message-ID, unsubscribe link, greeting), and cut into bytes (``Shape``). Each
letter is those bytes with the markers replaced — the same letter ``message``
would make, down to its text and HTML (tests compare the two). Whenever a value
would not go in as written (an address that needs encoding, a line over the
limit, a body that is not sent 8-bit), that letter is built the ordinary way.

Language: the journalist's preferred language if the material has it, else
the first language of the unit's fallback order (``UnitSettings``) that it
has, else its original language.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from email.utils import formatdate, parseaddr

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.crypto import constant_time_compare, salted_hmac
from django.utils.html import escape
from django.utils.translation import gettext as _

from pressdesk.core.templatetags.l10n_kk import ldatetime
from pressdesk.distribution.models import DEFAULT_LANGUAGE_ORDER, Mailing, UnitSettings
from pressdesk.publications.rendering import plain_text

GREETING = "[[pd:greeting]]"
UNSUBSCRIBE = "[[pd:unsubscribe]]"
NAME = "[[pd:name]]"
# What base64 makes of an attachment, plus the headers of its part.
ATTACHMENT_OVERHEAD = 1.37


@dataclass(frozen=True)
class Draft:
    language: str
    subject: str
    text: str
    html: str
    greeting_named: str
    greeting_anonymous: str
    attachments: tuple[tuple[str, bytes, str], ...] = ()


def fallback_order(unit) -> list[str]:
    row = UnitSettings.objects.filter(unit=unit).first()
    return row.order() if row else DEFAULT_LANGUAGE_ORDER.split(",")


def language_for(preferred: str, available: set[str], order: list[str], original: str) -> str:
    for code in [preferred, *order]:
        if code in available:
            return code
    return original


def _domain() -> str:
    return _domain_of(settings.DEFAULT_FROM_EMAIL)


@functools.lru_cache(maxsize=8)
def _domain_of(from_email: str) -> str:
    address = parseaddr(from_email)[1]
    return address.rpartition("@")[2] or "pressdesk.localhost"


def message_id(delivery_pk: int, mailing_pk: int) -> str:
    """Ours, and the same whenever it is made: a bounce names it and so finds the delivery. It carries a short
    keyed signature of both numbers, so nobody can make one that names a letter of ours."""
    return f"<pd-{delivery_pk}-{mailing_pk}-{_signature(delivery_pk, mailing_pk)}@{_domain()}>"


def _signature(delivery_pk: int, mailing_pk: int) -> str:
    return salted_hmac("pressdesk.distribution.message-id", f"{delivery_pk}-{mailing_pk}").hexdigest()[:20]


def delivery_of(message_id_value: str) -> int | None:
    """The delivery a Message-ID of ours stands for, or None (also for an unsigned or wrongly signed one)."""
    local = message_id_value.strip().strip("<>").partition("@")[0]
    parts = local.split("-")
    if len(parts) != 4 or parts[0] != "pd" or not (parts[1].isdigit() and parts[2].isdigit()):
        return None
    if not constant_time_compare(parts[3], _signature(int(parts[1]), int(parts[2]))):
        return None
    return int(parts[1])


def _files(mailing: Mailing):
    material = mailing.material
    return [asset for asset in material.attachments.all()]


def draft(mailing: Mailing, language: str) -> Draft:
    material = mailing.material
    version = material.translation_map().get(language) or material.source_version()
    with translation.override(language):
        page = settings.SITE_URL + (
            reverse("portal:embargoed", args=[material.pk])
            if mailing.embargoed
            else reverse("newsroom:material", args=[material.pk])
        )
        files = _files(mailing)
        context = {
            "mailing": mailing,
            "material": material,
            "version": version,
            "text": plain_text(version.body),
            "page": page,
            "files": [
                {"name": asset.original_name, "url": settings.SITE_URL + reverse("media_file", args=[asset.pk])}
                for asset in files
            ]
            if not mailing.attach_files
            else [],
            "attached": [asset.original_name for asset in files] if mailing.attach_files else [],
            "embargo_until": ldatetime(material.embargo_until) if mailing.embargoed else "",
            "greeting": GREETING,
            "unsubscribe": UNSUBSCRIBE,
            "category": mailing.get_category_display(),
        }
        subject = version.title
        if mailing.embargoed:
            subject = _("[EMBARGO until %(time)s] %(title)s") % {"time": context["embargo_until"], "title": subject}
        attachments = ()
        if mailing.attach_files:
            attachments = tuple(_read(asset) for asset in files)
        return Draft(
            language=language,
            subject=subject,
            text=render_to_string("distribution/email/material.txt", context),
            html=render_to_string("distribution/email/material.html", context),
            greeting_named=_("Dear %(name)s,") % {"name": NAME},
            greeting_anonymous=_("Dear colleague,"),
            attachments=attachments,
        )


def _read(asset) -> tuple[str, bytes, str]:
    with asset.file.open("rb") as handle:
        return asset.original_name, handle.read(), asset.content_type


def size_of(mailing: Mailing) -> int:
    """An estimate of the largest letter in bytes: the attachments as base64, and room for the text."""
    if not mailing.attach_files:
        return 0
    return int(sum(asset.size for asset in _files(mailing)) * ATTACHMENT_OVERHEAD)


def unsubscribe_url(token: str, language: str) -> str:
    with translation.override(language):
        return settings.SITE_URL + reverse("mail:unsubscribe", args=[token])


def message(
    draft: Draft, *, to: str, name: str, unsubscribe_link: str, message_id_value: str, list_id: str
) -> EmailMultiAlternatives:
    greeting = _greeting(draft, name)
    return _compose(
        EmailMultiAlternatives,
        draft,
        to=to,
        text=_fill(draft.text, greeting, unsubscribe_link),
        html=_fill(draft.html, escape(greeting), escape(unsubscribe_link)),
        unsubscribe_link=unsubscribe_link,
        message_id_value=message_id_value,
        list_id=list_id,
    )


def _greeting(draft: Draft, name: str) -> str:
    return draft.greeting_named.replace(NAME, name) if name else draft.greeting_anonymous


def _fill(body: str, greeting: str, unsubscribe_link: str) -> str:
    return body.replace(GREETING, greeting).replace(UNSUBSCRIBE, unsubscribe_link)


def _compose(
    kind: type[EmailMultiAlternatives],
    draft: Draft,
    *,
    to: str,
    text: str,
    html: str,
    unsubscribe_link: str,
    message_id_value: str,
    list_id: str,
    **extra,
) -> EmailMultiAlternatives:
    letter = kind(
        subject=draft.subject,
        body=text,
        to=[to],
        headers={
            "Message-ID": message_id_value,
            "List-Id": f"<{list_id}.{_domain()}>",
            # RFC 8058: a mail client's "unsubscribe" button posts to this address with no further step.
            "List-Unsubscribe": f"<{unsubscribe_link}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
            "Content-Language": draft.language,
        },
        **extra,
    )
    letter.attach_alternative(html, "text/html")
    for filename, content, content_type in draft.attachments:
        letter.attach(filename, content, content_type)
    return letter


# --- the runner's letters: the MIME form made once per language -------------------------------------------

# Where the personal parts go. ASCII in the headers, so that a header holding one is written as it stands; not
# ASCII in the bodies, so that a body holding one goes 8-bit (never 7-bit, which a name in Cyrillic would break)
# and a marker is found only where its body was written as it stands (not quoted-printable, not base64).
HEADER_SLOTS = {
    "to": "pd-slot-to@slot.invalid",
    "date": "pd-slot-date",
    "message_id": "<pd-slot-message-id@slot.invalid>",
    "unsubscribe": "pd-slot-unsubscribe",
}
BODY_SLOTS = {
    "text_greeting": "⟦pd·text·greeting⟧",
    "text_unsubscribe": "⟦pd·text·unsubscribe⟧",
    "html_greeting": "⟦pd·html·greeting⟧",
    "html_unsubscribe": "⟦pd·html·unsubscribe⟧",
}
# RFC 5322's limit of a line; Django sends a body with a longer line quoted-printable.
LINE_LIMIT = 998
HEADER_VALUE_LIMIT = 900
TOKEN = re.compile(r"[A-Za-z0-9_:-]+")


@dataclass(frozen=True)
class Shape:
    """A language's letter as bytes on the wire, cut where the personal parts go."""

    pieces: tuple[bytes, ...]  # one more than the slots: the bytes around them
    slots: tuple[str, ...]
    # The lines of the bodies that hold a slot: their length without the slots, and the slots on them.
    lines: tuple[tuple[int, tuple[str, ...]], ...]
    boundaries: tuple[bytes, ...]

    def fill(self, values: dict[str, bytes]) -> bytes | None:
        """The letter with ``values`` in their slots, or None when one would not go in as written."""
        for fixed, slots in self.lines:
            if fixed + sum(len(values[slot]) for slot in slots) > LINE_LIMIT:
                return None
        for value in values.values():
            if any(boundary in value for boundary in self.boundaries):
                return None
        parts = [self.pieces[0]]
        for slot, piece in zip(self.slots, self.pieces[1:], strict=True):
            parts.append(values[slot])
            parts.append(piece)
        return b"".join(parts)


def shape(draft: Draft, list_id: str) -> Shape | None:
    """The language's letter made once with markers for its personal parts; None when they do not survive as
    written (a body sent quoted-printable, a header encoded), and then every letter is built the ordinary way."""
    text = _fill(draft.text, BODY_SLOTS["text_greeting"], BODY_SLOTS["text_unsubscribe"])
    html = _fill(draft.html, BODY_SLOTS["html_greeting"], BODY_SLOTS["html_unsubscribe"])
    tree = _compose(
        EmailMultiAlternatives,
        draft,
        to=HEADER_SLOTS["to"],
        text=text,
        html=html,
        unsubscribe_link=HEADER_SLOTS["unsubscribe"],
        message_id_value=HEADER_SLOTS["message_id"],
        list_id=list_id,
    ).message()
    tree.replace_header("Date", HEADER_SLOTS["date"])
    data = tree.as_bytes(linesep="\r\n")
    head, _blank, body = data.partition(b"\r\n\r\n")
    markers = {**HEADER_SLOTS, **BODY_SLOTS}
    expected = {slot: 1 for slot in HEADER_SLOTS}
    for slot, marker in BODY_SLOTS.items():
        expected[slot] = (text if slot.startswith("text") else html).count(marker)
    for slot, marker in markers.items():
        where = head if slot in HEADER_SLOTS else body
        if data.count(marker.encode()) != expected[slot] or where.count(marker.encode()) != expected[slot]:
            return None
    slot_of = {marker.encode(): slot for slot, marker in markers.items()}
    cut = re.split(b"(" + b"|".join(re.escape(marker) for marker in slot_of) + b")", data)
    lines = []
    for line in body.split(b"\r\n"):
        found = [slot_of[marker] for marker in re.findall(b"|".join(map(re.escape, slot_of)), line)]
        if found:
            lines.append((len(line) - sum(len(markers[slot].encode()) for slot in found), tuple(found)))
    boundaries = tuple(part.get_boundary().encode() for part in tree.walk() if part.is_multipart())
    return Shape(tuple(cut[0::2]), tuple(slot_of[marker] for marker in cut[1::2]), tuple(lines), boundaries)


class Edition:
    """A mailing's letter in one language, ready for many recipients: the draft, its shape, the unsubscribe link's
    frame (the link is the same but for the token). One per language per run."""

    def __init__(self, mailing: Mailing, language: str) -> None:
        self.draft = draft(mailing, language)
        self.language = language
        self.list_id = mailing.category
        self.shape = shape(self.draft, self.list_id)
        self.link_frame = unsubscribe_url("pd-token", language).split("pd-token")

    def link(self, token: str) -> str:
        if len(self.link_frame) == 2 and TOKEN.fullmatch(token):
            return token.join(self.link_frame)
        return unsubscribe_url(token, self.language)

    def letter(self, *, to: str, name: str, token: str, message_id_value: str) -> EmailMultiAlternatives:
        """What ``message`` makes for this recipient; its bytes cut from the shape whenever they can be."""
        link = self.link(token)
        greeting = _greeting(self.draft, name)
        fields = {
            "to": to,
            "text": _fill(self.draft.text, greeting, link),
            "html": _fill(self.draft.html, escape(greeting), escape(link)),
            "unsubscribe_link": link,
            "message_id_value": message_id_value,
            "list_id": self.list_id,
        }
        wire = self._wire(to, greeting, link, message_id_value)
        if wire is None:
            return _compose(EmailMultiAlternatives, self.draft, **fields)
        return _compose(Letter, self.draft, wire=wire, **fields)

    def _wire(self, to: str, greeting: str, link: str, message_id_value: str) -> bytes | None:
        if self.shape is None:
            return None
        values = {
            "to": _header_bytes(to),
            "date": formatdate(localtime=settings.EMAIL_USE_LOCALTIME).encode("ascii"),
            "message_id": _header_bytes(message_id_value),
            "unsubscribe": _header_bytes(link),
            "text_greeting": _body_bytes(greeting),
            "text_unsubscribe": _body_bytes(link),
            "html_greeting": _body_bytes(escape(greeting)),
            "html_unsubscribe": _body_bytes(escape(link)),
        }
        if None in values.values():
            return None
        return self.shape.fill(values)


def _header_bytes(value: str) -> bytes | None:
    """As Django writes a header value that is ASCII and one line; None for any other (it would encode it)."""
    if len(value) > HEADER_VALUE_LIMIT or "\r" in value or "\n" in value or not value.isascii():
        return None
    return value.encode("ascii")


def _body_bytes(value: str) -> bytes | None:
    if "\r" in value or "\n" in value:
        return None
    try:
        return value.encode("utf-8")
    except UnicodeEncodeError:  # a lone surrogate: the ordinary way says what is wrong with it
        return None


class Letter(EmailMultiAlternatives):
    """A letter whose bytes on the wire were cut from its language's shape: ``message()`` hands them over rather
    than building and flattening the MIME tree again. In every other way an ordinary letter (a provider's backend
    that reads the subject, bodies and headers reads the same ones)."""

    def __init__(self, *args, wire: bytes, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.wire = wire

    def message(self):
        return Wire(self.wire, super().message)


class Wire:
    """The message as bytes, as Django's SMTP backend asks for it; anything else is asked of the tree Django would
    build, made when first needed."""

    def __init__(self, data: bytes, build) -> None:
        self.data = data
        self.build = build
        self.built = None

    def as_bytes(self, unixfrom: bool = False, linesep: str = "\n") -> bytes:
        if unixfrom:
            return self.tree().as_bytes(unixfrom=unixfrom, linesep=linesep)
        return self.data if linesep == "\r\n" else self.data.replace(b"\r\n", linesep.encode("ascii"))

    def __bytes__(self) -> bytes:
        return self.as_bytes()

    def tree(self):
        if self.built is None:
            self.built = self.build()
        return self.built

    def __getattr__(self, name: str):
        if name in {"data", "build", "built"}:  # not yet set (a copy being made)
            raise AttributeError(name)
        return getattr(self.tree(), name)

    def __getitem__(self, name: str):
        return self.tree()[name]

    def __contains__(self, name: str) -> bool:
        return name in self.tree()

    def __str__(self) -> str:
        return self.tree().as_string()
