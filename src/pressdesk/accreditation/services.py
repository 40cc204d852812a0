"""Writes with a rule on applications for accreditation: applying, review, approval (which issues the pass).

Applying (``application_submit``) refuses, with a reason the applicant can act
on (``Refused``, whose ``field`` names the form field or None): no consent to
personal-data processing; an erased or merged directory record or a blocked
(inactive) portal account; a closed outlet; an event that needs no
per-event accreditation, is not planned or is over; a standing period longer
than ``ACCREDITATION_STANDING_DAYS`` (365) or starting in the past; a second
open application for the same unit (standing) or event — a partial unique
index stands behind the check; a standing accreditation still valid beyond
the 30-day renewal window; files that ``uploads`` refuses. An applicant new
to the directory (``journalist=None``) gets a record in the same transaction.
The files are written and checked before the transaction commits, so an
application is never kept without them (a storage that fails refuses it
whole), and taken back when the transaction does not commit. Review is due
``ACCREDITATION_REVIEW_WORKING_DAYS`` (5) working days after the day of
submission (``core.workdays``), and never after the event's day.

Review (``accreditation.review`` in the application's unit): start, approve
(which issues the ``Accreditation`` with the year's next number) or reject
with a coded ``RejectionReason`` (text required when the reason says so). The
applicant withdraws an open application; staff may record a withdrawal the
applicant asked for on paper. Each decision is audited; a refusal's letter is
queued on commit, a grant's letter (with the PDF pass) by its history row.

Changes to an issued accreditation are in ``changes.py``; check-in and the
revocation list in ``gate.py``.
"""

from __future__ import annotations

import datetime
import hashlib

from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from pressdesk.accreditation import signing
from pressdesk.accreditation.changes import REVIEW, coded, explained, history, record
from pressdesk.accreditation.models import (
    OPEN_STATUSES,
    Accreditation,
    AccreditationStatus,
    Application,
    ApplicationStatus,
    Change,
    Kind,
    NumberSequence,
    RejectionReason,
)
from pressdesk.accreditation.uploads import Refused, check_letter, check_photo, discard, path_for, store
from pressdesk.core import audit, workdays
from pressdesk.core import files as kinds
from pressdesk.core.models import Unit, User
from pressdesk.core.permissions import has_perm
from pressdesk.core.services import DomainError
from pressdesk.directory.models import ConsentBasis, ContactKind, Journalist, Outlet
from pressdesk.directory.models.outlets import OutletStatus
from pressdesk.events.models import Accreditation as EventAccreditation
from pressdesk.events.models import Event, EventStatus

RENEWAL_WINDOW = datetime.timedelta(days=30)


def standing_days() -> int:
    return int(getattr(settings, "ACCREDITATION_STANDING_DAYS", 365))


def review_days() -> int:
    return int(getattr(settings, "ACCREDITATION_REVIEW_WORKING_DAYS", 5))


# Applying -------------------------------------------------------------------------------------------------------


def _check_person(journalist: Journalist | None, account: User | None) -> None:
    if journalist is not None and journalist.erased_at is not None:
        raise Refused(_("This directory record was erased at the person's request: it cannot apply."))
    if journalist is not None and journalist.merged_into_id is not None:
        raise Refused(_("This directory record was merged into another one: apply with the record it went into."))
    accounts = [account, journalist.account if journalist is not None and journalist.account_id else None]
    if any(a is not None and not a.is_active for a in accounts):
        raise Refused(_("This account is blocked: it cannot apply. Ask the press service."))


def _check_outlet(outlet: Outlet | None) -> None:
    if outlet is None:
        raise Refused(_("Choose the outlet you work for."), "outlet")
    if outlet.status != OutletStatus.ACTIVE:
        raise Refused(_("%(outlet)s is closed or merged: apply for the outlet you work for now.") % {"outlet": outlet})


