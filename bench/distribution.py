"""A mailing to 10,000 journalists through a real SMTP server, as a ratio to a bare smtplib loop.

    make bench                                 (with the other benchmarks)
    .venv/bin/python bench/distribution.py     (this one alone)
    DATABASE_URL=postgresql://… …              (on PostgreSQL; SQLite otherwise)

What is measured: ``sending.run`` over a started mailing of a published release (Kazakh
and Russian versions) to 10,000 journalists, each with a working email, 60% of them
reading Kazakh: every letter claimed, rendered in its journalist's language with a
personal greeting, Message-ID and signed unsubscribe link, handed to Django's SMTP
backend and recorded "sent", with no rate limit (``DISTRIBUTION_RATE_PER_MINUTE=0``).
``services.start`` (choosing the audience and writing the 10,000 deliveries) is timed
apart and shown for scale.

Baseline, measured in the same run: the very same letters, rendered to bytes beforehand,
sent by a bare ``smtplib.SMTP.sendmail`` loop over one connection — the floor of moving
these letters to this server at all. It runs before and after the mailing and the mean of
the two is used, so both sides see the same machine load. The ratio is mailing time over
baseline time; the goal is 1.5x or less.

The server is ``tests/distribution/sink.py`` in a process of its own (so its work does not
share the sender's interpreter lock), writing one line per letter, without fsync. The
benchmark checks that it received every letter of every pass, each Message-ID once. The
rows it makes are deleted afterwards (all but a unit and its three staff), so repeated runs
on a shared PostgreSQL stay small and leave the demo's loader nothing to trip on.
"""

from __future__ import annotations

import smtplib
import statistics
import sys
import tempfile
import time
import uuid
from pathlib import Path

TOTAL = 10_000
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


def bare_loop(port: int, letters: list[tuple[str, list[str], bytes]]) -> float:
    """Seconds to send ``letters`` over one smtplib connection."""
    start = time.perf_counter()
    connection = smtplib.SMTP("127.0.0.1", port)
    for sender, recipients, data in letters:
        connection.sendmail(sender, recipients, data)
    connection.quit()
    return time.perf_counter() - start


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
    be the newest one the demo's loader finds)."""
    from pressdesk.directory.models import Journalist

    mailing.delete()
    mailing.material.delete()
    mailing.segment.delete()
    Journalist.objects.filter(unit=mailing.unit).delete()


def run(total: int = TOTAL) -> None:
    from django.db import connection
    from django.test.utils import override_settings
    from tests.conftest import free_port
    from tests.distribution.sink import Sink

    from pressdesk.distribution import sending, services
    from pressdesk.distribution.models import DeliveryStatus

    tag = uuid.uuid4().hex[:8]
    port = free_port()
    log = Path(tempfile.mkdtemp(prefix="pressdesk-sink-")) / "sink.log"
    mail = {"EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend", "EMAIL_HOST": "127.0.0.1"}
    with (
        Sink(port, log, fsync=False) as sink,
        override_settings(**mail, EMAIL_PORT=port, DISTRIBUTION_RATE_PER_MINUTE=0),
    ):
        mailing, secretary = mailing_to(total, tag)
        started = time.perf_counter()
        services.start(actor=secretary, mailing=mailing)
        start_seconds = time.perf_counter() - started
        letters = rendered(mailing)
        size = sum(len(data) for _s, _r, data in letters) / len(letters)
        before = bare_loop(port, letters)
        started = time.perf_counter()
        outcome = sending.run(mailing.pk)
        mailing_seconds = time.perf_counter() - started
        after = bare_loop(port, letters)
        commit = commit_seconds(mailing)
        counts = services.counts(mailing)
        ids = [row.message_id for row in sink.received() if row.to.endswith(f"@{tag}.bench.demo")]
        cleanup(mailing)
    assert outcome.sent == total == counts[DeliveryStatus.SENT], (outcome, counts)
    assert len(ids) == 3 * total and len(set(ids)) == total, "the sink did not get every letter of every pass"
    baseline = (before + after) / 2
    print(
        f"distribution mailing/bare smtplib ratio: {mailing_seconds / baseline:.2f}x "
        f"({total} letters of {size / 1024:.1f} KB to an aiosmtpd sink in its own process; database: "
        f"{connection.vendor}; for scale only: mailing {total / mailing_seconds:.0f} letters/s, bare loop "
        f"{total / before:.0f} and {total / after:.0f} letters/s; one commit {commit * 1000:.2f} ms; "
        f"services.start {start_seconds:.1f} s)"
    )


def main() -> int:
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    from bench.run import setup

    setup()
    run()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
