"""Making a plan item real: the event or draft material it turns into, or an existing one it is linked to.

The real thing is made by its own module's service (``events.services.plan_event``,
``publications.services.create``) inside the same transaction as the link, so a
refusal there leaves the plan item as it was. The item's row is locked first and
the link is a conditional update that only an unlinked open item takes: a second
click, or two people at once, get a clear message and nothing is made twice.
"""

from __future__ import annotations

import datetime

from django.conf import settings
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from pressdesk import text as analyzer
from pressdesk.core.models import User
from pressdesk.core.permissions import units_for
from pressdesk.core.services import DomainError
from pressdesk.events import services as event_services
from pressdesk.events.models import Event, EventKind, EventStatus
from pressdesk.planning.models import OPEN_STATUSES, PlanItem, PlanKind, PlanStatus
from pressdesk.planning.plan_services import locked, record
from pressdesk.publications import services as material_services
from pressdesk.publications.models import Material, Status

AS_EVENT = (PlanKind.EVENT, PlanKind.INTERVIEW)
AS_MATERIAL = (PlanKind.MATERIAL,)
NEAR = datetime.timedelta(days=92)  # how far from the planned days an existing event or material is offered
LANGUAGES = [code for code, _name in settings.LANGUAGES]


def realisable(item: PlanItem) -> bool:
    return item.kind in (*AS_EVENT, *AS_MATERIAL)


def language_of(item: PlanItem) -> str:
    """The language the item's title is written in (Kazakh when it cannot tell)."""
    language = analyzer.detect_language(item.title)
    return language if language in LANGUAGES else settings.LANGUAGE_CODE


def _ready(item: PlanItem, actor: User, kinds: tuple[str, ...]) -> PlanItem:
    item = locked(item, actor, open_only=False)
    if item.event_id or item.material_id:
        raise DomainError(_("This plan item is already linked to the real thing: nothing new was made."))
    if item.status not in OPEN_STATUSES:
        raise DomainError(_("A moved or cancelled item is not made real."))
    if item.kind not in kinds:
        raise DomainError(_("This type of plan item does not turn into that."))
    return item


def _link(actor: User, item: PlanItem, action: str, *, event=None, material=None) -> PlanItem:
    before = {"status": item.status, "event_id": item.event_id, "material_id": item.material_id}
    taken = PlanItem.objects.filter(
        pk=item.pk, event__isnull=True, material__isnull=True, status__in=OPEN_STATUSES
    ).update(event=event, material=material, status=PlanStatus.IN_WORK, updated_at=timezone.now())
    if not taken:  # only if the lock was not held (it is, in every caller): still nothing twice
        raise DomainError(_("This plan item is already linked to the real thing: nothing new was made."))
    item.refresh_from_db()
    after = {"status": item.status, "event_id": item.event_id, "material_id": item.material_id}
    record(actor, action, item, before=before, after=after)
    return item


def event_initial(item: PlanItem) -> dict:
    """The event form filled in from the plan: type, the planned day (today at the earliest), title, description."""
    language = language_of(item)
    return {
        "unit": item.unit_id,
        "kind": EventKind.INTERVIEW if item.kind == PlanKind.INTERVIEW else EventKind.BRIEFING,
        "start_date": max(item.starts_on, timezone.localdate()),
        "start_time": datetime.time(11, 0),
        "duration": 60,
        "languages": ["kk", "ru"],
        f"topic_{language}": item.title,
        f"description_{language}": item.description,
    }


@transaction.atomic
def item_make_event(*, actor: User, item: PlanItem, plan: event_services.Plan, confirmed: bool = False) -> Event:
    """Plan the event of an event or interview item (the events rules apply, clashes included) and link it."""
    item = _ready(item, actor, AS_EVENT)
    event = event_services.plan_event(actor=actor, unit=item.unit, plan=plan, confirmed=confirmed)
    _link(actor, item, "planning.item.realised", event=event)
    return event


@transaction.atomic
def item_make_material(*, actor: User, item: PlanItem, kind: str, language: str) -> Material:
    """A draft material of the item's unit, titled as planned, its text to be written; linked to the item."""
    item = _ready(item, actor, AS_MATERIAL)
    material = material_services.create(
        actor=actor,
        unit=item.unit,
        kind=kind,
        language=language,
        text=material_services.Text(title=item.title, summary="", body=item.description or item.title),
        topics=[item.topic] if item.topic_id else [],
    )
    _link(actor, item, "planning.item.realised", material=material)
    return material


def _nearby(user: User, item: PlanItem, model, action: str, moment: str, gone: str) -> QuerySet:
    """What ``user`` sees of ``model`` in the item's unit or below, its ``moment`` near the planned days."""
    return (
        model.objects.filter(
            unit__in=units_for(user, action).filter(path__startswith=item.unit.path),
            **{f"{moment}__date__gte": item.starts_on - NEAR, f"{moment}__date__lte": item.last_day + NEAR},
        )
        .exclude(status=gone)
        .prefetch_related("translations")
        .order_by(moment)
    )


def events_to_link(user: User, item: PlanItem) -> QuerySet[Event]:
    """Events near the planned days, not cancelled (the days bound the list: no slice, so a form can look one up)."""
    return _nearby(user, item, Event, "events.view", "starts_at", EventStatus.CANCELLED)


def materials_to_link(user: User, item: PlanItem) -> QuerySet[Material]:
    """Materials written near the planned days, not withdrawn."""
    return _nearby(user, item, Material, "publications.view", "created_at", Status.WITHDRAWN)


@transaction.atomic
def item_link(*, actor: User, item: PlanItem, event: Event | None = None, material: Material | None = None) -> PlanItem:
    """Link an event or interview item to an existing event, a material item to an existing material."""
    if (event is None) == (material is None):
        raise DomainError(_("Choose one event or one material to link."))
    item = _ready(item, actor, AS_EVENT if event is not None else AS_MATERIAL)
    chosen = events_to_link(actor, item) if event is not None else materials_to_link(actor, item)
    if (event or material).pk not in {choice.pk for choice in chosen}:
        raise DomainError(_("Choose an event or material of this unit, near the planned days."))
    return _link(actor, item, "planning.item.linked", event=event, material=material)