def _event_period(event: Event | None) -> tuple[datetime.date, datetime.date]:
    if event is None:
        raise Refused(_("Choose the event."), "event")
    if event.accreditation != EventAccreditation.PER_EVENT:
        raise Refused(_("This event needs no accreditation of its own."), "event")
    if event.status != EventStatus.PLANNED or event.ends_at <= timezone.now():
        raise Refused(_("The event is over or cancelled: it takes no applications."), "event")
    return timezone.localdate(event.starts_at), timezone.localdate(event.ends_at)


def _standing_period(start: datetime.date | None, end: datetime.date | None) -> tuple[datetime.date, datetime.date]:
    today = timezone.localdate()
    start = start or today
    if start < today:
        raise Refused(_("The accreditation cannot start in the past."), "requested_from")
    days = standing_days()
    end = end or start + datetime.timedelta(days=days - 1)
    if end < start:
        raise Refused(_("The end must not come before the start."), "requested_until")
    if (end - start).days + 1 > days:
        raise Refused(_("A standing accreditation lasts at most %(days)s days.") % {"days": days}, "requested_until")
    return start, end


def _check_not_open(journalist: Journalist | None, kind: str, unit: Unit, event: Event | None) -> None:
    if journalist is None:  # new to the directory: nothing of theirs is open or valid
        return
    same = Application.objects.open().filter(journalist=journalist, kind=kind)
    same = same.filter(event=event) if kind == Kind.EVENT else same.filter(unit=unit)
    if open_one := same.first():
        raise Refused(
            _("An application submitted on %(day)s is still open: wait for its decision or withdraw it.")
            % {"day": f"{timezone.localdate(open_one.submitted_at):%d.%m.%Y}"}
        )
    valid = Accreditation.objects.filter(journalist=journalist, kind=kind, status=AccreditationStatus.ACTIVE)
    if kind == Kind.EVENT and valid.filter(event=event).exists():
        raise Refused(_("You are already accredited for this event."))
    lasting = valid.filter(unit=unit, valid_until__gt=timezone.localdate() + RENEWAL_WINDOW).first()
    if kind == Kind.STANDING and lasting is not None:
        raise Refused(
            _("You are accredited until %(day)s: apply again in the last 30 days.")
            % {"day": f"{lasting.valid_until:%d.%m.%Y}"}
        )


def review_due(submitted_at: datetime.datetime, event: Event | None = None) -> datetime.date:
    due = workdays.add_working_days(workdays.counting_day(timezone.localdate(submitted_at)), review_days())
    if event is not None:
        due = min(due, timezone.localdate(event.starts_at))
    return due


def _new_record(account: User, unit: Unit, outlet: Outlet, position: str) -> Journalist:
    """A directory record for an applicant the directory does not know yet, kept by the unit applied to, on the
    consent to personal-data processing given in the application."""
    from pressdesk.directory.services import ContactInput, journalist_create

    return journalist_create(
        actor=account,
        unit=unit,
        full_name=account.full_name or account.email,
        consent_basis=ConsentBasis.ACCREDITATION,
        contacts=[ContactInput(kind=ContactKind.EMAIL, value=account.email)],
        preferred_language=account.language,
        account=account,
        outlet=outlet,
        title=position,
        consent_on=timezone.localdate(),
    )


