"""What events are planned with: the rooms (venues) and who may speak (staff and their absences).

Reads for the pages (``venues_for``, ``people_for``, ``absences_for``) and the
audited writes on venues and absences; the planning rules that use them live in ``services``.
"""

from __future__ import annotations

import datetime

from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from pressdesk.core import audit
from pressdesk.core.models import Membership, Unit, User
from pressdesk.core.permissions import has_perm, units_for
from pressdesk.core.services import DomainError
from pressdesk.events.models import Absence, Venue, VenueName
from pressdesk.events.services import LANGUAGES, PLAN

audit.register_labels(
    {
        "events.venue.saved": gettext_lazy("venue saved"),
        "events.absence.added": gettext_lazy("speaker's absence added"),
        "events.absence.removed": gettext_lazy("speaker's absence removed"),
    }
)

LONGEST_ABSENCE = datetime.timedelta(days=366)


def venues_for(user: User, action: str = "events.view") -> QuerySet[Venue]:
    return Venue.objects.filter(unit__in=units_for(user, action)).prefetch_related("translations")


def people_for(user: User, action: str = "events.view") -> QuerySet[User]:
    """Staff who hold a role today in a unit where ``user`` may take ``action``: the speakers to choose from."""
    held = Membership.objects.active().filter(unit__in=units_for(user, action))
    return User.objects.filter(pk__in=held.values("user"), is_active=True).order_by("full_name")


def absences_for(user: User) -> QuerySet[Absence]:
    return Absence.objects.filter(user__in=people_for(user, PLAN)).select_related("user")


def _names(names: dict[str, str]) -> dict[str, str]:
    names = {code: name.strip() for code, name in names.items() if code in LANGUAGES and name.strip()}
    if LANGUAGES[0] not in names:
        raise DomainError(_("Give the venue's name in Kazakh."))
    return names


@transaction.atomic
def venue_save(
    *, actor: User, unit: Unit, names: dict[str, str], address: str, capacity: int | None, venue: Venue | None = None
) -> Venue:
    if not has_perm(actor, PLAN, unit) or (venue is not None and not has_perm(actor, PLAN, venue.unit)):
        raise DomainError(_("You may not manage the venues of this unit."))
    names = _names(names)
    if not address.strip():
        raise DomainError(_("Give the venue's address."))
    if capacity is not None and capacity < 1:
        raise DomainError(_("A venue seats at least one."))
    before = None
    if venue is None:
        venue = Venue(unit=unit)
    else:
        venue = Venue.objects.select_for_update().get(pk=venue.pk)
        before = audit.snapshot(venue, ["unit_id", "address", "capacity"]) | {
            "names": {row.language: row.name for row in venue.translations.all()}
        }
    venue.unit, venue.address, venue.capacity = unit, address.strip(), capacity
    venue.save()
    _reseat(venue)
    VenueName.objects.filter(parent=venue).exclude(language__in=list(names)).delete()
    for code, name in names.items():
        VenueName.objects.update_or_create(parent=venue, language=code, defaults={"name": name})
    after = audit.snapshot(venue, ["unit_id", "address", "capacity"]) | {"names": names}
    audit.record(actor=actor, action="events.venue.saved", target=venue, unit=unit, before=before, after=after)
    return venue


def _reseat(venue: Venue) -> None:
    """Planned events that take their seats from the venue: refuse fewer seats than taken, give new ones out."""
    from pressdesk.events import invitations, services
    from pressdesk.events.models import Event, EventStatus, Registration, RegistrationStatus

    events = Event.objects.select_for_update(of=("self",)).filter(
        venue=venue, capacity__isnull=True, status=EventStatus.PLANNED, starts_at__gt=timezone.now()
    )
    for event in events.select_related("venue"):
        taken = Registration.objects.filter(event=event, status=RegistrationStatus.REGISTERED).count()
        if venue.capacity is not None and venue.capacity < taken:
            raise DomainError(
                _(
                    "%(taken)s journalists are registered for “%(event)s” here: the venue needs at least that many seats."
                )
                % {"taken": taken, "event": event.title}
            )
        for registration in services.fill_from_waitlist(event):
            invitations.letter(registration, "promoted")


def _unit_of(person: User, actor: User) -> Unit | None:
    """The unit to file a person's absence under: one of theirs the planner reaches."""
    reach = units_for(actor, PLAN)
    membership = Membership.objects.active().filter(user=person, unit__in=reach).select_related("unit").first()
    return membership.unit if membership else None


@transaction.atomic
def absence_add(
    *, actor: User, person: User, starts_at: datetime.datetime, ends_at: datetime.datetime, reason: str
) -> Absence:
    unit = _unit_of(person, actor)
    if unit is None:
        raise DomainError(_("You may record absences only for the staff of your units."))
    if ends_at <= starts_at:
        raise DomainError(_("The absence must end after it starts."))
    if ends_at - starts_at > LONGEST_ABSENCE:
        raise DomainError(_("An absence lasts at most a year; record a longer one in parts."))
    if not reason.strip():
        raise DomainError(_("Give the reason, for example: on leave."))
    absence = Absence.objects.create(user=person, starts_at=starts_at, ends_at=ends_at, reason=reason.strip())
    after = audit.snapshot(absence, ["user_id", "starts_at", "ends_at", "reason"])
    audit.record(actor=actor, action="events.absence.added", target=person, unit=unit, after=after)
    return absence


@transaction.atomic
def absence_remove(*, actor: User, absence: Absence) -> None:
    unit = _unit_of(absence.user, actor)
    if unit is None:
        raise DomainError(_("You may record absences only for the staff of your units."))
    before = audit.snapshot(absence, ["user_id", "starts_at", "ends_at", "reason"])
    absence.delete()
    audit.record(actor=actor, action="events.absence.removed", target=absence.user, unit=unit, before=before)
