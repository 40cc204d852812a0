"""Staff pages of events: the calendar, the planning form with its warnings, one event, venues and absences."""

from __future__ import annotations

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone, translation

from pressdesk.core.models import Role
from pressdesk.events.models import Absence, Event, EventKind, EventStatus, Venue
from pressdesk.publications.models import Material
from tests.conftest import verified_client
from tests.events.planning import soon


def form_data(office, *, at=None, minutes=60, speakers=(), external=(), **extra) -> dict:
    """What the planning form posts: every field, six speaker rows."""
    starts = timezone.localtime(at or soon())
    data = {
        "unit": office.world.body.pk,
        "kind": EventKind.BRIEFING,
        "start_date": starts.date().isoformat(),
        "start_time": starts.strftime("%H:%M"),
        "duration": str(minutes),
        "venue": office.hall.pk,
        "online_url": "",
        "languages": ["kk", "ru"],
        "interpretation": "kk → ru",
        "capacity": "",
        "registration_closes_at": "",
        "accreditation": "none",
        "topic_kk": "Көлік туралы брифинг",
        "description_kk": "",
        "topic_ru": "Брифинг о транспорте",
        "description_ru": "",
        "topic_en": "",
        "description_en": "",
    }
    rows = [{"user": person.pk} for person in speakers] + [
        {"name": name, "position": position} for name, position in external
    ]
    for n in range(6):
        row = rows[n] if n < len(rows) else {}
        data[f"speaker{n}-user"] = row.get("user", "")
        data[f"speaker{n}-name"] = row.get("name", "")
        data[f"speaker{n}-position"] = row.get("position", "")
        data[f"speaker{n}-role"] = "speaker"
    return data | extra


@pytest.fixture
def secretary(office):
    return verified_client(office.secretary)


def test_month_calendar_shows_the_event_on_its_day(office, secretary):
    event = office.event(at=soon(days=3, hour=11))
    day = timezone.localtime(event.starts_at).date()

    page = secretary.get(f"/en/events/?view=month&date={day.isoformat()}")

    assert page.status_code == 200
    html = page.content.decode()
    assert f'href="/en/events/{event.pk}/"' in html
    assert "11:00" in html
    assert "Monday" in html and "Sunday" in html


def test_week_and_list_views_show_the_event_and_move_by_their_step(office, secretary):
    event = office.event(at=soon(days=3, hour=15))
    day = timezone.localtime(event.starts_at).date()

    week = secretary.get(f"/en/events/?view=week&date={day.isoformat()}").content.decode()
    listing = secretary.get(f"/en/events/?view=list&date={day.isoformat()}").content.decode()

    assert f"/en/events/{event.pk}/" in week and "15:00" in week
    assert f"/en/events/{event.pk}/" in listing
    monday = day - datetime.timedelta(days=day.weekday())
    assert f"date={(monday + datetime.timedelta(days=7)).isoformat()}" in week  # next week
    assert f"date={(monday - datetime.timedelta(days=7)).isoformat()}" in week  # previous week


def test_calendar_filters_by_type_and_unit(office, world, secretary):
    briefing = office.event(at=soon(days=2))
    conference = office.event(EventKind.PRESS_CONFERENCE, at=soon(days=2, hour=15))
    day = soon(days=2).date().isoformat()

    by_type = secretary.get(f"/en/events/?view=list&date={day}&kind=press_conference").content.decode()
    by_unit = secretary.get(f"/en/events/?view=list&date={day}&unit={world.mobility.pk}").content.decode()

    assert f"/en/events/{conference.pk}/" in by_type and f"/en/events/{briefing.pk}/" not in by_type
    assert f"/en/events/{conference.pk}/" not in by_unit


def test_calendar_query_count_does_not_grow_with_events(office, secretary):
    # Every event inside next month, whatever today is, so that each view shows them all (in the last days of a
    # month, events a few days ahead used to fall outside the list, which hid a query per event's unit).
    today = timezone.localdate()
    first = (today.replace(day=1) + datetime.timedelta(days=32)).replace(day=1)
    ahead = (first - today).days
    events = [office.event(at=soon(days=ahead + 1))]
    month, listed = (f"/en/events/?view={view}&date={first.isoformat()}" for view in ("month", "list"))
    with CaptureQueriesContext(connection) as one:
        secretary.get(listed)
    events += [office.event(at=soon(days=ahead + days)) for days in range(2, 8)]
    with CaptureQueriesContext(connection) as many:
        pages = [secretary.get(month).content.decode(), secretary.get(listed).content.decode()]
    assert all(f"/en/events/{event.pk}/" in page for event in events for page in pages)
    assert len(many) <= 2 * len(one) + 2


