"""Saved segments."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from pressdesk.core import audit
from pressdesk.core.models import Unit, User
from pressdesk.core.services import DomainError
from pressdesk.directory.filters import clean_criteria
from pressdesk.directory.models import (
    Segment,
)


@transaction.atomic
def segment_save(
    *,
    actor: User | None,
    unit: Unit,
    name: str,
    criteria: dict,
    description: str = "",
    segment: Segment | None = None,
) -> Segment:
    if not name.strip():
        raise DomainError(_("A segment needs a name."))
    criteria = clean_criteria(criteria)
    before = None
    if segment is None:
        segment = Segment.objects.create(
            unit=unit, name=name.strip(), description=description, criteria=criteria, created_by=actor
        )
    else:
        segment = Segment.objects.select_for_update().get(pk=segment.pk)
        before = audit.snapshot(segment, ["name", "description", "criteria"])
        segment.name, segment.description, segment.criteria = name.strip(), description, criteria
        segment.updated_at = timezone.now()
        segment.save(update_fields=["name", "description", "criteria", "updated_at"])
    after = audit.snapshot(segment, ["name", "description", "criteria"])
    if before != after:
        audit.record(
            actor=actor,
            action="directory.segment.created" if before is None else "directory.segment.changed",
            target=segment,
            unit=segment.unit,
            before=before,
            after=after,
        )
    return segment


@transaction.atomic
def segment_delete(*, actor: User | None, segment: Segment) -> None:
    before = audit.snapshot(segment, ["name", "description", "criteria"])
    audit.record(actor=actor, action="directory.segment.deleted", target=segment, unit=segment.unit, before=before)
    segment.delete()
