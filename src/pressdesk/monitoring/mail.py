"""Monitoring's letters to staff — alerts, the hour's summary of the rest, the daily digest — each in the reader's language.

One letter per person, so each reads it in the language of their account (the
digest's PDF too). A server that refuses one address is logged and the others
still get theirs; the callers decide what a letter that did not go means.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from django.conf import settings
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from pressdesk.core.models import User
from pressdesk.core.templatetags.l10n_kk import ldate
from pressdesk.monitoring.models import Alert, AlertReason

log = logging.getLogger(__name__)

ALERT_SUBJECTS = {
    AlertReason.NEGATIVE: _("Negative mention: %(title)s"),
    AlertReason.REACH: _("High-reach mention: %(title)s"),
}
DIGEST_SUBJECT = _("Media digest, %(day)s: %(unit)s")


@dataclass
class Letter:
    subject: str
    body: str
    attachments: list[tuple[str, bytes, str]] = field(default_factory=list)


def language_of(person: User) -> str:
    codes = {code for code, _name in settings.LANGUAGES}
    return person.language if person.language in codes else settings.LANGUAGE_CODE


def one_line(text: str) -> str:
    return " ".join(str(text).split())


def dashboard_link() -> str:
    return settings.SITE_URL + reverse("core:dashboard")


def send(people: Iterable[User], write: Callable[[User], Letter], what: str) -> int:
    """Write and send one letter to each person with an address, in their language; returns how many went."""
    sent = 0
    for person in {p.pk: p for p in people if p.email}.values():
        with translation.override(language_of(person)):
            letter = write(person)
        message = EmailMessage(one_line(letter.subject), letter.body, to=[person.email])
        for name, content, mimetype in letter.attachments:
            message.attach(name, content, mimetype)
        try:
            message.send()
        except Exception:  # one refused address must not stop the others
            log.exception("monitoring: %s to %s could not be sent", what, person.email)
            continue
        sent += 1
    return sent


def alert(alert: Alert, people: Iterable[User]) -> int:
    """The letter of one alert."""

    def write(person: User) -> Letter:
        subject = str(ALERT_SUBJECTS[alert.reason]) % {"title": alert.clipping.title}
        return Letter(subject, _body(person, [alert], summary=False))

    return send(people, write, f"alert {alert.pk}")


def alert_summary(alerts: list[Alert], people: Iterable[User], *, limit: int) -> int:
    """One letter listing a unit's alerts that were not mailed one by one (beyond the hour's limit)."""
    unit = alerts[0].unit

    def write(person: User) -> Letter:
        count = len(alerts)
        subject = ngettext("%(count)s more alert for %(unit)s", "%(count)s more alerts for %(unit)s", count) % {
            "count": count,
            "unit": unit.name,
        }
        return Letter(subject, _body(person, alerts, summary=True, limit=limit))

    return send(people, write, f"alert summary of unit {unit.pk}")


def _body(person: User, alerts: list[Alert], *, summary: bool, limit: int = 0) -> str:
    return render_to_string(
        "monitoring/email/alert.txt",
        {
            "person": person,
            "alerts": alerts,
            "unit": alerts[0].unit,
            "summary": summary,
            "limit": limit,
            "first_at": alerts[0].created_at,
            "last_at": alerts[-1].created_at,
            "dashboard": dashboard_link(),
        },
    )


def digest(figures, people: Iterable[User], pdf: Callable[[str], bytes], filename: str) -> int:
    """The day's digest (``digest.DayDigest``) with its PDF in the reader's language attached."""

    def write(person: User) -> Letter:
        language = language_of(person)
        subject = str(DIGEST_SUBJECT) % {"day": ldate(figures.day), "unit": figures.unit.name}
        body = render_to_string(
            "monitoring/email/digest.txt", {"person": person, "d": figures, "dashboard": dashboard_link()}
        )
        return Letter(subject, body, [(filename, pdf(language), "application/pdf")])

    return send(people, write, f"digest of unit {figures.unit.pk} for {figures.day}")
