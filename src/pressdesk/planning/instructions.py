"""Instructions from a press service to the units below it: send, acknowledge, report done, remind, withdraw.

Every write here checks the current state, raises a translated
``DomainError`` when a rule is broken, writes nothing half (one transaction)
and records itself in the audit trail. Letters go from the worker after the
commit (``tasks_network.send_letters``), each receipt claimed by a conditional
update of ``Receipt.mailed_at`` so a task run twice mails nobody twice.
Reminders are claimed on ``Instruction.reminded_at``: the late units at most
once an hour, the units that have not acknowledged once, an hour before due.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from pressdesk.core import audit
from pressdesk.core.models import Unit, User
from pressdesk.core.permissions import has_perm
from pressdesk.core.services import DomainError
from pressdesk.events.services import local_time
from pressdesk.planning.instructions_access import own_unit_ids, sender_units
from pressdesk.planning.models import Instruction, Receipt
from pressdesk.planning.registry import INSTRUCT
from pressdesk.publications.models import PUBLIC, Material, Status
from pressdesk.publications.models.materials import INTERNAL_KINDS

REMIND_EVERY = datetime.timedelta(hours=1)
REMIND_AHEAD = datetime.timedelta(hours=1)
TITLE_MAX = Instruction._meta.get_field("title").max_length
REPORT_MAX = Receipt._meta.get_field("report").max_length
LINK_MAX = Receipt._meta.get_field("link").max_length

audit.register_labels(
    {
        "planning.instruction.sent": gettext_lazy("instruction sent to the units"),
        "planning.instruction.reminded": gettext_lazy("units reminded of an instruction"),
        "planning.instruction.withdrawn": gettext_lazy("instruction withdrawn"),
        "planning.receipt.acknowledged": gettext_lazy("instruction acknowledged"),
        "planning.receipt.done": gettext_lazy("instruction reported done"),
    }
)


def _recorded(
    actor: User | None, instruction: Instruction, action: str, *, letters: str, at: datetime.datetime, after: dict
) -> None:
    """The audit row of a change, and its ``letters`` queued for after the commit (stamped ``at``)."""
    from pressdesk.planning.tasks_network import send_letters

    audit.record(actor=actor, action=action, target=instruction, unit=instruction.unit, after=after)
    transaction.on_commit(
        lambda: send_letters.enqueue(instruction_id=instruction.pk, kind=letters, stamp=at.isoformat())
    )


def check_due(due_at: datetime.datetime, now: datetime.datetime | None = None) -> None:
    """The due time must still lie ahead: a form field and the service both ask this."""
    if due_at <= (now or timezone.now()):
        raise DomainError(
            _("The due time %(due)s has passed already: choose a later time (Almaty time).")
            % {"due": local_time(due_at)}
        )


def usable_materials():
    """The materials an instruction may name: public, or on their way to it; never a staff-only kind."""
    return Material.objects.filter(status__in=[*PUBLIC, Status.SCHEDULED]).exclude(kind__in=INTERNAL_KINDS)


def check_material(material: Material | None, unit: Unit, due_at: datetime.datetime) -> None:
    """The units read the material's title at once and act on it by the due time: it must be public by then."""
    if material is None:
        return
    if not material.unit.is_within(unit):
        raise DomainError(_("The material must come from the sender's units."))
    if material.is_internal:
        raise DomainError(_("This material is for staff only: an instruction to the units cannot name it."))
    if not Material.objects.public(now=due_at).filter(pk=material.pk).exists():
        raise DomainError(
            _(
                "The material is not public by the due time: choose a published one, or one scheduled to go public "
                "before %(due)s and not under embargo after it."
            )
            % {"due": local_time(due_at)}
        )


def public_from(material: Material | None, now: datetime.datetime | None = None) -> datetime.datetime | None:
    """When the named material goes public, if that is still ahead (scheduled, or under embargo until then)."""
    if material is None:
        return None
    now = now or timezone.now()
    scheduled = material.publish_at if material.status == Status.SCHEDULED else None
    return max((moment for moment in (scheduled, material.embargo_until) if moment and moment > now), default=None)


def _check_receivers(sender: Unit, units: list[Unit]) -> None:
    if not units:
        raise DomainError(_("Choose at least one unit to receive the instruction."))
    for unit in units:
        if unit.pk == sender.pk or not unit.is_within(sender):
            raise DomainError(
                _("%(unit)s is not below %(sender)s: an instruction goes only to the units below the sender.")
                % {"unit": unit.name, "sender": sender.name}
            )


