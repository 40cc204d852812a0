"""The unit's iCalendar feed: a staff session or a personal API token, parsed back with the icalendar library."""

from __future__ import annotations

import datetime

import pytest
from django.test import Client
from icalendar import Calendar

from pressdesk.api.services import api_token_create
from pressdesk.core.models import Role
from pressdesk.events import services
from pressdesk.events.models import EventKind
from tests.conftest import verified_client
from tests.events.planning import soon


def parsed(response) -> list:
    assert response.status_code == 200, response.content[:300]
    assert response["Content-Type"].startswith("text/calendar")
    return list(Calendar.from_ical(response.content).walk("VEVENT"))


def by_uid(events: list) -> dict:
    return {str(item["UID"]): item for item in events}


def test_the_feed_lists_the_units_events_with_their_fields(office, world):
    event = office.event(at=soon(days=3, hour=11), hours=2)
    other = office.event(EventKind.PRESS_CONFERENCE, at=soon(days=4), venue=None, online_url="https://meet.kz/x")
    services.cancel_event(actor=office.secretary, event=other, reason="no speaker")

    items = parsed(verified_client(office.secretary).get(f"/ru/events/ical/{world.body.pk}.ics"))

    assert len(items) == 2
    first = next(item for item in items if str(item["UID"]).startswith(f"event-{event.pk}@"))
    assert str(first["SUMMARY"]) == "Брифинг об общественном транспорте"  # the request's language
    assert first.decoded("DTSTART") == event.starts_at
    assert first.decoded("DTEND") - first.decoded("DTSTART") == datetime.timedelta(hours=2)
    assert first.decoded("DTSTART").utcoffset() == datetime.timedelta(0)  # written in UTC
    assert str(first["LOCATION"]) == "Баспасөз орталығы, Республика алаңы, 4"
    assert str(first["STATUS"]) == "CONFIRMED"
    assert f"/ru/events/{event.pk}/" in str(first["URL"])
    second = next(item for item in items if item is not first)
    assert str(second["STATUS"]) == "CANCELLED" and str(second["LOCATION"]) == "https://meet.kz/x"


def test_a_change_raises_the_sequence(office, world):
    event = office.event(at=soon(days=3))
    client = verified_client(office.secretary)
    before = parsed(client.get(f"/en/events/ical/{world.body.pk}.ics"))[0]

    services.change_event(actor=office.secretary, event=event, plan=office.plan(at=soon(days=3, hour=14)))
    after = parsed(client.get(f"/en/events/ical/{world.body.pk}.ics"))[0]

    assert after["UID"] == before["UID"]
    assert int(after["SEQUENCE"]) > int(before["SEQUENCE"])
    assert after.decoded("LAST-MODIFIED") >= before.decoded("LAST-MODIFIED")


def test_a_calendar_program_reads_it_with_a_personal_token(office, world):
    office.event()
    _token, raw = api_token_create(actor=office.secretary, name="Calendar")

    anonymous = Client()
    assert len(parsed(anonymous.get(f"/kk/events/ical/{world.body.pk}.ics?token={raw}"))) == 1
    assert anonymous.get(f"/kk/events/ical/{world.body.pk}.ics?token=pd_wrong").status_code == 401
    assert anonymous.get(f"/kk/events/ical/{world.body.pk}.ics").status_code == 302  # to the sign-in


@pytest.mark.parametrize("with_token", [False, True])
def test_another_units_staff_get_no_feed(office, world, with_token):
    office.event()
    district = world.person("timur", Role.UNIT_PRESS_SECRETARY, world.almaly)
    if with_token:
        _token, raw = api_token_create(actor=district, name="Calendar")
        answer = Client().get(f"/kk/events/ical/{world.body.pk}.ics?token={raw}")
    else:
        answer = verified_client(district).get(f"/kk/events/ical/{world.body.pk}.ics")

    assert answer.status_code == 404
    assert len(parsed(verified_client(district).get(f"/kk/events/ical/{world.almaly.pk}.ics"))) == 0
