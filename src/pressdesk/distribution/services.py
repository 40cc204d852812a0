"""Mailings: made, checked, previewed, tested, started, paused, resumed, cancelled.

Rules, in the order a press secretary meets them:

* Only a material that may be read by its readers at the time of sending is
  sent: published, or scheduled and public by then — or under embargo, when
  the mailing goes to the trusted pool only and says EMBARGO in the subject
  and at the top. Drafts, materials in review, approved but not scheduled,
  withdrawn, and staff-only kinds are refused with the reason.
* The recipients are the segment's journalists the sender may see, with an
  address nobody marked invalid, plus (not under embargo) the portal's
  confirmed subscribers of the material's topics; each address once; an
  address unsubscribed from the category is left out and counted.
* A letter over the size limit is refused before anything goes (attach
  links instead of files).
* Starting writes the list of deliveries in one transaction: from then on the
  mailing's recipients are fixed, and ``sending.run`` works through them.

Every step is audited; the letters leave through ``sending``, never from here
(except the test letter, sent at once to the sender's own address).
"""

from __future__ import annotations

import datetime
from collections import Counter
from dataclasses import dataclass, field

from django.conf import settings
from django.db import transaction
from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from pressdesk.core import audit
from pressdesk.core.models import Unit, User
from pressdesk.core.permissions import has_perm
from pressdesk.core.services import DomainError
from pressdesk.directory.filters import clean_criteria
from pressdesk.directory.models import Segment
from pressdesk.directory.selectors import members, with_working_email
from pressdesk.distribution import letters, unsubscribe
from pressdesk.distribution.channels import ChannelDown, Refused, open_channel
from pressdesk.distribution.models import (
    Category,
    Delivery,
    DeliveryStatus,
    Mailing,
    MailingStatus,
    SkipReason,
    Subscription,
    UnitSettings,
)
from pressdesk.publications.models import Material, MaterialKind, Status

PREPARE = "distribution.prepare"
SEND = "distribution.send"

SENDABLE = (Status.SCHEDULED, Status.PUBLISHED, Status.CORRECTED)
CATEGORY_OF_KIND = {
    MaterialKind.PRESS_RELEASE: Category.RELEASES,
    MaterialKind.STATEMENT: Category.RELEASES,
    MaterialKind.SPEECH: Category.RELEASES,
    MaterialKind.NEWS: Category.NEWS,
    MaterialKind.ARTICLE: Category.NEWS,
    MaterialKind.REFERENCE: Category.NEWS,
    MaterialKind.ANNOUNCEMENT: Category.ANNOUNCEMENTS,
    MaterialKind.BULLETIN: Category.BULLETINS,
}
OPEN = (MailingStatus.DRAFT, MailingStatus.SCHEDULED, MailingStatus.SENDING, MailingStatus.PAUSED)


def max_letter_bytes() -> int:
    return settings.DISTRIBUTION_MAX_MESSAGE_MB * 1024 * 1024


@dataclass(frozen=True)
class Recipient:
    address: str
    name: str
    language: str
    journalist_id: int | None = None
    subscription_id: int | None = None


@dataclass
class Audience:
    """Who a mailing reaches now, and who it leaves out and why."""

    recipients: list[Recipient]
    left_out: list[Recipient] = field(default_factory=list)  # unsubscribed from the category
    without_email: int = 0
    not_trusted: int = 0

    @property
    def unsubscribed(self) -> int:
        return len(self.left_out)

    def by_language(self) -> dict[str, int]:
        return dict(Counter(r.language for r in self.recipients))


# --- rules -------------------------------------------------------------------------------------------


def _require(actor: User, action: str, mailing_or_material) -> None:
    if not has_perm(actor, action, mailing_or_material.unit):
        raise DomainError(
            _("Your roles do not allow sending mailings.")
            if action == SEND
            else _("Your roles do not allow preparing mailings.")
        )


def embargoed_at(material: Material, at: datetime.datetime) -> bool:
    """Would a letter sent at ``at`` arrive before the material's embargo lifts?"""
    if material.status not in SENDABLE or material.kind in {MaterialKind.QA}:
        raise DomainError(
            _("Only a material that is published, or approved and scheduled, can be sent. This one is: %(status)s.")
            % {"status": material.get_status_display()}
        )
    if material.embargo_until and material.embargo_until > at:
        return True
    if not Material.objects.public(now=at).filter(pk=material.pk).exists():
        raise DomainError(
            _(
                "At the time of sending the material is not public yet and is not under embargo: "
                "send it when it is published, or set an embargo."
            )
        )
    return False


