"""Writes with a rule on accreditation: applying, review, and the life of a pass.

Applying (``application_submit``) refuses, with a reason the applicant can act
on (``Refused``, whose ``field`` names the form field or None): no consent to
personal-data processing; an erased or merged directory record or a blocked
(inactive) portal account; a closed outlet; an event that needs no
per-event accreditation, is not planned or is over; a standing period longer
than ``ACCREDITATION_STANDING_DAYS`` (365) or starting in the past; a second
open application for the same unit (standing) or event; a standing
accreditation still valid beyond the renewal window; a letter that is not a
PDF, JPEG or PNG by its bytes or is over ``ACCREDITATION_LETTER_MAX_MB`` (10);
a photo that is not a JPEG or PNG, does not decode, is over
``ACCREDITATION_PHOTO_MAX_MB`` (10) or smaller than 300 × 400 pixels. Images
are re-encoded (upright, no metadata) by the media library's decoder. Files
reach storage only when the row commits. Review is due
``ACCREDITATION_REVIEW_WORKING_DAYS`` (5) working days after the day of
submission (``core.workdays``), and never after the event's day.

Review (``accreditation.review`` in the application's unit): start, approve
(which issues the ``Accreditation`` with its number) or reject with a coded
reason. Deprivation: suspend and revoke need a ground (``DeprivationGround``)
and, when the ground says so, text; revoking needs ``accreditation.revoke``.
Re-issue bumps the serial, so the old printed pass is refused at the gate.
``expire_due`` marks passes past their last day. Every change writes a
``HistoryEntry`` and an audit entry; the holder's letter is queued on commit.

Check-in and the revocation list live in ``gate.py``.
"""

from __future__ import annotations

import datetime
import hashlib
import io
import logging
import uuid
from dataclasses import dataclass

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction
from django.template.defaultfilters import filesizeformat
from django.utils import timezone
from django.utils.translation import gettext as _
from PIL import Image

from pressdesk.accreditation.models import (
    OPEN_STATUSES,
    Accreditation,
    AccreditationStatus,
    Application,
    ApplicationStatus,
    Change,
    DeprivationGround,
    HistoryEntry,
    Kind,
    NumberSequence,
    RejectionReason,
)
from pressdesk.core import audit, workdays
from pressdesk.core import files as kinds
from pressdesk.core.models import Unit, User
from pressdesk.core.permissions import has_perm
from pressdesk.core.services import DomainError
from pressdesk.directory.models import Journalist, Outlet
from pressdesk.directory.models.outlets import OutletStatus
from pressdesk.events.models import Accreditation as EventAccreditation
from pressdesk.events.models import Event, EventStatus

log = logging.getLogger(__name__)

REVIEW, REVOKE = "accreditation.review", "accreditation.revoke"
LETTER_KINDS = (kinds.PDF, kinds.JPEG, kinds.PNG)
PHOTO_KINDS = (kinds.JPEG, kinds.PNG)
MIN_PHOTO = (300, 400)  # width, height: what prints sharp at 3 × 4 cm
RENEWAL_WINDOW = datetime.timedelta(days=30)


class Refused(DomainError):
    """A refusal about one field of the application (``field``), or about the whole of it (None)."""

    def __init__(self, message: str, field: str | None = None):
        super().__init__(message)
        self.field = field


def standing_days() -> int:
    return int(getattr(settings, "ACCREDITATION_STANDING_DAYS", 365))


def review_days() -> int:
    return int(getattr(settings, "ACCREDITATION_REVIEW_WORKING_DAYS", 5))


def _limit(name: str, default_mb: int) -> int:
    return int(getattr(settings, name, default_mb)) * 1024 * 1024


def letter_max_bytes() -> int:
    return _limit("ACCREDITATION_LETTER_MAX_MB", 10)


def photo_max_bytes() -> int:
    return _limit("ACCREDITATION_PHOTO_MAX_MB", 10)


def record(actor: User | None, action: str, target, unit: Unit, *, before=None, after=None, note: str = "") -> None:
    audit.record(actor=actor, action=action, target=target, unit=unit, before=before, after=after, note=note)


# Files ----------------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Upload:
    name: str
    kind: str
    content: bytes
    small: bytes | None = None


def _read(uploaded: UploadedFile | None, field: str, limit: int, missing: str) -> tuple[str, bytes]:
    if uploaded is None:
        raise Refused(missing, field)
    name = kinds.clean_name(uploaded.name or "")
    size = kinds.size_of(uploaded)
    if size > limit:
        raise Refused(
            _("“%(name)s” is %(size)s: at most %(limit)s is accepted. Make it smaller and send it again.")
            % {"name": name, "size": filesizeformat(size), "limit": filesizeformat(limit)},
            field,
        )
    content = kinds.read(uploaded)
    if not content:
        raise Refused(_("“%(name)s” is empty.") % {"name": name}, field)
    return name, content


