"""Writes with a rule on the press plan: adding and changing items, moving them to another date, cancelling.

Each write checks that the actor keeps the plan of the item's unit, runs in one
transaction on the item's row locked first, and leaves an audit entry.
Moving keeps the plan honest: the item stays where it was planned, marked
moved, and a copy is planned on the new date (so plan against fact counts the
month it left as moved and the month it went to as planned).
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, replace

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from pressdesk.core import audit, audit_display
from pressdesk.core.models import Unit, User
from pressdesk.core.permissions import has_perm, holders
from pressdesk.core.services import DomainError
from pressdesk.planning.models import OPEN_STATUSES, PlanItem, PlanKind, PlanStatus
from pressdesk.planning.plan_periods import FIRST_YEAR, LAST_YEAR, month_end
from pressdesk.planning.registry import PLAN_KEEP, PLAN_VIEW

LONGEST = datetime.timedelta(days=366)  # a campaign of more than a year is planned year by year
REASON_MAX = 500
AUDITED = [
    "kind",
    "title",
    "description",
    "status",
    "starts_on",
    "ends_on",
    "whole_month",
    "owner_id",
    "campaign_id",
    "topic_id",
    "event_id",
    "material_id",
]

audit.register_labels(
    {
        "planning.item.created": gettext_lazy("plan item added"),
        "planning.item.changed": gettext_lazy("plan item changed"),
        "planning.item.moved": gettext_lazy("plan item moved to another date"),
        "planning.item.cancelled": gettext_lazy("plan item cancelled"),
        "planning.item.realised": gettext_lazy("plan item made real"),
        "planning.item.linked": gettext_lazy("plan item linked"),
    }
)
audit_display.register_keys({"moved_to": gettext_lazy("moved to")})


@dataclass(frozen=True)
class Draft:
    """What a plan item is written with; the form fills one in."""

    kind: str
    title: str
    starts_on: datetime.date
    ends_on: datetime.date | None = None
    whole_month: bool = False
    description: str = ""
    owner: User | None = None
    campaign: PlanItem | None = None
    topic: object | None = None


def record(actor: User | None, action: str, item: PlanItem, *, before=None, after=None, note: str = "") -> None:
    audit.record(actor=actor, action=action, target=item, unit=item.unit, before=before, after=after, note=note)


def snapshot(item: PlanItem) -> dict:
    return audit.snapshot(item, AUDITED)


def check_years(*days: datetime.date | None) -> None:
    """Refuse a day outside the plan's calendar (and so before any arithmetic could overflow on it)."""
    if any(day is not None and not FIRST_YEAR <= day.year <= LAST_YEAR for day in days):
        raise DomainError(
            _("Choose a date between the years %(first)s and %(last)s.") % {"first": FIRST_YEAR, "last": LAST_YEAR}
        )


def _days(draft: Draft) -> Draft:
    starts, ends = draft.starts_on, draft.ends_on
    if ends is not None and ends < starts:
        raise DomainError(_("The item must end on or after the day it starts."))
    check_years(starts, ends)
    if draft.whole_month:  # "for March" (or "March to May"): from the first of the month to the end of the last
        starts, ends = starts.replace(day=1), month_end(ends or starts)
    if ends is not None and ends - starts >= LONGEST:
        raise DomainError(_("An item lasts at most a year: plan a longer campaign year by year."))
    return replace(draft, starts_on=starts, ends_on=None if ends == starts else ends)


def check(draft: Draft, *, unit: Unit, editing: PlanItem | None = None) -> Draft:
    if draft.kind not in PlanKind.values:
        raise DomainError(_("Choose the type of the item."))
    title = " ".join(draft.title.split())
    if not title:
        raise DomainError(_("Give the item a title."))
    if len(title) > 300:
        raise DomainError(_("The title is too long: at most 300 characters."))
    draft = _days(replace(draft, title=title, description=draft.description.strip()))
    if draft.owner is not None and not holders(PLAN_VIEW, unit).filter(pk=draft.owner.pk).exists():
        raise DomainError(_("The owner must be someone who works with this unit's plan."))
    campaign = draft.campaign
    if campaign is not None:
        if campaign.kind != PlanKind.CAMPAIGN or draft.kind == PlanKind.CAMPAIGN:
            raise DomainError(_("An item can belong to a campaign, and a campaign to no other campaign."))
        if not unit.path.startswith(campaign.unit.path):
            raise DomainError(_("Choose a campaign of this unit or of a unit above it."))
        if campaign.status not in OPEN_STATUSES:
            raise DomainError(_("That campaign is moved or cancelled: choose another."))
        if editing is not None and campaign.pk == editing.pk:
            raise DomainError(_("An item cannot belong to itself."))
    if editing is not None and draft.kind != editing.kind and (editing.event_id or editing.material_id):
        raise DomainError(_("The item is already linked to the real thing: its type stays."))
    if editing is not None and editing.kind == PlanKind.CAMPAIGN != draft.kind and editing.parts.exists():
        raise DomainError(_("The campaign has parts: take them out of it before changing its type."))
    return draft


