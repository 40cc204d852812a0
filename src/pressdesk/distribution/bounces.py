"""Delivery-status notifications (RFC 3464) read from the bounce mailbox, and what they change.

A notification is a ``multipart/report; report-type=delivery-status`` message:
a ``message/delivery-status`` part holds one block of fields per recipient
(``Final-Recipient``, ``Action``, ``Status``, ``Diagnostic-Code``), and the
returned letter (``message/rfc822``) or its headers (``text/rfc822-headers``)
carry our Message-ID, which names the delivery (``letters.message_id``). When
the letter is not returned, the delivery is the latest one recently handed to
the mail server for that address.

* **Hard** (``Action: failed`` with a ``5.x.x`` status): the delivery becomes
  "bounced" and the address is marked invalid in the directory (every
  journalist's email contact with it), so no mailing chooses it again; a
  portal subscription with the address ends.
* **Soft** (``failed`` with a ``4.x.x`` status): counted, and the letter goes
  back to the queue to be tried again after ``sending.RETRY_AFTER`` while it
  has had fewer than ``sending.MAX_ATTEMPTS`` attempts, else it fails.
  ``Action: delayed`` is counted too but not sent again: the reporting server
  is still trying to deliver that very letter, and a second one could arrive
  beside it.

Every recipient's report becomes one ``Bounce`` row known by the notification's
Message-ID (a hash of its bytes when it has none) and the address, so reading
the same mailbox twice changes nothing. Each message is applied in its own
transaction; messages that are not notifications (auto-replies, letters) are
left alone and counted; a damaged notification is reported and skipped.
"""

from __future__ import annotations

import datetime
import email
import hashlib
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from email import policy
from email.message import EmailMessage
from pathlib import Path

from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from pressdesk.core import audit
from pressdesk.directory import services as directory_services
from pressdesk.directory.models import Contact, ContactKind
from pressdesk.distribution import letters, sending
from pressdesk.distribution.models import (
    Bounce,
    BounceKind,
    Delivery,
    DeliveryStatus,
    Mailing,
    MailingStatus,
    Subscription,
)
from pressdesk.distribution.unsubscribe import address_key
from pressdesk.inquiries.email_intake import letters as mailbox_messages

ACTIONS = {"failed", "delayed", "delivered", "relayed", "expanded"}
STATUS_RE = re.compile(r"^([245])\.\d{1,3}\.\d{1,3}$")
STATUS_PARTS = {"message/delivery-status", "message/global-delivery-status"}
RETURNED_PARTS = {"message/rfc822", "message/global"}
RETURNED_HEADERS = {"text/rfc822-headers", "message/global-headers"}
# Headers that mark a message as written by a program (RFC 3834 and the common non-standard ones).
AUTO_REPLY_HEADERS = ("X-Autoreply", "X-Autorespond", "X-Auto-Response-Suppress")
REPORT_ID_LENGTH = 300
# A soft-bounced letter goes back to the queue of a mailing in these states (a cancelled one sends nothing more).
RETRIED_IN = (MailingStatus.SENDING, MailingStatus.DONE, MailingStatus.PAUSED)


class Unreadable(Exception):
    """A notification too damaged to act on; the message says what is wrong."""


class NotAReport(Exception):
    """An ordinary letter or an auto-reply: nothing to do with it."""


@dataclass(frozen=True)
class Recipient:
    """One recipient's block of a notification."""

    address: str
    original: str
    action: str
    status: str
    diagnostic: str

    @property
    def kind(self) -> str | None:
        if self.action == "failed" and self.status.startswith("5."):
            return BounceKind.HARD
        if self.action == "delayed" or (self.action == "failed" and self.status.startswith("4.")):
            return BounceKind.SOFT
        return None  # delivered, relayed, expanded: not a refusal


@dataclass(frozen=True)
class Report:
    report_id: str
    recipients: tuple[Recipient, ...]
    original_message_id: str = ""


# --- reading one message ----------------------------------------------------------------------------


def _field(block, name: str) -> str:
    return " ".join(str(block.get(name, "")).split())


def _address(value: str) -> str:
    """``rfc822; j0@example.kz`` → ``j0@example.kz``."""
    kind, _sep, address = value.partition(";")
    return address_key((address if _sep else kind).strip().strip("<>"))


