"""Sending a mailing through a real SMTP server on loopback: each journalist once, in their language."""

from __future__ import annotations

import zoneinfo

import pytest
from django.utils import translation

from pressdesk.core.services import DomainError
from pressdesk.distribution import sending, services, unsubscribe
from pressdesk.distribution.models import Delivery, DeliveryStatus, MailingStatus
from tests.conftest import run_queued_tasks
from tests.distribution.post import subject, to_journalists

pytestmark = pytest.mark.django_db(transaction=True)


def test_each_journalist_gets_the_release_once_in_their_language(post, smtp):
    post.journalists(3, language="kk", prefix="kk")
    post.journalists(2, language="ru", prefix="ru")
    mailing = post.mailing()
    services.start(actor=post.secretary, mailing=mailing)
    run_queued_tasks()
    mailing.refresh_from_db()
    assert mailing.status == MailingStatus.DONE
    letters = to_journalists(smtp)
    received = {m["To"]: m for m in letters}
    assert len(letters) == 5 == len(received)
    assert subject(received["kk0@example.kz"]) == "Алматыда жаңа мектеп ашылды"
    assert subject(received["ru1@example.kz"]) == "В Алматы открылась новая школа"
    text = received["ru1@example.kz"].get_body(("plain",)).get_content()
    assert "Журналист ru1" in text and "/ru/news/" in text
    assert received["kk0@example.kz"]["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert services.counts(mailing)[DeliveryStatus.SENT] == 5


def test_a_second_runner_sends_nothing_again(post, smtp):
    post.journalists(4)
    mailing = post.mailing()
    services.start(actor=post.secretary, mailing=mailing)
    first = sending.run(mailing.pk)
    second = sending.run(mailing.pk)
    assert first.sent == 4 and second.sent == 0
    assert len(to_journalists(smtp)) == 4


def test_a_dead_runner_leaves_its_letter_in_doubt_not_sent_twice(post, smtp, settings):
    post.journalists(3)
    mailing = post.mailing()
    services.start(actor=post.secretary, mailing=mailing)
    # A runner claimed a letter and died: its mailing is held, the letter is "sending".
    stuck = Delivery.objects.filter(mailing=mailing).first()
    Delivery.objects.filter(pk=stuck.pk).update(status=DeliveryStatus.SENDING)
    assert sending.take_over(mailing.pk, "dead", sending.timezone.now())
    assert sending.run(mailing.pk).ran is False  # the dead runner's lease still holds
    settings.DISTRIBUTION_RUNNER_LEASE_SECONDS = 0
    outcome = sending.run(mailing.pk)
    assert outcome.sent == 2
    stuck.refresh_from_db()
    assert stuck.status == DeliveryStatus.UNKNOWN
    assert stuck.address not in {m["To"] for m in to_journalists(smtp)}


def test_the_server_down_pauses_the_mailing_and_nothing_is_lost(post, smtp, settings):
    post.journalists(3)
    mailing = post.mailing()
    services.start(actor=post.secretary, mailing=mailing)
    port, settings.EMAIL_PORT = settings.EMAIL_PORT, 1  # nobody listens there
    outcome = sending.run(mailing.pk)
    mailing.refresh_from_db()
    assert outcome.paused and mailing.status == MailingStatus.PAUSED and mailing.auto_resume
    assert services.counts(mailing)[DeliveryStatus.QUEUED] == 3
    settings.EMAIL_PORT = port
    services.resume(actor=post.secretary, mailing=mailing)
    run_queued_tasks()
    assert len(to_journalists(smtp)) == 3


def test_an_unsubscribed_address_is_left_out(post, smtp):
    post.journalists(2)
    unsubscribe.suppress("J0@example.kz", "releases")
    mailing = post.mailing()
    assert [r.address for r in services.audience(mailing).recipients] == ["j1@example.kz"]
    services.start(actor=post.secretary, mailing=mailing)
    run_queued_tasks()
    assert [m["To"] for m in to_journalists(smtp)] == ["j1@example.kz"]


def test_a_draft_is_refused_and_an_empty_segment_too(post):
    with translation.override("en"), pytest.raises(DomainError, match="published"):
        post.mailing(post.desk.draft())
    mailing = post.mailing()
    with translation.override("en"), pytest.raises(DomainError, match="Nobody would receive it"):
        services.start(actor=post.secretary, mailing=mailing)


def test_under_embargo_only_the_trusted_pool_and_marked(post, smtp):
    import datetime

    from django.utils import timezone

    post.journalists(2, prefix="open")
    post.journalists(1, trusted=True, prefix="trusted")
    material = post.desk.scheduled(timezone.now() + datetime.timedelta(hours=3), embargo=True)
    mailing = post.mailing(material)
    assert mailing.embargoed
    services.start(actor=post.secretary, mailing=mailing)
    run_queued_tasks()
    letters = to_journalists(smtp)
    assert [m["To"] for m in letters] == ["trusted0@example.kz"]
    assert subject(letters[0]).startswith("[")  # the embargo mark, in the journalist's language
    almaty = material.embargo_until.astimezone(zoneinfo.ZoneInfo("Asia/Almaty")).strftime("%H:%M")
    assert almaty in letters[0].get_body(("plain",)).get_content()
    assert material.embargo_recipients.filter(full_name="Журналист trusted0").exists()


def test_unsubscribing_while_a_mailing_waits_stops_the_waiting_letter(post, smtp):
    post.journalists(3)
    mailing = post.mailing()
    services.start(actor=post.secretary, mailing=mailing)
    unsubscribe.suppress("J1@Example.kz", "releases")  # as the letter's own link writes it, any case
    # At once, not at the runner's next look: a runner already past its start would send it otherwise.
    assert Delivery.objects.get(mailing=mailing, address="j1@example.kz").status == DeliveryStatus.SKIPPED
    run_queued_tasks()
    assert sorted(m["To"] for m in to_journalists(smtp)) == ["j0@example.kz", "j2@example.kz"]
    skipped = Delivery.objects.get(mailing=mailing, address="j1@example.kz")
    assert (skipped.status, skipped.skip_reason) == (DeliveryStatus.SKIPPED, "unsubscribed")


def test_the_log_shows_who_was_left_out_for_having_unsubscribed(post, smtp):
    post.journalists(2)
    unsubscribe.suppress("j0@example.kz", "all")
    mailing = post.mailing()
    services.start(actor=post.secretary, mailing=mailing)
    counts = services.counts(mailing)
    assert (counts[DeliveryStatus.QUEUED], counts[DeliveryStatus.SKIPPED]) == (1, 1)


def test_a_scheduled_mailing_that_falls_under_an_embargo_goes_to_the_trusted_with_files(post, smtp):
    import datetime

    from django.utils import timezone

    from pressdesk.publications import services as publications

    post.journalists(1, prefix="open")
    post.journalists(1, trusted=True, prefix="trusted")
    material = post.desk.published()
    mailing = post.mailing(material, include_subscribers=True)
    services.start(actor=post.secretary, mailing=mailing, send_at=timezone.now() + datetime.timedelta(minutes=5))
    # The press service puts the material back under embargo for a day before the mailing's time.
    publications.Material.objects.filter(pk=material.pk).update(
        embargo_until=timezone.now() + datetime.timedelta(days=1)
    )
    assert services.begin_due(now=timezone.now() + datetime.timedelta(minutes=6)) == [mailing.pk]
    mailing.refresh_from_db()
    assert mailing.embargoed and mailing.attach_files and not mailing.include_subscribers
    assert list(mailing.deliveries.values_list("address", flat=True)) == ["trusted0@example.kz"]
