"""The runner: works through a mailing's queued deliveries so that nobody gets a letter twice.

1. **One runner per mailing.** ``take_over`` writes the runner's token into
   the mailing by a conditional UPDATE that succeeds only when nobody holds it
   or the holder has been silent for longer than the lease
   (``DISTRIBUTION_RUNNER_LEASE_SECONDS``). The runner beats while it works.
2. **Claimed before sent, recorded after.** A batch of queued deliveries turns
   "sending" by one conditional UPDATE per batch (rows still queued, of this
   mailing), stamped with the moment of the claim. The runner hands them to the
   server one by one in order, and records each letter ("sent", or what else
   became of it) by its own UPDATE once the server answered (``ledger``): on
   SQLite while the server answers the next letter's MAIL, before that letter
   is handed over; on PostgreSQL while the next letter goes, so that a letter is
   handed over only when the record of the one before the previous is in the
   database. A record is conditional too (still "sending", still this claim):
   when it finds the letter taken from it, the runner stops there.
   Before each letter the runner looks (one row by its key) whether the
   mailing is still its own and still sending, so a pause, a cancel or a
   takeover stops it before the next letter, not at the next heartbeat (on
   PostgreSQL the look, and the last letter's record after it, travel while the
   letter is written and its envelope goes to the server).
3. **A crash leaves doubt, not duplicates.** Deliveries still "sending" when a
   runner takes over belonged to a dead runner. Of each batch it left, only the
   first ``IN_FLIGHT`` (two) can have reached the mail server unrecorded — the
   ones before them are recorded, the ones after them were never handed over:
   they become "unknown" and are never sent again by the machine (the delivery
   log shows them and a person may send them again), and the rest go back to
   the queue. The window of doubt is two letters per runner. The takeover locks
   those rows before it reads them, so a slow runner's record cannot slip in
   between (it waits, then finds its letter taken and stops).
4. **The server down pauses the mailing** with the reason (the letter in hand
   goes back to the queue, unless it was handed over and only the server's
   answer was lost: then it may have arrived and turns "unknown", like a
   crash's letter in doubt); the periodic job resumes paused-by-failure
   mailings after a while, and the press secretary can resume at once.
5. **Refusals**: a 5xx answer fails the delivery; a 4xx answer or a soft
   bounce retries it later, up to ``MAX_ATTEMPTS``.
6. **Rate**: at most ``DISTRIBUTION_RATE_PER_MINUTE`` letters a minute.
"""

from __future__ import annotations

import datetime
import time
import uuid
from collections import Counter, deque
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial

from django.conf import settings
from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import override

from pressdesk.core import audit
from pressdesk.distribution import letters, services, unsubscribe
from pressdesk.distribution.channels import Channel, ChannelDown, InDoubt, Refused, Withheld, open_channel
from pressdesk.distribution.ledger import IN_FLIGHT, Ledger, ledger
from pressdesk.distribution.models import Delivery, DeliveryStatus, Mailing, MailingStatus, SkipReason

BATCH = 200  # letters claimed at once: three statements per batch, so fewer per letter
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
    unknown: int = 0
    paused: str = ""
    cancelled: str = ""
    finished: bool = False
    ran: bool = True


def take_over(mailing_id: int, token: str, now: datetime.datetime) -> bool:
    """Hold the mailing for this runner. Of each batch a dead holder left "sending", the letters it may have
    handed over unrecorded become "unknown"; the others, never handed over, go back to the queue."""
    free = Q(runner="") | Q(beat_at__isnull=True) | Q(beat_at__lt=now - lease())
    with transaction.atomic():
        if not Mailing.objects.filter(free, pk=mailing_id, status=MailingStatus.SENDING).update(
            runner=token, beat_at=now
        ):
            return False
        settle_abandoned(mailing_id, status=DeliveryStatus.QUEUED, claimed_at=None, attempts=F("attempts") - 1)
    return True


def settle_abandoned(mailing_id: int, **rest) -> None:
    """A runner that is gone left letters "sending": of each of its batches the first ``IN_FLIGHT`` may have
    reached the server unrecorded and become "unknown"; the rest, never handed over, are updated with ``rest``.

    Inside the caller's transaction, the rows are locked first (in pk order, as every writer takes them), and
    each UPDATE still asks for "sending": a slow runner's record that commits meanwhile is never overwritten,
    and one that comes after waits for this and then finds its letter taken (so that runner stops)."""
    left = Delivery.objects.filter(mailing=mailing_id, status=DeliveryStatus.SENDING)
    rows = list(left.select_for_update().order_by("pk").values_list("pk", "claimed_at"))
    in_hand, per_batch = [], Counter()
    for pk, claimed_at in rows:
        per_batch[claimed_at] += 1
        if per_batch[claimed_at] <= IN_FLIGHT:
            in_hand.append(pk)
    left.filter(pk__in=in_hand).update(
        status=DeliveryStatus.UNKNOWN,
        error=_("The sender stopped while this letter was being handed to the mail server."),
    )
    left.filter(pk__in=[pk for pk, _claimed in rows]).update(**rest)


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


