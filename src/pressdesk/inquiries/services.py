"""Every step of a media inquiry, on the legal clock. Each step is audited and leaves a note on the request.

The clock (Law "On Mass Media" 2024, Art. 36): an answer within five working days of
receipt, in the form and language of the request; one extension of at most fifteen
calendar days when several holders of the information are involved, the outlet told
within two working days. The terms are settings; the calendar is ``core.workdays``.
"""

from __future__ import annotations

import datetime
import hashlib
from dataclasses import dataclass

from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from pressdesk import text
from pressdesk.core import audit, workdays
from pressdesk.core.models import Membership, Unit, User
from pressdesk.core.permissions import has_perm
from pressdesk.core.services import DomainError
from pressdesk.directory import selectors as directory
from pressdesk.directory.models import Outlet
from pressdesk.inquiries import attachments as files
from pressdesk.inquiries.models import OPEN, Channel, Inquiry, Note, Status

DUPLICATE_WINDOW = datetime.timedelta(days=30)


def answer_working_days() -> int:
    return settings.INQUIRY_ANSWER_WORKING_DAYS


@dataclass(frozen=True)
class Received:
    inquiry: Inquiry
    duplicate: bool  # the same request was already open: nothing new was created (new files were added to it)
    seen_before: bool = False  # this very letter (its Message-ID) was already received: nothing was written


def fingerprint(who: str, subject: str, question: str) -> str:
    """Same person, same words (in any script or spacing): the same request."""
    words = " ".join([who.strip().lower(), text.fold(subject), text.fold(question)])
    return hashlib.sha256(words.encode()).hexdigest()


def _number(received_at: datetime.datetime) -> str:
    year = timezone.localtime(received_at).year
    count = Inquiry.objects.filter(number__startswith=f"{year}-").count()
    return f"{year}-{count + 1:04d}"


def _note(inquiry: Inquiry, author: User | None, message: str, message_id: str = "") -> None:
    Note.objects.create(inquiry=inquiry, author=author, text=message, message_id=message_id)


def _received_letter(unit: Unit, message_id: str) -> Inquiry | None:
    """The request this press service already made of that letter (a letter to two services is two requests)."""
    if not message_id:
        return None
    mine = Inquiry.objects.filter(unit=unit)
    return mine.filter(message_id=message_id).first() or mine.filter(notes__message_id=message_id).first()


