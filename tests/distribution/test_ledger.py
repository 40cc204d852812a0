"""The runner's record of each letter: what it writes, and when it is in the database, on both databases
(over a connection of its own on PostgreSQL outside a transaction, in line otherwise)."""

from __future__ import annotations

import datetime

import pytest
from django.db import connection
from django.utils import timezone

from pressdesk.distribution import sending, services
from pressdesk.distribution.ledger import IN_FLIGHT, AsyncLedger, ledger
from pressdesk.distribution.models import Delivery, DeliveryStatus, SkipReason

pytestmark = pytest.mark.django_db(transaction=True)


def test_each_record_is_written_as_given_and_in_the_database_before_the_letter_after_next_goes(post):
    post.journalists(4)
    mailing = post.mailing()
    services.start(actor=post.secretary, mailing=mailing)
    assert sending.take_over(mailing.pk, "r", timezone.now())
    letters = sending._claim(mailing.pk, timezone.now(), 4)
    sent_at = timezone.now().replace(microsecond=123456)
    retry_at = sent_at + datetime.timedelta(minutes=10)
    fields = [
        {"status": DeliveryStatus.SENT, "sent_at": sent_at, "message_id": "<m1@example.kz>", "error": ""},
        {"status": DeliveryStatus.FAILED, "error": "550 нет такого адреса"},
        {"status": DeliveryStatus.QUEUED, "error": "451 later", "retry_at": retry_at},
        {"status": DeliveryStatus.SKIPPED, "skip_reason": SkipReason.UNSUBSCRIBED},
    ]

    def status(delivery) -> str:
        return Delivery.objects.get(pk=delivery.pk).status

    with ledger() as book:
        assert isinstance(book, AsyncLedger) == (connection.vendor == "postgresql")
        for number, (delivery, record) in enumerate(zip(letters, fields, strict=True)):
            assert book.record(delivery, record)
            assert book.catch_up()  # as the runner does before the next letter goes: the one before this is in
            if number >= IN_FLIGHT - 1:
                assert status(letters[number - IN_FLIGHT + 1]) == fields[number - IN_FLIGHT + 1]["status"]
        assert book.catch_up()
        if not isinstance(book, AsyncLedger):  # in line, catch_up writes the last one (async: it travels)
            assert status(letters[-1]) == fields[-1]["status"]
        assert book.settle()
    rows = {row.pk: row for row in Delivery.objects.filter(pk__in=[d.pk for d in letters])}
    first, failed, later, skipped = (rows[d.pk] for d in letters)
    assert (first.status, first.sent_at, first.message_id) == (DeliveryStatus.SENT, sent_at, "<m1@example.kz>")
    assert (failed.status, failed.error) == (DeliveryStatus.FAILED, "550 нет такого адреса")
    assert (later.status, later.retry_at, later.error) == (DeliveryStatus.QUEUED, retry_at, "451 later")
    assert (skipped.status, skipped.skip_reason) == (DeliveryStatus.SKIPPED, SkipReason.UNSUBSCRIBED)


def test_a_record_that_finds_its_letter_taken_says_stop_and_still_writes_what_was_sent(post):
    post.journalists(2)
    mailing = post.mailing()
    services.start(actor=post.secretary, mailing=mailing)
    assert sending.take_over(mailing.pk, "r", timezone.now())
    first, second = sending._claim(mailing.pk, timezone.now(), 2)
    Delivery.objects.filter(pk=first.pk).update(status=DeliveryStatus.UNKNOWN)  # declared dead meanwhile
    with ledger() as book:
        book.record(first, {"status": DeliveryStatus.SENT, "sent_at": timezone.now()})
        assert not book.settle()
        assert not book.record(second, {"status": DeliveryStatus.SENT, "sent_at": timezone.now()})
    assert Delivery.objects.get(pk=first.pk).status == DeliveryStatus.SENT
    if isinstance(book, AsyncLedger):
        assert book.connection.closed
