"""Writes with a rule in the directory. Each one is audited and keeps the search index in step."""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from pressdesk.core import audit
from pressdesk.core.models import Unit, User
from pressdesk.core.services import DomainError
from pressdesk.directory import indexing
from pressdesk.directory.models import (
    Beat,
    Contact,
    Journalist,
    Outlet,
    OutletFeed,
    OutletStatus,
    OutletTranslation,
    Partner,
    PartnerPerson,
    PartnerTranslation,
    Position,
    Segment,
    language_set,
)
from pressdesk.directory.normalize import contact_normalized

OUTLET_FIELDS = ["kind", "languages", "level", "ownership", "reach", "reach_source", "reach_date", "website", "notes"]
JOURNALIST_FIELDS = ["full_name", "name_variants", "languages", "preferred_language", "notes", "consent_on"]
JOURNALIST_FIELDS += ["consent_basis"]
ERASED = "[erased]"


@dataclass(frozen=True)
class ContactInput:
    kind: str
    value: str
    label: str = ""
    confirmed_on: datetime.date | None = None


def _names(obj) -> dict[str, str]:
    return {row.language: row.name for row in obj.translations.all()}


def _set_names(obj, model, names: dict[str, str]) -> None:
    if not (names.get("kk") or names.get("ru")):
        raise DomainError(_("Give the name in Kazakh or Russian."))
    for language, name in names.items():
        name = (name or "").strip()
        if name:
            model.objects.update_or_create(parent=obj, language=language, defaults={"name": name})
        else:
            model.objects.filter(parent=obj, language=language).delete()


def _contacts_snapshot(owner) -> list[str]:
    return [f"{c.get_kind_display()}: {c.value}" for c in owner.contacts.all()]


# Outlets ---------------------------------------------------------------------------------------------------------


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
    _set_names(outlet, OutletTranslation, names)
    _add_contacts("outlet", outlet, contacts)
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
            "contacts": _contacts_snapshot(outlet),
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
    before = {"names": _names(outlet), **audit.snapshot(outlet, OUTLET_FIELDS), "feeds": _feeds(outlet)}
    for name, value in fields.items():
        if name not in OUTLET_FIELDS:
            raise TypeError(f"outlet_update() cannot change {name!r}")
        setattr(outlet, name, value)
    outlet.languages = language_set(list(languages))
    outlet.updated_at = timezone.now()
    outlet.save()
    _set_names(outlet, OutletTranslation, names)
    wanted = list(dict.fromkeys(u.strip() for u in feeds if u.strip()))
    outlet.feeds.exclude(url__in=wanted).delete()
    for url in wanted:
        OutletFeed.objects.get_or_create(outlet=outlet, url=url)
    after = {"names": _names(outlet), **audit.snapshot(outlet, OUTLET_FIELDS), "feeds": _feeds(outlet)}
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


# Journalists -----------------------------------------------------------------------------------------------------


def _add_contacts(owner_field: str, owner, contacts: Iterable[ContactInput]) -> list[Contact]:
    added = []
    seen = set(owner.contacts.values_list("kind", "normalized"))
    for item in contacts:
        try:
            shown, normalized = contact_normalized(item.kind, item.value)
        except ValidationError as error:
            raise DomainError(error.messages[0]) from None
        if (item.kind, normalized) in seen:
            continue
        seen.add((item.kind, normalized))
        added.append(
            Contact.objects.create(
                **{owner_field: owner},
                kind=item.kind,
                value=shown,
                normalized=normalized,
                label=item.label,
                confirmed_on=item.confirmed_on,
            )
        )
    return added


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
    _add_contacts("journalist", journalist, contacts)
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
            "contacts": _contacts_snapshot(journalist),
            "outlet": str(outlet) if outlet else None,
        },
    )
    return journalist


def _live(journalist: Journalist) -> Journalist:
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
    journalist = _live(journalist)
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


def _owner(contact_owner):
    """(field name on Contact, locked live owner, record the audit entry goes to) for a contact's owner."""
    if isinstance(contact_owner, Journalist):
        journalist = _live(contact_owner)
        return "journalist", journalist, journalist
    if isinstance(contact_owner, Outlet):
        return "outlet", contact_owner, contact_owner
    return "partner_person", contact_owner, contact_owner.partner


def _reindex(record) -> None:
    if isinstance(record, Journalist):
        indexing.journalist_reindex(record)


