"""Planning with conflict checks, and seats taken under a lock."""

from __future__ import annotations

import datetime
import threading

import pytest
from django.db import connections
from django.utils import timezone, translation

from pressdesk.core.models import AuditEntry
from pressdesk.core.services import DomainError
from pressdesk.events import services
from pressdesk.events.models import Absence, EventKind, RegistrationStatus, Speaker
from tests.directory.conftest import Directory
from tests.events.planning import soon


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


def test_a_briefing_is_planned_with_its_texts_speakers_and_trail(office):
    event = office.event(speakers=[office.mobility_head])
    assert event.title == "Қоғамдық көлік туралы брифинг" and event.language_list() == ["kk", "ru"]
    assert [s.display_name for s in event.speakers.all()] == [office.mobility_head.full_name]
    entry = AuditEntry.objects.get(action="events.event.planned")
    assert entry.actor == office.secretary and entry.after["speakers"] == [office.mobility_head.full_name]


def test_the_same_room_at_the_same_time_is_refused(office):
    first = office.event()
    with pytest.raises(DomainError, match="is booked at that time"):
        office.event(at=first.starts_at + datetime.timedelta(minutes=30))
    office.event(at=first.ends_at)  # back to back is fine


def test_a_speaker_busy_elsewhere_is_a_warning_the_planner_confirms(office):
    office.event(EventKind.INTERVIEW, venue=None, speakers=[office.mobility_head])
    with pytest.raises(services.NeedsConfirmation, match="already speaks at") as warning:
        office.event(speakers=[office.mobility_head])
    assert warning.value.clashes[0].event is not None
    event = office.event(speakers=[office.mobility_head], confirmed=True)
    assert "already speaks" in AuditEntry.objects.get(action="events.event.planned", target_id=str(event.pk)).note


def test_an_external_speaker_is_recognised_by_name_too(office):
    plan = office.plan(venue=None, online_url="https://meet.example.kz/a")
    plan.speakers = [services.SpeakerInput(name="Ерлан Сәрсенов", position="сарапшы")]
    services.plan_event(actor=office.secretary, unit=office.world.body, plan=plan)
    with pytest.raises(services.NeedsConfirmation):
        services.plan_event(actor=office.secretary, unit=office.world.body, plan=plan)


def test_a_speaker_who_is_away_cannot_be_booked(office):
    starts = soon()
    Absence.objects.create(
        user=office.ecology_head,
        starts_at=starts - datetime.timedelta(days=1),
        ends_at=starts + datetime.timedelta(days=1),
        reason="іссапар",
    )
    with pytest.raises(DomainError, match="not available at that time: іссапар"):
        office.event(EventKind.INTERVIEW, venue=None, speakers=[office.ecology_head])
    assert not Speaker.objects.exists()


@pytest.mark.parametrize(
    ("change", "says"),
    [
        ({"at": timezone.now() - datetime.timedelta(hours=1)}, "in the past"),
        ({"hours": 0}, "end after it starts"),
        ({"venue": None}, "venue or the online link"),
        ({"capacity": 0}, "at least one"),
    ],
)
def test_bad_plans_are_refused_with_the_reason(office, change, says):
    with pytest.raises(DomainError, match=says):
        office.event(**change)


def test_an_interview_is_never_announced(office):
    event = office.event(EventKind.INTERVIEW, venue=None, is_public=True)
    assert not event.is_public
    assert not type(event).objects.public().exists()


def test_seats_then_the_waiting_list_then_a_freed_seat_goes_to_the_first_waiting(office):
    event = office.event(capacity=1)
    people = [Directory(office.world).journalist(name) for name in ("Айгерім Нұрланова", "Иван Петров", "Дана Ким")]
    first, second, third = (services.register(event=event, journalist=j) for j in people)
    assert (first.waitlisted, second.waitlisted, third.waitlisted) == (False, True, True)
    with pytest.raises(DomainError, match="already on the waiting list"):
        services.register(event=event, journalist=people[1])
    moved = services.cancel_registration(registration=first.registration)
    assert moved == second.registration
    second.registration.refresh_from_db()
    assert second.registration.status == RegistrationStatus.REGISTERED


def test_registration_after_the_closing_time_is_refused(office):
    event = office.event(registration_closes_at=soon() - datetime.timedelta(days=1))
    journalist = Directory(office.world).journalist()
    with pytest.raises(DomainError, match="Registration closed"):
        services.register(event=event, journalist=journalist, now=soon() - datetime.timedelta(hours=23))


@pytest.mark.django_db(transaction=True)
def test_two_journalists_taking_the_last_seat_at_once_exactly_one_gets_it(office):
    # PostgreSQL: the row lock on the event; SQLite: IMMEDIATE transactions, one writer at a time.
    event = office.event(capacity=1)
    people = [Directory(office.world).journalist(name) for name in ("Айгерім Нұрланова", "Иван Петров")]
    barrier = threading.Barrier(2)
    results = []

    def take(journalist):
        try:
            barrier.wait()
            results.append(services.register(event=event, journalist=journalist).waitlisted)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=take, args=(j,)) for j in people]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(results) == [False, True]  # one seat, one waiting list place
    assert event.registrations.filter(status=RegistrationStatus.REGISTERED).count() == 1
