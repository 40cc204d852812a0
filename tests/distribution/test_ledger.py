"""The runner's record of each letter and its look at the mailing: what it writes, when it is in the database, and
what the look answers, on both databases (over a connection of its own on PostgreSQL outside a transaction, the
record and the look as one statement; in line otherwise)."""

from __future__ import annotations

import datetime

import pytest
from django.db import connection
from django.utils import timezone

from pressdesk.distribution import sending, services
from pressdesk.distribution.ledger import IN_FLIGHT, AsyncLedger, ledger
from pressdesk.distribution.models import Delivery, DeliveryStatus, Mailing, MailingStatus, SkipReason

pytestmark = pytest.mark.django_db(transaction=True)


def claimed(post, count: int, token: str):
    """A started mailing to ``count`` journalists held by the runner ``token``, and its letters claimed."""
    post.journalists(count)
    mailing = post.mailing()
    services.start(actor=post.secretary, mailing=mailing)
    assert sending.take_over(mailing.pk, token, timezone.now())
    return mailing, sending._claim(mailing.pk, timezone.now(), count)


def test_each_record_is_written_as_given_and_in_the_database_before_the_letter_after_next_goes(post):
    mailing, letters = claimed(post, 4, "r")
    sent_at = timezone.now().replace(microsecond=123456)
    retry_at = sent_at + datetime.timedelta(minutes=10)
    fields = [
        {"status": DeliveryStatus.SENT, "sent_at": sent_at, "message_id": "<m1@example.kz>", "error": ""},
        {"status": DeliveryStatus.FAILED, "error": "550 нет такого адреса"},
        {"status": DeliveryStatus.QUEUED, "error": "451 later", "retry_at": retry_at},
        {"status": DeliveryStatus.SKIPPED, "skip_reason": SkipReason.UNSUBSCRIBED},
    ]

    with ledger(mailing.pk, "r") as book:
        assert isinstance(book, AsyncLedger) == (connection.vendor == "postgresql")
        for number, (delivery, record) in enumerate(zip(letters, fields, strict=True)):
            assert book.record(delivery, record)
            book.ask()  # as the runner does: asked after a letter, answered before the next goes
            assert book.catch_up() and book.still()
            in_before = number - IN_FLIGHT + 1  # the letter whose record is in before the next one goes
            if in_before >= 0:
                assert status_of(letters[in_before]) == fields[in_before]["status"]
        assert book.settle()
    rows = {row.pk: row for row in Delivery.objects.filter(pk__in=[d.pk for d in letters])}
    first, failed, later, skipped = (rows[d.pk] for d in letters)
    assert (first.status, first.sent_at, first.message_id) == (DeliveryStatus.SENT, sent_at, "<m1@example.kz>")
    assert (failed.status, failed.error) == (DeliveryStatus.FAILED, "550 нет такого адреса")
    assert (later.status, later.retry_at, later.error) == (DeliveryStatus.QUEUED, retry_at, "451 later")
    assert (skipped.status, skipped.skip_reason) == (DeliveryStatus.SKIPPED, SkipReason.UNSUBSCRIBED)


def test_a_record_that_finds_its_letter_taken_says_stop_and_still_writes_what_was_sent(post):
    mailing, (first, second) = claimed(post, 2, "r")
    Delivery.objects.filter(pk=first.pk).update(status=DeliveryStatus.UNKNOWN)  # declared dead meanwhile
    with ledger(mailing.pk, "r") as book:
        book.record(first, {"status": DeliveryStatus.SENT, "sent_at": timezone.now()})
        book.ask()  # on PostgreSQL the record goes after the look: its answer is read at the next look
        ready = book.catch_up() and book.still()
        assert ready == isinstance(book, AsyncLedger)  # in line, the record is written first and says stop
        assert not book.settle()
        assert not book.record(second, {"status": DeliveryStatus.SENT, "sent_at": timezone.now()})
    assert Delivery.objects.get(pk=first.pk).status == DeliveryStatus.SENT
    if isinstance(book, AsyncLedger):
        assert book.pipeline.connection.closed


def test_the_look_answers_for_the_mailing_as_it_is_when_asked_with_or_without_a_record(post):
    mailing, (first, second) = claimed(post, 2, "ours")
    mailings = Mailing.objects.filter(pk=mailing.pk)
    with ledger(mailing.pk, "ours") as book:
        book.ask()
        assert book.still() and book.still()  # read once, kept until the next question
        book.ask()  # asked and never read: the next question reads it first
        book.ask()
        assert book.still()
        mailings.update(status=MailingStatus.PAUSED)
        book.record(first, {"status": DeliveryStatus.SENT, "sent_at": timezone.now()})
        book.ask()  # the look, then the record (on PostgreSQL)
        assert book.catch_up() and not book.still()
        assert book.settle() and status_of(first) == DeliveryStatus.SENT
        mailings.update(status=MailingStatus.SENDING, runner="another")
        book.ask()
        assert not book.still()
        mailings.update(runner="ours")
        assert book.still() is False  # no new question, the last answer
        book.record(second, {"status": DeliveryStatus.FAILED, "error": "550"})
        assert book.catch_up()  # the record alone
        book.ask()
        assert book.still()  # the record sent before the look is in
        assert status_of(second) == DeliveryStatus.FAILED
    if isinstance(book, AsyncLedger):
        assert book.pipeline.connection.closed


def status_of(delivery) -> str:
    return Delivery.objects.get(pk=delivery.pk).status
