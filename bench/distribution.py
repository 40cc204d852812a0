"""A mailing to 10,000 journalists through a real SMTP server, as a ratio to a bare smtplib loop.

    make bench                                 (with the other benchmarks)
    .venv/bin/python bench/distribution.py     (this one alone)
    DATABASE_URL=postgresql://… …              (on PostgreSQL; SQLite otherwise)

What is measured: ``sending.run`` over started mailings of a published release (Kazakh
and Russian versions) to 10,000 journalists in all, each with a working email, 60% of them
reading Kazakh: every letter claimed, rendered in its journalist's language with a
personal greeting, Message-ID and signed unsubscribe link, handed to the email channel
over SMTP and recorded "sent", with no rate limit (``DISTRIBUTION_RATE_PER_MINUTE=0``).
``services.start`` (choosing the audience and writing the deliveries) is timed apart and
shown for scale.

Baseline, measured in the same run: the very same letters, rendered to bytes beforehand,
sent by a bare ``smtplib.SMTP.sendmail`` loop over one connection — the floor of moving
these letters to this server at all. So that both sides see the same machine load, the
10,000 go in 5 rounds of 2,000 (one mailing each, to journalists of a unit of its own),
each beside the bare loop over its own letters, just before it or just after it in turn.
The ratio is the mailings' total time over the bare loops'; the goal is 1.5x or less. On
PostgreSQL each letter's record waits for a commit, whose time on the machine at hand is
shown too.

The server is ``tests/distribution/sink.py`` in a process of its own (so its work does not
share the sender's interpreter lock), writing one line per letter, without fsync. The
benchmark checks that it received every letter of every pass, each Message-ID once. The
rows it makes are deleted afterwards (all but the units and their staff), so repeated runs
on a shared PostgreSQL stay small and leave the demo's loader nothing to trip on.
"""

from __future__ import annotations

import smtplib
import statistics
import sys
import tempfile
import time
import uuid
from dataclasses import dataclass
from pathlib import Path

TOTAL = 10_000
ROUNDS = 5
KAZAKH_SHARE = 0.6


def journalists_in_bulk(unit, count: int, *, domain: str, kazakh_share: float = KAZAKH_SHARE) -> list[str]:
    """``count`` journalists kept by ``unit``, each with one email ``n<i>@<domain>``, in bulk; their addresses."""
    from pressdesk.directory import indexing
    from pressdesk.directory.models import ConsentBasis, Contact, ContactKind, Journalist, language_set

    kazakh = round(count * kazakh_share)
    people = [
        Journalist(
            unit=unit,
            full_name=f"Журналист {n}",
            name_key=indexing.name_key(f"Журналист {n}"),
            languages=language_set(["kk", "ru"]),
            preferred_language="kk" if n < kazakh else "ru",
            consent_basis=ConsentBasis.PUBLIC_CONTACT,
        )
        for n in range(count)
    ]
    Journalist.objects.bulk_create(people, batch_size=1000)
    addresses = [f"n{n}@{domain}" for n in range(count)]
    Contact.objects.bulk_create(
        [
            Contact(journalist=person, kind=ContactKind.EMAIL, value=address, normalized=address)
            for person, address in zip(people, addresses, strict=True)
        ],
        batch_size=1000,
    )
    return addresses


class Office:
    """A unit of its own with a writer, a secretary and a head, in the shape ``tests.publications.materials.Desk``
    takes, so the release is made, approved and published through the real services."""

    def __init__(self, tag: str) -> None:
        from pressdesk.core import services
        from pressdesk.core.models import UnitKind

        self.tag = tag
        self.body = services.unit_create(
            actor=None, code=f"bench-{tag}", kind=UnitKind.BODY, names={"kk": f"Бенч {tag}", "ru": f"Бенч {tag}"}
        )

    def person(self, name: str, role: str, unit):
        from pressdesk.core import services

        user = services.staff_create(actor=None, email=f"{name}.{self.tag}@bench.demo", full_name=name.title())
        services.membership_grant(actor=None, user=user, unit=unit, role=role)
        return user


def mailing_to(count: int, tag: str):
    """A draft mailing of a published release to ``count`` new journalists; (mailing, its sender)."""
    from tests.publications.materials import Desk

    from pressdesk.directory.services import segment_save
    from pressdesk.distribution import services

    office = Office(tag)
    desk = Desk(office)
    journalists_in_bulk(office.body, count, domain=f"{tag}.bench.demo")
    segment = segment_save(actor=desk.secretary, unit=office.body, name=f"bench {tag}", criteria={})
    mailing = services.create(
        actor=desk.secretary, material=desk.published(), segment=segment, include_subscribers=False
    )
    return mailing, desk.secretary


def rendered(mailing) -> list[tuple[str, list[str], bytes]]:
    """Every letter of the mailing as its bytes on the wire: (envelope sender, recipients, message)."""
    from django.core.mail.message import sanitize_address

    from pressdesk.distribution import sending

    run = sending.Run(mailing, "bench", channel=None)
    letters = []
    for delivery in mailing.deliveries.order_by("pk"):
        letter = run.letter(delivery)
        sender = sanitize_address(letter.from_email, letter.encoding or "utf-8")
        letters.append((sender, letter.recipients(), letter.message().as_bytes(linesep="\r\n")))
    return letters