@transaction.atomic
def inquiry_receive(
    *,
    actor: User | None,
    unit: Unit,
    channel: str,
    requester_name: str,
    outlet_name: str,
    language: str,
    answer_form: str,
    subject: str,
    question: str,
    requester_email: str = "",
    requester_phone: str = "",
    account: User | None = None,
    received_at: datetime.datetime | None = None,
    outlet: Outlet | None = None,
    attachments: list[tuple[str, bytes | UploadedFile]] | None = None,
    message_id: str = "",
) -> Received:
    """Register a request from any channel, compute its due date and send the receipt after commit.

    ``outlet`` when the caller already knows it (else it is looked up by ``outlet_name``);
    ``attachments`` are (file name, content) pairs, checked and stored with the request — or
    added to the earlier request when this one repeats it; ``message_id`` of a letter makes
    receiving the same letter twice a no-op.
    """
    if not (requester_email or requester_phone):
        raise DomainError(_("Give an email or a phone number: the answer must reach the journalist."))
    if not question.strip() or not subject.strip():
        raise DomainError(_("The request needs a subject and a question."))
    checked = files.check_all(attachments or [])
    message_id = message_id.strip()[:255]
    if (letter := _received_letter(unit, message_id)) is not None:
        return Received(letter, duplicate=True, seen_before=True)
    received_at = received_at or timezone.now()
    print_ = fingerprint(requester_email or requester_phone, subject, question)
    earlier = (
        Inquiry.objects.select_for_update()
        .filter(unit=unit, fingerprint=print_, status__in=OPEN, received_at__gte=received_at - DUPLICATE_WINDOW)
        .first()
    )
    if earlier is not None and account is not None and earlier.account_id not in (None, account.pk):
        earlier = None  # another portal account asked the same: two journalists, two requests
    if earlier is not None:
        if account is not None and earlier.account_id is None:
            # Logged by staff or read from a letter before: the journalist now follows it on the portal.
            earlier.account = account
            earlier.save(update_fields=["account"])
        added = files.attach(earlier, checked)
        message = _("The same request came again by %(channel)s.") % {"channel": Channel(channel).label}
        if added:
            message += " " + _("New files: %(names)s.") % {"names": ", ".join(a.original_name for a in added)}
        _note(earlier, actor, message, message_id)
        audit.record(
            actor=actor,
            action="inquiries.inquiry.repeated",
            target=earlier,
            unit=earlier.unit,
            after={"files_added": [a.original_name for a in added]},
        )
        return Received(earlier, duplicate=True)
    journalist = directory.journalist_with_email(requester_email) if requester_email else None
    outlet = outlet or directory.outlet_named(outlet_name)
    for _attempt in range(3):
        try:
            with transaction.atomic():
                inquiry = Inquiry.objects.create(
                    number=_number(received_at),
                    unit=unit,
                    channel=channel,
                    received_at=received_at,
                    journalist=journalist,
                    outlet=outlet,
                    account=account,
                    requester_name=requester_name.strip(),
                    requester_email=requester_email.strip(),
                    requester_phone=requester_phone.strip(),
                    outlet_name=outlet_name.strip(),
                    language=language,
                    answer_form=answer_form,
                    subject=subject.strip(),
                    question=question.strip(),
                    fingerprint=print_,
                    message_id=message_id,
                    due_on=workdays.inquiry_due(received_at, answer_working_days()),
                )
            break
        except IntegrityError:  # two requests took the same number at once: count again
            if (letter := _received_letter(unit, message_id)) is not None:  # or another import took the same letter
                return Received(letter, duplicate=True, seen_before=True)
            continue
    else:
        raise DomainError(_("The request could not be numbered. Try again."))
    added = files.attach(inquiry, checked)
    audit.record(
        actor=actor,
        action="inquiries.inquiry.received",
        target=inquiry,
        unit=unit,
        after={
            "channel": channel,
            "due_on": inquiry.due_on,
            "outlet_in_directory": outlet is not None,
            "files": [a.original_name for a in added],
        },
    )
    if inquiry.requester_email:
        from pressdesk.inquiries.tasks import send_receipt

        transaction.on_commit(lambda: send_receipt.enqueue(inquiry_id=inquiry.pk))
    return Received(inquiry, duplicate=False)


def _locked(inquiry: Inquiry, *allowed: str) -> Inquiry:
    inquiry = Inquiry.objects.select_for_update().get(pk=inquiry.pk)
    if inquiry.status not in allowed:
        raise DomainError(
            _("This request is “%(status)s”: that step is not possible now.") % {"status": inquiry.get_status_display()}
        )
    return inquiry


def _step(inquiry: Inquiry, actor: User | None, action: str, before: dict, note: str = "") -> None:
    after = audit.snapshot(inquiry, list(before))
    audit.record(actor=actor, action=action, target=inquiry, unit=inquiry.unit, before=before, after=after, note=note)


@transaction.atomic
def inquiry_assign(*, actor: User, inquiry: Inquiry, assignee: User, department: Unit) -> Inquiry:
    inquiry = _locked(inquiry, Status.RECEIVED, Status.ASSIGNED, Status.IN_REVIEW)
    if not assignee.is_staff_member or not assignee.is_active:
        raise DomainError(_("Only an active staff member can answer a request."))
    if not department.path.startswith(inquiry.unit.path):
        raise DomainError(_("Choose a department of this press service's body."))
    if not Membership.objects.active().filter(user=assignee, unit__path__startswith=inquiry.unit.path).exists():
        raise DomainError(_("The expert must hold a role in this body: give them one on the unit's page first."))
    before = audit.snapshot(inquiry, ["status", "assignee_id", "assigned_unit_id"])
    inquiry.assignee, inquiry.assigned_unit, inquiry.status = assignee, department, Status.ASSIGNED
    inquiry.save(update_fields=["assignee", "assigned_unit", "status"])
    _note(inquiry, actor, _("Given to %(name)s.") % {"name": assignee.full_name})
    _step(inquiry, actor, "inquiries.inquiry.assigned", before)
    from pressdesk.inquiries.tasks import send_assignment

    transaction.on_commit(lambda: send_assignment.enqueue(inquiry_id=inquiry.pk))
    return inquiry


