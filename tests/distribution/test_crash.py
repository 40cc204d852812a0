"""A mailing survives its sender killed mid-mailing and its mail server gone: real processes, real SMTP.

The letters go from ``pressdesk worker`` processes over the test's own database (a transactional test, so the
rows are committed and the workers see them) to the mail sink of ``sink.py``, a process of its own that writes
each letter down before it answers 250. A worker is killed with SIGKILL when the sink holds about half of the
letters (also while it keeps the rate limit, with a batch claimed for seconds ahead); a new worker comes once
the dead runner's lease is over, as the minute's ``run_due`` brings it. Then the sink's log is counted: nobody
has the letter twice (by address or by Message-ID), and everybody has it except at most ``sending.IN_FLIGHT``
letters per killed runner, which the delivery log calls "unknown". The sink stopped mid-mailing pauses the
mailing with the reason and loses nothing; once it is back and the mailing resumed, everybody has one letter.

Last, the one shortcut the runner's speed takes: its letters, cut from a MIME form made once per language,
are the letters Django builds.
"""

from __future__ import annotations

import email
import email.policy
import signal
import subprocess
import sys
import time
from collections import Counter

import pytest
from bench.distribution import journalists_in_bulk
from django.conf import settings
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from pressdesk.distribution import letters, sending, services, tasks, unsubscribe
from pressdesk.distribution.models import Delivery, DeliveryStatus, Mailing, MailingStatus
from tests.conftest import free_port
from tests.core.test_jobs import database_env
from tests.distribution.sink import Sink

pytestmark = pytest.mark.django_db(transaction=True)

DOMAIN = "crash.example.kz"
LEASE = 2  # seconds: a silent runner's mailing is taken over after this long


@pytest.fixture
def sink(tmp_path):
    with Sink(free_port(), tmp_path / "sink.log") as running:
        yield running


class Workers:
    """``pressdesk worker`` processes sending to the sink, with a short lease and the given rate."""

    def __init__(self, sink: Sink, log_dir) -> None:
        self.sink = sink
        self.log_dir = log_dir
        self.started: list[subprocess.Popen] = []

    def start(self, *, rate: int = 0, loops: int | None = None) -> subprocess.Popen:
        env = {
            **database_env(),
            "PRESSDESK_EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "PRESSDESK_SMTP_HOST": "127.0.0.1",
            "PRESSDESK_SMTP_PORT": str(self.sink.port),
            "PRESSDESK_MAIL_RATE_PER_MINUTE": str(rate),
            "PRESSDESK_MAIL_RUNNER_LEASE_SECONDS": str(LEASE),
        }
        name = f"w{len(self.started)}"
        command = [sys.executable, "-m", "pressdesk.cli", "worker", "--interval", "0.1", "--worker-id", name]
        if loops:
            command += ["--loops", str(loops)]
        with (self.log_dir / f"{name}.err").open("w") as errors:
            process = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=errors)
        self.started.append(process)
        return process

    def kill_when(self, process: subprocess.Popen, letters_at_sink: int) -> int:
        """SIGKILL the worker as soon as the sink holds ``letters_at_sink`` of our letters; how many it held."""
        self.sink.wait_for(letters_at_sink, timeout=30)
        process.send_signal(signal.SIGKILL)
        process.wait()
        return len(received(self.sink))

    def resume_after_lease(self) -> None:
        """After the lease, the minute's job finds the mailing without a live runner and a new worker sends."""
        time.sleep(LEASE + 0.5)
        tasks.run_due.enqueue(period_start=timezone.now().isoformat())
        process = self.start(loops=1)
        assert process.wait(timeout=60) == 0, self.errors(process)

    def errors(self, process: subprocess.Popen) -> str:
        return (self.log_dir / f"w{self.started.index(process)}.err").read_text()

    def stop_all(self) -> None:
        for process in self.started:
            if process.poll() is None:
                process.kill()
                process.wait()


