"""The daily digest: a fixed day's figures, Almaty day boundaries, the PDF read back, and letters sent once."""

from __future__ import annotations

import datetime
import io

import pytest
from django.utils import translation
from pypdf import PdfReader

from pressdesk.core.models import Role
from pressdesk.monitoring import digest, digest_pdf
from pressdesk.monitoring.models import Digest, Story, Tone, Watch
from pressdesk.monitoring.tasks_alerts import send_digests
from pressdesk.publications import notify
from pressdesk.publications.models import Material
from tests.conftest import free_port, run_queued_tasks
from tests.monitoring.press import Press, almaty
from tests.publications.materials import Desk

DAY = datetime.date(2026, 3, 10)
NEXT_MORNING = almaty(2026, 3, 11, 8)


def at(hour: int, minute: int = 0) -> datetime.datetime:
    return almaty(2026, 3, 10, hour, minute)


class Day:
    """One day of the city akimat in the media: eleven items, reprints folded, one release picked up."""

    def __init__(self, world):
        self.world = world
        self.desk = Desk(world)  # officer Dana, press secretary Aigerim, head Serik
        self.press = press = Press(world)
        with notify.quiet():  # the release's own letters are not this test's
            self.release = self.desk.published()
        Material.objects.filter(pk=self.release.pk).update(published_at=at(10))
        # Our release, taken first by the national agency an hour later, then twice by the city site and once by
        # a paper (the city site counts once among the outlets).
        taken = press.clip("120 new electric buses", at=at(11), outlet=press.national, language="ru")
        Story.objects.filter(pk=taken.story_id).update(material=self.release)
        press.clip("120 new electric buses", at=at(12), reprint_of=taken, language="ru")
        press.clip("Electric buses on 11 routes", at=at(13, 30), reprint_of=taken, language="ru")
        press.clip("120 new electric buses", at=at(15), outlet=press.paper, reprint_of=taken, language="ru")
        # A negative story from the national agency at 08:14, reprinted twice.
        water = press.clip(
            "Water main burst", at=at(8, 14), outlet=press.national, tone=Tone.NEGATIVE, summary="No water for days."
        )
        press.clip("Water main burst", at=at(9), tone=Tone.NEGATIVE, reprint_of=water)
        press.clip("Water main burst", at=at(9, 30), outlet=press.paper, tone=Tone.NEGATIVE, reprint_of=water)
        # Late at night and just after midnight: Almaty's day, whatever the UTC date.
        press.clip("Bus fares up", at=at(23, 30), tone=Tone.NEGATIVE, language="ru")
        press.clip("Night market opens", at=at(0, 5), language="en")
        press.clip("Not this day: the next", at=almaty(2026, 3, 11, 0, 10), tone=Tone.NEGATIVE)
        press.clip("Not this day: the one before", at=almaty(2026, 3, 9, 23, 50), tone=Tone.NEGATIVE)
        press.clip("New park", at=at(14), tone=Tone.POSITIVE)
        press.clip("The akim at the akimat", at=at(16), watches=[press.akimat, press.akim])  # counted once
        almaly = press.watch(world.almaly, "organisation", "Almaly District Akimat")
        press.clip("Only the district", at=at(17), tone=Tone.NEGATIVE, watches=[almaly])


@pytest.fixture
def day(world) -> Day:
    return Day(world)


def figures(d: digest.DayDigest, name: str) -> dict[str, int]:
    return {f.code: f.count for f in getattr(d, name)}


