"""The letter that tells the head an advice note is waiting, in the head's language.

The letter names the note and links to it; the note's words stay behind the
sign-in (mail is copied and forwarded, a note is private).
"""

from __future__ import annotations

import logging

from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from pressdesk.core.permissions import holders
from pressdesk.planning.models import AdviceNote
from pressdesk.planning.notes_access import NOTES_DECIDE

log = logging.getLogger(__name__)

SUBJECT = _("An advice note for you: %(title)s")


def language_of(person) -> str:
    codes = {code for code, _name in settings.LANGUAGES}
    return person.language if person.language in codes else settings.LANGUAGE_CODE


def given(note: AdviceNote) -> int:
    """One letter to each head who may decide on the note; returns how many went."""
    sent = 0
    for person in holders(NOTES_DECIDE, note.unit):
        if not person.email:
            continue
        with translation.override(language_of(person)):
            link = settings.SITE_URL + reverse("planning:note", args=[note.pk])
            subject = str(SUBJECT) % {"title": note.title}
            body = render_to_string("planning/notes/email/given.txt", {"note": note, "person": person, "link": link})
        try:
            send_mail(" ".join(subject.split()), body, None, [person.email])
        except Exception:  # one refused address must not stop the others or undo the step
            log.exception("advice note %s: letter to %s could not be sent", note.pk, person.email)
        else:
            sent += 1
    return sent
