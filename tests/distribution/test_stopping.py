"""A mailing stops when it must: its material withdrawn or back in draft, a cancel or a pause between two letters,
and a dead runner's letters settled on cancel."""

from __future__ import annotations

import asyncio
import datetime

import pytest
from django.db import connections
from django.utils import timezone, translation

from pressdesk.core.models import AuditEntry
from pressdesk.distribution import sending, services
from pressdesk.distribution.models import Delivery, DeliveryStatus, Mailing, MailingStatus, SkipReason
from pressdesk.publications import services as publications
from pressdesk.publications.models import Material, Status
from tests.distribution.servers import Keeper, serve

pytestmark = pytest.mark.django_db(transaction=True)


def states(mailing) -> list[tuple[str, str, str]]:
    return list(Delivery.objects.filter(mailing=mailing).values_list("address", "status", "skip_reason"))


def test_withdrawing_the_material_cancels_its_open_mailings_at_once(post, smtp):
    post.journalists(2)
    mailing = post.mailing()
    services.start(actor=post.secretary, mailing=mailing)
    with translation.override("en"):
        publications.withdraw(actor=post.secretary, material=mailing.material, reason="Figures are being checked.")
    mailing.refresh_from_db()
    assert mailing.status == MailingStatus.CANCELLED and "Figures are being checked." in mailing.pause_reason
    assert {(s, r) for _a, s, r in states(mailing)} == {(DeliveryStatus.SKIPPED, SkipReason.CANCELLED)}
    assert sending.run(mailing.pk).sent == 0


def test_a_runner_cancels_a_mailing_whose_material_went_back_to_draft(post, smtp):
    post.journalists(2)
    mailing = post.mailing()
    services.start(actor=post.secretary, mailing=mailing)
    Material.objects.filter(pk=mailing.material_id).update(status=Status.DRAFT)  # by whatever way, not a hook
    outcome = sending.run(mailing.pk)
    mailing.refresh_from_db()
    assert outcome.sent == 0 and outcome.cancelled and mailing.status == MailingStatus.CANCELLED
    assert {s for _a, s, _r in states(mailing)} == {DeliveryStatus.SKIPPED}


def test_the_periodic_job_does_not_resume_a_mailing_whose_material_was_withdrawn(post, smtp, settings):
    post.journalists(2)
    mailing = post.mailing()
    services.start(actor=post.secretary, mailing=mailing)
    settings.EMAIL_PORT = 1  # the server down: paused, to resume by itself
    assert sending.run(mailing.pk).paused
    Material.objects.filter(pk=mailing.material_id).update(status=Status.WITHDRAWN)
    assert sending.due(timezone.now() + datetime.timedelta(minutes=10)) == []
    mailing.refresh_from_db()
    assert mailing.status == MailingStatus.CANCELLED and mailing.pause_reason


def test_resuming_by_itself_is_written_in_the_audit(post, smtp, settings):
    post.journalists(1)
    mailing = post.mailing()
    services.start(actor=post.secretary, mailing=mailing)
    settings.EMAIL_PORT = 1
    assert sending.run(mailing.pk).paused
    assert sending.due(timezone.now() + datetime.timedelta(minutes=10)) == [mailing.pk]
    assert AuditEntry.objects.filter(action="distribution.mailing.resumed", target_id=str(mailing.pk)).exists()


class CancelledDuringTheFirstLetter(Keeper):
    """The press secretary cancels while the server takes the first letter."""

    def __init__(self, post, mailing) -> None:
        super().__init__()
        self.post, self.mailing = post, mailing

    def cancel(self) -> None:
        try:
            services.cancel(actor=self.post.secretary, mailing=Mailing.objects.get(pk=self.mailing.pk))
        finally:
            connections.close_all()

    async def answer(self, message) -> str:
        if len(self.received) == 1:
            await asyncio.to_thread(self.cancel)
        return await super().answer(message)


def test_a_cancel_stops_the_runner_before_the_next_letter_and_the_rest_is_skipped(post, settings):
    post.journalists(3)
    mailing = post.mailing()
    with serve(settings, CancelledDuringTheFirstLetter(post, mailing)) as server:
        services.start(actor=post.secretary, mailing=mailing)
        sending.run(mailing.pk)
    assert server.received == ["j0@example.kz"]
    assert states(mailing) == [
        ("j0@example.kz", DeliveryStatus.SENT, ""),
        ("j1@example.kz", DeliveryStatus.SKIPPED, SkipReason.CANCELLED),
        ("j2@example.kz", DeliveryStatus.SKIPPED, SkipReason.CANCELLED),
    ]


def test_cancelling_settles_the_letters_a_dead_runner_left(post, smtp):
    post.journalists(3)
    mailing = post.mailing()
    services.start(actor=post.secretary, mailing=mailing)
    assert sending.take_over(mailing.pk, "dead", timezone.now() - datetime.timedelta(hours=1))
    sending._claim(mailing.pk, timezone.now(), 3)
    services.cancel(actor=post.secretary, mailing=mailing)
    assert [(s, r) for _a, s, r in states(mailing)] == [
        (DeliveryStatus.UNKNOWN, ""),  # the two it may have handed over unrecorded
        (DeliveryStatus.UNKNOWN, ""),
        (DeliveryStatus.SKIPPED, SkipReason.CANCELLED),
    ]


def test_interrupted_letters_are_not_sent_again_once_cancelled_or_withdrawn(post, smtp):
    from pressdesk.core.services import DomainError

    post.journalists(2)
    mailing = post.mailing()
    services.start(actor=post.secretary, mailing=mailing)
    assert sending.run(mailing.pk).finished
    Delivery.objects.filter(mailing=mailing, address="j0@example.kz").update(status=DeliveryStatus.UNKNOWN)
    Material.objects.filter(pk=mailing.material_id).update(status=Status.WITHDRAWN)
    with translation.override("en"), pytest.raises(DomainError, match="can be sent"):
        services.resend_interrupted(actor=post.secretary, mailing=mailing)
    with translation.override("en"), pytest.raises(DomainError, match="can be sent"):
        services.send_test(actor=post.secretary, mailing=mailing)
    Mailing.objects.filter(pk=mailing.pk).update(status=MailingStatus.CANCELLED)
    with translation.override("en"), pytest.raises(DomainError, match="cancelled"):
        services.resend_interrupted(actor=post.secretary, mailing=mailing)
    assert Delivery.objects.get(mailing=mailing, address="j0@example.kz").status == DeliveryStatus.UNKNOWN
