"""Outlets: adding, changing, closing and merging them."""

from __future__ import annotations

import datetime
from collections.abc import Iterable

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from pressdesk.core import audit
from pressdesk.core.models import Unit, User
from pressdesk.core.services import DomainError
from pressdesk.directory import indexing
from pressdesk.directory.models import (
    Outlet,
    OutletFeed,
    OutletStatus,
    OutletTranslation,
    Position,
    language_set,
)
from pressdesk.directory.services.common import ContactInput, add_contacts, contacts_snapshot, names_of, set_names

OUTLET_FIELDS = ["kind", "languages", "level", "ownership", "reach", "reach_source", "reach_date", "website", "notes"]


@transaction.atomic
def outlet_create(
    *,
    actor: User | None,
    unit: Unit,
    names: dict[str, str],
    kind: str,
    level: str,
    ownership: str,
    languages: Iterable[str] = (),
    feeds: Iterable[str] = (),
    contacts: Iterable[ContactInput] = (),
    **fields,
) -> Outlet:
    outlet = Outlet.objects.create(
        unit=unit, kind=kind, level=level, ownership=ownership, languages=language_set(list(languages)), **fields
    )
    set_names(outlet, OutletTranslation, names)
    add_contacts("outlet", outlet, contacts)
    for url in dict.fromkeys(u.strip() for u in feeds if u.strip()):
        OutletFeed.objects.create(outlet=outlet, url=url)
    indexing.outlet_reindex(outlet)
    audit.record(
        actor=actor,
        action="directory.outlet.created",
        target=outlet,
        unit=unit,
        after={
            "names": names,
            **audit.snapshot(outlet, OUTLET_FIELDS),
            "feeds": _feeds(outlet),
            "contacts": contacts_snapshot(outlet),
        },
    )
    return outlet


@transaction.atomic
def outlet_update(
    *,
    actor: User | None,
    outlet: Outlet,
    names: dict[str, str],
    languages: Iterable[str],
    feeds: Iterable[str],
    **fields,
) -> Outlet:
    outlet = Outlet.objects.select_for_update().get(pk=outlet.pk)
    before = {"names": names_of(outlet), **audit.snapshot(outlet, OUTLET_FIELDS), "feeds": _feeds(outlet)}
    for name, value in fields.items():
        if name not in OUTLET_FIELDS:
            raise TypeError(f"outlet_update() cannot change {name!r}")
        setattr(outlet, name, value)
    outlet.languages = language_set(list(languages))
    outlet.updated_at = timezone.now()
    outlet.save()
    set_names(outlet, OutletTranslation, names)
    wanted = list(dict.fromkeys(u.strip() for u in feeds if u.strip()))
    outlet.feeds.exclude(url__in=wanted).delete()
    for url in wanted:
        OutletFeed.objects.get_or_create(outlet=outlet, url=url)
    after = {"names": names_of(outlet), **audit.snapshot(outlet, OUTLET_FIELDS), "feeds": _feeds(outlet)}
    if before != after:
        indexing.outlet_reindex(outlet)
        audit.record(
            actor=actor, action="directory.outlet.changed", target=outlet, unit=outlet.unit, before=before, after=after
        )
    return outlet


def _feeds(outlet: Outlet) -> list[str]:
    return sorted(outlet.feeds.values_list("url", flat=True))


@transaction.atomic
def outlet_close(
    *, actor: User | None, outlet: Outlet, on: datetime.date, merged_into: Outlet | None = None, note: str = ""
) -> Outlet:
    """Close an outlet, or merge it into another; its journalists' open positions end that day."""
    outlet = Outlet.objects.select_for_update().get(pk=outlet.pk)
    if outlet.status != OutletStatus.ACTIVE:
        raise DomainError(_("This outlet is already closed."))
    if merged_into is not None and (merged_into.pk == outlet.pk or merged_into.status != OutletStatus.ACTIVE):
        raise DomainError(_("An outlet can only be merged into another outlet that is active."))
    outlet.status = OutletStatus.MERGED if merged_into else OutletStatus.CLOSED
    outlet.merged_into = merged_into
    outlet.status_changed_on = on
    outlet.updated_at = timezone.now()
    outlet.save(update_fields=["status", "merged_into", "status_changed_on", "updated_at"])
    ended = Position.objects.filter(outlet=outlet, until__isnull=True).update(until=on)
    audit.record(
        actor=actor,
        action="directory.outlet.merged" if merged_into else "directory.outlet.closed",
        target=outlet,
        unit=outlet.unit,
        before={"status": OutletStatus.ACTIVE},
        after={
            "status": outlet.status,
            "merged_into": str(merged_into) if merged_into else None,
            "positions_ended": ended,
        },
        note=note,
    )
    return outlet
