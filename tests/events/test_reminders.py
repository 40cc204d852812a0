"""Letters after registering, moving up, the event cancelled, and the day before — as a real SMTP server gets them."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone, translation

from pressdesk.core import jobs
from pressdesk.events import invitations, services
from pressdesk.events.models import Event
from pressdesk.schedule import SCHEDULE
from tests.conftest import run_queued_tasks
from tests.directory.conftest import Directory

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


@pytest.fixture
def people(world):
    directory = Directory(world)
    return {
        "dana": directory.journalist("Дана Ахметова", email="dana@media.kz", preferred_language="kk"),
        "oleg": directory.journalist("Олег Ким", email="oleg@media.kz", preferred_language="ru"),
        "asel": directory.journalist("Әсел Бекова", email="asel@media.kz", preferred_language="kk"),
    }


def said(language: str, message: str, **values) -> str:
    """``message`` as a reader of ``language`` gets it: each letter is in its journalist's language."""
    with translation.override(language):
        return translation.gettext(message) % values if values else translation.gettext(message)


def inbox(smtp) -> dict[str, list]:
    letters: dict[str, list] = {}
    for message in smtp.messages:
        letters.setdefault(message["To"], []).append(message)
    return letters


def test_a_seat_a_waiting_place_and_moving_up_each_get_a_letter(office, people, smtp):
    event = office.event(capacity=1)
    seat = invitations.register(event=event, journalist=people["dana"]).registration
    invitations.register(event=event, journalist=people["oleg"])
    run_queued_tasks()
    letters = inbox(smtp)
    title_kk = "Қоғамдық көлік туралы брифинг"
    assert letters["dana@media.kz"][0]["Subject"].strip() == said("kk", "You are registered: %(title)s", title=title_kk)
    waiting = letters["oleg@media.kz"][0]
    assert "Брифинг об общественном транспорте" in waiting["Subject"]
    waiting_text = said(
        "ru",
        "All places are taken: you are on the waiting list, number %(place)s. We will write if a place frees up.",
        place=1,
    )
    assert waiting_text in waiting.get_content() and "/ru/portal/events/" in waiting.get_content()

    invitations.cancel(registration=seat, actor=people["dana"].account)
    run_queued_tasks()
    promoted = inbox(smtp)["oleg@media.kz"][1]
    assert promoted["Subject"].strip().startswith(said("ru", "A place is yours: %(title)s", title="").strip())


def test_those_registered_or_waiting_hear_the_event_is_cancelled_with_the_reason(office, people, smtp):
    event = office.event(capacity=1)
    invitations.register(event=event, journalist=people["dana"])
    invitations.register(event=event, journalist=people["oleg"])
    cancelled_before = invitations.register(event=event, journalist=people["asel"]).registration
    invitations.cancel(registration=cancelled_before, actor=None)
    run_queued_tasks()
    smtp.messages.clear()

    services.cancel_event(actor=office.secretary, event=event, reason="Спикер в командировке")
    run_queued_tasks()

    letters = inbox(smtp)
    assert set(letters) == {"dana@media.kz", "oleg@media.kz"} and len(smtp.messages) == 2  # each once
    cancelled = {"kk": said("kk", "Cancelled: %(title)s", title=""), "ru": said("ru", "Cancelled: %(title)s", title="")}
    for message in smtp.messages:
        language = "kk" if message["To"] == "dana@media.kz" else "ru"
        assert (
            message["Subject"].strip().startswith(cancelled[language].strip())
            and "Спикер в командировке" in message.get_content()
        )


def _tomorrow(office, hours: int = 20, **options) -> Event:
    starts = timezone.now() + datetime.timedelta(hours=hours)
    return office.event(at=starts.replace(second=0, microsecond=0), **options)


def test_the_day_before_those_with_a_seat_are_reminded_once(office, people, smtp):
    event = _tomorrow(office, capacity=1)
    later = _tomorrow(office, hours=72, venue=None, online_url="https://meet.example.kz/b")
    invitations.register(event=event, journalist=people["dana"])
    invitations.register(event=event, journalist=people["oleg"])  # waiting list: no reminder
    invitations.register(event=later, journalist=people["asel"])  # in three days: not yet
    run_queued_tasks()
    smtp.messages.clear()

    assert invitations.remind_tomorrow() == [event.pk]
    assert invitations.remind_tomorrow() == []  # run twice: nothing claimed twice
    run_queued_tasks()

    assert [(m["To"], m["Subject"].strip()) for m in smtp.messages] == [
        ("dana@media.kz", said("kk", "Tomorrow: %(title)s", title="Қоғамдық көлік туралы брифинг"))
    ]
    event.refresh_from_db()
    later.refresh_from_db()
    assert event.reminded_at is not None and later.reminded_at is None


def test_the_hourly_job_sends_the_reminders_and_two_workers_send_them_once(office, people, smtp):
    event = _tomorrow(office)
    invitations.register(event=event, journalist=people["dana"])
    run_queued_tasks()
    smtp.messages.clear()
    job = next(job for job in SCHEDULE if job.name == "events.remind_tomorrow")
    now = timezone.now()

    jobs.tick(worker_id="one", now=now, jobs={job.name: job})
    jobs.tick(worker_id="two", now=now, jobs={job.name: job})
    run_queued_tasks()
    jobs.tick(worker_id="one", now=now + datetime.timedelta(hours=1), jobs={job.name: job})
    run_queued_tasks()

    assert [m["To"] for m in smtp.messages] == ["dana@media.kz"]


def test_a_cancelled_event_is_not_reminded(office, people, smtp):
    event = _tomorrow(office)
    invitations.register(event=event, journalist=people["dana"])
    services.cancel_event(actor=office.secretary, event=event, reason="Спикер в командировке")
    assert invitations.remind_tomorrow() == []


def test_a_moved_event_is_reminded_again_and_new_places_tell_the_first_waiting(office, people, smtp):
    event = _tomorrow(office, capacity=1)
    invitations.register(event=event, journalist=people["dana"])
    waiting = invitations.register(event=event, journalist=people["oleg"]).registration
    invitations.remind_tomorrow()
    event.refresh_from_db()
    assert event.reminded_at is not None
    run_queued_tasks()
    smtp.messages.clear()

    plan = office.plan(at=event.starts_at + datetime.timedelta(hours=2), capacity=2)
    services.change_event(actor=office.secretary, event=event, plan=plan)
    run_queued_tasks()
    event.refresh_from_db()
    waiting.refresh_from_db()
    assert event.reminded_at is None  # the reminder goes again for the new time
    assert waiting.status == "registered" and list(inbox(smtp)) == ["oleg@media.kz"]
