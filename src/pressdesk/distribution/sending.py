"""The runner: works through a mailing's queued deliveries so that nobody gets a letter twice.

1. **One runner per mailing.** ``take_over`` writes the runner's token into
   the mailing by a conditional UPDATE that succeeds only when nobody holds it
   or the holder has been silent for longer than the lease
   (``DISTRIBUTION_RUNNER_LEASE_SECONDS``). The runner beats while it works.
2. **A crash leaves doubt, not duplicates.** Deliveries still "sending" when a
   runner takes over belonged to a dead runner: each was perhaps handed to the
   mail server, perhaps not. They become "unknown" and are never sent again by
   the machine; the delivery log shows them and a person may send them again.
3. **Claimed before sent, recorded after.** A batch of queued deliveries turns
   "sending" by one conditional UPDATE per batch (rows still queued, of this
   mailing); each letter is recorded "sent" right after the server took it.
   The window of doubt is one letter per runner.
4. **The server down pauses the mailing** with the reason (the letter in hand
   goes back to the queue); the periodic job resumes paused-by-failure
   mailings after a while, and the press secretary can resume at once.
5. **Refusals**: a 5xx answer fails the delivery; a 4xx answer or a soft
   bounce retries it later, up to ``MAX_ATTEMPTS``.
6. **Rate**: at most ``DISTRIBUTION_RATE_PER_MINUTE`` letters a minute.
"""

from __future__ import annotations

import datetime
import time
import uuid
from dataclasses import dataclass

from django.conf import settings
from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import override

from pressdesk.core import audit
from pressdesk.distribution import letters, unsubscribe
from pressdesk.distribution.channels import Channel, ChannelDown, Refused, open_channel
from pressdesk.distribution.models import Delivery, DeliveryStatus, Mailing, MailingStatus, SkipReason

BATCH = 50
MAX_ATTEMPTS = 3
RETRY_AFTER = datetime.timedelta(minutes=10)
# A mailing paused because the server was down is tried again after this long.
RESUME_AFTER_FAILURE = datetime.timedelta(minutes=5)
BEAT_EVERY = 10.0  # seconds


def lease() -> datetime.timedelta:
    return datetime.timedelta(seconds=settings.DISTRIBUTION_RUNNER_LEASE_SECONDS)


@dataclass
class Outcome:
    sent: int = 0
    failed: int = 0
    deferred: int = 0
    skipped: int = 0
    paused: str = ""
    finished: bool = False
    ran: bool = True


def take_over(mailing_id: int, token: str, now: datetime.datetime) -> bool:
    """Hold the mailing for this runner; the deliveries a dead holder left in flight become "unknown"."""
    free = Q(runner="") | Q(beat_at__isnull=True) | Q(beat_at__lt=now - lease())
    with transaction.atomic():
        if not Mailing.objects.filter(free, pk=mailing_id, status=MailingStatus.SENDING).update(
            runner=token, beat_at=now
        ):
            return False
        Delivery.objects.filter(mailing=mailing_id, status=DeliveryStatus.SENDING).update(
            status=DeliveryStatus.UNKNOWN,
            error=_("The sender stopped while this letter was being handed to the mail server."),
        )
    return True


def _beat(mailing_id: int, token: str) -> bool:
    """Still ours and still sending?"""
    return bool(
        Mailing.objects.filter(pk=mailing_id, runner=token, status=MailingStatus.SENDING).update(beat_at=timezone.now())
    )


def _release(mailing_id: int, token: str) -> None:
    Mailing.objects.filter(pk=mailing_id, runner=token).update(runner="")


def _claim(mailing_id: int, now: datetime.datetime, size: int) -> list[Delivery]:
    due = Q(retry_at__isnull=True) | Q(retry_at__lte=now)
    ids = list(
        Delivery.objects.filter(due, mailing=mailing_id, status=DeliveryStatus.QUEUED)
        .order_by("pk")
        .values_list("pk", flat=True)[:size]
    )
    if not ids:
        return []
    stamp = timezone.now()
    Delivery.objects.filter(pk__in=ids, status=DeliveryStatus.QUEUED).update(
        status=DeliveryStatus.SENDING, claimed_at=stamp, attempts=F("attempts") + 1
    )
    return list(Delivery.objects.filter(pk__in=ids, status=DeliveryStatus.SENDING, claimed_at=stamp).order_by("pk"))


