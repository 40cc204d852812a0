"""Contacts of journalists, outlets and partners' people: add, remove, confirm, mark invalid."""

from __future__ import annotations

import datetime

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from pressdesk.core import audit
from pressdesk.core.models import User
from pressdesk.core.services import DomainError
from pressdesk.directory import indexing
from pressdesk.directory.models import (
    Contact,
    Journalist,
    Outlet,
    PartnerPerson,
)
from pressdesk.directory.services.common import ContactInput, add_contacts
from pressdesk.directory.services.journalists import live_journalist


def _owner(contact_owner):
    """(field name on Contact, locked live owner, record the audit entry goes to) for a contact's owner."""
    if isinstance(contact_owner, Journalist):
        journalist = live_journalist(contact_owner)
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
    added = add_contacts(field, owner, [contact])
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
def contact_invalidate(
    *, actor: User | None, contact: Contact, since: datetime.datetime | None = None, note: str = ""
) -> Contact:
    """The address does not work (a hard bounce, a returned letter): no mailing or invitation chooses it again."""
    _field, _owner_row, record = _owner(_contact_owner(contact))
    if contact.invalid_since is not None:
        return contact
    contact.invalid_since = since or timezone.now()
    contact.save(update_fields=["invalid_since"])
    audit.record(
        actor=actor,
        action="directory.contact.invalidated",
        target=record,
        unit=record.unit,
        after={"contacts": [contact.value], "invalid_since": contact.invalid_since},
        note=note,
    )
    return contact
