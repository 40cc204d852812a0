"""Events in figures: by type, Almaty month and unit; speakers, questions, journalists; filters and exports."""

from __future__ import annotations

import csv
import datetime
import io
import zoneinfo

import openpyxl
import pytest
from django.utils import translation

from pressdesk.core.models import Role
from pressdesk.events import services, stats
from pressdesk.events.models import Event, EventKind, EventStatus, Question, QuestionStatus
from pressdesk.events.services import SpeakerInput
from tests.conftest import verified_client
from tests.directory.conftest import Directory
from tests.events.planning import soon

pytestmark = pytest.mark.django_db
ALMATY = zoneinfo.ZoneInfo("Asia/Almaty")


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


def at(year: int, month: int, day: int, hour: int = 11, minute: int = 0) -> datetime.datetime:
    return datetime.datetime(year, month, day, hour, minute, tzinfo=ALMATY)


def past_event(
    office, when, kind=EventKind.BRIEFING, *, unit=None, status=EventStatus.HELD, speakers=(), registered=(), **options
):
    """An event planned (the service refuses the past) and then moved back to ``when``, held or cancelled."""
    plan = office.plan(kind, at=soon(days=60), venue=None, online_url="https://meet.example.kz/room", **options)
    plan.speakers = list(speakers)
    event = services.plan_event(actor=office.secretary, unit=unit or office.world.body, plan=plan, confirmed=True)
    for journalist in registered:
        services.register(event=event, journalist=journalist)
    Event.objects.filter(pk=event.pk).update(starts_at=when, ends_at=when + datetime.timedelta(hours=1))
    if status == EventStatus.HELD:
        services.mark_held(actor=office.secretary, event=event)
    elif status == EventStatus.CANCELLED:
        services.cancel_event(actor=office.secretary, event=event, reason="Отменено")
    event.refresh_from_db()
    return event


def ask(event, status, *, number=1, in_advance=False, answered_by=None):
    Question.objects.bulk_create(
        Question(
            event=event, text=f"Сұрақ {n}", language="kk", status=status, in_advance=in_advance, answered_by=answered_by
        )
        for n in range(number)
    )


def test_events_are_counted_by_type_almaty_month_and_unit(office):
    world = office.world
    past_event(office, at(2026, 2, 28, 23, 30))  # late on 28 February in Almaty: February
    past_event(office, at(2026, 3, 1, 0, 0), EventKind.PRESS_CONFERENCE)  # still 28 February in UTC: March here
    past_event(office, at(2026, 3, 10), EventKind.PRESS_CONFERENCE, unit=world.mobility, status=EventStatus.CANCELLED)
    past_event(office, at(2026, 3, 31, 23, 59), unit=world.mobility, status=EventStatus.PLANNED)

    result = stats.figures(Event.objects.all(), datetime.date(2026, 1, 1), datetime.date(2026, 12, 31))

    assert (result.total.held, result.total.planned, result.total.cancelled, result.total.total) == (2, 1, 1, 4)
    assert [(g.key, g.held, g.planned, g.cancelled) for g in result.by_month] == [
        (datetime.date(2026, 2, 1), 1, 0, 0),
        (datetime.date(2026, 3, 1), 1, 1, 1),
    ]
    assert {g.label: (g.held, g.planned, g.cancelled) for g in result.by_kind} == {
        "Briefing": (1, 1, 0),
        "Press conference": (1, 0, 1),
    }
    assert {g.label: g.total for g in result.by_unit} == {world.body.name: 2, world.mobility.name: 2}


def test_the_period_runs_from_midnight_to_midnight_in_almaty(office):
    last_of_february = past_event(office, at(2026, 2, 28, 23, 30))
    first_of_march = past_event(office, at(2026, 3, 1, 0, 0))
    events = Event.objects.all()
    march = stats.in_period(events, datetime.date(2026, 3, 1), datetime.date(2026, 3, 31))
    february = stats.in_period(events, datetime.date(2026, 2, 1), datetime.date(2026, 2, 28))
    assert list(march) == [first_of_march] and list(february) == [last_of_february]


def test_unit_and_type_filters(office):
    world = office.world
    past_event(office, at(2026, 3, 2), EventKind.BRIEFING)
    past_event(office, at(2026, 3, 3), EventKind.PRESS_TOUR, unit=world.mobility)
    past_event(office, at(2026, 3, 4), EventKind.BRIEFING, unit=world.mobility)
    since, until = datetime.date(2026, 3, 1), datetime.date(2026, 3, 31)
    events = Event.objects.all()
    assert stats.figures(events, since, until, unit=world.mobility).total.total == 2
    assert stats.figures(events, since, until, unit=world.body).total.total == 3  # the body and the units below
    assert stats.figures(events, since, until, kind=EventKind.BRIEFING).total.total == 2
    assert stats.figures(events, since, until, unit=world.mobility, kind=EventKind.PRESS_TOUR).total.held == 1