def bare_loop(port: int, letters: list[tuple[str, list[str], bytes]]) -> None:
    """Send ``letters`` over one smtplib connection."""
    connection = smtplib.SMTP("127.0.0.1", port)
    for sender, recipients, data in letters:
        connection.sendmail(sender, recipients, data)
    connection.quit()


def timed(work, *args) -> tuple[object, float, float]:
    """What ``work(*args)`` returns, the seconds it took, and this process's CPU seconds in them (all threads)."""
    wall, cpu = time.perf_counter(), time.process_time()
    result = work(*args)
    return result, time.perf_counter() - wall, time.process_time() - cpu


def commit_seconds(mailing, rounds: int = 200) -> float:
    """The median time of one committed one-row UPDATE on this database: the floor under a record per letter."""
    from django.db import connection

    delivery = mailing.deliveries.order_by("pk").first()
    samples = []
    with connection.cursor() as cursor:
        for _ in range(rounds):
            start = time.perf_counter()
            cursor.execute("UPDATE distribution_delivery SET error = '' WHERE id = %s", [delivery.pk])
            samples.append(time.perf_counter() - start)
    return statistics.median(samples)


def cleanup(mailing) -> None:
    """Delete what ``mailing_to`` made but the unit and its three people (a public release left behind would
    be the newest one the demo's loader finds, and its press secretary may not mail it)."""
    from pressdesk.directory.models import Journalist

    mailing.delete()
    mailing.material.delete()
    mailing.segment.delete()
    Journalist.objects.filter(unit=mailing.unit).delete()


@dataclass
class Round:
    mailing_seconds: float
    bare_seconds: float
    mailing_cpu: float  # what the sender itself costs, whatever else the machine is doing
    bare_cpu: float
    start_seconds: float
    commit_seconds: float
    size: float


def one_round(port: int, sink, count: int, tag: str, bare_first: bool) -> Round:
    """A mailing to ``count`` new journalists, and the bare loop over its letters just before or just after."""
    from pressdesk.distribution import sending, services
    from pressdesk.distribution.models import DeliveryStatus

    mailing, secretary = mailing_to(count, tag)
    started = time.perf_counter()
    services.start(actor=secretary, mailing=mailing)
    start_seconds = time.perf_counter() - started
    letters = rendered(mailing)
    if bare_first:
        _none, bare, bare_cpu = timed(bare_loop, port, letters)
    outcome, mailing_seconds, mailing_cpu = timed(sending.run, mailing.pk)
    if not bare_first:
        _none, bare, bare_cpu = timed(bare_loop, port, letters)
    commit = commit_seconds(mailing)
    counts = services.counts(mailing)
    ids = [row.message_id for row in sink.received() if row.to.endswith(f"@{tag}.bench.demo")]
    cleanup(mailing)
    assert outcome.sent == count == counts[DeliveryStatus.SENT], (outcome, counts)
    assert len(ids) == 2 * count and len(set(ids)) == count, "the sink did not get every letter of both passes"
    size = sum(len(data) for _s, _r, data in letters) / len(letters)
    return Round(mailing_seconds, bare, mailing_cpu, bare_cpu, start_seconds, commit, size)


def run(total: int = TOTAL, rounds: int = ROUNDS) -> None:
    from django.db import connection
    from django.test.utils import override_settings
    from tests.conftest import free_port
    from tests.distribution.sink import Sink

    tag = uuid.uuid4().hex[:8]
    port = free_port()
    log = Path(tempfile.mkdtemp(prefix="pressdesk-sink-")) / "sink.log"
    mail = {"EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend", "EMAIL_HOST": "127.0.0.1"}
    with (
        Sink(port, log, fsync=False) as sink,
        override_settings(**mail, EMAIL_PORT=port, DISTRIBUTION_RATE_PER_MINUTE=0),
    ):
        done = [one_round(port, sink, total // rounds, f"{tag}{n}", bare_first=n % 2 == 0) for n in range(rounds)]
    mailing, bare = sum(r.mailing_seconds for r in done), sum(r.bare_seconds for r in done)
    print(
        f"distribution mailing/bare smtplib ratio: {mailing / bare:.2f}x "
        f"({total} letters of {done[0].size / 1024:.1f} KB in {rounds} mailings, each beside a bare loop over its "
        f"letters, to an aiosmtpd sink in its own process; database: {connection.vendor}; per round "
        f"{', '.join(f'{r.mailing_seconds / r.bare_seconds:.2f}' for r in done)}; for scale only: mailing "
        f"{total / mailing:.0f} letters/s, bare loop {total / bare:.0f} letters/s; this process's CPU per letter "
        f"{sum(r.mailing_cpu for r in done) / total * 1e6:.0f} us, bare loop {sum(r.bare_cpu for r in done) / total * 1e6:.0f} us; one commit "
        f"{statistics.median(r.commit_seconds for r in done) * 1000:.2f} ms; services.start "
        f"{statistics.median(r.start_seconds for r in done):.1f} s per {total // rounds} recipients)"
    )


def main() -> int:
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    from bench.run import setup

    setup()
    run()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
