"""Partners and their contact people."""

from __future__ import annotations

from collections.abc import Iterable

from django.db import transaction
from django.utils.translation import gettext as _

from pressdesk.core import audit
from pressdesk.core.models import Unit, User
from pressdesk.core.services import DomainError
from pressdesk.directory.models import (
    Partner,
    PartnerPerson,
    PartnerTranslation,
)
from pressdesk.directory.services.common import ContactInput, add_contacts, contacts_snapshot, names_of, set_names


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
        before = {"names": names_of(partner), **audit.snapshot(partner, ["kind", "website", "notes"])}
        partner.kind, partner.website, partner.notes = kind, website, notes
        partner.save(update_fields=["kind", "website", "notes"])
    set_names(partner, PartnerTranslation, names)
    after = {"names": names_of(partner), **audit.snapshot(partner, ["kind", "website", "notes"])}
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
    add_contacts("partner_person", person, contacts)
    audit.record(
        actor=actor,
        action="directory.partner.person_added",
        target=partner,
        unit=partner.unit,
        after={"full_name": person.full_name, "title": position, "contacts": contacts_snapshot(person)},
    )
    return person


@transaction.atomic
def partner_person_remove(*, actor: User | None, person: PartnerPerson) -> None:
    partner = person.partner
    before = {"full_name": person.full_name, "title": person.position, "contacts": contacts_snapshot(person)}
    person.delete()
    audit.record(
        actor=actor, action="directory.partner.person_removed", target=partner, unit=partner.unit, before=before
    )
