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
        ({"capacity": 0}, "between 1 and"),
        ({"capacity": 3_000_000_000}, "between 1 and"),
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


def test_a_clash_with_an_event_the_planner_cannot_see_names_only_its_hour(office):
    from pressdesk.core.models import Role
    from pressdesk.events.models import Event, EventText

    ermek = office.world.person("ermek", Role.PRESS_OFFICER, office.world.almaly)
    interview = office.event(EventKind.INTERVIEW, venue=None, speakers=[ermek])
    EventText.objects.filter(parent=interview).update(title="Құпия сұхбат")
    district = office.world.person("timur", Role.UNIT_PRESS_SECRETARY, office.world.almaly)
    plan = office.plan(venue=None, online_url="https://meet.example.kz/b", speakers=[ermek])
    with pytest.raises(services.NeedsConfirmation) as warning:
        services.plan_event(actor=district, unit=office.world.almaly, plan=plan)
    assert "Құпия сұхбат" not in str(warning.value) and "another engagement" in str(warning.value)
    with pytest.raises(services.NeedsConfirmation, match="Құпия сұхбат"):  # the city's own planner sees it
        services.plan_event(actor=office.secretary, unit=office.world.body, plan=plan)
    assert Event.objects.count() == 1


def test_an_external_speaker_is_the_same_person_however_the_name_is_typed(office):
    plan = office.plan(venue=None, online_url="https://meet.example.kz/a")
    plan.speakers = [services.SpeakerInput(name="Иван Петров")]
    services.plan_event(actor=office.secretary, unit=office.world.body, plan=plan)
    plan.speakers = [services.SpeakerInput(name="  петров  иван ")]
    with pytest.raises(services.NeedsConfirmation, match="already speaks"):
        services.plan_event(actor=office.secretary, unit=office.world.body, plan=plan)


def test_changing_an_event_keeps_the_speakers_who_answered_and_their_answers(office):
    from pressdesk.events.models import Question, QuestionStatus

    event = office.event(speakers=[office.mobility_head, office.ecology_head])
    speaker = event.speakers.get(user=office.mobility_head)
    question = Question.objects.create(
        event=event, text="Қашан?", language="kk", status=QuestionStatus.ANSWERED, answered_by=speaker
    )
    plan = office.plan(at=event.starts_at, speakers=[office.mobility_head])
    plan.texts["kk"] = ("Жаңа тақырып", "")
    services.change_event(actor=office.secretary, event=event, plan=plan)
    question.refresh_from_db()
    assert question.answered_by == speaker  # the same row, kept
    assert [s.user for s in event.speakers.all()] == [office.mobility_head]
    with pytest.raises(DomainError, match="answered questions"):
        services.change_event(actor=office.secretary, event=event, plan=office.plan(at=event.starts_at, speakers=[]))


def test_nobody_moves_up_for_a_cancelled_event(office):
    event = office.event(capacity=1)
    seat, waiting = (
        services.register(event=event, journalist=Directory(office.world).journalist(name)).registration
        for name in ("Айгерім Нұрланова", "Иван Петров")
    )
    services.cancel_event(actor=office.secretary, event=event, reason="Спикер ауырып қалды")
    with pytest.raises(DomainError, match="not open for registration"):
        services.cancel_registration(registration=seat)
    waiting.refresh_from_db()
    assert waiting.status == RegistrationStatus.WAITLISTED


def test_a_venue_with_fewer_seats_than_taken_is_refused_and_more_seats_go_to_the_waiting_list(office):
    from pressdesk.events import resources

    event = office.event()  # takes its seats from the hall
    office.hall.capacity = 2
    office.hall.save()
    taken = [
        services.register(event=event, journalist=Directory(office.world).journalist(name))
        for name in ("Айгерім Нұрланова", "Иван Петров", "Дана Ким")
    ]
    assert [t.waitlisted for t in taken] == [False, False, True]

    def seats(number: int) -> None:
        resources.venue_save(
            actor=office.secretary,
            unit=office.world.body,
            names={"kk": "Баспасөз орталығы"},
            address="Республика алаңы, 4",
            capacity=number,
            venue=office.hall,
        )

    with pytest.raises(DomainError, match="needs at least that many seats"):
        seats(1)
    seats(3)
    taken[2].registration.refresh_from_db()
    assert taken[2].registration.status == RegistrationStatus.REGISTERED
