"""The Kazakhstan working-day calendar: deadlines of media inquiries, the shipped years, the calendar page."""

from __future__ import annotations

import datetime
import importlib
import re
from zoneinfo import ZoneInfo

import pytest
from django.test import Client
from django.utils import translation
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from pressdesk.core import calendar_services, workdays
from pressdesk.core.models import AuditEntry, CalendarDay, DayKind, Role
from pressdesk.core.workdays import (
    add_working_days,
    counting_day,
    extension_due,
    inquiry_due,
    is_working_day,
    next_working_day,
    notice_due,
    working_days_before,
    working_days_between,
)
from tests.conftest import verified_client

ALMATY = ZoneInfo("Asia/Almaty")
NAURYZ = "Наурыз мейрамы"
SHIPPED = importlib.import_module("pressdesk.core.migrations.0003_calendar").DAYS
D = datetime.date
property_test = hypothesis_settings(
    max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


@pytest.fixture(autouse=True)
def _fresh_calendar_cache():
    # The cache lives for the process; a test that changed the calendar must not leave its copy to the next one.
    workdays.forget()
    yield
    workdays.forget()


def at(year: int, month: int, day: int, hour: int = 10, minute: int = 0) -> datetime.datetime:
    return datetime.datetime(year, month, day, hour, minute, tzinfo=ALMATY)


def shipped_working(day: datetime.date) -> bool:
    """What the shipped data says, computed without the database: the oracle for the properties."""
    kinds = {D.fromisoformat(d): kind for d, kind, _name in SHIPPED}
    kind = kinds.get(day)
    return day.weekday() < 5 if kind is None else kind == DayKind.WORKING_DAY


shipped_days = st.dates(min_value=D(2025, 1, 1), max_value=D(2027, 11, 30))
receipts = st.datetimes(
    min_value=datetime.datetime(2025, 1, 1), max_value=datetime.datetime(2027, 11, 30), timezones=st.just(ALMATY)
)


# --- the shipped calendar ---------------------------------------------------------------------


def test_shipped_calendar_is_in_the_database_and_read_in_one_query(db, django_assert_num_queries):
    with django_assert_num_queries(1):
        answers = {day: is_working_day(day) for day in _every_day(D(2025, 1, 1), D(2025, 12, 31))}
    assert answers == {day: shipped_working(day) for day in answers}
    assert CalendarDay.objects.filter(date__year=2026).count() == sum(1 for d, _k, _n in SHIPPED if d[:4] == "2026")


def test_every_year_has_the_same_working_days_in_the_database_as_in_the_migration(db):
    for day in _every_day(D(2025, 1, 1), D(2027, 12, 31)):
        assert is_working_day(day) is shipped_working(day), day


def test_shipped_kinds_fit_the_weekday():
    for iso, kind, name in SHIPPED:
        day = D.fromisoformat(iso)
        assert name, iso
        if kind == DayKind.WORKING_DAY:
            assert day.weekday() >= 5, f"{iso} is a weekday: marking it a working day means nothing"
        if kind == DayKind.DAY_OFF:
            assert day.weekday() < 5, f"{iso} is a weekend: a moved day off is always a weekday"


def test_working_days_per_year(db):
    # 2025: 261 weekdays, 16 of them off (holidays and moved days), plus Sunday 5 January worked.
    # 2026: 261 weekdays, 14 of them off; 31 August is worked since the new Constitution.
    counts = {year: working_days_between(D(year - 1, 12, 31), D(year, 12, 31)) for year in (2025, 2026)}
    assert counts == {2025: 246, 2026: 247}


def test_the_new_constitution_moved_constitution_day_to_15_march_from_2027(db):
    assert is_working_day(D(2026, 8, 31))  # no day off for 30 August (a Sunday) in 2026
    assert not is_working_day(D(2027, 3, 15))
    assert is_working_day(D(2027, 8, 30))


def test_holidays_package_agrees_with_the_shipped_years():
    """Cross-check with the independent `holidays` package (test-only dependency).

    The package lists holidays, observed (moved) days off and transferred days
    off, and names the weekend day made working inside the transferred day's
    label. Compared for 2025–2027, it agrees with every shipped day:

    * 2027-03-15 "Constitution Day" is right, and we ship it: the Constitution
      adopted at the referendum of 15 March 2026 (in force 1 July 2026) made the
      day of its adoption the state holiday; the holidays law was changed to
      match, and 30 August stopped being a holiday already in 2026 (the Ministry
      of Labour said so in March 2026) — hence no day off on 31 August 2026.
    * Kurban Ait 2026 (27 May) is confirmed; 2027 (16 May, a Sunday) is the
      estimate both we and the package use. A Sunday makes no deadline move, and
      an administrator corrects the date on the calendar page once it is announced.
    * No transfer decree exists for 2026, and none was published for 2027 when
      this was written; if the government issues one, both sides change.
    """
    holidays = pytest.importorskip("holidays")
    theirs = holidays.country_holidays("KZ", years=range(2025, 2028), language="en_US")
    their_days_off = set(theirs)
    their_working_weekends = set()
    for name in theirs.values():
        for month, day, year in re.findall(r"substituted from (\d\d)/(\d\d)/(\d{4})", name):
            their_working_weekends.add(D(int(year), int(month), int(day)))

    ours = {D.fromisoformat(d): kind for d, kind, _name in SHIPPED}
    our_days_off = {day for day, kind in ours.items() if kind in (DayKind.HOLIDAY, DayKind.DAY_OFF)}
    our_working_weekends = {day for day, kind in ours.items() if kind == DayKind.WORKING_DAY}

    deliberate_differences: set[D] = set()  # none today; add a date here only with the reason above
    assert our_days_off ^ their_days_off == deliberate_differences
    assert our_working_weekends == their_working_weekends == {D(2025, 1, 5)}


def _every_day(first: datetime.date, last: datetime.date):
    day = first
    while day <= last:
        yield day
        day += datetime.timedelta(days=1)


# --- counting -----------------------------------------------------------------------------------


def test_a_request_on_friday_before_nauryz_2026_is_due_after_the_five_days_off(db):
    # 21–25 March 2026: Saturday, Sunday, Nauryz on Monday, Nauryz moved from the weekend to Tuesday and Wednesday.
    assert inquiry_due(at(2026, 3, 20)) == D(2026, 4, 1)
    assert working_days_before(D(2026, 4, 1), 2) == D(2026, 3, 30)
    assert working_days_before(D(2026, 4, 1), 1) == D(2026, 3, 31)


def test_a_request_late_on_friday_in_utc_is_already_saturday_in_almaty(db):
    received = datetime.datetime(2026, 3, 20, 20, 0, tzinfo=datetime.UTC)  # 01:00 on Saturday 21 March in Almaty
    assert inquiry_due(received) == D(2026, 4, 2)  # counted from Thursday 26 March, the first working day


def test_a_request_on_new_years_eve_skips_the_holidays_and_christmas(db):
    # 1–2 January holidays, 3–4 weekend, 7 January Orthodox Christmas.
    assert inquiry_due(at(2025, 12, 31, 17, 59)) == D(2026, 1, 12)


def test_a_sunday_made_a_working_day_counts(db):
    # 2025: the day off moved from Sunday 5 January to Friday 3 January.
    assert is_working_day(D(2025, 1, 5))
    assert not is_working_day(D(2025, 1, 3))
    assert next_working_day(D(2025, 1, 2)) == D(2025, 1, 5)
    # Received on a holiday, counted from Sunday the 5th: 6, 8, 9, 10, 13 January (7th is Christmas).
    assert inquiry_due(at(2025, 1, 2)) == D(2025, 1, 13)


def test_a_request_on_a_working_day_is_due_five_working_days_later(db):
    assert inquiry_due(at(2026, 11, 25, 23, 59)) == D(2026, 12, 2)  # Wednesday: the time of day does not matter


def test_the_terms_come_from_the_settings(db, settings):
    settings.INQUIRY_ANSWER_WORKING_DAYS = 7
    settings.INQUIRY_EXTENSION_CALENDAR_DAYS = 10
    settings.INQUIRY_EXTENSION_NOTICE_WORKING_DAYS = 3
    assert inquiry_due(at(2026, 11, 25)) == D(2026, 12, 4)
    assert extension_due(D(2026, 12, 4), 10) == D(2026, 12, 14)
    with pytest.raises(ValueError):
        extension_due(D(2026, 12, 4), 11)
    assert notice_due(D(2026, 11, 25)) == D(2026, 11, 30)


def test_notice_of_an_extension_is_due_within_two_working_days(db):
    assert notice_due(D(2026, 3, 20)) == D(2026, 3, 27)
    assert notice_due(D(2026, 3, 21)) == D(2026, 3, 30)  # decided on a Saturday: counted from Thursday 26th


def test_an_extension_is_fifteen_calendar_days_at_most(db):
    assert extension_due(D(2026, 4, 1), 15) == D(2026, 4, 16)
    for days in (0, 16, -1):
        with pytest.raises(ValueError):
            extension_due(D(2026, 4, 1), days)


def test_counting_across_years_without_data_uses_the_week(db, django_assert_num_queries):
    with django_assert_num_queries(1):
        assert add_working_days(D(2030, 12, 27), 3) == D(2031, 1, 1)
    assert add_working_days(D(2027, 12, 30), 2) == D(2028, 1, 3)


def test_no_negative_counts():
    with pytest.raises(ValueError):
        add_working_days(D(2026, 1, 5), -1)
    with pytest.raises(ValueError):
        inquiry_due(at(2026, 1, 5), 0)


# --- properties ------------------------------------------------------------------------------------


@property_test
@given(received=receipts)
def test_the_due_date_is_always_a_working_day(db, received):
    assert shipped_working(inquiry_due(received))


@property_test
@given(received=receipts)
def test_never_fewer_than_five_working_days_after_receipt(db, received):
    received_on = received.date()
    due = inquiry_due(received)
    assert working_days_between(received_on, due) >= 5
    assert sum(shipped_working(day) for day in _every_day(received_on + datetime.timedelta(days=1), due)) >= 5


@property_test
@given(received=receipts)
def test_a_request_on_a_day_off_starts_counting_at_the_next_working_day(db, received):
    received_on = received.date()
    if shipped_working(received_on):
        assert inquiry_due(received) == add_working_days(received_on, 5)
    else:
        start = received_on + datetime.timedelta(days=1)
        while not shipped_working(start):
            start += datetime.timedelta(days=1)
        assert counting_day(received_on) == next_working_day(received_on) == start
        assert inquiry_due(received) == add_working_days(start, 5)


@property_test
@given(due=shipped_days, days=st.integers(min_value=-5, max_value=40))
def test_an_extension_never_exceeds_fifteen_calendar_days(db, due, days):
    if 1 <= days <= 15:
        assert 1 <= (extension_due(due, days) - due).days <= 15
    else:
        with pytest.raises(ValueError):
            extension_due(due, days)


@property_test
@given(start=shipped_days, n=st.integers(min_value=0, max_value=30))
def test_adding_and_counting_working_days_agree(db, start, n):
    end = add_working_days(start, n)
    assert working_days_between(start, end) == n
    assert working_days_between(end, start) == -n
    if n:
        assert shipped_working(end)
        assert working_days_before(end, n) == counting_day(start) or not shipped_working(start)
    if shipped_working(start):
        assert working_days_before(end, n) == start


# --- the calendar page and its services -----------------------------------------------------------


def change(client, year: int = 2027, **data):
    form = {"date": "2027-07-05", "kind": "day_off", "name": "Демалыс күні", "reason": "Decree No. 1", "op": "set"}
    form.update(data)
    return client.post(f"/kk/calendar/{year}/", form)


def test_everyone_on_staff_reads_the_calendar_but_only_the_press_secretary_sees_the_form(world, press_secretary):
    reader = world.person("dana", Role.PRESS_OFFICER, world.body)
    response = verified_client(reader).get("/kk/calendar/2026/")
    assert response.status_code == 200
    page = response.content.decode()
    assert "Наурыз мейрамы" in page and 'name="reason"' not in page
    assert 'name="reason"' in verified_client(press_secretary).get("/kk/calendar/2026/").content.decode()


def test_a_press_officer_cannot_change_the_calendar(world):
    officer = world.person("dana", Role.PRESS_OFFICER, world.body)
    assert change(verified_client(officer)).status_code == 403
    assert not CalendarDay.objects.filter(date=D(2027, 7, 5)).exists()


def test_the_calendar_page_needs_a_signed_in_staff_member(db, journalist):
    assert Client().get("/kk/calendar/2026/").status_code == 302
    assert verified_client(journalist).get("/kk/calendar/2026/").status_code in (302, 403)


def test_press_secretary_adds_a_transfer_and_deadlines_move_at_once(world, press_secretary):
    client = verified_client(press_secretary)
    assert inquiry_due(at(2027, 6, 28)) == D(2027, 7, 5)
    response = change(client)  # the government moves Saturday 10 July 2027's rest to Monday 5 July
    assert response.status_code == 302
    response = change(client, date="2027-07-10", kind="working_day", name="Жұмыс күні")
    assert response.status_code == 302
    assert inquiry_due(at(2027, 6, 28)) == D(2027, 7, 7)  # 5 July off, 6 July Capital Day
    assert is_working_day(D(2027, 7, 10))

    entry = AuditEntry.objects.filter(action="core.calendar.changed").first()
    assert entry.actor == press_secretary and entry.note == "Decree No. 1"
    assert entry.after == {"date": "2027-07-10", "kind": "working_day", "name": "Жұмыс күні"}
    assert entry.before is None
    with translation.override("en"):
        assert entry.action_label == "working-day calendar changed"
    row = CalendarDay.objects.get(date=D(2027, 7, 5))
    assert row.changed_by == press_secretary
    page = client.get("/kk/calendar/2027/").content.decode()
    assert "Демалыс күні" in page and press_secretary.full_name in page


def test_press_secretary_corrects_and_removes_a_day(world, press_secretary):
    client = verified_client(press_secretary)
    response = change(client, date="2027-05-16", kind="holiday", name="Құрбан айт (расталды)", reason="ДУМК")
    assert response.status_code == 302
    entry = AuditEntry.objects.filter(action="core.calendar.changed").first()
    assert entry.before == {"date": "2027-05-16", "kind": "holiday", "name": "Құрбан айт"}
    assert entry.after["name"] == "Құрбан айт (расталды)"

    assert not is_working_day(D(2027, 3, 24))
    response = change(client, date="2027-03-24", op="clear", reason="Wrongly entered")
    assert response.status_code == 302
    assert is_working_day(D(2027, 3, 24))
    entry = AuditEntry.objects.filter(action="core.calendar.changed").first()
    assert entry.after is None and entry.before["kind"] == "day_off" and entry.note == "Wrongly entered"


def test_saving_the_same_day_again_writes_nothing(world, press_secretary):
    before = AuditEntry.objects.count()
    calendar_services.calendar_day_set(actor=press_secretary, day=D(2026, 3, 22), kind="holiday", name=NAURYZ)
    assert AuditEntry.objects.count() == before


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"date": "2027-07-07", "kind": "working_day"}, "weekday"),
        ({"date": "2027-07-10", "kind": "day_off"}, "Saturday or Sunday"),
        ({"date": "2027-07-07", "kind": "holiday", "name": ""}, "name of the holiday"),
        ({"date": "2027-07-07", "op": "clear"}, "no exception"),
        ({"reason": ""}, "required"),
        ({"date": "not a date"}, "valid date"),
    ],
)
def test_meaningless_changes_are_refused_with_a_reason(world, press_secretary, data, message):
    with translation.override("en"):
        response = verified_client(press_secretary).post(
            "/en/calendar/2027/",
            {"date": "2027-07-05", "kind": "day_off", "name": "x", "reason": "Decree", "op": "set", **data},
        )
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not AuditEntry.objects.filter(action="core.calendar.changed").exists()
    assert not CalendarDay.objects.filter(date__in=[D(2027, 7, 5), D(2027, 7, 7), D(2027, 7, 10)]).exists()


def test_a_year_without_data_says_so(world, press_secretary):
    page = verified_client(press_secretary).get("/en/calendar/2031/").content.decode()
    assert "No exceptions are recorded for this year" in page


def test_the_form_is_prefilled_from_the_list(world, press_secretary):
    page = verified_client(press_secretary).get("/kk/calendar/2026/?day=2026-03-24").content.decode()
    assert 'value="2026-03-24"' in page and 'value="Наурыз мейрамы (ауыстырылған демалыс)"' in page


def test_the_calendar_page_reads_the_year_in_few_queries(world, press_secretary, django_assert_max_num_queries):
    client = verified_client(press_secretary)
    client.get("/kk/calendar/2026/")
    with django_assert_max_num_queries(12):
        assert client.get("/kk/calendar/2026/").status_code == 200


def test_years_outside_the_calendar_are_not_found(world, press_secretary):
    assert verified_client(press_secretary).get("/kk/calendar/1999/").status_code == 404