def _settle(mailing: Mailing, at: datetime.datetime) -> None:
    """Decide, for a sending at ``at``, whether it goes under embargo (trusted pool, files attached, no
    subscribers) and whether its letter fits; refuses with the reason otherwise."""
    mailing.embargoed = embargoed_at(mailing.material, at)
    if mailing.embargoed:
        mailing.include_subscribers, mailing.attach_files = False, True
    _check_size(mailing)


def _check_size(mailing: Mailing) -> None:
    if letters.size_of(mailing) > max_letter_bytes():
        raise DomainError(
            _("With its files the letter would exceed %(limit)s MB: send links to the files instead.")
            % {"limit": settings.DISTRIBUTION_MAX_MESSAGE_MB}
        )


# --- the audience ------------------------------------------------------------------------------------


def audience(mailing: Mailing) -> Audience:
    """The recipients as they would be chosen now (the preview, and ``start``)."""
    material = mailing.material
    available = set(material.translations.values_list("language", flat=True))
    order = letters.fallback_order(mailing.unit)
    suppressed = unsubscribe.suppressed_addresses(mailing.category)
    chosen = members(mailing.created_by, mailing.criteria)
    reachable = with_working_email(chosen)
    result = Audience(recipients=[])
    result.without_email = chosen.count() - reachable.count()
    if mailing.embargoed:
        result.not_trusted = reachable.filter(trusted=False).count()
        reachable = reachable.filter(trusted=True)
    seen: set[str] = set()

    def add(recipient: Recipient) -> None:
        key = unsubscribe.address_key(recipient.address)
        if key in seen:
            return
        seen.add(key)
        if key in suppressed:
            result.left_out.append(recipient)
        else:
            result.recipients.append(recipient)

    for journalist in reachable.order_by("pk").only("pk", "full_name", "preferred_language"):
        language = letters.language_for(journalist.preferred_language, available, order, material.source_language)
        add(Recipient(journalist.working_email, journalist.full_name, language, journalist_id=journalist.pk))
    if mailing.include_subscribers and not mailing.embargoed:
        for subscription in subscribers(mailing):
            language = letters.language_for(subscription.language, available, order, material.source_language)
            add(Recipient(subscription.address, "", language, subscription_id=subscription.pk))
    return result


def subscribers(mailing: Mailing):
    """Confirmed subscribers who asked for this category (or any) and one of the material's topics (or any)."""
    topics = list(mailing.material.topics.values_list("pk", flat=True))
    wanted = (
        Subscription.objects.filter(confirmed_at__isnull=False)
        .annotate(topic_count=Count("topics"))
        .filter(Q(topic_count=0) | Q(topics__in=topics))
        .distinct()
        .order_by("pk")
    )
    return [s for s in wanted if not s.categories or mailing.category in s.categories]


# --- making and changing a mailing --------------------------------------------------------------------


@transaction.atomic
def create(
    *,
    actor: User,
    material: Material,
    segment: Segment | None = None,
    criteria: dict | None = None,
    category: str = "",
    include_subscribers: bool = True,
    attach_files: bool = False,
    send_at: datetime.datetime | None = None,
) -> Mailing:
    _require(actor, PREPARE, material)
    if segment is not None and not has_perm(actor, "directory.view", segment.unit):
        raise DomainError(_("You do not see this segment."))
    embargoed = embargoed_at(material, send_at or timezone.now())
    mailing = Mailing(
        unit=material.unit,
        material=material,
        segment=segment,
        criteria=clean_criteria(segment.criteria if segment is not None else (criteria or {})),
        include_subscribers=include_subscribers and not embargoed,
        category=category or CATEGORY_OF_KIND.get(material.kind, Category.NEWS),
        # Under embargo the file links would not open before the time: the files travel with the letter.
        attach_files=attach_files or embargoed,
        embargoed=embargoed,
        send_at=send_at,
        created_by=actor,
    )
    _check_size(mailing)
    mailing.save()
    audit.record(
        actor=actor,
        action="distribution.mailing.created",
        target=mailing,
        unit=mailing.unit,
        after={"material": material.pk, "segment": segment.pk if segment else None, "embargoed": embargoed},
    )
    return mailing