def test_speakers_questions_and_journalists_at_events_held(office):
    directory = Directory(office.world)
    people = [directory.journalist(name) for name in ("Асқар Бекұлы", "Дина Оразова", "Олег Ким", "Сара Нұр")]
    expert = SpeakerInput(name="Ерлан Сәрсенов", position="сарапшы")
    checked = past_event(
        office,
        at(2026, 3, 2),
        speakers=[SpeakerInput(user=office.mobility_head), expert],
        registered=people[:3],
    )
    for registration in checked.registrations.all()[:2]:
        services.check_in(actor=office.secretary, registration=registration)
    counted = past_event(
        office,
        at(2026, 3, 3),
        speakers=[SpeakerInput(user=office.mobility_head), SpeakerInput(name="  ерлан  Сәрсенов ")],
        registered=people,
    )
    services.mark_held(actor=office.secretary, event=counted, attendance=9)
    cancelled = past_event(
        office, at(2026, 3, 4), speakers=[SpeakerInput(user=office.ecology_head)], status=EventStatus.CANCELLED
    )
    speaker = checked.speakers.first()
    ask(checked, QuestionStatus.ANSWERED, number=12, answered_by=speaker)
    ask(checked, QuestionStatus.ASKED, number=2)
    ask(counted, QuestionStatus.SUBMITTED, number=3, in_advance=True)
    ask(counted, QuestionStatus.REJECTED)
    ask(cancelled, QuestionStatus.SUBMITTED, number=5)  # a cancelled event's questions are not counted

    result = stats.figures(Event.objects.all(), datetime.date(2026, 3, 1), datetime.date(2026, 3, 31))

    assert (result.speakers, result.appearances) == (2, 4)
    assert [(row.name, row.staff, row.appearances) for row in result.top_speakers] == [
        (office.mobility_head.full_name, True, 2),
        ("Ерлан Сәрсенов", False, 2),
    ]
    assert (
        result.questions_received,
        result.questions_in_advance,
        result.questions_asked,
        result.questions_answered,
    ) == (18, 3, 14, 12)
    assert (result.registered, result.present) == (7, 2 + 9)


def test_figures_take_a_handful_of_queries_however_many_events(office, django_assert_max_num_queries):
    for day in range(1, 8):
        event = past_event(office, at(2026, 3, day), speakers=[SpeakerInput(name=f"Сарапшы {day}")])
        ask(event, QuestionStatus.ANSWERED, number=2)
    with django_assert_max_num_queries(6):
        result = stats.figures(Event.objects.all(), datetime.date(2026, 3, 1), datetime.date(2026, 3, 31))
        assert result.questions_answered == 14 and result.speakers == 7


def test_the_page_shows_only_the_units_the_user_may_see(office):
    world = office.world
    past_event(office, at(2026, 3, 2))
    past_event(office, at(2026, 3, 3), unit=world.almaly)
    district = world.person("timur", Role.UNIT_PRESS_SECRETARY, world.almaly)
    period = {"since": "2026-03-01", "until": "2026-03-31"}
    page = verified_client(district).get("/en/events/figures/", period)
    assert page.status_code == 200 and page.context["figures"].total.total == 1
    everything = verified_client(office.secretary).get("/en/events/figures/", period)
    assert everything.context["figures"].total.total == 2
    assert "Events held per month" in everything.content.decode()


def test_a_period_that_ends_before_it_begins_is_refused(office):
    page = verified_client(office.secretary).get("/en/events/figures/", {"since": "2026-05-01", "until": "2026-04-01"})
    assert page.status_code == 200 and page.context["figures"] is None
    assert "The period ends before it begins." in page.content.decode()


def test_staff_without_a_role_cannot_open_the_figures(office):
    nobody = office.world.person("nobody", None, None)
    assert verified_client(nobody).get("/en/events/figures/").status_code == 403


def _export(client, fmt: str, **filters) -> bytes:
    response = client.get(
        "/en/events/figures/export/", {"since": "2026-03-01", "until": "2026-03-31", "format": fmt, **filters}
    )
    assert response.status_code == 200
    return b"".join(response.streaming_content)


def test_the_figures_export_as_csv_and_xlsx_with_the_same_filters(office):
    event = past_event(office, at(2026, 3, 2), EventKind.PRESS_CONFERENCE)
    past_event(office, at(2026, 3, 3), EventKind.BRIEFING)
    ask(event, QuestionStatus.ANSWERED, number=3)
    client = verified_client(office.secretary)

    text = _export(client, "csv", kind=EventKind.PRESS_CONFERENCE).decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text), delimiter=";"))
    assert rows[0] == ["Section", "Name", "Held", "Planned", "Cancelled", "Total"]
    assert ["By type", "Press conference", "1", "0", "0", "1"] in rows
    assert not any(row[1] == "Briefing" for row in rows)  # the type filter holds in the export
    assert ["By month", "March 2026", "1", "0", "0", "1"] in rows
    assert ["At events held", "Questions answered", "3", "", "", ""] in rows

    sheet = openpyxl.load_workbook(io.BytesIO(_export(client, "xlsx"))).active
    table = [list(row) for row in sheet.iter_rows(values_only=True)]
    assert table[0][:3] == ["Section", "Name", "Held"]
    assert ["All events", None, "2", "0", "0", "2"] in table


def test_an_unknown_export_format_is_not_found(office):
    response = verified_client(office.secretary).get("/en/events/figures/export/", {"format": "pdf"})
    assert response.status_code == 404