def _blocks(part: EmailMessage) -> list:
    payload = part.get_payload()
    if isinstance(payload, list):
        return payload
    text = part.get_content() if isinstance(payload, str) else ""
    return [email.message_from_string(chunk, policy=policy.default) for chunk in re.split(r"\n\s*\n", text.strip())]


def _recipient(block) -> Recipient:
    final = _field(block, "Final-Recipient")
    address = _address(final)
    if "@" not in address:
        raise Unreadable(_("a recipient without an address (Final-Recipient: %(value)s)") % {"value": final or "—"})
    action = _field(block, "Action").lower()
    if action not in ACTIONS:
        raise Unreadable(
            _("recipient %(address)s: the action “%(action)s” is not one of RFC 3464")
            % {"address": address, "action": action or "—"}
        )
    status = _field(block, "Status").split(" ")[0] if _field(block, "Status") else ""
    if not STATUS_RE.match(status):
        raise Unreadable(
            _("recipient %(address)s: the status “%(status)s” is not an RFC 3463 code")
            % {"address": address, "status": _field(block, "Status") or "—"}
        )
    diagnostic = _field(block, "Diagnostic-Code")
    return Recipient(
        address=address,
        original=_address(_field(block, "Original-Recipient")) if block.get("Original-Recipient") else "",
        action=action,
        status=status,
        diagnostic=diagnostic.partition(";")[2].strip() if ";" in diagnostic else diagnostic,
    )


def _returned_message_id(message: EmailMessage) -> str:
    for part in message.walk():
        kind = part.get_content_type()
        if kind in RETURNED_PARTS and isinstance(part.get_payload(), list) and part.get_payload():
            return str(part.get_payload()[0].get("Message-ID", "")).strip()
        if kind in RETURNED_HEADERS:
            headers = email.message_from_string(part.get_content(), policy=policy.default)
            return str(headers.get("Message-ID", "")).strip()
    return ""


def _is_auto_reply(message: EmailMessage) -> bool:
    submitted = str(message.get("Auto-Submitted", "no")).strip().lower()
    return submitted != "no" or any(message.get(name) for name in AUTO_REPLY_HEADERS)


def _report_id(message: EmailMessage, raw: bytes) -> str:
    own = str(message.get("Message-ID", "")).strip()
    if own and len(own) < REPORT_ID_LENGTH - 100:
        return own
    # Without its own Message-ID a notification is known by its bytes: the same file read again is the same.
    return "sha256:" + hashlib.sha256(raw).hexdigest()


def parse(raw: bytes) -> Report:
    """The notification in ``raw``; ``NotAReport`` for any other message, ``Unreadable`` when it is damaged."""
    try:
        message = email.message_from_bytes(raw, policy=policy.default)
        if not message.keys():
            raise Unreadable(_("not an email message: it has no headers"))
        report_type = str(message.get_param("report-type") or "").lower()
        if message.get_content_type() != "multipart/report" or report_type != "delivery-status":
            raise NotAReport(_("an automatic reply") if _is_auto_reply(message) else _("not a delivery report"))
        parts = [part for part in message.walk() if part.get_content_type() in STATUS_PARTS]
        if not parts:
            raise Unreadable(_("a delivery report without its delivery-status part"))
        blocks = _blocks(parts[0])[1:]  # the first block is about the message, the others about each recipient
        recipients = {}
        for block in blocks:
            if block.keys():
                recipient = _recipient(block)
                recipients.setdefault(recipient.address, recipient)
        if not recipients:
            raise Unreadable(_("a delivery report that names no recipient"))
        return Report(
            report_id=_report_id(message, raw),
            recipients=tuple(recipients.values()),
            original_message_id=_returned_message_id(message),
        )
    except (Unreadable, NotAReport):
        raise
    except (LookupError, UnicodeError, ValueError, TypeError, AttributeError, IndexError) as exc:
        raise Unreadable(_("the message cannot be parsed: %(error)s") % {"error": exc}) from None


# --- finding our letter ------------------------------------------------------------------------------


def _locked(deliveries):
    return deliveries.select_related("mailing__unit").select_for_update(of=("self",))


def _ours(message_id: str) -> Delivery | None:
    pk = letters.delivery_of(message_id) if message_id else None
    if pk is None:
        return None
    delivery = _locked(Delivery.objects.filter(pk=pk)).first()
    # The whole Message-ID must be the one we gave that letter, not only its number.
    if delivery is None or message_id.strip("<> ") != letters.message_id(pk, delivery.mailing_id).strip("<>"):
        return None
    return delivery