@transaction.atomic
def contact_add(*, actor: User | None, owner: Journalist | Outlet | PartnerPerson, contact: ContactInput) -> Contact:
    field, owner, record = _owner(owner)
    added = _add_contacts(field, owner, [contact])
    if not added:
        raise DomainError(_("This contact is already on the record."))
    _reindex(record)
    audit.record(
        actor=actor,
        action="directory.contact.added",
        target=record,
        unit=record.unit,
        after={"contacts": [added[0].value]},
    )
    return added[0]


def _contact_owner(contact: Contact):
    return contact.journalist or contact.outlet or contact.partner_person


@transaction.atomic
def contact_remove(*, actor: User | None, contact: Contact) -> None:
    _field, _owner_row, record = _owner(_contact_owner(contact))
    value = contact.value
    contact.delete()
    _reindex(record)
    audit.record(
        actor=actor, action="directory.contact.removed", target=record, unit=record.unit, before={"contacts": [value]}
    )


@transaction.atomic
def contact_confirm(*, actor: User | None, contact: Contact, on: datetime.date | None = None) -> Contact:
    _field, _owner_row, record = _owner(_contact_owner(contact))
    day = on or timezone.localdate()
    before = contact.confirmed_on
    contact.confirmed_on = day
    contact.invalid_since = None
    contact.save(update_fields=["confirmed_on", "invalid_since"])
    audit.record(
        actor=actor,
        action="directory.contact.confirmed",
        target=record,
        unit=record.unit,
        before={"confirmed_on": before},
        after={"confirmed_on": day, "contacts": [contact.value]},
    )
    return contact


@transaction.atomic
def journalist_move(
    *, actor: User | None, journalist: Journalist, outlet: Outlet | None, title: str = "", on: datetime.date
) -> Position | None:
    """The journalist leaves every current job on ``on`` and, unless ``outlet`` is None, starts at ``outlet``."""
    journalist = _live(journalist)
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
    journalist = _live(journalist)
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
    journalist = _live(journalist)
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
    audit.record(
        actor=actor,
        action="directory.journalist.erased",
        target=journalist,
        unit=journalist.unit,
        note=reason.strip(),
    )
    return journalist


def _scrub_trail(journalist: Journalist) -> None:
    from pressdesk.core.models import AuditEntry

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
    keep, other = _live(keep), _live(other)
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
    from pressdesk.core import search

    search.remove(indexing.JOURNALIST, [journalist.pk])


# Partners --------------------------------------------------------------------------------------------------------


@transaction.atomic
def partner_save(
    *,
    actor: User | None,
    unit: Unit,
    names: dict[str, str],
    kind: str,
    website: str = "",
    notes: str = "",
    partner: Partner | None = None,
) -> Partner:
    before = None
    if partner is None:
        partner = Partner.objects.create(unit=unit, kind=kind, website=website, notes=notes)
    else:
        before = {"names": _names(partner), **audit.snapshot(partner, ["kind", "website", "notes"])}
        partner.kind, partner.website, partner.notes = kind, website, notes
        partner.save(update_fields=["kind", "website", "notes"])
    _set_names(partner, PartnerTranslation, names)
    after = {"names": _names(partner), **audit.snapshot(partner, ["kind", "website", "notes"])}
    if before != after:
        audit.record(
            actor=actor,
            action="directory.partner.created" if before is None else "directory.partner.changed",
            target=partner,
            unit=partner.unit,
            before=before,
            after=after,
        )
    return partner


@transaction.atomic
def partner_person_add(
    *, actor: User | None, partner: Partner, full_name: str, position: str = "", contacts: Iterable[ContactInput] = ()
) -> PartnerPerson:
    if not full_name.strip():
        raise DomainError(_("A contact person needs a name."))
    person = PartnerPerson.objects.create(partner=partner, full_name=full_name.strip(), position=position)
    _add_contacts("partner_person", person, contacts)
    audit.record(
        actor=actor,
        action="directory.partner.person_added",
        target=partner,
        unit=partner.unit,
        after={"full_name": person.full_name, "title": position, "contacts": _contacts_snapshot(person)},
    )
    return person


@transaction.atomic
def partner_person_remove(*, actor: User | None, person: PartnerPerson) -> None:
    partner = person.partner
    before = {"full_name": person.full_name, "title": person.position, "contacts": _contacts_snapshot(person)}
    person.delete()
    audit.record(
        actor=actor, action="directory.partner.person_removed", target=partner, unit=partner.unit, before=before
    )


# Segments --------------------------------------------------------------------------------------------------------


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
    from pressdesk.directory.filters import clean_criteria

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
