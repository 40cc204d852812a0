"""Bounces: delivery-status notifications about letters a real SMTP server received, read from mailbox files."""

from __future__ import annotations

import datetime
import io
import mailbox
from pathlib import Path
from string import Template

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone
from hypothesis import HealthCheck, given, settings, strategies

from pressdesk.core.models import AuditEntry
from pressdesk.directory.models import Contact
from pressdesk.distribution import bounces, sending, services, subscriptions
from pressdesk.distribution.models import (
    Bounce,
    BounceKind,
    Delivery,
    DeliveryStatus,
    MailingStatus,
    Subscription,
)
from tests.distribution.post import to_journalists

pytestmark = pytest.mark.django_db

DSN = Path(__file__).parent / "dsn"


def dsn(name: str, **values: str) -> bytes:
    """A sample notification with the addresses and the Message-ID of a real letter put in."""
    return Template((DSN / name).read_text()).safe_substitute(values).encode()


def mbox(folder: Path, *messages: bytes, name: str = "bounces.mbox") -> Path:
    path = folder / name
    box = mailbox.mbox(path)
    for message in messages:
        box.add(message)
    box.flush()
    box.close()
    return path


def eml(folder: Path, message: bytes, name: str = "bounce.eml") -> Path:
    path = folder / name
    path.write_bytes(message)
    return path


def read(path: Path, verbosity: int = 1) -> tuple[str, str]:
    out, err = io.StringIO(), io.StringIO()
    call_command("distribution", "bounces", str(path), "--language", "en", verbosity=verbosity, stdout=out, stderr=err)
    return out.getvalue().strip(), err.getvalue().strip()


def summary(read_: int, hard=0, soft=0, ignored=0, seen=0, unreadable=0) -> str:
    return f"read {read_}, hard {hard}, soft {soft}, ignored {ignored}, already seen {seen}, unreadable {unreadable}"


def sent(post, smtp):
    """A mailing sent through the SMTP server to the journalists made so far; the letters of it received, by address."""
    mailing = post.mailing()
    services.start(actor=post.secretary, mailing=mailing)
    sending.run(mailing.pk)
    mailing.refresh_from_db()
    ours = set(Delivery.objects.filter(mailing=mailing).values_list("message_id", flat=True))
    return mailing, {m["To"]: m for m in to_journalists(smtp) if m["Message-ID"] in ours}


def delivery(mailing, address: str) -> Delivery:
    return Delivery.objects.get(mailing=mailing, address=address)


def test_a_hard_bounce_marks_the_address_invalid_and_the_next_mailing_leaves_it_out(post, smtp, tmp_path):
    post.journalists(2)
    mailing, received = sent(post, smtp)
    letter = received["j0@example.kz"]
    report = dsn("postfix_hard.eml", address="j0@example.kz", message_id=letter["Message-ID"])

    out, err = read(eml(tmp_path, report))

    assert out == summary(1, hard=1) and err == ""
    bounced = delivery(mailing, "j0@example.kz")
    assert bounced.status == DeliveryStatus.BOUNCED and "5.1.1" in bounced.error
    bounce = Bounce.objects.get()
    assert (bounce.delivery, bounce.kind, bounce.status_code) == (bounced, BounceKind.HARD, "5.1.1")
    assert "User unknown in virtual mailbox table" in bounce.diagnostic
    assert delivery(mailing, "j1@example.kz").status == DeliveryStatus.SENT
    contact = Contact.objects.get(normalized="j0@example.kz")
    assert contact.invalid_since is not None
    assert AuditEntry.objects.filter(
        action="directory.contact.invalidated", target_id=str(contact.journalist_id)
    ).exists()

    following = services.audience(post.mailing())
    assert [r.address for r in following.recipients] == ["j1@example.kz"]
    assert following.without_email == 1


def test_the_returned_message_id_names_the_letter_even_when_the_address_had_a_later_one(post, smtp, tmp_path):
    post.journalists(1)
    first, received = sent(post, smtp)
    second, _later = sent(post, smtp)
    report = dsn("postfix_hard.eml", address="j0@example.kz", message_id=received["j0@example.kz"]["Message-ID"])

    read(eml(tmp_path, report))

    assert delivery(first, "j0@example.kz").status == DeliveryStatus.BOUNCED
    assert delivery(second, "j0@example.kz").status == DeliveryStatus.SENT