def find_delivery(report: Report, recipient: Recipient, now: datetime.datetime) -> Delivery | None:
    """The letter the recipient's report is about: the one its returned Message-ID names (signed by us, so not
    made up), and only when the report is about that letter's own address. An address alone, which anybody
    can write into a report, is never enough."""
    delivery = _ours(report.original_message_id)
    if delivery is None or address_key(delivery.address) not in {recipient.address, recipient.original}:
        return None
    return delivery


# --- what a bounce changes -----------------------------------------------------------------------------


def _invalidate_address(address: str, recipient: Recipient, now: datetime.datetime) -> None:
    """No mailing chooses the address again: journalists' contacts marked invalid, a subscription ended."""
    contacts = Contact.objects.filter(
        kind=ContactKind.EMAIL, normalized=address, journalist__isnull=False, invalid_since__isnull=True
    ).select_related("journalist")
    note = _words(recipient)
    for contact in contacts:
        directory_services.contact_invalidate(actor=None, contact=contact, since=now, note=note)
    for subscription in Subscription.objects.filter(address__iexact=address):
        audit.record(
            actor=None,
            action="distribution.subscription.bounced",
            target=subscription,
            before={"address": subscription.address},
            note=note,
        )
        subscription.delete()


def _hard(delivery: Delivery, recipient: Recipient, now: datetime.datetime) -> None:
    Delivery.objects.filter(
        pk=delivery.pk,
        status__in=[DeliveryStatus.SENT, DeliveryStatus.UNKNOWN, DeliveryStatus.QUEUED, DeliveryStatus.FAILED],
    ).update(status=DeliveryStatus.BOUNCED, error=_words(recipient), retry_at=None)
    _invalidate_address(address_key(delivery.address), recipient, now)


def _soft(delivery: Delivery, recipient: Recipient, now: datetime.datetime) -> None:
    Delivery.objects.filter(pk=delivery.pk).update(soft_bounces=F("soft_bounces") + 1)
    if recipient.action == "delayed":
        return  # the reporting server still tries this very letter: another one could arrive beside it
    mailing = Mailing.objects.select_for_update().get(pk=delivery.mailing_id)
    handed_over = Delivery.objects.filter(pk=delivery.pk, status__in=[DeliveryStatus.SENT, DeliveryStatus.UNKNOWN])
    if delivery.attempts >= sending.MAX_ATTEMPTS or mailing.status not in RETRIED_IN:
        handed_over.update(status=DeliveryStatus.FAILED, error=_words(recipient))
    elif (
        handed_over.update(status=DeliveryStatus.QUEUED, error=_words(recipient), retry_at=now + sending.RETRY_AFTER)
        and mailing.status == MailingStatus.DONE
    ):
        mailing.status, mailing.finished_at = MailingStatus.SENDING, None
        mailing.save(update_fields=["status", "finished_at"])
        audit.record(
            actor=None,
            action="distribution.mailing.resumed",
            target=mailing,
            unit=mailing.unit,
            note=_("A letter refused for a while is tried again: %(address)s.") % {"address": delivery.address},
        )


def _words(recipient: Recipient) -> str:
    return f"{recipient.status} {recipient.diagnostic}".strip()


def _bounce_id(report: Report, recipient: Recipient) -> str:
    value = f"{report.report_id} {recipient.address}"
    if len(value) > REPORT_ID_LENGTH:
        value = "sha256:" + hashlib.sha256(value.encode()).hexdigest()
    return value


# Outcomes of one recipient's report, and how the command names them.
HARD, SOFT, SEEN, UNMATCHED = "hard", "soft", "seen", "unmatched"
OUTCOMES = {
    HARD: gettext_lazy("hard bounce: the address is marked invalid"),
    SOFT: gettext_lazy("soft bounce: counted, tried again while attempts remain"),
    SEEN: gettext_lazy("already read before"),
    UNMATCHED: gettext_lazy("no recent letter of ours to this address"),
}