@transaction.atomic
def inquiry_note(*, actor: User, inquiry: Inquiry, message: str) -> Note:
    if not message.strip():
        raise DomainError(_("The note is empty."))
    note = Note.objects.create(inquiry=inquiry, author=actor, text=message.strip())
    audit.record(actor=actor, action="inquiries.inquiry.noted", target=inquiry, unit=inquiry.unit)
    return note


@transaction.atomic
def inquiry_draft(*, actor: User, inquiry: Inquiry, answer: str, language: str, submit: bool) -> Inquiry:
    """The expert's (or press officer's) draft; ``submit`` sends it to the press secretary's review."""
    inquiry = _locked(inquiry, Status.RECEIVED, Status.ASSIGNED, Status.IN_REVIEW, Status.WITH_HEAD)
    if submit and not answer.strip():
        raise DomainError(_("Write the answer before sending it for review."))
    before = audit.snapshot(inquiry, ["status", "answer_text", "answer_language"])
    inquiry.answer_text, inquiry.answer_language = answer.strip(), language
    if submit and inquiry.status != Status.WITH_HEAD:  # a vital request stays with the head until it is sent
        inquiry.status = Status.IN_REVIEW
    inquiry.save(update_fields=["answer_text", "answer_language", "status"])
    _step(inquiry, actor, "inquiries.answer.submitted" if submit else "inquiries.answer.drafted", before)
    return inquiry


@transaction.atomic
def inquiry_escalate(*, actor: User, inquiry: Inquiry, note: str = "") -> Inquiry:
    """A request vital to the body goes to the head, who answers or approves the answer."""
    inquiry = _locked(inquiry, Status.RECEIVED, Status.ASSIGNED, Status.IN_REVIEW)
    before = audit.snapshot(inquiry, ["status", "vital"])
    inquiry.vital, inquiry.status = True, Status.WITH_HEAD
    inquiry.save(update_fields=["vital", "status"])
    _note(inquiry, actor, note or _("Sent to the head: the question is vital to the body."))
    _step(inquiry, actor, "inquiries.inquiry.escalated", before, note)
    return inquiry


def _may_extend(actor: User, inquiry: Inquiry) -> bool:
    return has_perm(actor, "inquiries.extend", inquiry.unit)


@transaction.atomic
def inquiry_extend(*, actor: User, inquiry: Inquiry, days: int, reason: str) -> Inquiry:
    """Once, by at most fifteen calendar days; the outlet must then be told within two working days."""
    inquiry = _locked(inquiry, *OPEN)
    if not _may_extend(actor, inquiry):
        raise DomainError(_("Only the head or the press secretary may extend the term."))
    if inquiry.extended_on:
        raise DomainError(_("The term was already extended once: the law allows one extension."))
    if not reason.strip():
        raise DomainError(_("Say why: several holders of the information are involved, and which."))
    limit = settings.INQUIRY_EXTENSION_CALENDAR_DAYS
    if not 1 <= days <= limit:
        raise DomainError(_("An extension is between 1 and %(limit)s calendar days.") % {"limit": limit})
    today = timezone.localdate()
    if inquiry.due_on < today:
        raise DomainError(_("The term has already passed: it can be extended only before it ends."))
    before = audit.snapshot(inquiry, ["due_on", "extended_on", "notice_due_on"])
    inquiry.due_on = workdays.extension_due(inquiry.due_on, days, limit)
    inquiry.extended_on, inquiry.extension_reason = today, reason.strip()
    inquiry.notice_due_on = workdays.notice_due(today, settings.INQUIRY_EXTENSION_NOTICE_WORKING_DAYS)
    inquiry.save(update_fields=["due_on", "extended_on", "extension_reason", "notice_due_on"])
    _note(
        inquiry,
        actor,
        _("Term extended to %(due)s. Tell the outlet by %(notice)s.")
        % {"due": inquiry.due_on.isoformat(), "notice": inquiry.notice_due_on.isoformat()},
    )
    _step(inquiry, actor, "inquiries.inquiry.extended", before, reason.strip())
    return inquiry


