"""Writes with a rule on events: planning with conflict checks, cancelling, and seats taken under a lock.

Conflicts come in two strengths. A room booked twice at once, a staff speaker
who is away, an event in the past: refused (``DomainError``). A speaker who
already speaks elsewhere at that hour: a warning the planner confirms
(``NeedsConfirmation``), since a head may well leave one briefing for another.
Modules around this one (invitations, questions, staffing, logistics) keep
their own rules in their own modules and call ``access`` and ``record`` here.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from pressdesk import text as analyzer
from pressdesk.core import audit
from pressdesk.core.models import Unit, User
from pressdesk.core.permissions import has_perm
from pressdesk.core.services import DomainError
from pressdesk.events import hooks
from pressdesk.events.models import (
    Absence,
    Accreditation,
    Event,
    EventKind,
    EventStatus,
    EventText,
    Registration,
    RegistrationStatus,
    Speaker,
    SpeakerRole,
    Venue,
)

PLAN = "events.plan"
LANGUAGES = [code for code, _name in settings.LANGUAGES]
LONGEST = datetime.timedelta(days=7)
MOST_PLACES = 100_000  # more than any hall or stadium; a bigger number is a typing mistake


@dataclass(frozen=True)
class SpeakerInput:
    user: User | None = None
    name: str = ""
    position: str = ""
    role: str = SpeakerRole.SPEAKER

    @property
    def label(self) -> str:
        return self.user.full_name if self.user is not None else self.name.strip()


@dataclass
class Plan:
    """Everything an event is planned with; the form and the API fill one in."""

    kind: str
    starts_at: datetime.datetime
    ends_at: datetime.datetime
    texts: dict[str, tuple[str, str]]  # language → (topic, description)
    venue: Venue | None = None
    online_url: str = ""
    languages: list[str] = field(default_factory=lambda: ["kk"])
    interpretation: str = ""
    capacity: int | None = None
    registration_closes_at: datetime.datetime | None = None
    accreditation: str = Accreditation.NONE
    is_public: bool = False
    speakers: list[SpeakerInput] = field(default_factory=list)


@dataclass(frozen=True)
class Clash:
    message: str
    event: Event | None = None


class NeedsConfirmation(DomainError):
    """Warnings the planner must see and confirm; nothing was saved."""

    def __init__(self, clashes: list[Clash]) -> None:
        super().__init__(" ".join(clash.message for clash in clashes))
        self.clashes = clashes


def access(actor: User, event: Event, action: str = PLAN) -> None:
    if not has_perm(actor, action, event.unit):
        raise DomainError(_("Your roles do not allow this in the event's unit."))


def record(actor: User | None, action: str, event: Event, *, before=None, after=None, note: str = "") -> None:
    audit.record(actor=actor, action=action, target=event, unit=event.unit, before=before, after=after, note=note)


def _name_key(name: str) -> str:
    return " ".join(sorted(analyzer.name_keys(name)))


def _check(plan: Plan, *, editing: Event | None) -> Plan:
    if plan.kind not in EventKind.values:
        raise DomainError(_("Choose the type of the event."))
    if timezone.is_naive(plan.starts_at) or timezone.is_naive(plan.ends_at):
        raise DomainError(_("Give the time with its time zone."))
    if plan.ends_at <= plan.starts_at:
        raise DomainError(_("The event must end after it starts."))
    if plan.ends_at - plan.starts_at > LONGEST:
        raise DomainError(_("An event lasts at most seven days; plan a longer programme as several events."))
    if plan.starts_at <= timezone.now() and (editing is None or editing.starts_at != plan.starts_at):
        raise DomainError(_("The event is in the past: choose a time from now on."))
    texts = {code: (title.strip(), description.strip()) for code, (title, description) in plan.texts.items()}
    texts = {code: value for code, value in texts.items() if value[0] and code in LANGUAGES}
    if settings.LANGUAGE_CODE not in texts:
        raise DomainError(_("Give the topic of the event in Kazakh."))
    plan.texts = texts
    plan.languages = [code for code in LANGUAGES if code in set(plan.languages)]
    if not plan.languages:
        raise DomainError(_("Choose the working language of the event."))
    if plan.venue is None and not plan.online_url and plan.kind != EventKind.INTERVIEW:
        raise DomainError(_("Give the venue or the online link."))
    if plan.capacity is not None and not 1 <= plan.capacity <= MOST_PLACES:
        raise DomainError(_("The number of places must be between 1 and %(most)s.") % {"most": MOST_PLACES})
    if plan.registration_closes_at is not None and plan.registration_closes_at > plan.starts_at:
        raise DomainError(_("Registration must close before the event starts."))
    for speaker in plan.speakers:
        if speaker.user is None and not speaker.name.strip():
            raise DomainError(_("Every speaker needs a name."))
        if speaker.role not in SpeakerRole.values:
            raise DomainError(_("Choose the role of each speaker."))
    if plan.kind == EventKind.INTERVIEW:
        plan.is_public = False  # an interview is arranged with one outlet: never announced
    return plan


def seen_as(event: Event, actor: User | None) -> str:
    """How a clash names another event: its title if the actor may see it, else only its hour."""
    if actor is not None and has_perm(actor, "events.view", event.unit):
        return _("“%(event)s” (%(start)s)") % {"event": event.title, "start": local_time(event.starts_at)}
    return _("another engagement (%(start)s)") % {"start": local_time(event.starts_at)}


def clashes(plan: Plan, *, editing: Event | None = None, actor: User | None = None) -> tuple[list[Clash], list[Clash]]:
    """(refusals, warnings) for this plan against what is already planned.

    Another unit's event the actor may not see is named only by its hour: a clash must not tell a district of the
    city's private interview.
    """
    others = Event.objects.overlapping(plan.starts_at, plan.ends_at).prefetch_related("translations")
    if editing is not None:
        others = others.exclude(pk=editing.pk)
    refusals: list[Clash] = []
    warnings: list[Clash] = []
    if plan.venue is not None:
        for other in others.filter(venue=plan.venue).select_related("unit"):
            refusals.append(
                Clash(
                    _("%(venue)s is booked at that time: %(other)s.")
                    % {"venue": plan.venue.name, "other": seen_as(other, actor)},
                    other,
                )
            )
    staff = [s.user for s in plan.speakers if s.user is not None]
    for absence in Absence.objects.filter(
        user__in=staff, starts_at__lt=plan.ends_at, ends_at__gt=plan.starts_at
    ).select_related("user"):
        refusals.append(
            Clash(
                _("%(name)s is not available at that time: %(reason)s.")
                % {"name": absence.user.full_name, "reason": absence.reason}
            )
        )
    # External speakers are one person however their name is typed: "Иван Петров", "петров иван".
    external = {_name_key(s.name) for s in plan.speakers if s.user is None and s.name.strip()}
    busy = Speaker.objects.filter(event__in=others).filter(Q(user__in=staff) | Q(user__isnull=True))
    for speaker in busy.select_related("user", "event__unit").prefetch_related("event__translations"):
        if speaker.user_id is None and _name_key(speaker.name) not in external:
            continue
        warnings.append(
            Clash(
                _("%(name)s already speaks at %(other)s.")
                % {"name": speaker.display_name, "other": seen_as(speaker.event, actor)},
                speaker.event,
            )
        )
    return refusals, warnings


def local_time(moment: datetime.datetime) -> str:
    """A moment as the messages of events write it: Almaty time, to the minute."""
    return f"{timezone.localtime(moment):%Y-%m-%d %H:%M}"


def _apply(event: Event, plan: Plan) -> None:
    for name in (
        "kind",
        "starts_at",
        "ends_at",
        "venue",
        "online_url",
        "interpretation",
        "capacity",
        "registration_closes_at",
        "accreditation",
        "is_public",
    ):
        setattr(event, name, getattr(plan, name))
    event.languages = "," + ",".join(plan.languages) + ","
    event.updated_at = timezone.now()


def _write_texts_and_speakers(event: Event, plan: Plan) -> None:
    EventText.objects.filter(parent=event).exclude(language__in=list(plan.texts)).delete()
    for code, (title, description) in plan.texts.items():
        EventText.objects.update_or_create(
            parent=event, language=code, defaults={"title": title, "description": description}
        )

    # Speakers are kept in place where they stay: the questions they answered keep their name.
    def key(user_id, name: str) -> tuple:
        return ("user", user_id) if user_id else ("name", _name_key(name))

    existing = {key(s.user_id, s.name): s for s in event.speakers.all()}
    wanted = {}
    for given in plan.speakers:
        wanted.setdefault(key(given.user.pk if given.user else None, given.name), given)
    for k, speaker in existing.items():
        if k not in wanted:
            if speaker.answers.exists():
                raise DomainError(
                    _("%(name)s answered questions at this event and stays among its speakers.")
                    % {"name": speaker.display_name}
                )
            speaker.delete()
    for k, given in wanted.items():
        speaker = existing.get(k) or Speaker(
            event=event, user=given.user, name="" if given.user else given.name.strip()
        )
        speaker.position, speaker.role = given.position.strip(), given.role
        speaker.save()


def _snapshot(event: Event) -> dict:
    data = audit.snapshot(
        event, ["kind", "status", "starts_at", "ends_at", "venue_id", "online_url", "capacity", "is_public"]
    )
    data["topics"] = {row.language: row.title for row in event.translations.all()}
    data["speakers"] = [s.display_name for s in event.speakers.select_related("user")]
    return data


@transaction.atomic
def plan_event(*, actor: User, unit: Unit, plan: Plan, confirmed: bool = False) -> Event:
    if not has_perm(actor, PLAN, unit):
        raise DomainError(_("You may not plan events for this unit."))
    if plan.venue is not None and not has_perm(actor, "events.view", plan.venue.unit):
        raise DomainError(_("Choose a venue of your own units."))
    plan = _check(plan, editing=None)
    refusals, warnings = clashes(plan, actor=actor)
    if refusals:
        raise DomainError(" ".join(clash.message for clash in refusals))
    if warnings and not confirmed:
        raise NeedsConfirmation(warnings)
    event = Event(unit=unit, created_by=actor)
    _apply(event, plan)
    event.save()
    _write_texts_and_speakers(event, plan)
    record(actor, "events.event.planned", event, after=_snapshot(event), note=" ".join(w.message for w in warnings))
    return event


@transaction.atomic
def change_event(*, actor: User, event: Event, plan: Plan, confirmed: bool = False) -> Event:
    event = Event.objects.select_for_update().get(pk=event.pk)
    access(actor, event)
    if event.status != EventStatus.PLANNED:
        raise DomainError(_("Only a planned event can be changed."))
    plan = _check(plan, editing=event)
    refusals, warnings = clashes(plan, editing=event, actor=actor)
    if refusals:
        raise DomainError(" ".join(clash.message for clash in refusals))
    if warnings and not confirmed:
        raise NeedsConfirmation(warnings)
    seats = plan.capacity if plan.capacity is not None else (plan.venue.capacity if plan.venue else None)
    taken = event.registrations.filter(status=RegistrationStatus.REGISTERED).count()
    if seats is not None and seats < taken:
        raise DomainError(
            _("%(taken)s journalists are already registered: the event needs at least that many places.")
            % {"taken": taken}
        )
    from pressdesk.events import invitations  # the letters; it builds on this module

    before = _snapshot(event)
    moved_in_time = plan.starts_at != event.starts_at
    old_start, old_end = event.starts_at, event.ends_at
    _apply(event, plan)
    if moved_in_time:
        event.reminded_at = None  # the day-before reminder goes again for the new day
    event.save()
    _write_texts_and_speakers(event, plan)
    for registration in fill_from_waitlist(event):  # more places: the first waiting move up, and are told
        invitations.letter(registration, "promoted")
    record(actor, "events.event.changed", event, before=before, after=_snapshot(event))
    if (old_start, old_end) != (event.starts_at, event.ends_at):
        hooks.moved(event, actor=actor, old_start=old_start, old_end=old_end)  # e.g. passes dated for the old day
    return event


@transaction.atomic
def cancel_event(*, actor: User, event: Event, reason: str) -> Event:
    event = Event.objects.select_for_update().get(pk=event.pk)
    access(actor, event)
    if event.status != EventStatus.PLANNED:
        raise DomainError(_("Only a planned event can be cancelled."))
    reason = reason.strip()
    if not reason:
        raise DomainError(_("Say why the event is cancelled: those registered are told."))
    event.status = EventStatus.CANCELLED
    event.updated_at = timezone.now()
    event.save(update_fields=["status", "updated_at"])
    record(
        actor,
        "events.event.cancelled",
        event,
        before={"status": EventStatus.PLANNED},
        after={"status": event.status},
        note=reason,
    )
    from pressdesk.events.invitations import tell_cancelled  # the letters; it builds on this module

    tell_cancelled(event, reason)  # those registered or waiting hear of it, after the commit
    return event


@transaction.atomic
def mark_held(*, actor: User, event: Event, attendance: int | None = None) -> Event:
    """After the event: it took place; the count of journalists present if nobody checked them in."""
    event = Event.objects.select_for_update().get(pk=event.pk)
    access(actor, event)
    if event.status == EventStatus.CANCELLED:
        raise DomainError(_("A cancelled event was not held."))
    if event.starts_at > timezone.now():
        raise DomainError(_("The event has not started yet."))
    if attendance is not None and not 0 <= attendance <= MOST_PLACES:
        raise DomainError(
            _("The number of journalists present must be between 0 and %(most)s.") % {"most": MOST_PLACES}
        )
    before = {"status": event.status, "attendance_manual": event.attendance_manual}
    event.status = EventStatus.HELD
    event.attendance_manual = attendance
    event.save(update_fields=["status", "attendance_manual"])
    record(
        actor,
        "events.event.held",
        event,
        before=before,
        after={"status": event.status, "attendance_manual": attendance},
    )
    return event


@transaction.atomic
def link_materials(*, actor: User, event: Event, materials: Iterable) -> Event:
    access(actor, event)
    materials = list(materials)
    before = sorted(event.materials.values_list("pk", flat=True))
    event.materials.set(materials)
    after = sorted(m.pk for m in materials)
    if before != after:
        record(actor, "events.event.materials_linked", event, before={"materials": before}, after={"materials": after})
    return event


# --- seats ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Taken:
    registration: Registration
    waitlisted: bool


def register(*, event: Event, journalist, account: User | None = None, now: datetime.datetime | None = None) -> Taken:
    """A seat if one is free, else a place on the waiting list; the event's row is locked while counting.

    Two journalists after the last seat at once: the second waits for the
    first's transaction, then counts again and goes to the waiting list.
    """
    now = now or timezone.now()
    with transaction.atomic():
        event = Event.objects.select_for_update(of=("self",)).select_related("venue").get(pk=event.pk)
        if event.status != EventStatus.PLANNED:
            raise DomainError(_("Registration is closed: the event is not planned any more."))
        closes = event.registration_closes_at or event.starts_at
        if now >= closes:
            raise DomainError(_("Registration closed at %(time)s.") % {"time": local_time(closes)})
        if journalist.erased_at or journalist.merged_into_id:
            raise DomainError(_("This directory record cannot register."))
        existing = Registration.objects.filter(event=event, journalist=journalist).first()
        if existing is not None and existing.status != RegistrationStatus.CANCELLED:
            raise DomainError(
                _("You are already registered.")
                if existing.status == RegistrationStatus.REGISTERED
                else _("You are already on the waiting list.")
            )
        seats = event.seats
        taken = Registration.objects.filter(event=event, status=RegistrationStatus.REGISTERED).count()
        status = RegistrationStatus.REGISTERED if seats is None or taken < seats else RegistrationStatus.WAITLISTED
        if existing is not None:  # registering again after cancelling: to the end of the queue
            existing.status, existing.created_at, existing.account = status, now, account or existing.account
            existing.save(update_fields=["status", "created_at", "account"])
            registration = existing
        else:
            registration = Registration.objects.create(
                event=event, journalist=journalist, account=account, status=status, created_at=now
            )
        record(
            account,
            "events.registration.created",
            event,
            after={"journalist": journalist.pk, "status": status},
        )
    return Taken(registration, status == RegistrationStatus.WAITLISTED)


@transaction.atomic
def cancel_registration(*, registration: Registration, actor: User | None = None) -> Registration | None:
    """The journalist (or staff) cancels; the first on the waiting list takes the seat. Returns who moved up."""
    event = Event.objects.select_for_update().get(pk=registration.event_id)
    registration = Registration.objects.select_for_update().get(pk=registration.pk)
    if registration.status == RegistrationStatus.CANCELLED:
        raise DomainError(_("This registration is already cancelled."))
    if event.status != EventStatus.PLANNED or event.starts_at <= timezone.now():
        # Nobody moves up for an event that was cancelled, held or has begun.
        raise DomainError(_("The event is not open for registration any more."))
    registration.status = RegistrationStatus.CANCELLED
    registration.save(update_fields=["status"])
    record(actor, "events.registration.cancelled", event, after={"journalist": registration.journalist_id})
    moved = fill_from_waitlist(event)
    return moved[0] if moved else None


def fill_from_waitlist(event: Event) -> list[Registration]:
    """Give free seats to the waiting list in the order they came (the caller holds the event's lock)."""
    seats = event.seats
    waiting = Registration.objects.filter(event=event, status=RegistrationStatus.WAITLISTED).order_by(
        "created_at", "pk"
    )
    taken = Registration.objects.filter(event=event, status=RegistrationStatus.REGISTERED).count()
    free = len(waiting) if seats is None else max(seats - taken, 0)
    moved = list(waiting[:free])
    for registration in moved:
        registration.status = RegistrationStatus.REGISTERED
        registration.save(update_fields=["status"])
        record(None, "events.registration.promoted", event, after={"journalist": registration.journalist_id})
    return moved


@transaction.atomic
def check_in(*, actor: User, registration: Registration) -> Registration:
    event = registration.event
    access(actor, event, "events.view")
    if registration.status != RegistrationStatus.REGISTERED:
        raise DomainError(_("Only a registered journalist can be marked present."))
    if registration.checked_in_at is None:
        registration.checked_in_at = timezone.now()
        registration.save(update_fields=["checked_in_at"])
        record(actor, "events.registration.checked_in", event, after={"journalist": registration.journalist_id})
    return registration
