"""Letters about an instruction to the press secretaries of a receiving unit, each in the reader's language.

Four kinds: the instruction itself, the reminder an hour before it is due
(to units that have not acknowledged), the reminder to late units, and the
notice that it was withdrawn. Every letter carries the whole instruction, so
whichever arrives first is enough to act on.
"""

from __future__ import annotations

import logging

from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from pressdesk.core.models import Membership, Role, User
from pressdesk.planning import instructions
from pressdesk.planning.models import Instruction, Receipt

log = logging.getLogger(__name__)

RECEIVING_ROLES = (Role.UNIT_PRESS_SECRETARY, Role.PRESS_SECRETARY)
SUBJECTS = {
    "instruction": _("Instruction: %(title)s"),
    "due_soon": _("Due within the hour, not acknowledged: %(title)s"),
    "late": _("Overdue: %(title)s"),
    "withdrawn": _("Withdrawn: %(title)s"),
}
KINDS = frozenset(SUBJECTS)


def targets(instruction: Instruction, kind: str):
    """The receipts a letter of ``kind`` goes to."""
    receipts = instruction.receipts.all()
    if kind == "due_soon":
        return receipts.filter(acknowledged_at__isnull=True, done_at__isnull=True)
    if kind in {"late", "withdrawn"}:
        return receipts.filter(done_at__isnull=True)
    return receipts


def press_secretaries(unit_ids: list[int]) -> dict[int, list[User]]:
    """The active press secretaries holding their role in each unit (one query for all units)."""
    rows = (
        Membership.objects.active()
        .filter(unit_id__in=unit_ids, role__in=RECEIVING_ROLES, user__is_active=True)
        .select_related("user")
        .order_by("user__full_name")
    )
    found: dict[int, dict[int, User]] = {}
    for row in rows:
        found.setdefault(row.unit_id, {})[row.user_id] = row.user
    return {unit_id: list(people.values()) for unit_id, people in found.items()}


def _language(user: User) -> str:
    codes = {code for code, _name in settings.LANGUAGES}
    return user.language if user.language in codes else settings.LANGUAGE_CODE


def letter(kind: str, receipt: Receipt, reader: User) -> bool:
    """One letter; False (and a log line) when the server refuses it, so the others still go."""
    instruction = receipt.instruction
    with translation.override(_language(reader)):
        context = {
            "kind": kind,
            "reader": reader,
            "instruction": instruction,
            "receipt": receipt,
            "sender": instruction.unit.name,
            "unit": receipt.unit.name,
            "link": settings.SITE_URL + reverse("planning:receipt", args=[receipt.pk]),
            "material_link": _material_link(instruction),
            "public_from": instructions.public_from(instruction.material),
        }
        subject = str(SUBJECTS[kind]) % {"title": instruction.title}
        body = render_to_string("planning/network/email/letter.txt", context)
    try:
        send_mail(subject, body, None, [reader.email])
    except Exception:  # one refused address must not stop the others
        log.exception("letter %s on instruction %s to %s could not be sent", kind, instruction.pk, reader.email)
        return False
    return True


def _material_link(instruction: Instruction) -> str:
    material = instruction.material
    if material is None:
        return ""
    return settings.SITE_URL + reverse("newsroom:material", args=[material.pk])


def waiting_for(instruction: Instruction, kind: str):
    """The receipts of ``kind`` with what the letter needs loaded."""
    return (
        targets(instruction, kind)
        .select_related("unit", "instruction__unit", "instruction__material")
        .prefetch_related("unit__translations", "instruction__unit__translations")
    )
