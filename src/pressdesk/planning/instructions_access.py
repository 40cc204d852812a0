"""Who sees which instruction and which receipt: every network page and service fetches through these.

The sender's side (the centre) sees an instruction when it sees the sending
unit (``PLAN_VIEW``) and manages it (reminds, withdraws) with ``INSTRUCT``
there. The receiving side is narrower on purpose: only a press secretary who
holds her role *in* the receiving unit acknowledges and reports for it, so the
centre, whose roles reach the whole subtree, can never tick a district's box
in its place.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db.models import Count, F, Q, QuerySet
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from pressdesk.core.models import Unit, User
from pressdesk.core.permissions import UnitForbidden, get_action, has_perm, memberships, units_for
from pressdesk.planning.models import Instruction, Receipt
from pressdesk.planning.registry import ACKNOWLEDGE, INSTRUCT, PLAN_VIEW

STATES = {
    "withdrawn": gettext_lazy("Withdrawn"),
    "done": gettext_lazy("Done"),
    "done_late": gettext_lazy("Done after the due time"),
    "late": gettext_lazy("Late"),
    "acknowledged": gettext_lazy("Acknowledged"),
    "waiting": gettext_lazy("Not acknowledged yet"),
}


def _direct_units(user: User, action: str) -> list[Unit]:
    allowed = get_action(action).roles
    found = {m.unit_id: m.unit for m in memberships(user) if m.role in allowed}
    return sorted(found.values(), key=lambda unit: unit.path)


def sender_units(user: User) -> list[Unit]:
    """The press services the user speaks for: units where she herself holds a role that instructs."""
    return _direct_units(user, INSTRUCT)


def own_unit_ids(user: User) -> list[int]:
    """The units the user acknowledges for: those where she holds an acknowledging role herself."""
    return [unit.pk for unit in _direct_units(user, ACKNOWLEDGE)]


def can_receive(user: User) -> bool:
    """Whether an instruction can come to one of the user's units at all: the top of the tree never gets one."""
    return any(unit.parent_id is not None for unit in _direct_units(user, ACKNOWLEDGE))


def below(unit: Unit) -> QuerySet[Unit]:
    """Every unit under ``unit`` (not the unit itself), in tree order, with names."""
    return Unit.objects.subtree_of(unit).exclude(pk=unit.pk).with_names().order_by("path")


# --- the sender's side ----------------------------------------------------------------------------------


def sent_in_sight(user: User) -> QuerySet[Instruction]:
    return Instruction.objects.filter(unit__in=units_for(user, PLAN_VIEW))


def with_progress(instructions: QuerySet[Instruction], now: datetime.datetime | None = None) -> QuerySet[Instruction]:
    """Counts per instruction in the same query: units, acknowledged, done, and late (not done, past due)."""
    now = now or timezone.now()
    return instructions.annotate(
        units_total=Count("receipts"),
        units_acknowledged=Count("receipts", filter=Q(receipts__acknowledged_at__isnull=False)),
        units_done=Count("receipts", filter=Q(receipts__done_at__isnull=False)),
        units_late=Count("receipts", filter=Q(receipts__done_at__isnull=True, due_at__lt=now)),
    )


def access_instruction(user: User, pk: int, action: str = PLAN_VIEW) -> Instruction:
    """The instruction if the user sees its sending unit (else 404) and may do ``action`` there (else 403)."""
    instruction = (
        sent_in_sight(user)
        .select_related("unit", "created_by", "material")
        .prefetch_related("unit__translations", "material__translations")
        .filter(pk=pk)
        .first()
    )
    if instruction is None:
        raise Http404(_("There is no such instruction."))
    if action != PLAN_VIEW and not has_perm(user, action, instruction.unit):
        raise UnitForbidden(_("Your role in this unit does not allow this."))
    return instruction


def receipts_of(instruction: Instruction) -> list[Receipt]:
    return list(
        instruction.receipts.select_related("unit", "acknowledged_by", "done_by")
        .prefetch_related("unit__translations")
        .order_by("unit__path")
    )


# --- the receiving side ---------------------------------------------------------------------------------


def received(user: User) -> QuerySet[Receipt]:
    """Receipts of the units the user acknowledges for, newest instruction first."""
    return (
        Receipt.objects.filter(unit_id__in=own_unit_ids(user), instruction__sent_at__isnull=False)
        .select_related("instruction", "instruction__unit", "unit")
        .prefetch_related("instruction__unit__translations", "unit__translations")
        .order_by(F("done_at").asc(nulls_first=True), "-instruction__due_at", "-pk")
    )


def access_receipt(user: User, pk: int) -> Receipt:
    """A receipt of one's own unit; another unit's is 403 when the user sees that unit, else 404."""
    receipt = (
        Receipt.objects.select_related(
            "instruction", "instruction__unit", "instruction__material", "unit", "acknowledged_by", "done_by"
        )
        .prefetch_related(
            "instruction__unit__translations", "unit__translations", "instruction__material__translations"
        )
        .filter(pk=pk)
        .first()
    )
    if receipt is None or receipt.instruction.sent_at is None:
        raise Http404(_("There is no such instruction."))
    if receipt.unit_id not in own_unit_ids(user):
        if has_perm(user, PLAN_VIEW, receipt.unit):
            raise UnitForbidden(_("Only the press secretary of %(unit)s answers for it.") % {"unit": receipt.unit.name})
        raise Http404(_("There is no such instruction."))
    return receipt


# --- states ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class State:
    code: str
    label: str

    @property
    def warns(self) -> bool:
        return self.code in {"late", "done_late", "withdrawn"}


def state_of(receipt: Receipt, now: datetime.datetime | None = None) -> State:
    """Where one unit stands on one instruction, in a word a table can show (never colour alone)."""
    now = now or timezone.now()
    due = receipt.instruction.due_at
    if receipt.instruction.withdrawn_at is not None and receipt.done_at is None:
        code = "withdrawn"
    elif receipt.done_at is not None:
        code = "done" if receipt.done_at <= due else "done_late"
    elif now > due:
        code = "late"
    elif receipt.acknowledged_at is not None:
        code = "acknowledged"
    else:
        code = "waiting"
    return State(code, str(STATES[code]))
