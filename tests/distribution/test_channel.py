"""What the runner does with each way a mail server can fail one letter, against real misbehaving servers."""

from __future__ import annotations

import asyncio
from collections import Counter

import pytest

from pressdesk.distribution import sending, services
from pressdesk.distribution.models import Delivery, DeliveryStatus, MailingStatus
from tests.distribution.servers import Keeper, Provider, Refusing, SlowToAnswer, TooLargeAtMail, serve

pytestmark = pytest.mark.django_db(transaction=True)


def statuses(mailing) -> dict[str, str]:
    return dict(Delivery.objects.filter(mailing=mailing).values_list("address", "status"))


def test_a_letter_taken_but_answered_too_late_is_in_doubt_and_never_sent_again(post, settings):
    post.journalists(3)
    mailing = post.mailing()
    settings.EMAIL_TIMEOUT = 0.5
    with serve(settings, SlowToAnswer("j0@example.kz", delay=1.0)) as server:
        services.start(actor=post.secretary, mailing=mailing)
        outcome = sending.run(mailing.pk)
        mailing.refresh_from_db()
        assert outcome.paused and mailing.status == MailingStatus.PAUSED and mailing.auto_resume
        assert statuses(mailing) == {
            "j0@example.kz": DeliveryStatus.UNKNOWN,
            "j1@example.kz": DeliveryStatus.QUEUED,
            "j2@example.kz": DeliveryStatus.QUEUED,
        }
        services.resume(actor=post.secretary, mailing=mailing)
        sending.run(mailing.pk)
    assert Counter(server.received) == {"j0@example.kz": 1, "j1@example.kz": 1, "j2@example.kz": 1}
    assert statuses(mailing)["j0@example.kz"] == DeliveryStatus.UNKNOWN


def test_a_letter_too_large_for_the_server_fails_alone(post, settings):
    post.journalists(3)
    mailing = post.mailing()
    with serve(settings, TooLargeAtMail(which=2)) as server:
        services.start(actor=post.secretary, mailing=mailing)
        outcome = sending.run(mailing.pk)
    assert outcome.finished and not outcome.paused
    delivery = Delivery.objects.get(mailing=mailing, address="j1@example.kz")
    assert delivery.status == DeliveryStatus.FAILED and delivery.error.startswith("552")
    assert sorted(server.received) == ["j0@example.kz", "j2@example.kz"]


def test_a_refused_address_fails_and_the_rest_go(post, settings):
    post.journalists(3)
    mailing = post.mailing()
    with serve(settings, Refusing("j1@example.kz")) as server:
        services.start(actor=post.secretary, mailing=mailing)
        assert sending.run(mailing.pk).finished
    assert statuses(mailing)["j1@example.kz"] == DeliveryStatus.FAILED
    assert sorted(server.received) == ["j0@example.kz", "j2@example.kz"]


def test_an_address_that_cannot_be_written_fails_that_letter_only(post, settings):
    post.journalists(3)
    mailing = post.mailing()
    with serve(settings, Refusing("nobody")) as server:
        services.start(actor=post.secretary, mailing=mailing)
        Delivery.objects.filter(mailing=mailing, address="j1@example.kz").update(address="j1@@example.kz")
        outcome = sending.run(mailing.pk)
    assert outcome.finished
    delivery = Delivery.objects.get(mailing=mailing, address="j1@@example.kz")
    assert delivery.status == DeliveryStatus.FAILED and delivery.error
    assert sorted(server.received) == ["j0@example.kz", "j2@example.kz"]


def test_through_a_provider_a_refused_or_rejected_letter_fails_alone_and_an_outage_pauses(post, settings):
    post.journalists(4)
    mailing = post.mailing()
    provider = Provider(
        {
            "j1@example.kz": (422, {"ErrorCode": 300, "Message": "Invalid 'To' address: 'j1@example.kz'."}),
            "j2@example.kz": (400, {"ErrorCode": 402, "Message": "Invalid JSON"}),
            "j3@example.kz": (503, {"ErrorCode": 100, "Message": "Maintenance"}),
        }
    )
    with provider.serving(settings):
        services.start(actor=post.secretary, mailing=mailing)
        outcome = sending.run(mailing.pk)
    assert outcome.paused and "503" in outcome.paused
    assert statuses(mailing) == {
        "j0@example.kz": DeliveryStatus.SENT,
        "j1@example.kz": DeliveryStatus.FAILED,
        "j2@example.kz": DeliveryStatus.FAILED,
        "j3@example.kz": DeliveryStatus.QUEUED,
    }


@pytest.mark.parametrize(
    "address",
    [
        "aida.n@example.kz",
        "o'brien+press@news.example.com",
        "Айгүл <aigul@example.kz>",
        "editor@almaty-жаңалық.kz",
        "редактор@example.kz",
        "x@y\nBcc: all@example.kz",
    ],
)
def test_the_envelope_address_is_what_django_would_write_and_only_plain_ones_skip_its_parser(address):
    from django.core.mail.message import sanitize_address

    from pressdesk.distribution.channels import EmailChannel

    channel = EmailChannel("django.core.mail.backends.smtp.EmailBackend")
    try:
        expected = sanitize_address(address, "utf-8")
    except ValueError:
        with pytest.raises(ValueError):
            channel._address(address, "utf-8")
        return
    assert channel._address(address, "utf-8") == expected


class WaitsForTheNextLetter(Keeper):
    """Holds each letter's answer until the sender has written its next one (two seconds at most), noting how many
    letters were written by the time each answer went."""

    def __init__(self, written: list[int], total: int) -> None:
        super().__init__()
        self.written, self.total, self.seen = written, total, []

    async def answer(self, message) -> str:
        wanted = min(len(self.received) + 1, self.total)
        for _ in range(200):
            if len(self.written) >= wanted:
                break
            await asyncio.sleep(0.01)
        self.seen.append(len(self.written))
        return await super().answer(message)


def test_the_next_letter_is_written_while_the_server_takes_this_one_in(post, settings, monkeypatch):
    post.journalists(4)
    mailing = post.mailing()
    written: list[int] = []
    letter = sending.Run.letter

    def counted(run, delivery):
        written.append(delivery.pk)
        return letter(run, delivery)

    monkeypatch.setattr(sending.Run, "letter", counted)
    with serve(settings, WaitsForTheNextLetter(written, total=4)) as server:
        services.start(actor=post.secretary, mailing=mailing)
        assert sending.run(mailing.pk).sent == 4
    # Each answer found the following letter written already: it was written while the server had this one.
    assert server.seen == [2, 3, 4, 4]
    assert len(written) == len(set(written)) == 4  # each written once, none again in its turn
    assert sorted(server.received) == [f"j{n}@example.kz" for n in range(4)]


def test_a_letter_that_cannot_be_written_ahead_fails_in_its_turn_and_the_rest_go(post, settings, monkeypatch):
    post.journalists(3)
    mailing = post.mailing()
    letter = sending.Run.letter

    def failing(run, delivery):
        if delivery.address == "j1@example.kz":
            raise ValueError("no such edition")
        return letter(run, delivery)

    monkeypatch.setattr(sending.Run, "letter", failing)
    with serve(settings, Keeper()) as server:
        services.start(actor=post.secretary, mailing=mailing)
        outcome = sending.run(mailing.pk)
    assert (outcome.sent, outcome.failed) == (2, 1)
    delivery = Delivery.objects.get(mailing=mailing, address="j1@example.kz")
    assert delivery.status == DeliveryStatus.FAILED and delivery.error == "no such edition"
    assert sorted(server.received) == ["j0@example.kz", "j2@example.kz"]
