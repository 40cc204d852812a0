"""Letters to the applicant about their accreditation, each in the applicant's language.

A grant or a re-issue (also for an event's new date) carries the PDF pass; a refusal, a suspension or a
revocation says the reason (its coded name and the text); a resumption and
an expiry say so. Letters go to the portal account's address, else to the
journalist's email in the directory.
"""

from __future__ import annotations

import logging

from django.conf import settings
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from pressdesk.accreditation import passes
from pressdesk.accreditation.models import AccreditationStatus, Application, Change, HistoryEntry
from pressdesk.directory.selectors import email_contacts

log = logging.getLogger(__name__)

SUBJECTS = {
    "rejected": _("Accreditation refused"),
    Change.ISSUED: _("Accreditation granted: pass %(number)s"),
    Change.REISSUED: _("Your new pass %(number)s"),
    Change.MOVED: _("The event has moved: your new pass %(number)s"),
    Change.SUSPENDED: _("Accreditation suspended: pass %(number)s"),
    Change.RESUMED: _("Accreditation resumed: pass %(number)s"),
    Change.REVOKED: _("Accreditation revoked: pass %(number)s"),
    Change.EXPIRED: _("Accreditation expired: pass %(number)s"),
}
# A letter about a new issue carries the pass (while the accreditation is in force); a later issue supersedes it.
WITH_PASS = frozenset({Change.ISSUED, Change.REISSUED, Change.MOVED})


def address_of(application: Application) -> str:
    if application.account_id and application.account.email:
        return application.account.email
    contact = email_contacts(application.journalist).order_by("-confirmed_on", "pk").first()
    return contact.value if contact else ""


def _portal_link() -> str:
    """The applicant's accreditation page on the portal, in the active language."""
    return settings.SITE_URL + reverse("portal:accreditation")


def _send(kind: str, application: Application, context: dict, attachment: tuple[str, bytes] | None = None) -> bool:
    """One letter; False (and a log line) when there is no address or the server refuses it."""
    to = address_of(application)
    if not to:
        log.warning("accreditation letter %s for application %s: no address", kind, application.pk)
        return False
    with translation.override(application.language):
        number = context["accreditation"].printed_number if context.get("accreditation") else ""
        subject = str(SUBJECTS[kind]) % {"number": number}
        body = render_to_string(
            "accreditation/mail/letter.txt",
            {
                "kind": kind,
                "application": application,
                "journalist": application.journalist,
                "portal_link": _portal_link(),
                **context,
            },
        )
    message = EmailMessage(subject, body, None, [to])
    if attachment is not None:
        message.attach(attachment[0], attachment[1], "application/pdf")
    try:
        message.send()
    except Exception:  # a refused address must not stop the worker
        log.exception("accreditation letter %s for application %s to %s could not be sent", kind, application.pk, to)
        return False
    return True


def rejection(application: Application) -> bool:
    return _send("rejected", application, {"reason": application.reason, "note": application.decision_note})


def change(entry: HistoryEntry) -> bool:
    accreditation = entry.accreditation
    attachment = None
    if entry.change in WITH_PASS and accreditation.status == AccreditationStatus.ACTIVE:
        attachment = (passes.filename(accreditation), passes.render(accreditation))
    return _send(
        entry.change,
        accreditation.application,
        {
            "accreditation": accreditation,
            "entry": entry,
            "reason": entry.ground,
            "note": entry.note,
            "attached": attachment is not None,
        },
        attachment,
    )