def _apply(item: PlanItem, draft: Draft) -> None:
    for name in ("kind", "title", "description", "starts_on", "ends_on", "whole_month", "owner", "campaign", "topic"):
        setattr(item, name, getattr(draft, name))
    item.updated_at = timezone.now()


def locked(item: PlanItem, actor: User, *, open_only: bool = True) -> PlanItem:
    """The item's row, locked for the rest of the transaction, after checking the actor may keep its plan."""
    item = PlanItem.objects.select_for_update().select_related("unit").get(pk=item.pk)
    if not has_perm(actor, PLAN_KEEP, item.unit):
        raise DomainError(_("You may not keep the plan of this unit."))
    if open_only and item.status not in OPEN_STATUSES:
        raise DomainError(
            _("This item is %(status)s: only a planned item or one in work can be changed.")
            % {"status": item.get_status_display().lower()}
        )
    return item


@transaction.atomic
def item_create(*, actor: User, unit: Unit, draft: Draft) -> PlanItem:
    if not has_perm(actor, PLAN_KEEP, unit):
        raise DomainError(_("You may not keep the plan of this unit."))
    draft = check(draft, unit=unit)
    item = PlanItem(unit=unit, created_by=actor)
    _apply(item, draft)
    item.save()
    record(actor, "planning.item.created", item, after=snapshot(item))
    return item


@transaction.atomic
def item_change(*, actor: User, item: PlanItem, draft: Draft) -> PlanItem:
    item = locked(item, actor)
    draft = check(draft, unit=item.unit, editing=item)
    before = snapshot(item)
    _apply(item, draft)
    item.save()
    if (after := snapshot(item)) != before:
        record(actor, "planning.item.changed", item, before=before, after=after)
    return item


@transaction.atomic
def item_move(
    *, actor: User, item: PlanItem, starts_on: datetime.date, ends_on: datetime.date | None, reason: str
) -> PlanItem:
    """Mark the item moved and plan its copy (with its links and campaign parts) on the new days; returns the copy."""
    item = locked(item, actor)
    reason = _reason(reason, _("Say why the item is moved."))
    check_years(starts_on, ends_on)  # before adding the item's length to a day that may be the last of the calendar
    length = item.ends_on - item.starts_on if item.ends_on else None
    draft = _days(
        Draft(
            kind=item.kind,
            title=item.title,
            starts_on=starts_on,
            ends_on=ends_on or (starts_on + length if length else None),
            whole_month=item.whole_month,
        )
    )
    if (draft.starts_on, draft.ends_on) == (item.starts_on, item.ends_on):
        raise DomainError(_("Choose another date: the item is already planned for these days."))
    copy = PlanItem.objects.get(pk=item.pk)
    copy.pk, copy.starts_on, copy.ends_on = None, draft.starts_on, draft.ends_on
    copy.created_by, copy.created_at = actor, timezone.now()
    copy.updated_at = copy.created_at
    copy.save()
    item.parts.filter(status__in=OPEN_STATUSES).update(campaign=copy)
    before = snapshot(item)
    item.status, item.event, item.material, item.updated_at = PlanStatus.MOVED, None, None, timezone.now()
    item.save(update_fields=["status", "event", "material", "updated_at"])
    record(
        actor, "planning.item.moved", item, before=before, after={**snapshot(item), "moved_to": copy.pk}, note=reason
    )
    record(actor, "planning.item.created", copy, after=snapshot(copy), note=reason)
    return copy


@transaction.atomic
def item_cancel(*, actor: User, item: PlanItem, reason: str) -> PlanItem:
    item = locked(item, actor)
    reason = _reason(reason, _("Say why the item is cancelled."))
    before = snapshot(item)
    item.status, item.updated_at = PlanStatus.CANCELLED, timezone.now()
    item.save(update_fields=["status", "updated_at"])
    record(actor, "planning.item.cancelled", item, before=before, after=snapshot(item), note=reason)
    return item


def _reason(reason: str, empty_message: str) -> str:
    reason = reason.strip()
    if not reason:
        raise DomainError(empty_message)
    if len(reason) > REASON_MAX:
        raise DomainError(_("This is too long: at most %(limit)s characters.") % {"limit": REASON_MAX})
    return reason