def test_a_soft_bounce_is_counted_and_the_letter_sent_again_after_a_while(post, smtp, tmp_path):
    post.journalists(2)
    mailing, received = sent(post, smtp)
    assert mailing.status == MailingStatus.DONE
    report = dsn("mailbox_full.eml", address="j1@example.kz", message_id=received["j1@example.kz"]["Message-ID"])
    before = timezone.now()

    out, _err = read(eml(tmp_path, report))

    assert out == summary(1, soft=1)
    waiting = delivery(mailing, "j1@example.kz")
    assert (waiting.status, waiting.soft_bounces, waiting.attempts) == (DeliveryStatus.QUEUED, 1, 1)
    assert "4.2.2" in waiting.error
    assert before + sending.RETRY_AFTER <= waiting.retry_at <= timezone.now() + sending.RETRY_AFTER
    mailing.refresh_from_db()
    assert mailing.status == MailingStatus.SENDING and mailing.finished_at is None
    assert mailing.pk not in sending.due()  # not before its time
    assert mailing.pk in sending.due(waiting.retry_at + datetime.timedelta(seconds=1))

    Delivery.objects.filter(pk=waiting.pk).update(retry_at=timezone.now())  # the ten minutes have passed
    assert sending.run(mailing.pk).sent == 1
    waiting.refresh_from_db()
    assert (waiting.status, waiting.attempts) == (DeliveryStatus.SENT, 2)
    assert [m["To"] for m in to_journalists(smtp)].count("j1@example.kz") == 2
    mailing.refresh_from_db()
    assert mailing.status == MailingStatus.DONE


def test_after_the_last_attempt_a_soft_bounce_fails_the_letter(post, smtp, tmp_path):
    post.journalists(1)
    mailing, received = sent(post, smtp)
    Delivery.objects.filter(mailing=mailing).update(attempts=sending.MAX_ATTEMPTS)
    report = dsn("mailbox_full.eml", address="j0@example.kz", message_id=received["j0@example.kz"]["Message-ID"])

    read(eml(tmp_path, report))

    failed = delivery(mailing, "j0@example.kz")
    assert (failed.status, failed.soft_bounces) == (DeliveryStatus.FAILED, 1)
    mailing.refresh_from_db()
    assert mailing.status == MailingStatus.DONE
    assert Contact.objects.get(normalized="j0@example.kz").invalid_since is None


def test_a_delayed_letter_is_counted_but_not_sent_again_while_the_server_still_tries_it(post, smtp, tmp_path):
    post.journalists(1)
    mailing, received = sent(post, smtp)
    report = dsn("delayed.eml", address="j0@example.kz", message_id=received["j0@example.kz"]["Message-ID"])

    out, _err = read(eml(tmp_path, report))

    assert out == summary(1, soft=1)
    late = delivery(mailing, "j0@example.kz")
    assert (late.status, late.soft_bounces) == (DeliveryStatus.SENT, 1)
    assert Bounce.objects.get().kind == BounceKind.SOFT


def test_a_report_on_several_recipients_acts_only_on_the_letter_it_returns(post, smtp, tmp_path):
    post.journalists(3)
    mailing, received = sent(post, smtp)
    report = dsn(
        "multi_recipient.eml",
        hard="j0@example.kz",
        soft="J1@Example.kz",
        relayed="j2@example.kz",
        message_id=received["j0@example.kz"]["Message-ID"],
    )

    out, _err = read(eml(tmp_path, report))

    assert out == summary(1, hard=1)
    assert delivery(mailing, "j0@example.kz").status == DeliveryStatus.BOUNCED
    assert delivery(mailing, "j1@example.kz").status == DeliveryStatus.SENT  # its own letter was not returned
    assert list(Bounce.objects.values_list("address", "kind")) == [("j0@example.kz", BounceKind.HARD)]


def test_reading_the_same_mailbox_twice_changes_nothing_and_a_damaged_report_does_not_stop_the_rest(
    post, smtp, tmp_path
):
    post.journalists(3)
    mailing, received = sent(post, smtp)
    path = mbox(
        tmp_path,
        dsn("postfix_hard.eml", address="j0@example.kz", message_id=received["j0@example.kz"]["Message-ID"]),
        dsn("not_a_report.eml"),
        dsn("malformed.eml"),
        dsn("auto_reply.eml"),
        dsn("mailbox_full.eml", address="j1@example.kz", message_id=received["j1@example.kz"]["Message-ID"]),
        # No Message-ID of its own: known by its bytes.
        dsn(
            "multi_recipient.eml",
            hard="j2@example.kz",
            soft="nobody@example.kz",
            relayed="j0@example.kz",
            message_id=received["j2@example.kz"]["Message-ID"],
        ),
    )

    out, err = read(path)

    assert out == summary(6, hard=2, soft=1, ignored=2, unreadable=1)
    assert err == "bounces.mbox#3: recipient somebody@example.kz: the status “five.one.one” is not an RFC 3463 code"
    state = list(Delivery.objects.filter(mailing=mailing).values_list("address", "status", "soft_bounces", "error"))
    audited = AuditEntry.objects.count()

    out, err = read(path)

    assert out == summary(6, ignored=2, seen=3, unreadable=1)
    assert list(Delivery.objects.filter(mailing=mailing).values_list("address", "status", "soft_bounces", "error")) == (
        state
    )
    assert Bounce.objects.count() == 3 and AuditEntry.objects.count() == audited


def test_the_command_says_what_it_did_with_each_message(post, smtp, tmp_path):
    post.journalists(1)
    _mailing, received = sent(post, smtp)
    path = mbox(
        tmp_path,
        dsn("postfix_hard.eml", address="j0@example.kz", message_id=received["j0@example.kz"]["Message-ID"]),
        dsn("auto_reply.eml"),
    )

    out, _err = read(path, verbosity=2)

    assert out.splitlines() == [
        "bounces.mbox#1: j0@example.kz: hard bounce: the address is marked invalid",
        "bounces.mbox#2: an automatic reply",
        summary(2, hard=1, ignored=1),
    ]