def _image(name: str, kind: str, content: bytes, field: str) -> Upload:
    from pressdesk.publications import media  # the one decoder and re-encoder of uploaded pictures

    try:
        prepared = media._prepare_image(name, kind, content)
    except DomainError as error:
        raise Refused(str(error), field) from None
    return Upload(prepared.name, prepared.kind, prepared.content, prepared.thumbnail)


def check_letter(uploaded: UploadedFile | None) -> Upload:
    """The editor's letter: a PDF, JPEG or PNG by its bytes, whatever its name says."""
    name, content = _read(uploaded, "letter", letter_max_bytes(), _("Attach the editor's letter."))
    kind = kinds.sniff(content)
    if kind not in LETTER_KINDS:
        raise Refused(
            _("“%(name)s” is %(what)s. Send the editor's letter as a PDF, JPEG or PNG file.")
            % {"name": name, "what": kinds.describe(kind)},
            "letter",
        )
    if kind == kinds.PDF:
        return Upload(kinds.with_extension(name, kind), kind, content)
    return _image(name, kind, content, "letter")


def check_photo(uploaded: UploadedFile | None) -> Upload:
    """The holder's photo: a JPEG or PNG that decodes, at least 300 × 400 pixels; kept re-encoded."""
    name, content = _read(uploaded, "photo", photo_max_bytes(), _("Attach your photo."))
    kind = kinds.sniff(content)
    if kind not in PHOTO_KINDS:
        raise Refused(
            _("“%(name)s” is %(what)s. Send the photo as a JPEG or PNG picture.")
            % {"name": name, "what": kinds.describe(kind)},
            "photo",
        )
    upload = _image(name, kind, content, "photo")
    with Image.open(io.BytesIO(upload.content)) as picture:
        width, height = picture.size
    if width < MIN_PHOTO[0] or height < MIN_PHOTO[1]:
        raise Refused(
            _("The photo is %(width)s × %(height)s pixels: a pass needs at least %(min_w)s × %(min_h)s.")
            % {"width": width, "height": height, "min_w": MIN_PHOTO[0], "min_h": MIN_PHOTO[1]},
            "photo",
        )
    return upload


def _path(upload: Upload, small: bool = False) -> str:
    stem = f"accreditation/{timezone.localdate().year}/{uuid.uuid4().hex}"
    return f"{stem}{'-small' if small else ''}{kinds.EXTENSIONS[upload.kind][0]}"


def _store(files: list[tuple[str, bytes]]) -> bool:
    """Write the files; on failure take back what was written."""
    written = []
    try:
        for name, content in files:
            stored = default_storage.save(name, ContentFile(content))
            if stored != name:  # names are fresh UUIDs: another name means a clash nobody expects
                raise OSError(f"{name} was stored as {stored}")
            written.append(name)
    except OSError:
        log.exception("accreditation files %s could not be written", [name for name, _c in files])
        for name in written:
            default_storage.delete(name)
        return False
    return True


# Applying -------------------------------------------------------------------------------------------------------


def _check_person(journalist: Journalist, account: User | None) -> None:
    if journalist.erased_at is not None:
        raise Refused(_("This directory record was erased at the person's request: it cannot apply."))
    if journalist.merged_into_id is not None:
        raise Refused(_("This directory record was merged into another one: apply with the record it went into."))
    accounts = [account, journalist.account if journalist.account_id else None]
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


def _check_not_open(journalist: Journalist, kind: str, unit: Unit, event: Event | None) -> None:
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


