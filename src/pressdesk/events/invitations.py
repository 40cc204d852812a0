"""The journalists' side of an event: invitations, answers by personal link, registrations and their letters.

Seats are counted by ``services.register`` under the event's row lock; this
module adds who is invited, what they answered, and the letters that follow
each step. Letters are queued after the step commits (``tasks``), each in the
journalist's language; a refused letter never undoes the step.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from pressdesk.core import audit
from pressdesk.core.models import User
from pressdesk.core.services import DomainError
from pressdesk.directory import access as directory_access
from pressdesk.directory.models import ConsentBasis, ContactKind, Journalist, Segment
from pressdesk.directory.selectors import email_contacts, members, with_working_email
from pressdesk.events import services
from pressdesk.events.models import Event, EventStatus, Invitation, Registration, RegistrationStatus

REMIND_AHEAD = datetime.timedelta(hours=25)

audit.register_labels(
    {
        "events.invitation.sent": gettext_lazy("journalists invited"),
        "events.invitation.answered": gettext_lazy("invitation answered"),
        "events.registration.added_by_staff": gettext_lazy("journalist registered by the press service"),
    }
)


# --- addresses ----------------------------------------------------------------------------------------


def address_of(registration: Registration) -> str:
    """Where letters about a registration go: the portal account, else the invitation, else the directory."""
    if registration.account_id and registration.account.email:
        return registration.account.email
    invited = Invitation.objects.filter(event=registration.event_id, journalist=registration.journalist_id).first()
    if invited is not None:
        return invited.email
    contact = email_contacts(registration.journalist).order_by("-confirmed_on", "pk").first()
    return contact.value if contact else ""


# --- invitations --------------------------------------------------------------------------------------


@dataclass
class Invited:
    created: list[Invitation] = field(default_factory=list)
    already: int = 0
    without_email: list[str] = field(default_factory=list)

    def summary(self) -> str:
        parts = [_("%(count)s journalists invited.") % {"count": len(self.created)}]
        if self.already:
            parts.append(_("%(count)s were invited before and are not invited again.") % {"count": self.already})
        if self.without_email:
            parts.append(_("No working email, not invited: %(names)s.") % {"names": ", ".join(self.without_email[:20])})
        return " ".join(parts)


def segment_members(actor: User, segment: Segment) -> QuerySet[Journalist]:
    """The segment's journalists the actor may see, evaluated now (a segment is a saved filter)."""
    return members(actor, segment.criteria)


def _open(event: Event, now: datetime.datetime) -> None:
    """Refuse when journalists can no longer come: the event is not planned, or registration has closed."""
    if event.status == EventStatus.CANCELLED:
        raise DomainError(_("The event is cancelled."))
    if event.status != EventStatus.PLANNED or event.starts_at <= now:
        raise DomainError(_("The event has already taken place."))
    closes = event.registration_closes_at or event.starts_at
    if now >= closes:
        raise DomainError(_("Registration closed at %(time)s.") % {"time": services.local_time(closes)})


@transaction.atomic
def invite(*, actor: User, event: Event, journalists: Iterable[Journalist] | QuerySet[Journalist]) -> Invited:
    """Invite each journalist once, by their working email; the letters go after commit."""
    event = Event.objects.select_for_update().get(pk=event.pk)
    services.access(actor, event)
    _open(event, timezone.now())
    ids = journalists.values("pk") if isinstance(journalists, QuerySet) else [j.pk for j in journalists]
    in_sight = directory_access.visible(actor, Journalist.objects.present()).filter(pk__in=ids)
    if not in_sight.exists():
        raise DomainError(_("Choose the journalists to invite: nobody in your directory was chosen."))
    reachable = {j.pk: j for j in with_working_email(in_sight)}
    result = Invited(without_email=[j.display_name for j in in_sight if j.pk not in reachable])
    invited_before = set(Invitation.objects.filter(event=event).values_list("journalist_id", flat=True))
    result.already = len(invited_before & reachable.keys())
    result.created = Invitation.objects.bulk_create(
        Invitation(event=event, journalist=j, email=j.working_email)
        for pk, j in reachable.items()
        if pk not in invited_before
    )
    if result.created:
        services.record(
            actor,
            "events.invitation.sent",
            event,
            after={"journalists": sorted(i.journalist_id for i in result.created)},
        )
        from pressdesk.events.tasks import send_invitations

        transaction.on_commit(lambda: send_invitations.enqueue(event_id=event.pk))
    return result


@dataclass(frozen=True)
class Answered:
    invitation: Invitation
    taken: services.Taken | None = None

    @property
    def message(self) -> str:
        if self.taken is None:
            return _("Thank you: we have noted that you will not come.")
        return taken_message(self.taken)


def taken_message(taken: services.Taken) -> str:
    """What the journalist is told after registering: a seat, or the place in the queue."""
    if taken.waitlisted:
        return _(
            "All places are taken: you are on the waiting list, number %(place)s. We will write if a place frees up."
        ) % {"place": waiting_place(taken.registration)}
    return _("You are registered. A confirmation is on its way to your email.")