def _locked(mailing: Mailing) -> Mailing:
    return Mailing.objects.select_for_update().select_related("material", "unit").get(pk=mailing.pk)


@transaction.atomic
def start(*, actor: User, mailing: Mailing, send_at: datetime.datetime | None = None) -> Mailing:
    """Send now, or at ``send_at``. The recipients are fixed when sending begins."""
    mailing = _locked(mailing)
    _require(actor, SEND, mailing)
    if mailing.status not in (MailingStatus.DRAFT, MailingStatus.SCHEDULED):
        raise DomainError(_("This mailing has already been started."))
    now = timezone.now()
    if send_at is not None and send_at <= now:
        raise DomainError(_("That time has passed: choose a later time, or send now."))
    _settle(mailing, send_at or now)
    if not audience(mailing).recipients:
        raise DomainError(
            _("Nobody would receive it: the segment has no journalist with a working address who has not unsubscribed.")
        )
    mailing.send_at = send_at
    mailing.status = MailingStatus.SCHEDULED if send_at else MailingStatus.SENDING
    mailing.save(update_fields=["status", "send_at", "embargoed", "include_subscribers", "attach_files"])
    audit.record(
        actor=actor,
        action="distribution.mailing.scheduled" if send_at else "distribution.mailing.started",
        target=mailing,
        unit=mailing.unit,
        after={"send_at": send_at.isoformat() if send_at else None},
    )
    if not send_at:
        _materialise(mailing, actor, now)
        _run_after_commit(mailing.pk)
    return mailing


def _materialise(mailing: Mailing, actor: User | None, now: datetime.datetime) -> int:
    """Write one queued delivery per recipient, and a skipped one per unsubscribed address (the log shows them);
    under embargo, let the recipients read it on the portal."""
    crowd = audience(mailing)
    rows = [(r, DeliveryStatus.QUEUED, "") for r in crowd.recipients]
    rows += [(r, DeliveryStatus.SKIPPED, SkipReason.UNSUBSCRIBED) for r in crowd.left_out]
    Delivery.objects.bulk_create(
        [
            Delivery(
                mailing=mailing,
                address=r.address,
                name=r.name,
                language=r.language,
                journalist_id=r.journalist_id,
                subscription_id=r.subscription_id,
                status=status,
                skip_reason=reason,
            )
            for r, status, reason in rows
        ],
        batch_size=500,
    )
    mailing.started_at = now
    mailing.save(update_fields=["started_at"])
    if mailing.embargoed:
        from pressdesk.publications import services as publications

        journalists = [r.journalist_id for r in crowd.recipients if r.journalist_id]
        publications.share_with(actor=actor, material=mailing.material, journalist_ids=journalists)
    return len(crowd.recipients)


def begin_due(now: datetime.datetime | None = None) -> list[int]:
    """Scheduled mailings whose time has come start sending, each exactly once."""
    now = now or timezone.now()
    started = []
    for pk in Mailing.objects.filter(status=MailingStatus.SCHEDULED, send_at__lte=now).values_list("pk", flat=True):
        with transaction.atomic():
            if not Mailing.objects.filter(pk=pk, status=MailingStatus.SCHEDULED).update(status=MailingStatus.SENDING):
                continue  # another worker took it
            mailing = _locked(Mailing(pk=pk))
            try:
                _settle(mailing, now)
                if not audience(mailing).recipients:
                    raise DomainError(_("Nobody would receive it: everyone in the segment unsubscribed or left."))
            except DomainError as exc:  # withdrawn, back in draft, too large or nobody left since it was scheduled
                _cancel(mailing, actor=None, reason=str(exc))
                continue
            mailing.save(update_fields=["embargoed", "include_subscribers", "attach_files"])
            _materialise(mailing, None, now)
            started.append(pk)
    return started


def _run_after_commit(pk: int) -> None:
    from pressdesk.distribution import tasks

    transaction.on_commit(lambda: tasks.send_mailing.enqueue(pk))


@transaction.atomic
def pause(*, actor: User, mailing: Mailing) -> Mailing:
    mailing = _locked(mailing)
    _require(actor, SEND, mailing)
    if mailing.status != MailingStatus.SENDING:
        raise DomainError(_("Only a mailing being sent can be paused."))
    mailing.status, mailing.pause_reason = MailingStatus.PAUSED, _("Paused by %(name)s.") % {"name": actor}
    mailing.auto_resume = False
    mailing.save(update_fields=["status", "pause_reason", "auto_resume"])
    audit.record(actor=actor, action="distribution.mailing.paused", target=mailing, unit=mailing.unit)
    return mailing