@pytest.mark.django_db
def test_the_days_figures_are_counted_with_reprints_folded_and_negative_first(day, world):
    with translation.override("en"):
        d = digest.assemble(world.body, DAY)
    assert d.total == 11
    assert figures(d, "tones") == {"negative": 4, "neutral": 6, "positive": 1}
    assert [f.code for f in d.tones] == ["negative", "neutral", "positive"]
    assert figures(d, "languages") == {"kk": 5, "ru": 5, "en": 1, "other": 0}
    assert figures(d, "outlet_kinds") == {"online": 7, "agency": 2, "newspaper": 2}
    assert [(line.title, line.items, line.outlet.name, line.reach) for line in d.negative] == [
        ("Water main burst", 3, "Orta Agency", 450_000),
        ("Bus fares up", 1, "Qala24", 20_000),
    ]
    assert d.negative[0].summary == "No water for days."
    assert [(line.title, line.items, line.outlet.name, line.material) for line in d.stories] == [
        ("120 new electric buses", 4, "Orta Agency", day.release),
        ("Water main burst", 3, "Orta Agency", None),
    ]
    (release,) = d.releases
    assert (release.clippings, release.outlets, release.reach) == (4, 3, 470_000)
    assert release.time_to_first == datetime.timedelta(hours=1)
    with translation.override("en"):
        assert release.delay == "1 h 0 min"


@pytest.mark.django_db
def test_hours_are_almatys_and_23_30_belongs_to_its_almaty_day(day, world):
    d = digest.assemble(world.body, DAY)
    assert d.hours["negative"][23] == 1 and d.hours["neutral"][0] == 1
    assert d.hours["negative"][8] == 1 and d.hours["negative"][9] == 2
    assert sum(map(sum, d.hours.values())) == d.total
    assert [hour for hour, _counts, _total in d.hour_rows()] == [
        "00:00", "08:00", "09:00", "11:00", "12:00", "13:00", "14:00", "15:00", "16:00", "23:00"
    ]  # fmt: skip
    after = digest.assemble(world.body, DAY + datetime.timedelta(days=1))
    before = digest.assemble(world.body, DAY - datetime.timedelta(days=1))
    assert [line.title for line in after.negative] == ["Not this day: the next"]
    assert [line.title for line in before.negative] == ["Not this day: the one before"]
    assert digest.assemble(world.almaly, DAY).total == 1  # a district's digest has its own watch only


@pytest.mark.django_db
def test_the_pdf_says_the_same_in_the_readers_language(day, world):
    d = digest.assemble(world.body, DAY)
    english = pdf_text(digest_pdf.render(d, "en"))
    for expected in (
        "Almaty City Akimat",
        "Media digest",
        "Tuesday, March 10, 2026",
        "11 mentions in all",
        "4 negative",
        "Negative items",
        "Water main burst",
        "No water for days.",
        "3 items with the reprints",
        "Top stories",
        "First: Orta Agency, 11:00",
        "Pickup of the day's releases",
        "470,000",
        "1 h 0 min",
        "Mentions by hour and tone",
        "Negative: 4",
        "Page 1 of",
    ):
        assert expected in english, expected
    assert "Not this day" not in english and "Only the district" not in english
    assert "10 марта 2026" in pdf_text(digest_pdf.render(d, "ru"))


@pytest.mark.django_db
def test_an_empty_day_is_an_honest_digest(world):
    Press(world)
    with translation.override("en"):
        d = digest.assemble(world.body, DAY)
    assert d.empty and d.negative == [] and d.stories == [] and d.releases == []
    text = pdf_text(digest_pdf.render(d, "en"))
    assert "No mentions on March 10, 2026" in text
    assert "None of the unit's materials went public that day." in text


def pdf_text(data: bytes) -> str:
    assert data.startswith(b"%PDF-")
    return " ".join(" ".join((page.extract_text() or "").split()) for page in PdfReader(io.BytesIO(data)).pages)


@pytest.mark.django_db
def test_digests_are_due_at_the_hour_and_caught_up_after_downtime(world, settings):
    press = Press(world)
    Watch.objects.update(created_at=almaty(2026, 3, 5, 12))
    unit = world.body.pk
    assert digest.due(NEXT_MORNING - datetime.timedelta(minutes=1)) == [
        (unit, datetime.date(2026, 3, 7)),
        (unit, datetime.date(2026, 3, 8)),
        (unit, datetime.date(2026, 3, 9)),
    ]
    assert digest.due(NEXT_MORNING)[-1] == (unit, DAY)
    Digest.objects.create(unit=world.body, day=DAY, sent_at=NEXT_MORNING)
    assert (unit, DAY) not in digest.due(NEXT_MORNING)
    settings.MONITORING_DIGEST_HOUR = 10
    assert (unit, DAY) not in digest.due(NEXT_MORNING.replace(day=11, hour=9))
    # Never a day before the unit watched anything.
    assert digest.due(almaty(2026, 3, 6, 11)) == [(unit, datetime.date(2026, 3, 5))]
    press.akimat.delete()
    press.akim.delete()
    press.transport.delete()
    assert digest.due(NEXT_MORNING) == []


