"""Public announcements of events in the newsroom: public events only, never an interview, an .ics to download."""

from __future__ import annotations

import pytest
from django.test import Client
from icalendar import Calendar

from pressdesk.events import services
from pressdesk.events.models import EventKind
from tests.events.planning import Office, soon


@pytest.fixture
def office(world) -> Office:
    return Office(world)


def everything_public(client: Client, pk: int, language: str = "kk") -> dict[str, str]:
    """The answers of every public channel an event could appear in."""
    return {
        "list": client.get(f"/{language}/announcements/").content.decode(),
        "home": client.get(f"/{language}/").content.decode(),
        "sitemap": client.get("/sitemap.xml").content.decode(),
    }


def test_a_public_briefing_is_announced_in_each_language_with_an_ics(office):
    event = office.event(at=soon(days=3, hour=11), is_public=True)
    client = Client()

    listing = client.get("/ru/announcements/")
    detail = client.get(f"/ru/announcements/{event.pk}/")
    ics = client.get(f"/en/announcements/{event.pk}/event.ics")

    assert f'/ru/announcements/{event.pk}/"' in listing.content.decode()
    assert "Брифинг об общественном транспорте" in detail.content.decode()
    assert detail["Cache-Control"].startswith("max-age") or "public" in detail["Cache-Control"]
    item = next(iter(Calendar.from_ical(ics.content).walk("VEVENT")))
    assert item.decoded("DTSTART") == event.starts_at
    assert str(item["STATUS"]) == "CONFIRMED"
    assert f"/announcements/{event.pk}/" in str(item["URL"])
    assert "/kk/announcements/" in client.get("/kk/").content.decode()


def test_a_private_interview_never_appears(office):
    interview = office.event(EventKind.INTERVIEW, is_public=True, venue=None, online_url="https://x.kz/i")
    hidden = office.event(at=soon(days=5), is_public=False)
    client = Client()

    for pk in (interview.pk, hidden.pk):
        assert client.get(f"/kk/announcements/{pk}/").status_code == 404
        assert client.get(f"/kk/announcements/{pk}/event.ics").status_code == 404
        for channel, body in everything_public(client, pk).items():
            assert f"/announcements/{pk}/" not in body, channel
    assert "Қоғамдық көлік" not in client.get("/kk/announcements/").content.decode()


def test_an_announced_event_that_is_cancelled_says_so(office):
    event = office.event(is_public=True)
    services.cancel_event(actor=office.secretary, event=event, reason="internal reason")
    client = Client()

    page = client.get(f"/en/announcements/{event.pk}/")
    ics = client.get(f"/en/announcements/{event.pk}/event.ics")

    assert page.status_code == 410
    assert "Cancelled." in page.content.decode() and "internal reason" not in page.content.decode()
    assert str(next(iter(Calendar.from_ical(ics.content).walk("VEVENT")))["STATUS"]) == "CANCELLED"
    assert f"/en/announcements/{event.pk}/" not in client.get("/en/announcements/").content.decode()