@transaction.atomic
def resume(*, actor: User | None, mailing: Mailing) -> Mailing:
    mailing = _locked(mailing)
    if actor is not None:
        _require(actor, SEND, mailing)
    if mailing.status != MailingStatus.PAUSED:
        raise DomainError(_("Only a paused mailing can be resumed."))
    mailing.status, mailing.pause_reason, mailing.auto_resume = MailingStatus.SENDING, "", False
    mailing.save(update_fields=["status", "pause_reason", "auto_resume"])
    audit.record(actor=actor, action="distribution.mailing.resumed", target=mailing, unit=mailing.unit)
    _run_after_commit(mailing.pk)
    return mailing


@transaction.atomic
def cancel(*, actor: User, mailing: Mailing) -> Mailing:
    """Stop it: what was sent stays sent, what waited is not sent."""
    mailing = _locked(mailing)
    _require(actor, SEND, mailing)
    if mailing.status not in OPEN:
        raise DomainError(_("This mailing is finished and cannot be cancelled."))
    _cancel(mailing, actor=actor)
    return mailing


def _cancel(mailing: Mailing, *, actor: User | None, reason: str = "") -> None:
    """Cancel a locked open mailing: its waiting letters are skipped as cancelled; the letters a live runner holds
    it skips itself before the next one goes, and those a dead runner left are settled here (the ones it may
    have handed over become "unknown")."""
    now = timezone.now()
    mailing.deliveries.filter(status=DeliveryStatus.QUEUED).update(
        status=DeliveryStatus.SKIPPED, skip_reason=SkipReason.CANCELLED
    )
    mailing.status, mailing.finished_at, mailing.pause_reason = MailingStatus.CANCELLED, now, reason
    mailing.save(update_fields=["status", "finished_at", "pause_reason"])
    settle_if_abandoned(mailing, now)
    audit.record(actor=actor, action="distribution.mailing.cancelled", target=mailing, unit=mailing.unit, note=reason)


def settle_if_abandoned(mailing: Mailing, now: datetime.datetime) -> None:
    """A cancelled mailing's letters still "sending" with no live runner to settle them: settled now."""
    from pressdesk.distribution import sending

    if mailing.runner and mailing.beat_at and mailing.beat_at >= now - sending.lease():
        return  # its runner looks before every letter and skips the rest itself
    sending.settle_abandoned(mailing.pk, status=DeliveryStatus.SKIPPED, skip_reason=SkipReason.CANCELLED)


def unsendable(mailing: Mailing) -> str:
    """Why the mailing's material may not go out now ("" when it may): withdrawn, back in draft or review, no
    longer public, or put under embargo after a mailing to everyone began."""
    material = Material.objects.get(pk=mailing.material_id)
    try:
        embargoed = embargoed_at(material, timezone.now())
    except DomainError as exc:
        return str(exc)
    if embargoed and not mailing.embargoed:
        return _("The material was put under embargo after the mailing began.")
    return ""


def _require_sendable(mailing: Mailing) -> None:
    if reason := unsendable(mailing):
        raise DomainError(reason)


@transaction.atomic
def cancel_unsendable(mailing_id: int) -> str:
    """Cancel the mailing, with the reason, when its material may no longer go out; the reason ("" if it may)."""
    mailing = _locked(Mailing(pk=mailing_id))
    reason = unsendable(mailing) if mailing.status in OPEN else ""
    if reason:
        _cancel(mailing, actor=None, reason=reason)
    return reason


def material_withdrawn(*, material: Material, actor: User, reason: str) -> None:
    """publications' hook: a withdrawn material's open mailings are cancelled at once, inside the withdrawal."""
    note = _("The material was withdrawn: %(reason)s") % {"reason": reason}
    for pk in Mailing.objects.filter(material=material, status__in=OPEN).order_by("pk").values_list("pk", flat=True):
        mailing = _locked(Mailing(pk=pk))
        if mailing.status in OPEN:
            _cancel(mailing, actor=actor, reason=note)


