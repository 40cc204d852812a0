"""What the directory's services share: contact input, names in three languages, contacts."""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from pressdesk.core.services import DomainError
from pressdesk.directory.models import (
    Contact,
)
from pressdesk.directory.normalize import contact_normalized


@dataclass(frozen=True)
class ContactInput:
    kind: str
    value: str
    label: str = ""
    confirmed_on: datetime.date | None = None


def names_of(obj) -> dict[str, str]:
    return {row.language: row.name for row in obj.translations.all()}


def set_names(obj, model, names: dict[str, str]) -> None:
    if not (names.get("kk") or names.get("ru")):
        raise DomainError(_("Give the name in Kazakh or Russian."))
    for language, name in names.items():
        name = (name or "").strip()
        if name:
            model.objects.update_or_create(parent=obj, language=language, defaults={"name": name})
        else:
            model.objects.filter(parent=obj, language=language).delete()


def contacts_snapshot(owner) -> list[str]:
    return [f"{c.get_kind_display()}: {c.value}" for c in owner.contacts.all()]


def add_contacts(owner_field: str, owner, contacts: Iterable[ContactInput]) -> list[Contact]:
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