@transaction.atomic
def inquiry_notice_sent(*, actor: User, inquiry: Inquiry, how: str) -> Inquiry:
    """Record that the outlet was told of the extension (the law's two working days)."""
    inquiry = Inquiry.objects.select_for_update().get(pk=inquiry.pk)
    if not inquiry.extended_on:
        raise DomainError(_("The term was not extended: there is nothing to tell the outlet."))
    if inquiry.notice_sent_at:
        raise DomainError(_("The outlet was already told."))
    before = audit.snapshot(inquiry, ["notice_sent_at"])
    inquiry.notice_sent_at = timezone.now()
    inquiry.save(update_fields=["notice_sent_at"])
    _note(inquiry, actor, _("The outlet was told of the extension: %(how)s") % {"how": how.strip() or "—"})
    _step(inquiry, actor, "inquiries.inquiry.notice_sent", before, how.strip())
    return inquiry


@transaction.atomic
def inquiry_answer(*, actor: User, inquiry: Inquiry, other_language_confirmed: bool = False) -> Inquiry:
    """Approve the reviewed answer and send it; a vital request is answered only by the head."""
    inquiry = _locked(inquiry, Status.IN_REVIEW, Status.WITH_HEAD)
    if not has_perm(actor, "inquiries.answer", inquiry.unit):
        raise DomainError(_("Your role does not allow sending answers."))
    if inquiry.vital and not has_perm(actor, "inquiries.answer_vital", inquiry.unit):
        raise DomainError(_("This request is vital to the body: the head approves its answer."))
    if not inquiry.answer_text:
        raise DomainError(_("There is no answer to send yet."))
    if inquiry.answer_language != inquiry.language and not other_language_confirmed:
        raise DomainError(
            _(
                "The answer is not in the language of the request (%(language)s): the law asks for it. Confirm to send anyway."
            )
            % {"language": inquiry.get_language_display()}
        )
    return _close(actor, inquiry, Status.ANSWERED, "inquiries.inquiry.answered")


@transaction.atomic
def inquiry_refuse(*, actor: User, inquiry: Inquiry, ground: str, explanation: str) -> Inquiry:
    inquiry = _locked(inquiry, *OPEN)
    if not has_perm(actor, "inquiries.answer", inquiry.unit):
        raise DomainError(_("Your role does not allow sending answers."))
    if inquiry.vital and not has_perm(actor, "inquiries.answer_vital", inquiry.unit):
        raise DomainError(_("This request is vital to the body: the head approves its answer."))
    if not explanation.strip():
        raise DomainError(_("Explain the refusal: the journalist receives this text."))
    inquiry.refusal_ground, inquiry.answer_text = ground, explanation.strip()
    inquiry.answer_language = inquiry.answer_language or inquiry.language
    return _close(actor, inquiry, Status.REFUSED, "inquiries.inquiry.refused")


def _close(actor: User, inquiry: Inquiry, status: str, action: str) -> Inquiry:
    before = audit.snapshot(inquiry, ["status", "closed_on"])
    inquiry.status, inquiry.closed_on = status, timezone.localdate()
    inquiry.save(update_fields=["status", "closed_on", "refusal_ground", "answer_text", "answer_language"])
    _step(inquiry, actor, action, before)
    if inquiry.requester_email:
        from pressdesk.inquiries.tasks import send_answer

        transaction.on_commit(lambda: send_answer.enqueue(inquiry_id=inquiry.pk))
    return inquiry