def letters(smtp) -> dict[str, list]:
    out: dict[str, list] = {}
    for message in smtp.messages:
        out.setdefault(message["To"], []).append(message)
    return out


def attachment(message) -> tuple[str, bytes]:
    (part,) = list(message.iter_attachments())
    return part.get_filename(), part.get_content()


@pytest.mark.django_db(transaction=True)
def test_the_digest_goes_once_to_the_head_and_the_holders_each_in_their_language(world, smtp):
    day = Day(world)
    Watch.objects.update(created_at=at(0))
    day.desk.head.language = "en"
    day.desk.head.save(update_fields=["language"])
    day.desk.secretary.language = "ru"
    day.desk.secretary.save(update_fields=["language"])
    analyst = world.person("zhanna", Role.ANALYST, world.almaly)  # a district's analyst: not the city's digest

    send_digests.enqueue(period_start=NEXT_MORNING.isoformat())
    send_digests.enqueue(period_start=NEXT_MORNING.isoformat())  # two runs, or two workers
    run_queued_tasks()

    city = [m for m in smtp.messages if attachment(m)[0] == "digest-akimat-2026-03-10.pdf"]
    district = [m for m in smtp.messages if attachment(m)[0] == "digest-almaly-2026-03-10.pdf"]
    assert len(city) + len(district) == len(smtp.messages)  # nothing else, and nothing twice:
    assert sorted(m["To"] for m in city) == sorted([day.desk.head.email, day.desk.secretary.email])
    assert analyst.email in [m["To"] for m in district] and analyst.email not in [m["To"] for m in city]
    assert len({m["To"] for m in district}) == len(district)
    assert day.desk.officer.email not in [m["To"] for m in smtp.messages]
    by_person = letters(smtp)
    head_letter = next(m for m in city if m["To"] == day.desk.head.email)
    assert head_letter["Subject"] == "Media digest, March 10, 2026: Almaty City Akimat"
    text = head_letter.get_body(preferencelist=("plain",)).get_content()
    assert "11 mentions in all: Negative 4, Neutral 6, Positive 1." in text
    assert "- Water main burst (Orta Agency, 08:14; 3 items with the reprints)" in text
    name, pdf = attachment(head_letter)
    assert name == "digest-akimat-2026-03-10.pdf" and "Water main burst" in pdf_text(pdf)
    for letter in by_person[day.desk.secretary.email]:  # the city's and the district's, both in Russian
        assert "10 марта 2026" in pdf_text(attachment(letter)[1])

    kept = Digest.objects.get(unit=world.body, day=DAY)
    assert kept.sent_at is not None and kept.pdf.name.endswith(".pdf")
    assert "March 10, 2026" in pdf_text(kept.pdf.read())  # kept in the head's language
    assert Digest.objects.count() == 2


@pytest.mark.django_db(transaction=True)
def test_a_digest_the_mail_server_refused_goes_with_the_next_run(world, smtp, settings):
    day = Day(world)
    Watch.objects.filter(unit=world.body).update(created_at=at(0))
    Watch.objects.exclude(unit=world.body).delete()
    port = settings.EMAIL_PORT
    settings.EMAIL_PORT = free_port()
    assert digest.deliver(world.body, DAY) is False
    assert Digest.objects.get().sent_at is None

    settings.EMAIL_PORT = port
    assert digest.deliver(world.body, DAY) is True
    assert digest.deliver(world.body, DAY) is False  # once
    assert sorted(m["To"] for m in smtp.messages) == sorted([day.desk.head.email, day.desk.secretary.email])