def application_submit(
    *,
    journalist: Journalist | None,
    outlet: Outlet | None,
    kind: str,
    letter: UploadedFile | None,
    photo: UploadedFile | None,
    consent: bool,
    unit: Unit | None = None,
    event: Event | None = None,
    requested_from: datetime.date | None = None,
    requested_until: datetime.date | None = None,
    position: str = "",
    account: User | None = None,
) -> Application:
    """An application from a journalist (the portal passes the account; staff entering a paper one pass None).

    A standing application names the accrediting ``unit``; an event one names the ``event`` (its unit accredits).
    ``journalist`` None: the ``account``'s holder is not in the directory yet and gets a record with the application.
    """
    if journalist is None and account is None:
        raise ValueError("an application needs the journalist's record or the applicant's account")
    if not consent:
        raise Refused(
            _("Agree to the processing of your personal data: without it the application cannot be considered."),
            "consent",
        )
    _check_person(journalist, account)
    _check_outlet(outlet)
    if kind == Kind.EVENT:
        start, end = _event_period(event)
        unit = event.unit
    elif kind == Kind.STANDING:
        if unit is None:
            raise Refused(_("Choose who you apply to."), "unit")
        event = None
        start, end = _standing_period(requested_from, requested_until)
    else:
        raise Refused(_("Choose the kind of accreditation."), "kind")
    letter_file, photo_file = check_letter(letter), check_photo(photo)
    _check_not_open(journalist, kind, unit, event)
    now = timezone.now()
    names = {
        "letter": path_for(letter_file),
        "photo": path_for(photo_file),
        "photo_small": path_for(photo_file, small=True),
    }
    files = [
        (names["letter"], letter_file.content),
        (names["photo"], photo_file.content),
        (names["photo_small"], photo_file.small or photo_file.content),
    ]
    stored = committed = False
    try:
        with transaction.atomic():
            if journalist is None:
                journalist = _new_record(account, unit, outlet, position.strip()[:120])
            application = Application.objects.create(
                unit=unit,
                journalist=journalist,
                outlet=outlet,
                account=account,
                kind=kind,
                event=event,
                position=position.strip()[:120],
                requested_from=start,
                requested_until=end,
                letter=names["letter"],
                letter_name=letter_file.name,
                letter_type=kinds.CONTENT_TYPES[letter_file.kind],
                photo=names["photo"],
                photo_small=names["photo_small"],
                consent_at=now,
                submitted_at=now,
                review_due=review_due(now, event),
            )
            record(
                account,
                "accreditation.application.submitted",
                application,
                unit,
                after={
                    **audit.snapshot(
                        application, ["kind", "event_id", "outlet_id", "requested_from", "requested_until"]
                    ),
                    "letter_sha256": hashlib.sha256(letter_file.content).hexdigest(),
                },
            )
            # Written before the commit: a storage that fails rolls the application (and a new record) back.
            if not (stored := store(files)):
                raise Refused(_("The files could not be stored. Try again; if it fails again, tell the press service."))
        committed = True
    except IntegrityError:  # the same application sent twice at once: the unique index let one in
        _check_not_open(journalist, kind, unit, event)
        raise
    finally:
        if stored and not committed:  # written, but the rows they belong to were not kept
            discard([name for name, _content in files])
    return application


# Review ---------------------------------------------------------------------------------------------------------


def _locked(application: Application, actor: User | None, action: str = REVIEW) -> Application:
    application = Application.objects.select_for_update().get(pk=application.pk)
    if actor is not None and not has_perm(actor, action, application.unit):
        raise DomainError(_("Your roles do not allow this in the unit that accredits."))
    return application


def _require_open(application: Application) -> None:
    if application.status not in OPEN_STATUSES:
        raise DomainError(
            _("The application is already %(status)s.") % {"status": application.get_status_display().lower()}
        )


def decide(application: Application, status: str, actor: User | None, action: str, **changes) -> None:
    before = {"status": application.status}
    application.status = status
    application.decided_by, application.decided_at = actor, timezone.now()
    for name, value in changes.items():
        setattr(application, name, value)
    application.save(update_fields=["status", "decided_by", "decided_at", *changes])
    after = {"status": status, **{k: v for k, v in changes.items() if k != "reason"}}
    if "reason" in changes:
        after["reason"] = changes["reason"].code
    record(actor, action, application, application.unit, before=before, after=after)


