"""The letters to journalists about an event, each in the journalist's language for materials."""

from __future__ import annotations

import logging

from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from pressdesk.events.models import Event, Invitation, Registration

log = logging.getLogger(__name__)

SUBJECTS = {
    "invitation": _("Invitation: %(title)s"),
    "registered": _("You are registered: %(title)s"),
    "waitlisted": _("On the waiting list: %(title)s"),
    "promoted": _("A place is yours: %(title)s"),
    "reminder": _("Tomorrow: %(title)s"),
    "cancelled": _("Cancelled: %(title)s"),
}


def language_of(journalist) -> str:
    codes = {code for code, _name in settings.LANGUAGES}
    return journalist.preferred_language if journalist.preferred_language in codes else settings.LANGUAGE_CODE


def _send(kind: str, event: Event, journalist, to: str, **extra) -> bool:
    """One letter; False (and a log line) when the server refuses it, so the others still go."""
    if not to:
        return False
    with translation.override(language_of(journalist)):
        context = {
            "event": event,
            "journalist": journalist,
            "kind": kind,
            "portal_link": settings.SITE_URL + reverse("portal:event", args=[event.pk]),
            **extra,
        }
        subject = str(SUBJECTS[kind]) % {"title": event.title}
        body = render_to_string(f"events/email/{'registration' if kind in REGISTRATION_KINDS else kind}.txt", context)
    try:
        send_mail(subject, body, None, [to])
    except Exception:  # one refused address must not stop the others
        log.exception("letter %s on event %s to %s could not be sent", kind, event.pk, to)
        return False
    return True


REGISTRATION_KINDS = frozenset({"registered", "waitlisted", "promoted", "reminder"})


def invitation(invite: Invitation) -> bool:
    with translation.override(language_of(invite.journalist)):
        link = settings.SITE_URL + reverse("events:rsvp", args=[invite.token])
    return _send("invitation", invite.event, invite.journalist, invite.email, rsvp_link=link)


def registration(entry: Registration, kind: str, *, to: str, place: int | None = None) -> bool:
    """Registered, waitlisted (with the place in the queue), promoted from the waiting list, or reminded."""
    return _send(kind, entry.event, entry.journalist, to, registration=entry, place=place)


def cancelled(entry: Registration, *, to: str, reason: str) -> bool:
    return _send("cancelled", entry.event, entry.journalist, to, reason=reason)
