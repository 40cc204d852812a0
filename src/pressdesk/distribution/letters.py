"""The letter of a mailing, as each recipient receives it.

A mailing's letter is rendered once per language (``draft``): subject, plain
text and HTML from the material's version in that language, with two holes —
the greeting and the unsubscribe link — that ``message`` fills for each
recipient by plain string replacement. Rendering a template per recipient
would cost more than sending; the preview uses the very same two steps, so
what the press secretary sees is what is sent.

Language: the journalist's preferred language if the material has it, else
the first language of the unit's fallback order (``UnitSettings``) that it
has, else its original language.
"""

from __future__ import annotations

from dataclasses import dataclass
from email.utils import parseaddr

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
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
    address = parseaddr(settings.DEFAULT_FROM_EMAIL)[1]
    return address.rpartition("@")[2] or "pressdesk.localhost"


def message_id(delivery_pk: int, mailing_pk: int) -> str:
    """Ours, and the same whenever it is made: a bounce names it and so finds the delivery."""
    return f"<pd-{delivery_pk}-{mailing_pk}@{_domain()}>"


def delivery_of(message_id_value: str) -> int | None:
    """The delivery a Message-ID of ours stands for, or None."""
    local = message_id_value.strip().strip("<>").partition("@")[0]
    parts = local.split("-")
    if len(parts) == 3 and parts[0] == "pd" and parts[1].isdigit():
        return int(parts[1])
    return None


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
    greeting = draft.greeting_named.replace(NAME, name) if name else draft.greeting_anonymous
    text = draft.text.replace(GREETING, greeting).replace(UNSUBSCRIBE, unsubscribe_link)
    html = draft.html.replace(GREETING, escape(greeting)).replace(UNSUBSCRIBE, escape(unsubscribe_link))
    letter = EmailMultiAlternatives(
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
    )
    letter.attach_alternative(html, "text/html")
    for filename, content, content_type in draft.attachments:
        letter.attach(filename, content, content_type)
    return letter
