"""The configurable lists of accreditation: reasons to refuse an application and grounds to deprive of it.

The press secretary (``accreditation.manage_lists``) adds an entry with a
code and its name in Kazakh (Russian and English optional), renames it in
any language, marks whether it needs a written explanation, and retires it or
brings it back. Entries are never deleted: past decisions keep pointing at
them. The last entry in use cannot be retired, so a decision always has a
code to give. Every change is audited.
"""

from __future__ import annotations

import re

from django.conf import settings
from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from pressdesk.accreditation.models import (
    DeprivationGround,
    DeprivationGroundName,
    RejectionReason,
    RejectionReasonName,
)
from pressdesk.core import audit
from pressdesk.core.models import User
from pressdesk.core.permissions import has_perm
from pressdesk.core.services import DomainError

MANAGE = "accreditation.manage_lists"
LANGUAGES = [code for code, _name in settings.LANGUAGES]
CODE = re.compile(r"[a-z][a-z0-9_]{1,39}")

# The two lists by the key their pages use: the model, its name rows, and the list's title.
LISTS = {
    "reasons": (RejectionReason, RejectionReasonName, gettext_lazy("Reasons for refusing an application")),
    "grounds": (DeprivationGround, DeprivationGroundName, gettext_lazy("Grounds for suspending or revoking")),
}

audit.register_labels(
    {
        "accreditation.list.added": gettext_lazy("entry added to a list of reasons"),
        "accreditation.list.changed": gettext_lazy("entry of a list of reasons changed"),
        "accreditation.list.retired": gettext_lazy("entry of a list of reasons retired"),
        "accreditation.list.restored": gettext_lazy("entry of a list of reasons brought back"),
    }
)


def _allowed(actor: User) -> None:
    if not has_perm(actor, MANAGE):
        raise DomainError(_("Only the press secretary keeps the lists of reasons and grounds."))


def _names(names: dict[str, str]) -> dict[str, str]:
    names = {code: (names.get(code) or "").strip() for code in LANGUAGES}
    if not names[LANGUAGES[0]]:
        raise DomainError(_("Give the name in Kazakh."))
    return names


def _snapshot(entry) -> dict:
    return {
        "code": entry.code,
        "names": {row.language: row.name for row in entry.translations.all()},
        "needs_text": entry.needs_text,
        "is_active": entry.is_active,
    }


def _set_names(entry, name_model, names: dict[str, str]) -> None:
    for code, name in names.items():
        if name:
            name_model.objects.update_or_create(parent=entry, language=code, defaults={"name": name})
        else:
            name_model.objects.filter(parent=entry, language=code).delete()


def _record(actor: User, action: str, entry, before: dict | None) -> None:
    audit.record(actor=actor, action=action, target=entry, before=before, after=_snapshot(entry))


@transaction.atomic
def coded_entry_add(*, actor: User, kind: str, code: str, names: dict[str, str], needs_text: bool = False):
    """A new entry at the end of the list ``kind`` ("reasons" or "grounds")."""
    _allowed(actor)
    model, name_model, _title = LISTS[kind]
    code = (code or "").strip().lower()
    if not CODE.fullmatch(code):
        raise DomainError(
            _("The code is 2 to 40 Latin letters, digits or “_”, starting with a letter, such as “late_letter”.")
        )
    names = _names(names)
    if model.objects.filter(code=code).exists():
        raise DomainError(_("The code “%(code)s” is taken: choose another.") % {"code": code})
    last = model.objects.aggregate(last=Max("order"))["last"] or 0
    entry = model.objects.create(code=code, needs_text=needs_text, order=last + 10)
    _set_names(entry, name_model, names)
    _record(actor, "accreditation.list.added", entry, None)
    return entry


def _locked(kind: str, entry):
    model = LISTS[kind][0]
    return model.objects.select_for_update().prefetch_related("translations").get(pk=entry.pk)


@transaction.atomic
def coded_entry_change(*, actor: User, kind: str, entry, names: dict[str, str], needs_text: bool):
    """Rename an entry in any language and say whether it needs an explanation; its code stays."""
    _allowed(actor)
    entry = _locked(kind, entry)
    names = _names(names)
    before = _snapshot(entry)
    entry.needs_text = needs_text
    entry.save(update_fields=["needs_text"])
    _set_names(entry, LISTS[kind][1], names)
    entry = _locked(kind, entry)
    if _snapshot(entry) != before:
        _record(actor, "accreditation.list.changed", entry, before)
    return entry


@transaction.atomic
def coded_entry_retire(*, actor: User, kind: str, entry, in_use: bool):
    """Retire an entry (``in_use=False``: gone from new decisions, kept in history) or bring it back."""
    _allowed(actor)
    entry = _locked(kind, entry)
    if entry.is_active == in_use:
        return entry
    model = LISTS[kind][0]
    if not in_use and not model.objects.filter(is_active=True).exclude(pk=entry.pk).exists():
        raise DomainError(_("This is the last entry in use: add another before retiring it."))
    before = _snapshot(entry)
    entry.is_active = in_use
    entry.save(update_fields=["is_active"])
    _record(actor, "accreditation.list.restored" if in_use else "accreditation.list.retired", entry, before)
    return entry