@transaction.atomic
def application_start_review(*, actor: User, application: Application) -> Application:
    application = _locked(application, actor)
    if application.status != ApplicationStatus.SUBMITTED:
        _require_open(application)
        raise DomainError(_("The application is already in review."))
    application.status, application.reviewer = ApplicationStatus.IN_REVIEW, actor
    application.save(update_fields=["status", "reviewer"])
    record(
        actor,
        "accreditation.application.in_review",
        application,
        application.unit,
        before={"status": ApplicationStatus.SUBMITTED},
        after={"status": application.status},
    )
    return application


@transaction.atomic
def application_reject(*, actor: User, application: Application, reason, note: str = "") -> Application:
    """Refuse with a coded ``reason`` (a RejectionReason or its code) and free text; the applicant is told."""
    application = _locked(application, actor)
    _require_open(application)
    reason = coded(RejectionReason, reason, "reason")
    note = explained(reason, note)
    decide(
        application,
        ApplicationStatus.REJECTED,
        actor,
        "accreditation.application.rejected",
        reason=reason,
        decision_note=note,
    )
    from pressdesk.accreditation import tasks

    transaction.on_commit(lambda: tasks.send_rejection.enqueue(application.pk))
    return application


@transaction.atomic
def application_withdraw(
    *, application: Application, account: User | None = None, actor: User | None = None, note: str = ""
) -> Application:
    """The applicant (``account``) takes back an open application, or staff (``actor``) record that they asked to."""
    application = _locked(application, actor)
    if actor is None and (
        account is None or account.pk not in {application.account_id, application.journalist.account_id}
    ):
        raise DomainError(_("Only the applicant can withdraw the application."))
    note = (note or "").strip()
    if actor is not None and not note:
        raise Refused(_("Say how the applicant asked to withdraw (a letter, a call), and when."), "note")
    _require_open(application)
    decide(
        application,
        ApplicationStatus.WITHDRAWN,
        actor or account,
        "accreditation.application.withdrawn",
        decision_note=note,
    )
    return application


def _next_number(year: int) -> str:
    """``A-2026-00042``: the year's next number, under a lock on the year's row."""
    NumberSequence.objects.bulk_create([NumberSequence(year=year)], ignore_conflicts=True)
    sequence = NumberSequence.objects.select_for_update().get(year=year)
    sequence.last += 1
    sequence.save(update_fields=["last"])
    return f"A-{year}-{sequence.last:05d}"


@transaction.atomic
def application_approve(
    *,
    actor: User,
    application: Application,
    valid_from: datetime.date | None = None,
    valid_until: datetime.date | None = None,
    note: str = "",
) -> Accreditation:
    """Grant the accreditation: the pass is issued with its number and the holder receives it by email."""
    signing.current_kid()  # no key to sign the pass: refused here, where staff read why, not later in the worker
    application = _locked(application, actor)
    _require_open(application)
    journalist = application.journalist
    _check_person(journalist, None)
    today = timezone.localdate()
    valid_from = max(valid_from or application.requested_from, today)
    valid_until = valid_until or application.requested_until
    if valid_until < valid_from:
        raise Refused(_("The period asked for is over: give the dates of the accreditation."), "valid_until")
    if application.kind == Kind.STANDING and (valid_until - valid_from).days + 1 > standing_days():
        raise Refused(
            _("A standing accreditation lasts at most %(days)s days.") % {"days": standing_days()}, "valid_until"
        )
    if application.event_id and application.event.status == EventStatus.CANCELLED:
        raise DomainError(_("The event was cancelled: reject the application instead."))
    decide(
        application,
        ApplicationStatus.APPROVED,
        actor,
        "accreditation.application.approved",
        decision_note=(note or "").strip(),
    )
    accreditation = Accreditation.objects.create(
        number=_next_number(valid_from.year),
        application=application,
        unit=application.unit,
        journalist=journalist,
        outlet=application.outlet,
        kind=application.kind,
        event=application.event,
        valid_from=valid_from,
        valid_until=valid_until,
    )
    history(accreditation, Change.ISSUED, actor, note=note)
    return accreditation