@transaction.atomic
def instruction_send(
    *,
    actor: User,
    unit: Unit,
    title: str,
    body: str,
    due_at: datetime.datetime,
    units: Iterable[Unit],
    material: Material | None = None,
    now: datetime.datetime | None = None,
) -> Instruction:
    """One instruction and one receipt per receiving unit, all or nothing; the letters follow the commit."""
    now = now or timezone.now()
    if unit.pk not in {u.pk for u in sender_units(actor)}:
        raise DomainError(_("You do not speak for the press service of %(unit)s.") % {"unit": unit.name})
    title, body = title.strip(), body.strip()
    if not title or not body:
        raise DomainError(_("An instruction needs a title and what to do."))
    if len(title) > TITLE_MAX:
        raise DomainError(_("The title may be at most %(most)d characters.") % {"most": TITLE_MAX})
    check_due(due_at, now)
    receivers = sorted({u.pk: u for u in units}.values(), key=lambda u: u.path)
    _check_receivers(unit, receivers)
    check_material(material, unit, due_at)
    instruction = Instruction.objects.create(
        unit=unit, title=title, body=body, due_at=due_at, material=material, created_by=actor, sent_at=now
    )
    Receipt.objects.bulk_create([Receipt(instruction=instruction, unit=receiver) for receiver in receivers])
    after = {"title": title, "body": body, "due_at": due_at, "material": material.pk if material else None}
    after["units"] = [receiver.pk for receiver in receivers]
    _recorded(actor, instruction, "planning.instruction.sent", letters="instruction", at=now, after=after)
    return instruction


def _locked_receipt(actor: User, receipt: Receipt) -> Receipt:
    """The receipt under a row lock, once it is sure the actor answers for its unit and it still counts."""
    if receipt.unit_id not in own_unit_ids(actor):
        raise DomainError(_("Only the press secretary of %(unit)s answers for it.") % {"unit": receipt.unit.name})
    locked = Receipt.objects.select_for_update().select_related("instruction").get(pk=receipt.pk)
    withdrawn = locked.instruction.withdrawn_at
    if withdrawn is not None:
        raise DomainError(
            _("This instruction was withdrawn on %(when)s: there is nothing to acknowledge or report.")
            % {"when": local_time(withdrawn)}
        )
    return locked


@transaction.atomic
def receipt_acknowledge(*, actor: User, receipt: Receipt, now: datetime.datetime | None = None) -> Receipt:
    now = now or timezone.now()
    locked = _locked_receipt(actor, receipt)
    if locked.acknowledged_at is not None:
        raise DomainError(
            _("Your unit acknowledged this instruction already, on %(when)s.")
            % {"when": local_time(locked.acknowledged_at)}
        )
    locked.acknowledged_at, locked.acknowledged_by = now, actor
    locked.save(update_fields=["acknowledged_at", "acknowledged_by"])
    audit.record(
        actor=actor,
        action="planning.receipt.acknowledged",
        target=locked.instruction,
        unit=receipt.unit,
        after={"acknowledged_at": now, "on_time": now <= locked.instruction.due_at},
    )
    return locked


def _clean_report(report: str, link: str) -> tuple[str, str]:
    report, link = report.strip(), link.strip()
    if not report:
        raise DomainError(_("Write in a few words what was done."))
    if len(report) > REPORT_MAX:
        raise DomainError(_("The report may be at most %(most)d characters.") % {"most": REPORT_MAX})
    if link:
        try:
            URLValidator(schemes=["http", "https"])(link)
        except ValidationError:
            raise DomainError(_("The link must be a web address starting with https:// or http://.")) from None
        if len(link) > LINK_MAX:
            raise DomainError(_("The link may be at most %(most)d characters.") % {"most": LINK_MAX})
    return report, link