def test_a_maildir_and_a_folder_of_eml_files_are_read(post, smtp, tmp_path):
    post.journalists(2)
    mailing, received = sent(post, smtp)
    maildir = mailbox.Maildir(tmp_path / "Maildir", create=True)
    maildir.add(dsn("postfix_hard.eml", address="j0@example.kz", message_id=received["j0@example.kz"]["Message-ID"]))
    maildir.add(dsn("auto_reply.eml"))
    folder = tmp_path / "saved"
    folder.mkdir()
    eml(folder, dsn("delayed.eml", address="j1@example.kz", message_id=received["j1@example.kz"]["Message-ID"]))

    assert read(tmp_path / "Maildir")[0] == summary(2, hard=1, ignored=1)
    assert read(folder)[0] == summary(1, soft=1)
    assert delivery(mailing, "j1@example.kz").soft_bounces == 1


def test_a_report_about_a_letter_that_is_not_ours_changes_nothing(post, smtp, tmp_path):
    post.journalists(1)
    mailing, received = sent(post, smtp)
    ours = received["j0@example.kz"]["Message-ID"]
    pk = delivery(mailing, "j0@example.kz").pk
    # Our Message-ID's shape with the right letter's number but another mailing: not ours, and another address.
    forged = ours.replace(f"pd-{pk}-{mailing.pk}@", f"pd-{pk}-{mailing.pk + 1}@")
    path = mbox(
        tmp_path,
        dsn("postfix_hard.eml", address="stranger@example.kz", message_id=forged),
        dsn("postfix_hard.eml", address="someone@example.kz", message_id="<abc@elsewhere.example.kz>"),
    )

    assert read(path)[0] == summary(2, ignored=2)
    assert not Bounce.objects.exists()
    assert delivery(mailing, "j0@example.kz").status == DeliveryStatus.SENT


def test_a_hard_bounce_ends_a_portal_subscription_with_the_address(post, smtp, tmp_path):
    subscriptions.subscription_request(address="reader@example.kz", language="ru", topics=[], categories=[])
    subscriptions.subscription_confirm(subscriptions.confirmation_token(Subscription.objects.get()))
    _mailing, received = sent(post, smtp)
    report = dsn(
        "postfix_hard.eml", address="reader@example.kz", message_id=received["reader@example.kz"]["Message-ID"]
    )

    assert read(eml(tmp_path, report))[0] == summary(1, hard=1)
    assert not Subscription.objects.exists()
    assert AuditEntry.objects.filter(action="distribution.subscription.bounced").exists()


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda folder: folder / "missing.mbox", "does not exist"),
        (lambda folder: eml(folder, b"just some notes\n", name="notes.txt"), "is not an mbox file"),
        (lambda folder: folder, "neither a Maildir nor a folder of .eml files"),
    ],
)
def test_a_path_that_is_not_a_mailbox_is_refused(tmp_path, make, message):
    with pytest.raises(CommandError, match=message) as refused:
        read(make(tmp_path))
    assert refused.value.returncode != 0  # what the console command exits with


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    cut=strategies.integers(min_value=0, max_value=4000),
    noise=strategies.binary(max_size=60),
    name=strategies.sampled_from(sorted(p.name for p in DSN.glob("*.eml"))),
)
def test_any_damage_to_a_report_is_read_as_a_report_an_ignored_message_or_unreadable(cut, noise, name):
    raw = dsn(name, address="j0@example.kz", message_id="<pd-1-1@example.kz>", hard="a@x.kz", soft="b@x.kz")
    damaged = raw[:cut] + noise + raw[cut + len(noise) :]
    try:
        report = bounces.parse(damaged)
    except (bounces.NotAReport, bounces.Unreadable):
        return
    assert report.recipients and all("@" in r.address for r in report.recipients)


def test_a_report_naming_only_an_address_or_an_unsigned_message_id_changes_nothing(post, smtp, tmp_path):
    post.journalists(2)
    mailing, received = sent(post, smtp)
    pk = delivery(mailing, "j0@example.kz").pk
    path = mbox(
        tmp_path,
        # Anybody can write our journalists' addresses into a report: without a Message-ID of ours, ignored.
        dsn("multi_recipient.eml", hard="j0@example.kz", soft="j1@example.kz", relayed="x@example.kz"),
        # The old shape, without the signature: made up as easily.
        dsn("postfix_hard.eml", address="j0@example.kz", message_id=f"<pd-{pk}-{mailing.pk}@example.kz>"),
        # Our letter to j1 returned, but the report says another address refused it.
        dsn("postfix_hard.eml", address="j0@example.kz", message_id=received["j1@example.kz"]["Message-ID"]),
    )

    assert read(path)[0] == summary(3, ignored=3)
    assert not Bounce.objects.exists()
    assert {d.status for d in Delivery.objects.filter(mailing=mailing)} == {DeliveryStatus.SENT}