@pytest.fixture
def workers(sink, tmp_path):
    running = Workers(sink, tmp_path)
    yield running
    running.stop_all()


def received(sink: Sink) -> list:
    """The mailing's letters at the sink (the worker's other jobs may write to the staff)."""
    return [row for row in sink.received() if row.to.endswith("@" + DOMAIN)]


def started_mailing(post, count: int) -> Mailing:
    addresses = journalists_in_bulk(post.world.body, count, domain=DOMAIN)
    mailing = post.mailing()
    services.start(actor=post.secretary, mailing=mailing)
    assert mailing.deliveries.count() == len(addresses)
    return mailing


def wait_for_status(mailing: Mailing, status: str, timeout: float = 30) -> Mailing:
    deadline = time.monotonic() + timeout
    while Mailing.objects.get(pk=mailing.pk).status != status:
        assert time.monotonic() < deadline, f"the mailing did not become {status}"
        time.sleep(0.05)
    return Mailing.objects.get(pk=mailing.pk)


def assert_each_once(mailing: Mailing, sink: Sink, *, killed_runners: int, cut_off: int = 0) -> dict[str, int]:
    """Nobody twice; everybody once, or "unknown" (at most IN_FLIGHT per killed runner, and the letters cut off by
    a server that went away); the states add up."""
    letters_in = received(sink)
    twice = [to for to, n in Counter(row.to for row in letters_in).items() if n > 1]
    assert not twice, f"received twice: {twice}"
    assert len({row.message_id for row in letters_in}) == len(letters_in), "a Message-ID arrived twice"
    counts = services.counts(mailing)
    deliveries = {d.address: d for d in Delivery.objects.filter(mailing=mailing)}
    unknown = {a for a, d in deliveries.items() if d.status == DeliveryStatus.UNKNOWN}
    got = {row.to for row in letters_in}
    assert set(deliveries) == got | unknown, "somebody got nothing and is not in doubt either"
    assert len(unknown) <= sending.IN_FLIGHT * killed_runners + cut_off, f"{len(unknown)} letters in doubt"
    assert counts[DeliveryStatus.SENT] + counts[DeliveryStatus.UNKNOWN] == len(deliveries), counts
    # Each letter recorded "sent" arrived with the Message-ID recorded; the others that arrived are in doubt.
    ours = {letters.message_id(d.pk, mailing.pk): d for d in deliveries.values()}
    for row in letters_in:
        delivery = ours[row.message_id]
        assert delivery.address == row.to
        assert delivery.status in (DeliveryStatus.SENT, DeliveryStatus.UNKNOWN)
        if delivery.status == DeliveryStatus.SENT:
            assert delivery.message_id == row.message_id
    assert Mailing.objects.get(pk=mailing.pk).status == MailingStatus.DONE
    return counts


def test_a_worker_killed_halfway_leaves_nobody_with_two_letters(post, sink, workers):
    mailing = started_mailing(post, 300)
    at_kill = workers.kill_when(workers.start(), 170)  # mid-batch: a batch is 50
    assert at_kill < 300, "the worker finished before it could be killed"
    stuck = services.counts(mailing)
    assert stuck[DeliveryStatus.SENDING] > 0 or stuck[DeliveryStatus.QUEUED] > 0
    workers.resume_after_lease()
    counts = assert_each_once(mailing, sink, killed_runners=1)
    assert counts[DeliveryStatus.SENT] >= 298


def test_a_worker_killed_while_it_keeps_the_rate_leaves_nobody_with_two_letters(post, sink, workers):
    rate = 1200  # a minute: a letter every 50 ms, and the whole mailing claimed as one batch
    mailing = started_mailing(post, 60)
    at_kill = workers.kill_when(workers.start(rate=rate), 20)
    assert at_kill < 50, "the kill came after the first batch"
    before = sorted(row.at for row in received(sink))
    gap = 60 / rate
    assert before[-1] - before[0] >= (len(before) - 1) * gap * 0.8, "letters went faster than the rate"
    workers.resume_after_lease()
    assert_each_once(mailing, sink, killed_runners=1)


