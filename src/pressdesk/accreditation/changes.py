"""Changes to an issued accreditation: suspend, resume, revoke, re-issue, expire — each with its history row.

Suspending and revoking need a ground from ``DeprivationGround`` and, when
the ground says so, text. Revoking needs ``accreditation.revoke``; the rest
``accreditation.review`` in the accrediting unit. Re-issue bumps the serial,
so the pass printed before is refused at the gate. ``expire_due`` (daily, by
the worker) marks passes past their last day. Every change writes a
``HistoryEntry`` and an audit entry, and queues the holder's letter on commit.
"""

from __future__ import annotations

import datetime

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from pressdesk.accreditation import signing
from pressdesk.accreditation.models import Accreditation, AccreditationStatus, Change, DeprivationGround, HistoryEntry
from pressdesk.accreditation.uploads import Refused
from pressdesk.core import audit
from pressdesk.core.models import Unit, User
from pressdesk.core.permissions import has_perm
from pressdesk.core.services import DomainError

REVIEW, REVOKE = "accreditation.review", "accreditation.revoke"


def record(actor: User | None, action: str, target, unit: Unit, *, before=None, after=None, note: str = "") -> None:
    audit.record(actor=actor, action=action, target=target, unit=unit, before=before, after=after, note=note)


def coded(model, code, field: str):
    entry = code if isinstance(code, model) else model.objects.filter(code=code or "").first()
    if entry is None or not entry.is_active:
        raise Refused(_("Choose a reason from the list."), field)
    return entry


def explained(entry, note: str) -> str:
    note = (note or "").strip()
    if entry.needs_text and not note:
        raise Refused(_("“%(reason)s” needs an explanation: write it.") % {"reason": entry.name}, "note")
    return note


# The life of a pass ---------------------------------------------------------------------------------------------

ACTIONS = {
    Change.ISSUED: "accreditation.pass.issued",
    Change.REISSUED: "accreditation.pass.reissued",
    Change.MOVED: "accreditation.pass.moved",
    Change.SUSPENDED: "accreditation.pass.suspended",
    Change.RESUMED: "accreditation.pass.resumed",
    Change.REVOKED: "accreditation.pass.revoked",
    Change.EXPIRED: "accreditation.pass.expired",
}


def history(
    accreditation: Accreditation,
    change: str,
    actor: User | None,
    *,
    before: dict | None = None,
    ground: DeprivationGround | None = None,
    note: str = "",
    notify: bool = True,
) -> HistoryEntry:
    """The change's history row and audit entry; the holder's letter queued on commit unless ``notify`` is False."""
    entry = HistoryEntry.objects.create(
        accreditation=accreditation,
        change=change,
        ground=ground,
        note=note,
        serial=accreditation.serial,
        actor=actor,
        notified_at=None if notify else timezone.now(),  # taken as sent: the letter task finds nothing to send
    )
    after = audit.snapshot(accreditation, ["number", "status", "serial", "valid_from", "valid_until"])
    if ground is not None:
        after["ground"] = ground.code
    record(actor, ACTIONS[change], accreditation, accreditation.unit, before=before, after=after, note=note)
    if notify:
        from pressdesk.accreditation import tasks

        transaction.on_commit(lambda: tasks.send_pass_letter.enqueue(entry.pk))
    return entry


def _locked_pass(accreditation: Accreditation, actor: User | None, action: str = REVIEW) -> Accreditation:
    accreditation = Accreditation.objects.select_for_update().get(pk=accreditation.pk)
    if actor is not None and not has_perm(actor, action, accreditation.unit):
        raise DomainError(_("Your roles do not allow this in the unit that accredits."))
    return accreditation


def set_status(accreditation: Accreditation, status: str, *, bump: bool = False) -> dict:
    before = {"status": accreditation.status, "serial": accreditation.serial}
    accreditation.status = status
    accreditation.serial += 1 if bump else 0
    accreditation.changed_at = timezone.now()
    accreditation.save(update_fields=["status", "serial", "changed_at"])
    return before


def _refuse_unless(accreditation: Accreditation, *statuses: str) -> None:
    if accreditation.status not in statuses:
        raise DomainError(
            _("The accreditation is %(status)s: this cannot be done now.")
            % {"status": accreditation.get_status_display().lower()}
        )


def _deprive(actor: User, accreditation: Accreditation, ground, note: str, *, to: str, action: str) -> Accreditation:
    """Suspend or revoke: a ground from the list (and text when it asks), from the statuses each allows."""
    accreditation = _locked_pass(accreditation, actor, action)
    allowed = [AccreditationStatus.ACTIVE] + (
        [AccreditationStatus.SUSPENDED] if to == AccreditationStatus.REVOKED else []
    )
    _refuse_unless(accreditation, *allowed)
    ground = coded(DeprivationGround, ground, "ground")
    note = explained(ground, note)
    before = set_status(accreditation, to)
    change = Change.REVOKED if to == AccreditationStatus.REVOKED else Change.SUSPENDED
    history(accreditation, change, actor, before=before, ground=ground, note=note)
    return accreditation


@transaction.atomic
def accreditation_suspend(*, actor: User, accreditation: Accreditation, ground, note: str = "") -> Accreditation:
    return _deprive(actor, accreditation, ground, note, to=AccreditationStatus.SUSPENDED, action=REVIEW)


@transaction.atomic
def accreditation_resume(*, actor: User, accreditation: Accreditation, note: str = "") -> Accreditation:
    accreditation = _locked_pass(accreditation, actor)
    _refuse_unless(accreditation, AccreditationStatus.SUSPENDED)
    if accreditation.valid_until < timezone.localdate():
        raise DomainError(_("The accreditation's period is over: it cannot be resumed."))
    before = set_status(accreditation, AccreditationStatus.ACTIVE)
    history(accreditation, Change.RESUMED, actor, before=before, note=(note or "").strip())
    return accreditation


@transaction.atomic
def accreditation_revoke(*, actor: User, accreditation: Accreditation, ground, note: str = "") -> Accreditation:
    return _deprive(actor, accreditation, ground, note, to=AccreditationStatus.REVOKED, action=REVOKE)


@transaction.atomic
def accreditation_reissue(*, actor: User, accreditation: Accreditation, note: str = "") -> Accreditation:
    """A new pass (lost, damaged, a new photo): the serial goes up and the old pass is refused at the gate."""
    signing.current_kid()  # no key to sign the new pass: refused here, where staff read why
    accreditation = _locked_pass(accreditation, actor)
    _refuse_unless(accreditation, AccreditationStatus.ACTIVE)
    before = set_status(accreditation, AccreditationStatus.ACTIVE, bump=True)
    history(accreditation, Change.REISSUED, actor, before=before, note=(note or "").strip())
    return accreditation


def expire_due(*, today: datetime.date | None = None) -> int:
    """Passes past their last day become expired (each under its own lock, so a run twice changes nothing)."""
    today = today or timezone.localdate()
    due = Accreditation.objects.filter(
        status__in=[AccreditationStatus.ACTIVE, AccreditationStatus.SUSPENDED], valid_until__lt=today
    ).values_list("pk", flat=True)
    expired = 0
    for pk in list(due):
        with transaction.atomic():
            accreditation = Accreditation.objects.select_for_update().get(pk=pk)
            if accreditation.status == AccreditationStatus.EXPIRED or accreditation.valid_until >= today:
                continue
            before = set_status(accreditation, AccreditationStatus.EXPIRED)
            history(accreditation, Change.EXPIRED, None, before=before)
            expired += 1
    return expired