@transaction.atomic
def resend_interrupted(*, actor: User, mailing: Mailing) -> int:
    """The letters a crash left in doubt go again — the press secretary's decision, not the machine's."""
    mailing = _locked(mailing)
    _require(actor, SEND, mailing)
    if mailing.status not in (MailingStatus.SENDING, MailingStatus.PAUSED, MailingStatus.DONE):
        raise DomainError(_("This mailing was cancelled: its letters are not sent again."))
    _require_sendable(mailing)
    count = mailing.deliveries.filter(status=DeliveryStatus.UNKNOWN).update(
        status=DeliveryStatus.QUEUED, claimed_at=None
    )
    if count:
        if mailing.status == MailingStatus.DONE:
            mailing.status, mailing.finished_at = MailingStatus.SENDING, None
            mailing.save(update_fields=["status", "finished_at"])
        audit.record(
            actor=actor,
            action="distribution.mailing.resent_interrupted",
            target=mailing,
            unit=mailing.unit,
            after={"letters": count},
        )
        if mailing.status == MailingStatus.SENDING:
            _run_after_commit(mailing.pk)
    return count


@transaction.atomic
def language_order_save(*, actor: User, unit: Unit, order: list[str]) -> UnitSettings:
    """The unit's fallback order: known language codes, each once, at least one. Audited."""
    if not has_perm(actor, SEND, unit):
        raise DomainError(_("Your roles do not allow changing this unit's distribution settings."))
    known = [code for code, _name in settings.LANGUAGES]
    if not order or any(code not in known for code in order):
        raise DomainError(_("Choose the languages from the list."))
    if len(set(order)) != len(order):
        raise DomainError(_("Each language may come only once in the order."))
    row, _created = UnitSettings.objects.select_for_update().get_or_create(unit=unit)
    before = row.language_order
    row.language_order = ",".join(order)
    if row.language_order != before:
        row.save(update_fields=["language_order"])
        audit.record(
            actor=actor,
            action="distribution.settings.changed",
            target=row,
            unit=unit,
            before={"language_order": before},
            after={"language_order": row.language_order},
        )
    return row


# --- preview and test ---------------------------------------------------------------------------------


def languages_of(mailing: Mailing) -> list[str]:
    """The languages the letters will be in: those of the audience, else the material's original."""
    used = audience(mailing).by_language() if mailing.status in (MailingStatus.DRAFT, MailingStatus.SCHEDULED) else {}
    if not used:
        used = dict(mailing.deliveries.values_list("language").annotate(n=Count("pk")))
    codes = [code for code, _name in settings.LANGUAGES if code in used]
    return codes or [mailing.material.source_language]


def preview(mailing: Mailing, language: str, *, name: str = "") -> letters.EmailMultiAlternatives:
    """The letter exactly as a recipient in ``language`` gets it (with a sample name and a live unsubscribe link)."""
    draft = letters.draft(mailing, language)
    sample = "preview@" + letters._domain()
    return letters.message(
        draft,
        to=sample,
        name=name,
        unsubscribe_link=letters.unsubscribe_url(unsubscribe.token(sample, mailing.category), language),
        message_id_value=letters.message_id(0, mailing.pk),
        list_id=mailing.category,
    )


def send_test(*, actor: User, mailing: Mailing) -> list[str]:
    """One letter per language of the mailing to the sender's own address, marked as a test; nothing is recorded."""
    _require(actor, PREPARE, mailing)
    if mailing.status not in OPEN:
        raise DomainError(_("This mailing is finished: a test letter is sent only before or while it goes out."))
    _require_sendable(mailing)
    if not actor.email:
        raise DomainError(_("Your account has no email address to send the test to."))
    sent = []
    channel = None
    try:
        channel = open_channel()
        for language in languages_of(mailing):
            letter = preview(mailing, language, name=actor.full_name or actor.email)
            letter.to = [actor.email]
            letter.subject = _("[TEST] %(subject)s") % {"subject": letter.subject}
            channel.send(letter)
            sent.append(language)
    except (ChannelDown, Refused) as exc:
        raise DomainError(_("The test letter could not be sent: %(error)s") % {"error": exc}) from exc
    finally:
        if channel is not None:
            channel.close()
    audit.record(
        actor=actor, action="distribution.mailing.tested", target=mailing, unit=mailing.unit, after={"languages": sent}
    )
    return sent


# --- figures ------------------------------------------------------------------------------------------


def counts(mailing: Mailing) -> dict[str, int]:
    """Deliveries per status, every status present (0 when none)."""
    found = dict(mailing.deliveries.values_list("status").annotate(n=Count("pk")))
    return {status: found.get(status, 0) for status in DeliveryStatus.values}