@transaction.atomic
def respond(*, invitation: Invitation, answer: str, now: datetime.datetime | None = None) -> Answered:
    """The journalist's answer by personal link: yes registers (a seat or the waiting list), no is noted."""
    now = now or timezone.now()
    if answer not in (Invitation.Answer.YES, Invitation.Answer.NO):
        raise DomainError(_("Choose whether you will come."))
    invitation = Invitation.objects.select_for_update().select_related("event", "journalist").get(pk=invitation.pk)
    event = invitation.event
    _open(event, now)
    journalist = invitation.journalist
    taken = None
    if answer == Invitation.Answer.YES:
        taken = register(event=event, journalist=journalist, account=journalist.account, now=now)
    else:
        current = current_registration(event, journalist)
        if current is not None:
            cancel(registration=current, actor=None)
    before = {"answer": invitation.answer}
    invitation.answer, invitation.answered_at = answer, now
    invitation.save(update_fields=["answer", "answered_at"])
    services.record(
        None,
        "events.invitation.answered",
        event,
        before=before,
        after={"journalist": journalist.pk, "answer": answer},
    )
    return Answered(invitation, taken)


# --- registrations with their letters ---------------------------------------------------------------


def current_registration(event: Event, journalist: Journalist) -> Registration | None:
    return (
        Registration.objects.filter(event=event, journalist=journalist)
        .exclude(status=RegistrationStatus.CANCELLED)
        .first()
    )


def waiting_place(registration: Registration) -> int:
    """1 for the first in the queue."""
    ahead = Registration.objects.filter(
        event=registration.event_id, status=RegistrationStatus.WAITLISTED, created_at__lte=registration.created_at
    ).exclude(created_at=registration.created_at, pk__gt=registration.pk)
    return ahead.count()


def letter(registration: Registration, kind: str) -> None:
    """Queue the letter ``kind`` (registered, waitlisted, promoted) to the journalist, after the commit."""
    from pressdesk.events.tasks import send_registration_letter

    transaction.on_commit(lambda: send_registration_letter.enqueue(registration_id=registration.pk, kind=kind))


def register(
    *,
    event: Event,
    journalist: Journalist,
    account: User | None = None,
    actor: User | None = None,
    now: datetime.datetime | None = None,
) -> services.Taken:
    """A seat or the waiting list (``services.register``), then the letter that says which.

    ``actor`` is the staff member who registers a journalist by hand.
    """
    with transaction.atomic():
        if actor is not None:
            services.access(actor, event)
        taken = services.register(event=event, journalist=journalist, account=account, now=now)
        if actor is not None:
            services.record(actor, "events.registration.added_by_staff", event, after={"journalist": journalist.pk})
        letter(taken.registration, "waitlisted" if taken.waitlisted else "registered")
    return taken


def cancel(*, registration: Registration, actor: User | None) -> Registration | None:
    """Cancel a registration (the journalist, or staff who may plan); the first waiting gets the seat and a letter."""
    with transaction.atomic():
        if actor is not None and not actor.is_journalist:
            services.access(actor, registration.event)
        moved = services.cancel_registration(registration=registration, actor=actor)
        if moved is not None:
            letter(moved, "promoted")
    return moved


def journalist_for_account(user: User, event: Event) -> Journalist:
    """The directory record of a portal account: linked to it, else found by its confirmed email, else made now.

    A new record is kept by the event's unit, on the consent given on the portal.
    """
    from pressdesk.directory import selectors
    from pressdesk.directory.services import ContactInput, journalist_create

    record = selectors.journalist_of_account(user)
    if record is None:
        record = journalist_create(
            actor=user,
            unit=event.unit,
            full_name=user.full_name or user.email,
            consent_basis=ConsentBasis.PORTAL,
            contacts=[ContactInput(kind=ContactKind.EMAIL, value=user.email)],
            preferred_language=user.language,
            account=user,
        )
    return record


# --- the event cancelled, the day before ------------------------------------------------------------


def tell_cancelled(event: Event, reason: str = "") -> None:
    """Call inside ``cancel_event``: after commit, everyone registered or waiting is told, in their language."""
    from pressdesk.events.tasks import send_cancellation

    transaction.on_commit(lambda: send_cancellation.enqueue(event_id=event.pk, reason=reason))


def remind_tomorrow(now: datetime.datetime | None = None) -> list[int]:
    """Claim every planned event starting within 25 hours that was not reminded of; queue its reminders.

    The claim is one conditional update per event: a second run, or a second
    worker, finds ``reminded_at`` set and sends nothing.
    """
    now = now or timezone.now()
    due = Event.objects.filter(
        status=EventStatus.PLANNED, reminded_at__isnull=True, starts_at__gt=now, starts_at__lte=now + REMIND_AHEAD
    ).values_list("pk", flat=True)
    claimed = []
    for pk in list(due):
        with transaction.atomic():
            if Event.objects.filter(pk=pk, reminded_at__isnull=True).update(reminded_at=now) == 1:
                claimed.append(pk)
                from pressdesk.events.tasks import send_reminders

                transaction.on_commit(lambda pk=pk: send_reminders.enqueue(event_id=pk))
    return claimed
