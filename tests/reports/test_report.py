"""The report's figures for a known month: Almaty's days, each clipping once, the unit and those below it only."""

from __future__ import annotations

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from pressdesk.core.permissions import units_for
from pressdesk.monitoring.models import WatchKind
from pressdesk.reports import report
from pressdesk.reports.period import Period
from pressdesk.reports.registry import VIEW
from tests.directory.conftest import Directory
from tests.monitoring.press import almaty
from tests.reports.month import SINCE, UNTIL

MARCH = Period.of(SINCE, UNTIL)


def test_it_counts_the_months_coverage_by_almaty_days(month, world):
    built = report.build(world.body, MARCH)
    c = built.coverage
    assert c.total == 9  # 1 April 00:10 in Almaty (31 March in UTC) and 28 February 23:50 are left out
    assert c.totals(c.by_tone) == {"negative": 2, "neutral": 6, "positive": 1}
    assert {code: n for code, n in c.totals(c.by_language).items() if n} == {"kk": 5, "ru": 3, "en": 1}
    assert {code: n for code, n in c.totals(c.by_kind).items() if n} == {"article": 8, "radio": 1}
    assert c.by_tone["negative"][1] == 2  # both on 2 March, the 23:30 one too
    assert c.by_language["en"][30] == 1  # 31 March, 23:50
    assert [(o.name, o.count) for o in c.outlets] == [("Qala24", 6), ("Orta Agency", 2), ("Almaly Times", 1)]
    assert c.other_outlets == 0


def test_share_of_voice_is_among_watched_organisations_and_topics_apart(month, world):
    c = report.build(world.body, MARCH).coverage
    assert [(v.name, v.count) for v in c.voice] == [
        ("Almaty City Akimat", 6),
        ("Almaly District Akimat", 1),
        ("Almaty Region Akimat", 1),
    ]
    assert c.voice[0].share == pytest.approx(0.75)
    assert [(t.name, t.count) for t in c.topics] == [("Public transport", 2)]


def test_pickup_inquiries_events_and_accreditation_of_the_month(month, world):
    built = report.build(world.body, MARCH)
    assert (built.pickup.total, built.pickup.picked_total, built.pickup.clippings) == (2, 1, 2)
    assert built.pickup.rate == 0.5
    assert [(r.material, r.clippings) for r in built.pickup.top] == [(month.taken, 2)]
    i = built.inquiries
    assert (i.received, i.on_time, i.late, i.overdue) == (3, 2, 1, 1)
    assert i.rate == pytest.approx(2 / 3)
    e = built.events
    assert (e.total.held, e.total.cancelled, e.speakers, e.present) == (2, 1, 1, 24)
    a = built.accreditation
    assert a.applications == {"submitted": 0, "in_review": 1, "approved": 1, "rejected": 1, "withdrawn": 0}
    assert a.passes == {"issued": 1, "reissued": 0, "moved": 0}
    assert not built.empty


def test_a_districts_report_has_its_own_figures_only(month, world):
    visible = units_for(month.district, VIEW)
    built = report.build(world.almaly, MARCH, visible=visible)
    assert built.unit_ids == [world.almaly.pk]
    assert built.coverage.total == 1
    assert [(v.name, v.count) for v in built.coverage.voice] == [("Almaly District Akimat", 1)]
    assert built.events.total.held == 1
    assert built.pickup.total == 0 and built.inquiries.received == 0 and built.accreditation.applied == 0


def test_a_quiet_unit_is_an_empty_report_not_an_error(month, world):
    built = report.build(world.medeu, MARCH)
    assert built.empty and built.coverage.empty
    assert built.pickup.rate is None and built.inquiries.rate is None


def test_the_whole_report_takes_a_fixed_number_of_queries_however_much_data(month, world):
    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            report.build(world.body, MARCH)
        return len(captured)

    before = queries()
    for day in range(1, 29):  # more outlets, clippings, watches and releases: not one query more
        outlet = Directory(world).outlet(f"Outlet {day}")
        topic = month.press.watch(world.body, WatchKind.TOPIC, f"Topic {day}")
        month.press.clip(f"Item {day}", at=almaty(2026, 3, day, 8), outlet=outlet, watches=[month.press.akimat, topic])
    assert queries() == before <= 20


def test_a_period_of_ten_years_is_counted_by_year_and_a_longer_one_cut(month, world):
    ten = report.build(world.body, Period.of(datetime.date(2017, 1, 1), datetime.date(2026, 12, 31)))
    assert ten.period.step == "year" and len(ten.period.buckets()) == 10
    assert ten.coverage.total == 11 and sum(ten.coverage.by_tone["negative"]) == 4
    assert len(ten.period.notes) == 1  # "by year"
    longer = Period.of(datetime.date(2000, 1, 1), datetime.date(2026, 12, 31))
    assert longer.since == datetime.date(2017, 1, 1) and len(longer.notes) == 2


def test_days_are_almaty_days_across_the_change_of_the_zones_offset_and_in_an_even_month(world):
    """On 1 March 2024 Almaty moved from UTC+6 to UTC+5: a period over it has a 25-hour day, and every item must
    still fall on its Almaty day (SQLite counts even periods by arithmetic, the others by comparisons)."""
    from tests.monitoring.press import Press

    press = Press(world)
    items = {
        "last of February": almaty(2024, 2, 29, 23, 30),
        "first of March": almaty(2024, 3, 1, 0, 30),
        "late on the 1st": almaty(2024, 3, 1, 23, 59),
        "2nd": almaty(2024, 3, 2, 0, 1),
        "a day in April": almaty(2024, 4, 10, 23, 59),
        "the next": almaty(2024, 4, 11, 0, 0),
    }
    for title, at in items.items():
        press.clip(title, at=at)
    across = Period.of(datetime.date(2024, 2, 28), datetime.date(2024, 3, 3))
    assert not across._even_days()
    counts = report.build(world.body, across).coverage.by_tone["neutral"]
    assert counts == [0, 1, 2, 1, 0]  # 28, 29 February, 1, 2, 3 March
    april = Period.of(datetime.date(2024, 4, 1), datetime.date(2024, 4, 30))
    assert april._even_days()
    counts = report.build(world.body, april).coverage.by_tone["neutral"]
    assert (counts[9], counts[10], sum(counts)) == (1, 1, 2)