@transaction.atomic
def receipt_report_done(
    *, actor: User, receipt: Receipt, report: str, link: str = "", now: datetime.datetime | None = None
) -> Receipt:
    """Done, with a short report and perhaps a link; reporting done acknowledges too, if nobody had."""
    now = now or timezone.now()
    report, link = _clean_report(report, link)
    locked = _locked_receipt(actor, receipt)
    if locked.done_at is not None:
        raise DomainError(
            _("Your unit reported this instruction done already, on %(when)s.") % {"when": local_time(locked.done_at)}
        )
    changed = ["done_at", "done_by", "report", "link"]
    if locked.acknowledged_at is None:
        locked.acknowledged_at, locked.acknowledged_by = now, actor
        changed += ["acknowledged_at", "acknowledged_by"]
    locked.done_at, locked.done_by, locked.report, locked.link = now, actor, report, link
    locked.save(update_fields=changed)
    audit.record(
        actor=actor,
        action="planning.receipt.done",
        target=locked.instruction,
        unit=receipt.unit,
        after={"done_at": now, "report": report, "link": link, "on_time": now <= locked.instruction.due_at},
    )
    return locked


def _managed(actor: User, instruction: Instruction) -> None:
    if not has_perm(actor, INSTRUCT, instruction.unit):
        raise DomainError(_("Only the press service that sent the instruction manages it."))
    if instruction.withdrawn_at is not None:
        raise DomainError(
            _("This instruction was withdrawn on %(when)s.") % {"when": local_time(instruction.withdrawn_at)}
        )


@transaction.atomic
def instruction_remind_late(*, actor: User, instruction: Instruction, now: datetime.datetime | None = None) -> int:
    """Remind the units not done after the due time, at most once an hour; returns how many units."""
    now = now or timezone.now()
    _managed(actor, instruction)
    if now <= instruction.due_at:
        raise DomainError(
            _("Nobody is late yet: the instruction is due at %(due)s.") % {"due": local_time(instruction.due_at)}
        )
    late = instruction.receipts.filter(done_at__isnull=True).count()
    if not late:
        raise DomainError(_("Every unit has reported it done: there is nobody to remind."))
    claimed = (
        Instruction.objects.filter(pk=instruction.pk, withdrawn_at__isnull=True)
        .filter(Q(reminded_at__isnull=True) | Q(reminded_at__lte=now - REMIND_EVERY))
        .update(reminded_at=now)
    )
    if not claimed:
        last = Instruction.objects.values_list("reminded_at", flat=True).get(pk=instruction.pk)
        raise DomainError(
            _("The units were reminded at %(when)s; the next reminder can go at %(next)s.")
            % {"when": local_time(last), "next": local_time(last + REMIND_EVERY)}
        )
    after = {"reminded_at": now, "late_units": late}
    _recorded(actor, instruction, "planning.instruction.reminded", letters="late", at=now, after=after)
    return late


@transaction.atomic
def instruction_withdraw(*, actor: User, instruction: Instruction, now: datetime.datetime | None = None) -> Instruction:
    """Withdrawn: the units not done yet are told; nobody acknowledges or reports it any more."""
    now = now or timezone.now()
    locked = Instruction.objects.select_for_update().get(pk=instruction.pk)
    _managed(actor, locked)
    locked.withdrawn_at = now
    locked.save(update_fields=["withdrawn_at"])
    after = {"withdrawn_at": now}
    _recorded(actor, locked, "planning.instruction.withdrawn", letters="withdrawn", at=now, after=after)
    instruction.withdrawn_at = now
    return instruction


def remind_unacknowledged(now: datetime.datetime | None = None) -> list[int]:
    """Claim every instruction due within the hour that some unit has not acknowledged; queue their reminders.

    One conditional update per instruction: a second run, or a second worker,
    finds ``reminded_at`` set and reminds nobody again.
    """
    now = now or timezone.now()
    due = (
        Instruction.objects.filter(
            withdrawn_at__isnull=True,
            reminded_at__isnull=True,
            sent_at__isnull=False,
            due_at__gt=now,
            due_at__lte=now + REMIND_AHEAD,
            receipts__acknowledged_at__isnull=True,
            receipts__done_at__isnull=True,
        )
        .values_list("pk", flat=True)
        .distinct()
    )
    claimed = []
    for pk in list(due):
        with transaction.atomic():
            if Instruction.objects.filter(pk=pk, reminded_at__isnull=True).update(reminded_at=now) != 1:
                continue
            instruction = Instruction.objects.select_related("unit").get(pk=pk)
            after = {"reminded_at": now, "not_acknowledged_only": True}
            _recorded(None, instruction, "planning.instruction.reminded", letters="due_soon", at=now, after=after)
            claimed.append(pk)
    return claimed