def test_another_units_press_secretary_does_not_see_the_event(office, world):
    event = office.event()
    district = world.person("timur", Role.UNIT_PRESS_SECRETARY, world.almaly)
    client = verified_client(district)

    assert client.get(f"/en/events/{event.pk}/").status_code == 404
    assert client.get(f"/en/events/{event.pk}/change/").status_code == 404
    assert f"/en/events/{event.pk}/" not in client.get("/en/events/?view=list").content.decode()


def test_a_head_sees_but_cannot_plan(office):
    event = office.event()
    head = verified_client(office.ecology_head)

    assert head.get(f"/en/events/{event.pk}/").status_code == 200
    assert head.get("/en/events/new/").status_code == 403
    assert head.post(f"/en/events/{event.pk}/cancel/", {"reason": "x"}).status_code == 403
    assert Event.objects.get(pk=event.pk).status == EventStatus.PLANNED


def test_planning_with_a_staff_and_an_external_speaker(office, secretary):
    data = form_data(office, speakers=[office.ecology_head], external=[("Ержан Сапаров", "Expert, KazGU")])

    answer = secretary.post("/en/events/new/", data)

    event = Event.objects.get()
    assert answer.status_code == 302 and answer["Location"] == f"/en/events/{event.pk}/"
    assert event.language_list() == ["kk", "ru"] and event.venue == office.hall
    assert event.ends_at - event.starts_at == datetime.timedelta(minutes=60)
    assert [(s.user, s.name, s.position) for s in event.speakers.all()] == [
        (office.ecology_head, "", ""),
        (None, "Ержан Сапаров", "Expert, KazGU"),
    ]
    detail = secretary.get(answer["Location"]).content.decode()
    assert "Ержан Сапаров" in detail and "Yelena" in detail and "event planned" in detail


def test_a_busy_speaker_is_a_warning_to_confirm_and_save_anyway(office, secretary):
    office.event(at=soon(days=4, hour=11), speakers=[office.mobility_head])
    data = form_data(office, at=soon(days=4, hour=11), speakers=[office.mobility_head], venue="")
    data["online_url"] = "https://meet.example.kz/b"

    with translation.override("en"):
        warned = secretary.post("/en/events/new/", data)

    assert warned.status_code == 200
    html = warned.content.decode()
    assert "Bauyrzhan already speaks at" in html and "Save anyway" in html
    assert 'value="https://meet.example.kz/b"' in html  # the input is kept
    assert Event.objects.count() == 1

    saved = secretary.post("/en/events/new/", data | {"confirmed": "1"})

    assert saved.status_code == 302 and Event.objects.count() == 2


def test_a_booked_room_is_refused_with_the_reason_and_the_input_kept(office, secretary):
    office.event(at=soon(days=4, hour=11))
    data = form_data(office, at=soon(days=4, hour=11), topic_kk="Екінші брифинг")

    answer = secretary.post("/en/events/new/", data)

    html = answer.content.decode()
    assert answer.status_code == 200 and "is booked at that time" in html
    assert 'value="Екінші брифинг"' in html and "Save anyway" not in html
    assert Event.objects.count() == 1


def test_a_speaker_row_with_both_a_colleague_and_a_name_is_refused(office, secretary):
    data = form_data(office, speakers=[office.ecology_head])
    data["speaker0-name"] = "Someone Else"

    answer = secretary.post("/en/events/new/", data)

    assert answer.status_code == 200 and "not both" in answer.content.decode()
    assert not Event.objects.exists()


def test_changing_an_event_starts_from_its_data_and_records_history(office, secretary):
    event = office.event(at=soon(days=5, hour=10), speakers=[office.ecology_head])

    form = secretary.get(f"/en/events/{event.pk}/change/").content.decode()
    assert 'value="Қоғамдық көлік туралы брифинг"' in form and 'value="10:00"' in form

    data = form_data(office, at=soon(days=5, hour=12), speakers=[office.ecology_head])
    data.pop("unit")
    answer = secretary.post(f"/en/events/{event.pk}/change/", data)

    assert answer.status_code == 302
    event.refresh_from_db()
    assert timezone.localtime(event.starts_at).hour == 12
    assert "event changed" in secretary.get(f"/en/events/{event.pk}/").content.decode()


def test_cancelling_needs_a_reason_and_then_cancels(office, secretary):
    event = office.event()

    empty = secretary.post(f"/en/events/{event.pk}/cancel/", {"reason": ""})
    assert empty.status_code == 200 and Event.objects.get(pk=event.pk).status == EventStatus.PLANNED

    done = secretary.post(f"/en/events/{event.pk}/cancel/", {"reason": "The minister cannot come"})

    assert done.status_code == 302
    assert Event.objects.get(pk=event.pk).status == EventStatus.CANCELLED
    assert "The minister cannot come" in secretary.get(f"/en/events/{event.pk}/").content.decode()