def _mark(delivery: Delivery, **fields) -> None:
    # "unknown" too: a runner declared dead that was only slow still records what it did send.
    Delivery.objects.filter(pk=delivery.pk, status__in=[DeliveryStatus.SENDING, DeliveryStatus.UNKNOWN]).update(
        **fields
    )


def _requeue(deliveries: list[Delivery]) -> None:
    Delivery.objects.filter(pk__in=[d.pk for d in deliveries], status=DeliveryStatus.SENDING).update(
        status=DeliveryStatus.QUEUED, attempts=F("attempts") - 1
    )


class Pacer:
    """At most ``per_minute`` letters a minute (0: no limit), spread evenly."""

    def __init__(self, per_minute: int) -> None:
        self.gap = 60.0 / per_minute if per_minute else 0.0
        self.next = time.monotonic()

    def wait(self) -> None:
        if not self.gap:
            return
        now = time.monotonic()
        if self.next > now:
            time.sleep(self.next - now)
        self.next = max(self.next, now) + self.gap


class Run:
    """One runner's pass over one mailing."""

    def __init__(self, mailing: Mailing, token: str, channel: Channel) -> None:
        self.mailing = mailing
        self.token = token
        self.channel = channel
        self.drafts: dict[str, letters.Draft] = {}
        self.suppressed = unsubscribe.suppressed_addresses(mailing.category)
        self.outcome = Outcome()

    def draft(self, language: str) -> letters.Draft:
        if language not in self.drafts:
            self.drafts[language] = letters.draft(self.mailing, language)
        return self.drafts[language]

    def letter(self, delivery: Delivery):
        draft = self.draft(delivery.language)
        return letters.message(
            draft,
            to=delivery.address,
            name=delivery.name,
            unsubscribe_link=letters.unsubscribe_url(
                unsubscribe.token(delivery.address, self.mailing.category), delivery.language
            ),
            message_id_value=letters.message_id(delivery.pk, self.mailing.pk),
            list_id=self.mailing.category,
        )

    def one(self, delivery: Delivery) -> None:
        if unsubscribe.address_key(delivery.address) in self.suppressed:
            _mark(delivery, status=DeliveryStatus.SKIPPED, skip_reason=SkipReason.UNSUBSCRIBED)
            self.outcome.skipped += 1
            return
        letter = self.letter(delivery)
        try:
            self.channel.send(letter)
        except Refused as exc:
            if exc.permanent or delivery.attempts >= MAX_ATTEMPTS:
                _mark(delivery, status=DeliveryStatus.FAILED, error=str(exc))
                self.outcome.failed += 1
            else:
                _mark(delivery, status=DeliveryStatus.QUEUED, error=str(exc), retry_at=timezone.now() + RETRY_AFTER)
                self.outcome.deferred += 1
            return
        _mark(
            delivery,
            status=DeliveryStatus.SENT,
            sent_at=timezone.now(),
            message_id=letter.extra_headers["Message-ID"],
            error="",
        )
        self.outcome.sent += 1

    def go(self) -> Outcome:
        pacer = Pacer(settings.DISTRIBUTION_RATE_PER_MINUTE)
        size = BATCH
        if settings.DISTRIBUTION_RATE_PER_MINUTE:
            size = max(1, min(BATCH, settings.DISTRIBUTION_RATE_PER_MINUTE // 6))  # a batch takes ~10 s at most
        last_beat = time.monotonic()
        while True:
            batch = _claim(self.mailing.pk, timezone.now(), size)
            if not batch:
                break
            for index, delivery in enumerate(batch):
                if time.monotonic() - last_beat > BEAT_EVERY:
                    if not _beat(self.mailing.pk, self.token):  # paused, cancelled, or taken over
                        _requeue(batch[index:])
                        return self.outcome
                    last_beat = time.monotonic()
                pacer.wait()
                try:
                    self.one(delivery)
                except ChannelDown as exc:
                    _requeue(batch[index:])
                    self.outcome.paused = str(exc)
                    return self.outcome
            if not _beat(self.mailing.pk, self.token):
                return self.outcome
            last_beat = time.monotonic()
        self.outcome.finished = _finish(self.mailing.pk, self.token)
        return self.outcome


def _finish(mailing_id: int, token: str) -> bool:
    """Done when nothing is left queued (a letter waiting for its retry keeps the mailing open)."""
    with transaction.atomic():
        if Delivery.objects.filter(
            mailing=mailing_id, status__in=[DeliveryStatus.QUEUED, DeliveryStatus.SENDING]
        ).exists():
            return False
        done = Mailing.objects.filter(pk=mailing_id, runner=token, status=MailingStatus.SENDING).update(
            status=MailingStatus.DONE, finished_at=timezone.now()
        )
        if done:
            mailing = Mailing.objects.get(pk=mailing_id)
            audit.record(actor=None, action="distribution.mailing.finished", target=mailing, unit=mailing.unit)
        return bool(done)


def _pause(mailing_id: int, token: str, reason: str) -> None:
    with transaction.atomic():
        if Mailing.objects.filter(pk=mailing_id, runner=token, status=MailingStatus.SENDING).update(
            status=MailingStatus.PAUSED, pause_reason=reason, auto_resume=True, beat_at=timezone.now()
        ):
            mailing = Mailing.objects.get(pk=mailing_id)
            audit.record(
                actor=None, action="distribution.mailing.paused", target=mailing, unit=mailing.unit, note=reason
            )


def run(mailing_id: int, *, channel: Channel | None = None) -> Outcome:
    """Send what is left of a mailing, unless another runner is at it."""
    token = uuid.uuid4().hex
    if not take_over(mailing_id, token, timezone.now()):
        return Outcome(ran=False)
    mailing = Mailing.objects.select_related("material", "unit").get(pk=mailing_id)
    try:
        with override(settings.LANGUAGE_CODE):
            try:
                channel = channel or open_channel()
            except ChannelDown as exc:
                outcome = Outcome(paused=str(exc))
            else:
                try:
                    outcome = Run(mailing, token, channel).go()
                finally:
                    channel.close()
        if outcome.paused:
            _pause(mailing_id, token, outcome.paused)
        return outcome
    finally:
        _release(mailing_id, token)


def due(now: datetime.datetime | None = None) -> list[int]:
    """Mailings a runner should work on now: sending without a live runner, or paused by a failure long enough ago."""
    now = now or timezone.now()
    silent = Q(runner="") | Q(beat_at__isnull=True) | Q(beat_at__lt=now - lease())
    sending = Mailing.objects.filter(silent, status=MailingStatus.SENDING)
    ready = Q(retry_at__isnull=True) | Q(retry_at__lte=now)
    waiting = Delivery.objects.filter(ready, status=DeliveryStatus.QUEUED).values("mailing")
    stale = Delivery.objects.filter(status=DeliveryStatus.SENDING).values("mailing")
    ids = set(sending.filter(Q(pk__in=waiting) | Q(pk__in=stale)).values_list("pk", flat=True))
    # Everything done except letters waiting for a retry that no longer exist: close it.
    ids |= set(sending.exclude(pk__in=Delivery.objects.filter(status=DeliveryStatus.QUEUED).values("mailing")))
    failed = Mailing.objects.filter(
        status=MailingStatus.PAUSED, auto_resume=True, runner="", beat_at__lt=now - RESUME_AFTER_FAILURE
    )
    for mailing_id in failed.values_list("pk", flat=True):
        if Mailing.objects.filter(pk=mailing_id, status=MailingStatus.PAUSED, auto_resume=True).update(
            status=MailingStatus.SENDING, pause_reason="", auto_resume=False
        ):
            ids.add(mailing_id)
    return sorted(ids)
