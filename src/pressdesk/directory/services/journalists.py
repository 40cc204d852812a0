"""Journalists: records, moves between outlets, the trusted pool, erasure and merging."""

from __future__ import annotations

import datetime
from collections.abc import Iterable

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from pressdesk.core import audit, search
from pressdesk.core.models import AuditEntry, Unit, User
from pressdesk.core.services import DomainError
from pressdesk.directory import hooks, indexing
from pressdesk.directory.models import (
    Beat,
    Journalist,
    Outlet,
    OutletStatus,
    Position,
    language_set,
)
from pressdesk.directory.services.common import ContactInput, add_contacts, contacts_snapshot

JOURNALIST_FIELDS = [
    "full_name",
    "name_variants",
    "languages",
    "preferred_language",
    "notes",
    "consent_on",
    "consent_basis",
]
ERASED = "[erased]"


@transaction.atomic
def journalist_create(
    *,
    actor: User | None,
    unit: Unit,
    full_name: str,
    consent_basis: str,
    languages: Iterable[str] = (),
    beats: Iterable[Beat] = (),
    contacts: Iterable[ContactInput] = (),
    outlet: Outlet | None = None,
    title: str = "",
    since: datetime.date | None = None,
    **fields,
) -> Journalist:
    if not full_name.strip():
        raise DomainError(_("A journalist needs a name."))
    journalist = Journalist.objects.create(
        unit=unit,
        full_name=full_name.strip(),
        name_key=indexing.name_key(full_name),
        consent_basis=consent_basis,
        languages=language_set(list(languages)),
        **fields,
    )
    journalist.beats.set(list(beats))
    add_contacts("journalist", journalist, contacts)
    if outlet is not None:
        Position.objects.create(journalist=journalist, outlet=outlet, title=title, since=since)
    indexing.journalist_reindex(journalist)
    audit.record(
        actor=actor,
        action="directory.journalist.created",
        target=journalist,
        unit=unit,
        after={
            **audit.snapshot(journalist, JOURNALIST_FIELDS),
            "beats": [b.code for b in journalist.beats.all()],
            "contacts": contacts_snapshot(journalist),
            "outlet": str(outlet) if outlet else None,
        },
    )
    return journalist


def live_journalist(journalist: Journalist) -> Journalist:
    """Lock the row and refuse changes to an erased or merged record."""
    journalist = Journalist.objects.select_for_update().get(pk=journalist.pk)
    if journalist.erased_at:
        raise DomainError(_("This record was erased: it can no longer be changed."))
    if journalist.merged_into_id:
        raise DomainError(_("This record was merged into another: change that one instead."))
    return journalist


@transaction.atomic
def journalist_update(
    *, actor: User | None, journalist: Journalist, languages: Iterable[str], beats: Iterable[Beat], **fields
) -> Journalist:
    journalist = live_journalist(journalist)
    before = {
        **audit.snapshot(journalist, JOURNALIST_FIELDS),
        "beats": sorted(journalist.beats.values_list("code", flat=True)),
    }
    for name, value in fields.items():
        if name not in JOURNALIST_FIELDS:
            raise TypeError(f"journalist_update() cannot change {name!r}")
        setattr(journalist, name, value)
    if not journalist.full_name.strip():
        raise DomainError(_("A journalist needs a name."))
    journalist.name_key = indexing.name_key(journalist.full_name)
    journalist.languages = language_set(list(languages))
    journalist.updated_at = timezone.now()
    journalist.save()
    journalist.beats.set(list(beats))
    after = {
        **audit.snapshot(journalist, JOURNALIST_FIELDS),
        "beats": sorted(journalist.beats.values_list("code", flat=True)),
    }
    if before != after:
        indexing.journalist_reindex(journalist)
        audit.record(
            actor=actor,
            action="directory.journalist.changed",
            target=journalist,
            unit=journalist.unit,
            before=before,
            after=after,
        )
    return journalist


@transaction.atomic
def journalist_move(
    *, actor: User | None, journalist: Journalist, outlet: Outlet | None, title: str = "", on: datetime.date
) -> Position | None:
    """The journalist leaves every current job on ``on`` and, unless ``outlet`` is None, starts at ``outlet``."""
    journalist = live_journalist(journalist)
    if outlet is not None and outlet.status != OutletStatus.ACTIVE:
        raise DomainError(_("This outlet is closed: choose an active one."))
    current = list(journalist.positions.filter(until__isnull=True).select_related("outlet"))
    if any(p.since and p.since > on for p in current):
        raise DomainError(_("The move cannot be dated before the current position began."))
    if outlet is not None and any(p.outlet_id == outlet.pk and p.title == title for p in current):
        raise DomainError(_("The journalist already holds this position."))
    Position.objects.filter(pk__in=[p.pk for p in current]).update(until=on)
    position = (
        Position.objects.create(journalist=journalist, outlet=outlet, title=title, since=on)
        if outlet is not None
        else None
    )
    audit.record(
        actor=actor,
        action="directory.journalist.moved",
        target=journalist,
        unit=journalist.unit,
        before={"outlet": ", ".join(str(p.outlet) for p in current) or None},
        after={"outlet": str(outlet) if outlet else None, "title": title, "since": on},
    )
    return position