def application_submit(
    *,
    journalist: Journalist,
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
    """
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
    names = {"letter": _path(letter_file), "photo": _path(photo_file), "photo_small": _path(photo_file, small=True)}
    outcome: dict[str, bool] = {}
    try:
        with transaction.atomic():
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
            files = [
                (names["letter"], letter_file.content),
                (names["photo"], photo_file.content),
                (names["photo_small"], photo_file.small or photo_file.content),
            ]
            transaction.on_commit(lambda: outcome.update(stored=_store(files)))
    except IntegrityError:  # the same application sent twice at once: the unique index let one in
        _check_not_open(journalist, kind, unit, event)
        raise
    if outcome.get("stored") is False:
        Application.objects.filter(pk=application.pk).delete()
        raise Refused(_("The files could not be stored. Try again; if it fails again, tell the press service."))
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


def _decide(application: Application, status: str, actor: User | None, action: str, **changes) -> None:
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


def _coded(model, code, field: str):
    entry = code if isinstance(code, model) else model.objects.filter(code=code or "").first()
    if entry is None or not entry.is_active:
        raise Refused(_("Choose a reason from the list."), field)
    return entry


def _explained(entry, note: str) -> str:
    note = (note or "").strip()
    if entry.needs_text and not note:
        raise Refused(_("“%(reason)s” needs an explanation: write it.") % {"reason": entry.name}, "note")
    return note


@transaction.atomic
def application_reject(*, actor: User, application: Application, reason, note: str = "") -> Application:
    """Refuse with a coded ``reason`` (a RejectionReason or its code) and free text; the applicant is told."""
    application = _locked(application, actor)
    _require_open(application)
    reason = _coded(RejectionReason, reason, "reason")
    note = _explained(reason, note)
    _decide(
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
def application_withdraw(*, account: User, application: Application) -> Application:
    """The applicant takes back an open application."""
    application = _locked(application, None)
    if account is None or account.pk not in {application.account_id, application.journalist.account_id}:
        raise DomainError(_("Only the applicant can withdraw the application."))
    _require_open(application)
    _decide(application, ApplicationStatus.WITHDRAWN, account, "accreditation.application.withdrawn")
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
    _decide(
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
    _history(accreditation, Change.ISSUED, actor, note=note)
    return accreditation


# The life of a pass ---------------------------------------------------------------------------------------------

ACTIONS = {
    Change.ISSUED: "accreditation.pass.issued",
    Change.REISSUED: "accreditation.pass.reissued",
    Change.SUSPENDED: "accreditation.pass.suspended",
    Change.RESUMED: "accreditation.pass.resumed",
    Change.REVOKED: "accreditation.pass.revoked",
    Change.EXPIRED: "accreditation.pass.expired",
}


def _history(
    accreditation: Accreditation,
    change: str,
    actor: User | None,
    *,
    before: dict | None = None,
    ground: DeprivationGround | None = None,
    note: str = "",
) -> HistoryEntry:
    entry = HistoryEntry.objects.create(
        accreditation=accreditation, change=change, ground=ground, note=note, serial=accreditation.serial, actor=actor
    )
    after = audit.snapshot(accreditation, ["number", "status", "serial", "valid_from", "valid_until"])
    if ground is not None:
        after["ground"] = ground.code
    record(actor, ACTIONS[change], accreditation, accreditation.unit, before=before, after=after, note=note)
    from pressdesk.accreditation import tasks

    transaction.on_commit(lambda: tasks.send_pass_letter.enqueue(entry.pk))
    return entry


def _locked_pass(accreditation: Accreditation, actor: User | None, action: str = REVIEW) -> Accreditation:
    accreditation = Accreditation.objects.select_for_update().get(pk=accreditation.pk)
    if actor is not None and not has_perm(actor, action, accreditation.unit):
        raise DomainError(_("Your roles do not allow this in the unit that accredits."))
    return accreditation


def _set_status(accreditation: Accreditation, status: str, *, bump: bool = False) -> dict:
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


@transaction.atomic
def accreditation_suspend(*, actor: User, accreditation: Accreditation, ground, note: str = "") -> Accreditation:
    accreditation = _locked_pass(accreditation, actor)
    _refuse_unless(accreditation, AccreditationStatus.ACTIVE)
    ground = _coded(DeprivationGround, ground, "ground")
    note = _explained(ground, note)
    before = _set_status(accreditation, AccreditationStatus.SUSPENDED)
    _history(accreditation, Change.SUSPENDED, actor, before=before, ground=ground, note=note)
    return accreditation


@transaction.atomic
def accreditation_resume(*, actor: User, accreditation: Accreditation, note: str = "") -> Accreditation:
    accreditation = _locked_pass(accreditation, actor)
    _refuse_unless(accreditation, AccreditationStatus.SUSPENDED)
    if accreditation.valid_until < timezone.localdate():
        raise DomainError(_("The accreditation's period is over: it cannot be resumed."))
    before = _set_status(accreditation, AccreditationStatus.ACTIVE)
    _history(accreditation, Change.RESUMED, actor, before=before, note=(note or "").strip())
    return accreditation


@transaction.atomic
def accreditation_revoke(*, actor: User, accreditation: Accreditation, ground, note: str = "") -> Accreditation:
    accreditation = _locked_pass(accreditation, actor, REVOKE)
    _refuse_unless(accreditation, AccreditationStatus.ACTIVE, AccreditationStatus.SUSPENDED)
    ground = _coded(DeprivationGround, ground, "ground")
    note = _explained(ground, note)
    before = _set_status(accreditation, AccreditationStatus.REVOKED)
    _history(accreditation, Change.REVOKED, actor, before=before, ground=ground, note=note)
    return accreditation


@transaction.atomic
def accreditation_reissue(*, actor: User, accreditation: Accreditation, note: str = "") -> Accreditation:
    """A new pass (lost, damaged, a new photo): the serial goes up and the old pass is refused at the gate."""
    accreditation = _locked_pass(accreditation, actor)
    _refuse_unless(accreditation, AccreditationStatus.ACTIVE)
    before = _set_status(accreditation, AccreditationStatus.ACTIVE, bump=True)
    _history(accreditation, Change.REISSUED, actor, before=before, note=(note or "").strip())
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
            before = _set_status(accreditation, AccreditationStatus.EXPIRED)
            _history(accreditation, Change.EXPIRED, None, before=before)
            expired += 1
    return expired
