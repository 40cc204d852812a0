"""The press centre's people at an event: who hosts, registers, photographs, writes live, interprets.

A staff member works an event of their own unit or of a unit below theirs. One
person may hold several duties. A person already on duty at an event at the
same time is a warning the planner confirms (``NeedsConfirmation``), as with a
busy speaker: a photographer may well cover two short briefings in one hall.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db import transaction
from django.db.models import QuerySet
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from pressdesk.core import audit
from pressdesk.core.models import Membership, User
from pressdesk.core.services import DomainError
from pressdesk.events.models import Duty, DutyRole, Event, EventStatus
from pressdesk.events.services import Clash, NeedsConfirmation, access, record, seen_as

MAX_NOTE = 300

audit.register_labels(
    {
        "events.duty.assigned": gettext_lazy("duty assigned"),
        "events.duty.removed": gettext_lazy("duty removed"),
    }
)


def _unit_paths(event: Event) -> list[str]:
    """The event's unit and every unit above it, as materialised paths."""
    path = event.unit.path
    return [path[: end + 7] for end in range(0, len(path), 7)]


def eligible(event: Event) -> QuerySet[User]:
    """Active staff with a current role in the event's unit or a unit above it."""
    held = Membership.objects.active().filter(unit__path__in=_unit_paths(event))
    return User.objects.staff().filter(pk__in=held.values("user"), is_active=True).order_by("full_name", "pk")


@dataclass(frozen=True)
class RoleDuties:
    role: str
    label: str
    duties: list[Duty]


def by_role(event: Event) -> list[RoleDuties]:
    """The event's duties grouped by role, in the order of the roles; roles nobody holds are left out."""
    duties = list(event.duties.select_related("user"))
    return [
        RoleDuties(value, str(label), [d for d in duties if d.role == value])
        for value, label in DutyRole.choices
        if any(d.role == value for d in duties)
    ]


def busy_elsewhere(event: Event, user: User, actor: User | None = None) -> list[Clash]:
    others = Event.objects.overlapping(event.starts_at, event.ends_at).exclude(pk=event.pk)
    duties = (
        Duty.objects.filter(user=user, event__in=others)
        .select_related("event__unit")
        .prefetch_related("event__translations")
    )
    return [
        Clash(
            _("%(name)s is already on duty (%(duty)s) at %(other)s.")
            % {"name": user.full_name, "duty": d.get_role_display(), "other": seen_as(d.event, actor)},
            d.event,
        )
        for d in duties
    ]


@transaction.atomic
def assign(*, actor: User, event: Event, user: User, role: str, note: str = "", confirmed: bool = False) -> Duty:
    event = Event.objects.select_for_update().select_related("unit").get(pk=event.pk)
    access(actor, event)
    if event.status != EventStatus.PLANNED:
        raise DomainError(_("Duties are given for a planned event only."))
    if role not in DutyRole.values:
        raise DomainError(_("Choose the duty."))
    if not eligible(event).filter(pk=user.pk).exists():
        raise DomainError(
            _("%(name)s has no role in %(unit)s or a unit above it: choose someone from the event's unit.")
            % {"name": user.full_name, "unit": event.unit.name}
        )
    note = note.strip()
    if len(note) > MAX_NOTE:
        raise DomainError(_("Keep the note within %(limit)s characters.") % {"limit": MAX_NOTE})
    if Duty.objects.filter(event=event, user=user, role=role).exists():
        raise DomainError(_("%(name)s already has this duty at the event.") % {"name": user.full_name})
    warnings = busy_elsewhere(event, user, actor)
    if warnings and not confirmed:
        raise NeedsConfirmation(warnings)
    duty = Duty.objects.create(event=event, user=user, role=role, note=note)
    record(
        actor,
        "events.duty.assigned",
        event,
        after={"user": user.pk, "name": user.full_name, "role": role},
        note=" ".join(w.message for w in warnings),
    )
    return duty


@transaction.atomic
def remove(*, actor: User, duty: Duty) -> None:
    duty = Duty.objects.select_related("event__unit", "user").get(pk=duty.pk)
    event = duty.event
    access(actor, event)
    if event.status != EventStatus.PLANNED:
        raise DomainError(_("Duties are changed for a planned event only."))
    before = {"user": duty.user_id, "name": duty.user.full_name, "role": duty.role}
    duty.delete()
    record(actor, "events.duty.removed", event, before=before)