@transaction.atomic
def journalist_trust(*, actor: User, journalist: Journalist, trusted: bool, reason: str) -> Journalist:
    """Put into or take out of the trusted pool (embargoed material goes only there). A reason is required."""
    journalist = live_journalist(journalist)
    if not reason.strip():
        raise DomainError(_("Say why: the reason is kept with the decision."))
    if journalist.trusted == trusted:
        raise DomainError(
            _("The journalist is already in the trusted pool.")
            if trusted
            else _("The journalist is not in the trusted pool.")
        )
    journalist.trusted = trusted
    journalist.trusted_by = actor if trusted else None
    journalist.trusted_at = timezone.now() if trusted else None
    journalist.trusted_reason = reason.strip() if trusted else ""
    journalist.save(update_fields=["trusted", "trusted_by", "trusted_at", "trusted_reason"])
    audit.record(
        actor=actor,
        action="directory.journalist.trusted" if trusted else "directory.journalist.untrusted",
        target=journalist,
        unit=journalist.unit,
        before={"trusted": not trusted},
        after={"trusted": trusted},
        note=reason.strip(),
    )
    return journalist


PERSONAL_KEYS = {"full_name", "name_variants", "notes", "contacts", "consent_on", "trusted_reason"}


@transaction.atomic
def journalist_erase(*, actor: User, journalist: Journalist, reason: str) -> Journalist:
    """Erase personal data on request: the row stays, anonymised, so positions and counts still add up.

    Names, spellings, contacts and notes go, from the record and from the
    audit trail's copies of them; the outlets, beats and languages stay,
    because reports count by them and they identify no one on their own.
    """
    journalist = live_journalist(journalist)
    if not reason.strip():
        raise DomainError(_("Say on what request the data is erased."))
    journalist.contacts.all().delete()
    journalist.full_name = ""
    journalist.name_key = ""
    journalist.name_variants = ""
    journalist.notes = ""
    journalist.trusted_reason = ""
    journalist.consent_on = None
    journalist.account = None
    journalist.erased_at = timezone.now()
    journalist.save()
    _scrub_trail(journalist)
    indexing.journalist_reindex(journalist)
    hooks.erased(journalist, actor=actor)  # what other modules keep of the person (passes, their photos…)
    audit.record(
        actor=actor,
        action="directory.journalist.erased",
        target=journalist,
        unit=journalist.unit,
        note=reason.strip(),
    )
    return journalist


def _scrub_trail(journalist: Journalist) -> None:
    for entry in AuditEntry.objects.for_object(journalist):
        for side in ("before", "after"):
            data = getattr(entry, side)
            if isinstance(data, dict):
                setattr(entry, side, {k: (ERASED if k in PERSONAL_KEYS and v else v) for k, v in data.items()})
        entry.target_repr = journalist.display_name
        if entry.action.startswith("directory.journalist.trusted"):
            entry.note = ERASED
        entry.save(update_fields=["before", "after", "target_repr", "note"])


@transaction.atomic
def journalist_merge(*, actor: User, keep: Journalist, other: Journalist) -> Journalist:
    """Fold ``other`` into ``keep``: positions, contacts, beats and spellings move; ``other`` stays as a pointer."""
    if keep.pk == other.pk:
        raise DomainError(_("A record cannot be merged into itself."))
    keep, other = live_journalist(keep), live_journalist(other)
    moved_positions = Position.objects.filter(journalist=other).update(journalist=keep)
    existing = set(keep.contacts.values_list("kind", "normalized"))
    moved_contacts = 0
    for contact in other.contacts.all():
        if (contact.kind, contact.normalized) in existing:
            contact.delete()
        else:
            contact.journalist = keep
            contact.save(update_fields=["journalist"])
            moved_contacts += 1
    keep.beats.add(*other.beats.all())
    spellings = [*keep.variants, other.full_name, *other.variants]
    keep.name_variants = "\n".join(s for s in dict.fromkeys(spellings) if s and s != keep.full_name)
    keep.languages = language_set(set(keep.language_codes) | set(other.language_codes))
    if other.trusted and not keep.trusted:
        keep.trusted, keep.trusted_by, keep.trusted_at = True, other.trusted_by, other.trusted_at
        keep.trusted_reason = other.trusted_reason
    if keep.account_id is None and other.account_id is not None:
        keep.account, other.account = other.account, None
        other.save(update_fields=["account"])
    keep.notes = "\n\n".join(n for n in (keep.notes, other.notes) if n)
    keep.updated_at = timezone.now()
    keep.save()
    other.merged_into = keep
    other.trusted = False
    other.save(update_fields=["merged_into", "trusted"])
    indexing.journalist_reindex(keep)
    search_remove_journalist(other)
    for target in (keep, other):
        audit.record(
            actor=actor,
            action="directory.journalist.merged",
            target=target,
            unit=target.unit,
            after={"kept": keep.pk, "merged": other.pk, "positions": moved_positions, "contacts_moved": moved_contacts},
        )
    return keep


def search_remove_journalist(journalist: Journalist) -> None:
    search.remove(indexing.JOURNALIST, [journalist.pk])