def test_marking_held_with_a_count(office, secretary):
    event = office.event()
    early = secretary.post(f"/en/events/{event.pk}/held/", {"attendance": "12"}, follow=True)
    assert "has not started yet" in early.content.decode()

    Event.objects.filter(pk=event.pk).update(
        starts_at=timezone.now() - datetime.timedelta(hours=2), ends_at=timezone.now() - datetime.timedelta(hours=1)
    )
    secretary.post(f"/en/events/{event.pk}/held/", {"attendance": "12"})

    event.refresh_from_db()
    assert event.status == EventStatus.HELD and event.attendance_manual == 12


def test_linking_materials_of_the_unit(office, secretary, world):
    from pressdesk.publications import services as publications
    from pressdesk.publications.services import Text

    event = office.event()
    material = publications.create(
        actor=office.secretary, unit=world.body, kind="press_release", language="kk", text=Text("Релиз", "", "Мәтін")
    )
    detail = secretary.get(f"/en/events/{event.pk}/").content.decode()
    assert "Релиз" in detail

    secretary.post(f"/en/events/{event.pk}/materials/", {"materials": [material.pk]})

    assert list(event.materials.all()) == [material]
    assert Material.objects.count() == 1


def test_venues_are_added_and_offered_in_the_form(office, world, secretary):
    answer = secretary.post(
        "/en/events/venues/",
        {"unit": world.body.pk, "address": "Abai 10", "capacity": "25", "name_kk": "Кіші зал", "name_ru": "Малый зал"},
    )

    assert answer.status_code == 302
    venue = Venue.objects.get(address="Abai 10")
    assert venue.capacity == 25 and venue.translation_map()["ru"].name == "Малый зал"
    assert "Кіші зал" in secretary.get("/kk/events/new/").content.decode()


def test_a_recorded_absence_refuses_the_speaker(office, secretary):
    starts = soon(days=6, hour=9)
    answer = secretary.post(
        "/en/events/absences/",
        {
            "user": office.ecology_head.pk,
            "starts_at": timezone.localtime(starts).strftime("%Y-%m-%dT%H:%M"),
            "ends_at": timezone.localtime(starts + datetime.timedelta(days=2)).strftime("%Y-%m-%dT%H:%M"),
            "reason": "on leave",
        },
    )
    assert answer.status_code == 302 and Absence.objects.count() == 1

    refused = secretary.post("/en/events/new/", form_data(office, at=soon(days=6), speakers=[office.ecology_head]))

    assert "is not available at that time: on leave" in refused.content.decode()
    assert not Event.objects.exists()

    secretary.post(f"/en/events/absences/{Absence.objects.get().pk}/remove/")
    assert not Absence.objects.exists()


@pytest.mark.parametrize(
    "path",
    [
        "/kk/events/?unit=%C2%B2",
        "/kk/events/?unit=99999999999999999999999&view=week&date=9999-99-99",
        "/kk/events/figures/?since=2020-01-01&until=9999-12-31",
        "/kk/events/figures/?since=0001-01-01&until=2026-01-01",
        "/kk/events/figures/export/?format=csv&since=0001-01-01&until=9999-12-31",
    ],
)
def test_odd_addresses_get_an_answer_not_an_error(office, path):
    response = verified_client(office.secretary).get(path)
    assert response.status_code in (200, 302, 404), path


def test_a_number_of_places_beyond_any_hall_is_refused_by_the_form(office):
    client = verified_client(office.secretary)
    response = client.post("/en/events/new/", form_data(office, capacity=3_000_000_000))
    assert response.status_code == 200 and not Event.objects.exists()
    assert "less than or equal to 100000" in response.content.decode()
    assert client.post("/en/events/new/", form_data(office, capacity=30)).status_code == 302  # the same form saves


def test_an_event_form_sent_twice_plans_one_event_and_a_warning_keeps_its_key(office, secretary):
    from tests.once import sent_twice

    first, second = sent_twice(secretary, "/en/events/new/", form_data(office))
    assert first == second == f"/en/events/{Event.objects.get().pk}/"
    # A warning to confirm made nothing: the same key then plans the event.
    office.event(at=soon(days=4, hour=11), speakers=[office.mobility_head])
    data = form_data(office, at=soon(days=4, hour=11), speakers=[office.mobility_head], venue="")
    data |= {"online_url": "https://meet.example.kz/b", "once": "c" * 32}
    assert secretary.post("/en/events/new/", data).status_code == 200
    assert secretary.post("/en/events/new/", data | {"confirmed": "1"}).status_code == 302
    assert Event.objects.count() == 3