def apply(report: Report, *, now: datetime.datetime | None = None) -> list[tuple[str, str]]:
    """Apply each refusal in the report, all in one transaction: (address, outcome) for each refused recipient."""
    now = now or timezone.now()
    outcomes = []
    with transaction.atomic():
        for recipient in report.recipients:
            if recipient.kind is None:
                continue
            report_id = _bounce_id(report, recipient)
            if Bounce.objects.filter(report_id=report_id).exists():
                outcomes.append((recipient.address, SEEN))
                continue
            delivery = find_delivery(report, recipient, now)
            if delivery is None:
                outcomes.append((recipient.address, UNMATCHED))
                continue
            try:
                with transaction.atomic():
                    bounce = Bounce.objects.create(
                        delivery=delivery,
                        address=recipient.address,
                        kind=recipient.kind,
                        status_code=recipient.status,
                        diagnostic=recipient.diagnostic,
                        report_id=report_id,
                        received_at=now,
                    )
            except IntegrityError:  # another reader of the same mailbox took it a moment ago
                outcomes.append((recipient.address, SEEN))
                continue
            (_hard if bounce.kind == BounceKind.HARD else _soft)(delivery, recipient, now)
            audit.record(
                actor=None,
                action="distribution.bounced",
                target=delivery,
                unit=delivery.mailing.unit,
                after={"address": recipient.address, "kind": bounce.kind, "status": recipient.status},
                note=recipient.diagnostic,
            )
            outcomes.append((recipient.address, HARD if bounce.kind == BounceKind.HARD else SOFT))
    return outcomes


# --- a whole mailbox -----------------------------------------------------------------------------------


class NotAMailbox(Exception):
    """The path is not something bounces can be read from; the message says why."""


@dataclass
class Summary:
    read: int = 0
    hard: int = 0
    soft: int = 0
    ignored: int = 0
    seen: int = 0
    unreadable: int = 0
    problems: list[tuple[str, str]] = field(default_factory=list)
    lines: list[str] = field(default_factory=list)

    def __str__(self) -> str:
        return _(
            "read %(read)d, hard %(hard)d, soft %(soft)d, ignored %(ignored)d, already seen %(seen)d, "
            "unreadable %(unreadable)d"
        ) % {
            "read": self.read,
            "hard": self.hard,
            "soft": self.soft,
            "ignored": self.ignored,
            "seen": self.seen,
            "unreadable": self.unreadable,
        }


def _check(path: Path) -> None:
    if not path.exists():
        raise NotAMailbox(_("%(path)s does not exist.") % {"path": path})
    if path.is_dir():
        if all((path / sub).is_dir() for sub in ("cur", "new", "tmp")) or any(path.glob("*.eml")):
            return
        raise NotAMailbox(_("%(path)s is neither a Maildir nor a folder of .eml files.") % {"path": path})
    if path.suffix.lower() == ".eml":
        return
    with path.open("rb") as handle:
        start = handle.read(5)
    if start and start != b"From ":
        raise NotAMailbox(
            _("%(path)s is not an mbox file (it does not start with “From ”) and not a .eml file.") % {"path": path}
        )


def messages(path: Path) -> Iterator[tuple[str, bytes]]:
    """(where, raw message) for a .eml file, a folder of them, a Maildir or an mbox; ``NotAMailbox`` otherwise."""
    _check(path)
    return mailbox_messages(path)


def read_mailbox(path: Path) -> Summary:
    return read_messages(messages(path))


def read_messages(found: Iterable[tuple[str, bytes]]) -> Summary:
    """Apply every notification among ``found``, each in its own transaction, and count what happened."""
    summary = Summary()
    for where, raw in found:
        summary.read += 1
        try:
            outcomes = apply(parse(raw))
        except NotAReport as exc:
            summary.ignored += 1
            summary.lines.append(f"{where}: {exc}")
            continue
        except Unreadable as exc:
            summary.unreadable += 1
            summary.problems.append((where, str(exc)))
            continue
        kinds = [outcome for _address, outcome in outcomes]
        summary.hard += kinds.count(HARD)
        summary.soft += kinds.count(SOFT)
        summary.seen += kinds.count(SEEN)
        if not {HARD, SOFT, SEEN} & set(kinds):
            summary.ignored += 1
        if not outcomes:
            summary.lines.append(f"{where}: " + _("a delivery report without a refusal"))
        summary.lines.extend(f"{where}: {address}: {OUTCOMES[outcome]}" for address, outcome in outcomes)
    return summary