def test_the_mail_server_gone_pauses_the_mailing_and_after_it_comes_back_everyone_has_one(post, sink, workers):
    mailing = started_mailing(post, 300)
    worker = workers.start()
    sink.wait_for(150)
    sink.stop()  # like `systemctl stop`: the letter being received is not taken, the next finds nobody
    paused = wait_for_status(mailing, MailingStatus.PAUSED)
    assert paused.auto_resume  # the worker tries again by itself after a while
    with translation.override(settings.LANGUAGE_CODE):  # the worker's language
        reasons = [
            _("The connection to the mail server was lost: %(error)s"),
            _("The mail server cannot be reached: %(error)s"),
        ]
        cut_off_reason = _(
            "The mail server did not answer after it was handed the letter (%(error)s): it may have arrived, "
            "so it is not sent again by itself."
        )
    counts = services.counts(mailing)
    taken = len(received(sink))
    assert 150 <= taken < 300
    assert counts[DeliveryStatus.SENT] == taken
    # Nothing lost. At most the letter whose body had gone out when the server stopped, unanswered, is in doubt
    # (and that is the reason given): the sender cannot know whether it arrived (here it did not), so it is never
    # sent again by itself.
    cut_off = counts[DeliveryStatus.UNKNOWN]
    assert cut_off <= 1 and counts[DeliveryStatus.QUEUED] == 300 - taken - cut_off, counts
    if cut_off:
        reasons = [cut_off_reason]
    assert any(paused.pause_reason.startswith(reason.partition("%(error)s")[0]) for reason in reasons)

    sink.start()
    services.resume(actor=post.secretary, mailing=paused)
    wait_for_status(mailing, MailingStatus.DONE)
    counts = assert_each_once(mailing, sink, killed_runners=0, cut_off=cut_off)
    assert counts[DeliveryStatus.SENT] == 300 - cut_off == len(received(sink))
    assert worker.poll() is None  # the same worker went on once the mailing was resumed


# --- the speed's one shortcut: the runner's letters are cut from a shape made once per language ------------


def parsed(letter):
    message = email.message_from_bytes(letter.message().as_bytes(linesep="\r\n"), policy=email.policy.default)
    # Folding may differ (a long header on its own line or not): compared unfolded.
    headers = {
        name: " ".join(str(value).split()) for name, value in message.items() if name not in {"Date", "Content-Type"}
    }
    bodies = {part.get_content_type(): part.get_content() for part in message.walk() if not part.is_multipart()}
    return headers, bodies, message.get_content_type()


@pytest.mark.parametrize(
    ("address", "name", "cut"),
    [
        ("n1@crash.example.kz", "Айгерім Нұрланова", True),
        ("n2@crash.example.kz", "", True),
        ("n3@crash.example.kz", 'O\'Brien <&> "Медиа"', True),
        ("n4@мысал.қаз", "Ерлан", False),  # an address Django encodes: built the ordinary way
        ("n5@crash.example.kz", "Ерлан " * 200, False),  # a line past 998 bytes: quoted-printable
    ],
)
def test_a_letter_cut_from_its_language_shape_is_the_letter_django_builds(post, address, name, cut):
    post.journalists(1)
    mailing = post.mailing()
    for language in ("kk", "ru"):
        edition = letters.Edition(mailing, language)
        token = unsubscribe.token(address, mailing.category)
        fast = edition.letter(to=address, name=name, token=token, message_id_value=letters.message_id(7, mailing.pk))
        slow = letters.message(
            letters.draft(mailing, language),
            to=address,
            name=name,
            unsubscribe_link=letters.unsubscribe_url(token, language),
            message_id_value=letters.message_id(7, mailing.pk),
            list_id=mailing.category,
        )
        assert isinstance(fast, letters.Letter) is cut
        assert parsed(fast) == parsed(slow)
        assert fast.message()["To"] == slow.message()["To"]  # the tree, for whoever asks for more than bytes
