"""A runner taking over from one that was only slow, on PostgreSQL with two connections at once."""

from __future__ import annotations

import threading

import pytest
from django.db import connection, connections
from django.utils import timezone

from pressdesk.distribution import sending, services
from pressdesk.distribution.ledger import AsyncLedger, ledger
from pressdesk.distribution.models import Delivery, DeliveryStatus
from tests.distribution.post import to_journalists

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_slow_runners_record_during_a_takeover_is_kept_and_tells_it_to_stop(post, settings):
    if connection.vendor != "postgresql":
        pytest.skip("SQLite has one writer at a time: a record cannot slip into a takeover there")
    post.journalists(3)
    mailing = post.mailing()
    services.start(actor=post.secretary, mailing=mailing)
    assert sending.take_over(mailing.pk, "slow", timezone.now())
    first, second, third = sending._claim(mailing.pk, timezone.now(), 3)
    answers = []

    def slow_runner_records_its_first_letter() -> None:
        try:
            with ledger(mailing.pk, "slow") as book:  # as the runner writes, over a connection of its own
                assert isinstance(book, AsyncLedger)
                book.record(first, {"status": DeliveryStatus.SENT, "sent_at": timezone.now()})
                answers.append(book.settle())
        finally:
            connections.close_all()

    slow = threading.Thread(target=slow_runner_records_its_first_letter)

    def between_reading_and_marking(execute, sql, params, many, context):
        result = execute(sql, params, many, context)
        if not slow.is_alive() and not answers and '"distribution_delivery"' in sql and sql.startswith("SELECT"):
            slow.start()
            slow.join(timeout=1.0)  # it commits now unless the takeover holds the rows
        return result

    settings.DISTRIBUTION_RUNNER_LEASE_SECONDS = 0
    with connection.execute_wrapper(between_reading_and_marking):
        assert sending.take_over(mailing.pk, "new", timezone.now())
    slow.join()
    assert answers == [False]  # its letter was taken: it stops instead of sending the next
    states = dict(Delivery.objects.filter(mailing=mailing).values_list("pk", "status"))
    assert states == {
        first.pk: DeliveryStatus.SENT,  # what it did send is written down, not overwritten with "unknown"
        second.pk: DeliveryStatus.UNKNOWN,
        third.pk: DeliveryStatus.QUEUED,
    }


def test_a_runner_stops_before_the_next_letter_once_another_holds_the_mailing(post, smtp):
    post.journalists(3)
    mailing = post.mailing()
    services.start(actor=post.secretary, mailing=mailing)
    assert sending.take_over(mailing.pk, "old", timezone.now())
    run = sending.Run(mailing, "old", sending.open_channel())
    # Taken over just as it claims its batch: it must not hand over a single letter of it.
    type(mailing).objects.filter(pk=mailing.pk).update(runner="new")
    try:
        with ledger(mailing.pk, "old") as book:
            run.letters(book)
    finally:
        run.channel.close()
    assert to_journalists(smtp) == [] and run.outcome.sent == 0
    assert set(Delivery.objects.filter(mailing=mailing).values_list("status", flat=True)) == {DeliveryStatus.QUEUED}


def test_a_soft_bounce_while_the_runner_finishes_never_leaves_a_done_mailing_with_a_queued_letter(post, smtp):
    if connection.vendor != "postgresql":
        pytest.skip("SQLite has one writer at a time: a bounce cannot slip into the finish there")
    from django.db import transaction

    from pressdesk.distribution import bounces
    from pressdesk.distribution.models import Mailing, MailingStatus

    post.journalists(1)
    mailing = post.mailing()
    services.start(actor=post.secretary, mailing=mailing)
    assert sending.run(mailing.pk).finished
    Mailing.objects.filter(pk=mailing.pk).update(status=MailingStatus.SENDING, finished_at=None, runner="r")
    delivery = Delivery.objects.get(mailing=mailing)
    refusal = bounces.Recipient(delivery.address, "", "failed", "4.2.2", "mailbox full")
    bounced = threading.Thread(target=lambda: _soft_bounce(bounces, transaction, delivery, refusal))

    def between_looking_and_closing(execute, sql, params, many, context):
        result = execute(sql, params, many, context)
        if not bounced.is_alive() and '"distribution_delivery"' in sql and sql.startswith("SELECT"):
            bounced.start()
            bounced.join(timeout=1.0)  # it commits now unless the finish holds the mailing
        return result

    with connection.execute_wrapper(between_looking_and_closing):
        sending._finish(mailing.pk, "r")
    bounced.join()
    mailing.refresh_from_db()
    queued = Delivery.objects.filter(mailing=mailing, status=DeliveryStatus.QUEUED).exists()
    assert queued and mailing.status == MailingStatus.SENDING  # reopened for the retry, not closed over it


def _soft_bounce(bounces, transaction, delivery, refusal) -> None:
    try:
        with transaction.atomic():
            bounces._soft(delivery, refusal, timezone.now())
    finally:
        connections.close_all()


def test_a_runner_that_died_holding_every_letter_is_taken_over_by_the_minutes_job(post, smtp, settings):
    """Nothing is queued (its one batch held the whole mailing), yet the mailing is due and gets finished."""
    post.journalists(4)
    mailing = post.mailing()
    services.start(actor=post.secretary, mailing=mailing)
    assert sending.take_over(mailing.pk, "dead", timezone.now())
    assert len(sending._claim(mailing.pk, timezone.now(), sending.BATCH)) == 4
    settings.DISTRIBUTION_RUNNER_LEASE_SECONDS = 0
    assert sending.due() == [mailing.pk]
    outcome = sending.run(mailing.pk)
    assert (outcome.sent, outcome.unknown, outcome.finished) == (2, 0, True)  # the first two are in doubt
    assert services.counts(mailing)[DeliveryStatus.UNKNOWN] == 2 and len(to_journalists(smtp)) == 2