def _requeue(deliveries: list[Delivery]) -> None:
    _give_back(deliveries, status=DeliveryStatus.QUEUED, attempts=F("attempts") - 1)


def _give_back(deliveries: list[Delivery], **fields) -> None:
    """The rest of this runner's claim, never handed over: back to the queue, or skipped when cancelled."""
    if deliveries:
        Delivery.objects.filter(
            pk__in=[d.pk for d in deliveries], status=DeliveryStatus.SENDING, claimed_at=deliveries[0].claimed_at
        ).update(**fields)


def _let_go(mailing_id: int, deliveries: list[Delivery]) -> None:
    """Stopped by a person or a takeover: a cancelled mailing's rest is skipped, any other's waits in the queue."""
    if Mailing.objects.filter(pk=mailing_id, status=MailingStatus.CANCELLED).exists():
        _give_back(deliveries, status=DeliveryStatus.SKIPPED, skip_reason=SkipReason.CANCELLED)
    else:
        _requeue(deliveries)


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
        self.editions: dict[str, letters.Edition] = {}
        self.suppressed = unsubscribe.suppressed_addresses(mailing.category)
        self.outcome = Outcome()
        self.ahead: dict[int, object] = {}  # delivery id → its letter (or why it cannot be written), written early

    def edition(self, language: str) -> letters.Edition:
        if language not in self.editions:
            self.editions[language] = letters.Edition(self.mailing, language)
        return self.editions[language]

    def letter(self, delivery: Delivery):
        return self.edition(delivery.language).letter(
            to=delivery.address,
            name=delivery.name,
            token=unsubscribe.token(delivery.address, self.mailing.category),
            message_id_value=letters.message_id(delivery.pk, self.mailing.pk),
        )

    def write_ahead(self, delivery: Delivery) -> None:
        """Write ``delivery``'s letter now, while the server takes in the one before; ``one`` takes it from here."""
        if delivery.pk in self.ahead or unsubscribe.address_key(delivery.address) in self.suppressed:
            return
        try:
            self.ahead[delivery.pk] = self.letter(delivery)
        except Exception as exc:  # noqa: BLE001 (kept: the letter fails in its turn, as if written then)
            self.ahead[delivery.pk] = exc

    def _written(self, delivery: Delivery):
        letter = self.ahead.pop(delivery.pk, None)
        if letter is None:
            letter = self.letter(delivery)
        if isinstance(letter, Exception):
            raise letter
        return letter

    def one(
        self,
        delivery: Delivery,
        go: Callable[[], bool] | None = None,
        meanwhile: Callable[[], None] | None = None,
    ) -> dict:
        """Send one letter, unless ``go()`` says no just before it is handed over (``Withheld``); what to record.

        ``meanwhile`` is the channel's: the runner's work for the moments the server is busy with this letter.
        """
        if unsubscribe.address_key(delivery.address) in self.suppressed:
            self.outcome.skipped += 1
            return {"status": DeliveryStatus.SKIPPED, "skip_reason": SkipReason.UNSUBSCRIBED}
        try:
            letter = self._written(delivery)
        except Exception as exc:  # noqa: BLE001 (this letter cannot be written: it fails, the others go on)
            self.outcome.failed += 1
            return {"status": DeliveryStatus.FAILED, "error": str(exc) or exc.__class__.__name__}
        try:
            self.channel.send(letter, go=go, meanwhile=meanwhile)
        except Refused as exc:
            if exc.permanent or delivery.attempts >= MAX_ATTEMPTS:
                self.outcome.failed += 1
                return {"status": DeliveryStatus.FAILED, "error": str(exc)}
            self.outcome.deferred += 1
            return {"status": DeliveryStatus.QUEUED, "error": str(exc), "retry_at": timezone.now() + RETRY_AFTER}
        self.outcome.sent += 1
        return {
            "status": DeliveryStatus.SENT,
            "sent_at": timezone.now(),
            "message_id": letter.extra_headers["Message-ID"],
            "error": "",
        }

    def beat(self) -> bool:
        """A sign of life, and a look at the material: withdrawn or no longer sendable cancels the mailing."""
        if services.cancel_unsendable(self.mailing.pk):
            return False
        return _beat(self.mailing.pk, self.token)

    def go(self) -> Outcome:
        with ledger(self.mailing.pk, self.token) as book:
            self.letters(book)
        return self.outcome

    def letters(self, book: Ledger) -> None:
        pacer = Pacer(settings.DISTRIBUTION_RATE_PER_MINUTE)
        size = BATCH
        if settings.DISTRIBUTION_RATE_PER_MINUTE:
            size = max(1, min(BATCH, settings.DISTRIBUTION_RATE_PER_MINUTE // 6))  # a batch takes ~10 s at most
        last_beat = time.monotonic()
        while batch := _claim(self.mailing.pk, timezone.now(), size):
            self.ahead.clear()
            for index, delivery in enumerate(batch):
                if time.monotonic() - last_beat > BEAT_EVERY:
                    if not (book.settle() and self.beat()):  # paused, cancelled, taken over, material withdrawn
                        _let_go(self.mailing.pk, batch[index:])
                        return
                    last_beat = time.monotonic()
                pacer.wait()
                # While the server answers MAIL, RCPT and the body: the last letter's record and the look (paused,
                # cancelled or taken over since the last letter?), the answer to the look, the next letter.
                chores = deque([book.ask, book.still])
                if index + 1 < len(batch):
                    chores.append(partial(self.write_ahead, batch[index + 1]))

                def go() -> bool:  # both done already when the server's waits gave them a moment
                    return book.catch_up() and book.still()

                try:
                    record = self.one(delivery, go, partial(_next_chore, chores))
                except Withheld:
                    book.settle()
                    _let_go(self.mailing.pk, batch[index:])
                    return
                except ChannelDown as exc:
                    if isinstance(exc, InDoubt):  # it may have arrived: never again by itself
                        self.outcome.unknown += 1
                        book.record(delivery, {"status": DeliveryStatus.UNKNOWN, "error": str(exc)})
                    book.settle()
                    _requeue(batch[index + isinstance(exc, InDoubt) :])
                    self.outcome.paused = str(exc)
                    return
                if not book.record(delivery, record):  # taken over while slow: the rest is another runner's
                    return
            if not book.settle():
                return
            # A beat locks the mailing and reads the material: once per BEAT_EVERY, not per batch (before every
            # letter the runner still asks whether the mailing is its own and sending).
            if time.monotonic() - last_beat > BEAT_EVERY:
                if not self.beat():
                    return
                last_beat = time.monotonic()
        self.outcome.finished = _finish(self.mailing.pk, self.token)


def _next_chore(chores: deque) -> None:
    if chores:
        chores.popleft()()


def _finish(mailing_id: int, token: str) -> bool:
    """Done when nothing is left queued (a letter waiting for its retry keeps the mailing open). The mailing's
    row is locked first, as a soft bounce locks it before it puts a letter back in the queue: so the bounce
    either comes before the look (and the mailing stays open) or after the mailing is done (and reopens it)."""
    with transaction.atomic():
        if not list(
            Mailing.objects.select_for_update()
            .filter(pk=mailing_id, runner=token, status=MailingStatus.SENDING)
            .values_list("pk", flat=True)
        ):
            return False
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
        if reason := services.cancel_unsendable(mailing_id):  # withdrawn or back in draft since it began
            return Outcome(cancelled=reason)
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
    nothing_queued = sending.exclude(pk__in=Delivery.objects.filter(status=DeliveryStatus.QUEUED).values("mailing"))
    ids |= set(nothing_queued.values_list("pk", flat=True))
    failed = Mailing.objects.filter(
        status=MailingStatus.PAUSED, auto_resume=True, runner="", beat_at__lt=now - RESUME_AFTER_FAILURE
    )
    for mailing_id in failed.values_list("pk", flat=True):
        if _resume_after_failure(mailing_id):
            ids.add(mailing_id)
    # Cancelled while a runner held letters, and that runner died before it skipped them.
    for mailing in Mailing.objects.filter(silent, status=MailingStatus.CANCELLED, pk__in=stale):
        with transaction.atomic():
            services.settle_if_abandoned(mailing, now)
    return sorted(ids)


def _resume_after_failure(mailing_id: int) -> bool:
    """The mail server had time to come back: the mailing sends again, unless its material may no longer go out
    (then it is cancelled with the reason)."""
    if services.cancel_unsendable(mailing_id):
        return False
    with transaction.atomic():
        if not Mailing.objects.filter(pk=mailing_id, status=MailingStatus.PAUSED, auto_resume=True).update(
            status=MailingStatus.SENDING, pause_reason="", auto_resume=False
        ):
            return False
        mailing = Mailing.objects.get(pk=mailing_id)
        audit.record(
            actor=None,
            action="distribution.mailing.resumed",
            target=mailing,
            unit=mailing.unit,
            note=_("Resumed by itself after the mail server failed."),
        )
    return True
