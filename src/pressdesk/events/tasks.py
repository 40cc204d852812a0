"""Letters of events, sent by the worker: thin shells that load by id, claim, and call the mailer.

Each letter is claimed before it goes (an invitation's ``sent_at`` set by a
conditional update), so a task run twice sends nothing twice.
"""

from __future__ import annotations

from django.utils import timezone
from django_tasks import task

from pressdesk.events import mail
from pressdesk.events.invitations import address_of, waiting_place
from pressdesk.events.invitations import remind_tomorrow as claim_reminders
from pressdesk.events.models import Invitation, Registration, RegistrationStatus


@task()
def send_invitations(event_id: int) -> int:
    """Every invitation of the event not sent yet."""
    sent = 0
    waiting = Invitation.objects.filter(event=event_id, sent_at__isnull=True).select_related("journalist", "event")
    for invite in waiting:
        if Invitation.objects.filter(pk=invite.pk, sent_at__isnull=True).update(sent_at=timezone.now()) != 1:
            continue  # another run took it
        if mail.invitation(invite):
            sent += 1
        else:
            Invitation.objects.filter(pk=invite.pk).update(sent_at=None)  # try again with the next run
    return sent


def _registration(registration_id: int) -> Registration | None:
    return (
        Registration.objects.select_related("event", "event__venue", "journalist", "account")
        .filter(pk=registration_id)
        .first()
    )


@task()
def send_registration_letter(registration_id: int, kind: str) -> bool:
    """Registered, on the waiting list, or moved up from it — unless it has been cancelled meanwhile."""
    entry = _registration(registration_id)
    if entry is None or entry.status == RegistrationStatus.CANCELLED:
        return False
    if kind == "waitlisted" and entry.status != RegistrationStatus.WAITLISTED:
        return False  # moved up before the letter went: the promotion letter says so
    place = waiting_place(entry) if kind == "waitlisted" else None
    return mail.registration(entry, kind, to=address_of(entry), place=place)


def _people(event_id: int, statuses: list[str]):
    return (
        Registration.objects.filter(event=event_id, status__in=statuses)
        .select_related("event", "event__venue", "journalist", "account")
        .prefetch_related("event__translations", "event__venue__translations")
    )


@task()
def send_reminders(event_id: int) -> int:
    """The day before: everyone holding a seat (the event's claim was taken by ``remind_tomorrow``)."""
    return sum(
        mail.registration(entry, "reminder", to=address_of(entry))
        for entry in _people(event_id, [RegistrationStatus.REGISTERED])
    )


@task()
def send_cancellation(event_id: int, reason: str = "") -> int:
    entries = _people(event_id, [RegistrationStatus.REGISTERED, RegistrationStatus.WAITLISTED])
    return sum(mail.cancelled(entry, to=address_of(entry), reason=reason) for entry in entries)


@task()
def remind_tomorrow(period_start: str) -> int:
    """Hourly: reminders for events starting within the next 25 hours, once per event."""
    return len(claim_reminders())
