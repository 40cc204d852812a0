"""Analyses: figures assembled from the data for a held event, a campaign or a period; refreshed, concluded and made
final; refused with a reason for a bad subject or period; read back from the PDF and the XLSX."""

from __future__ import annotations

import datetime
import io

import openpyxl
import pytest
from django.utils import translation

from pressdesk.core.models import AuditEntry
from pressdesk.core.services import DomainError
from pressdesk.monitoring.models import Tone
from pressdesk.planning import analysis
from pressdesk.planning.models import Analysis, AnalysisStatus
from tests.conftest import verified_client
from tests.monitoring.press import almaty
from tests.planning.notes_fixtures import FIRST, LAST, Newsroom, Week
from tests.planning.test_notes import pdf_text

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


@pytest.fixture
def newsroom(world) -> Newsroom:
    return Newsroom(world)


@pytest.fixture
def week(world, newsroom) -> Week:
    return Week(world, newsroom)


def test_an_events_analysis_counts_attendance_questions_materials_coverage_and_pickup(newsroom, week, world):
    made = analysis.analysis_make(actor=newsroom.secretary, event=week.briefing)
    assert (made.unit, made.first_day, made.last_day) == (
        world.body,
        datetime.date(2026, 3, 2),
        datetime.date(2026, 3, 9),
    )
    assert made.title == week.briefing.title and made.status == AnalysisStatus.DRAFT
    events = made.figures["events"]
    assert (events["count"], events["held"], events["registered"], events["present"]) == (1, 1, 3, 2)
    assert (events["questions_asked"], events["questions_answered"], events["questions_received"]) == (5, 4, 5)
    (row,) = events["rows"]
    assert (row["id"], row["present"], row["asked"], row["answered"]) == (week.briefing.pk, 2, 5, 4)
    (material,) = made.figures["materials"]
    assert (material["id"], material["public"], material["clippings"], material["outlets"]) == (
        week.release.pk,
        True,
        2,
        2,
    )
    assert material["reach"] == 470_000 and material["minutes_to_first"] == 120
    assert made.figures["pickup"] == {"public": 1, "picked_up": 1}
    coverage = made.figures["coverage"]
    # 2–9 March: the week's five items of the city; not the day before, not the district's own.
    assert coverage["total"] == 5 and coverage["tones"] == {"negative": 2, "neutral": 2, "positive": 1}
    assert coverage["languages"] == {"ru": 1, "kk": 3, "en": 1} and coverage["kinds"] == {"article": 5}
    assert (coverage["outlet_count"], coverage["reach"]) == (3, 470_000)  # the paper's reach is not known
    assert coverage["step"] == "day" and [p["start"] for p in coverage["timeline"]][:2] == ["2026-03-02", "2026-03-03"]
    # 23:30 on 3 March in Almaty is 3 March, whatever the UTC date.
    assert coverage["timeline"][1] == {"start": "2026-03-03", "negative": 2, "neutral": 0, "positive": 0}
    assert AuditEntry.objects.filter(action="planning.analysis.made", target_id=str(made.pk)).exists()


def test_a_campaign_counts_the_events_and_materials_its_parts_became(newsroom, week):
    campaign = week.campaign()
    made = analysis.analysis_make(actor=newsroom.secretary, campaign=campaign)
    assert (made.first_day, made.last_day, made.title) == (FIRST, LAST, "Fair fares")
    assert made.figures["events"]["count"] == 1 and made.figures["events"]["present"] == 2
    assert [m["id"] for m in made.figures["materials"]] == [week.release.pk]  # through the briefing it became
    assert [(p["title"], p["status"]) for p in made.figures["parts"]] == [("Briefing on fares", "done")]
    assert made.figures["coverage"]["total"] == 5


def test_a_period_counts_the_units_events_and_the_materials_that_went_public(newsroom, week, world):
    made = analysis.analysis_make(actor=newsroom.secretary, unit=world.body, first=FIRST, last=LAST, title="March")
    assert made.figures["events"]["count"] == 1 and [m["id"] for m in made.figures["materials"]] == [week.release.pk]
    empty = analysis.analysis_make(
        actor=newsroom.secretary, unit=world.body, first=datetime.date(2025, 1, 1), last=datetime.date(2025, 1, 31),
        title="Quiet January",
    )  # fmt: skip
    assert empty.figures["events"] == {"count": 0, "rows": []} and empty.figures["materials"] == []
    assert empty.figures["coverage"]["total"] == 0
    page = verified_client(newsroom.secretary).get(f"/en/planning/analyses/{empty.pk}/").content.decode()
    assert "No event in this analysis." in page and "No item in the media in this period" in page
    assert "<svg" not in page  # an honest empty state, never a blank chart
    long = analysis.analysis_make(
        actor=newsroom.secretary, unit=world.body, first=datetime.date(2025, 1, 1), last=datetime.date(2026, 3, 31),
        title="Long",
    )  # fmt: skip
    assert long.figures["coverage"]["step"] == "week"
    assert sum(p["negative"] for p in long.figures["coverage"]["timeline"]) == 3


def test_bad_subjects_and_periods_are_refused_with_the_reason(newsroom, week, world):
    with pytest.raises(DomainError, match="has not been held yet"):
        analysis.analysis_make(actor=newsroom.secretary, event=week.planned_event())
    with pytest.raises(DomainError, match="belongs to another unit"):
        analysis.analysis_make(actor=newsroom.district, event=week.briefing)
    with pytest.raises(DomainError, match="longer than two years"):
        analysis.analysis_make(
            actor=newsroom.secretary, unit=world.body, first=datetime.date(2020, 1, 1), last=datetime.date(2026, 1, 1)
        )
    with pytest.raises(DomainError, match="first and the last day"):
        analysis.analysis_make(actor=newsroom.secretary, unit=world.body, title="No days")
    with pytest.raises(DomainError, match="ends before it begins"):
        analysis.analysis_make(actor=newsroom.secretary, unit=world.body, first=LAST, last=FIRST, title="Backwards")
    assert not Analysis.objects.exists()


def test_the_make_page_says_what_is_wrong(newsroom, week, world):
    client = verified_client(newsroom.secretary)
    planned = week.planned_event()
    response = client.post("/en/planning/analyses/new/", {"subject": "event", "event-event": planned.pk})
    assert response.status_code == 400 and "has not been held yet" in response.content.decode()
    response = client.post(
        "/en/planning/analyses/new/",
        {
            "subject": "period",
            "period-unit": world.body.pk,
            "period-first_day": "2020-01-01",
            "period-last_day": "2023-01-01",
        },
    )
    assert response.status_code == 400 and "longer than two years" in response.content.decode()
    district = verified_client(newsroom.district)
    response = district.post("/en/planning/analyses/new/", {"subject": "event", "event-event": week.briefing.pk})
    assert response.status_code == 400 and "There is no such event among those you see." in response.content.decode()
    assert not Analysis.objects.exists()
    response = client.post("/en/planning/analyses/new/", {"subject": "event", "event-event": week.briefing.pk})
    made = Analysis.objects.get()
    assert response["Location"] == f"/en/planning/analyses/{made.pk}/" and made.event == week.briefing


def test_figures_are_refreshed_conclusions_written_and_final_freezes_both(newsroom, week):
    made = analysis.analysis_make(actor=newsroom.secretary, event=week.briefing)
    week.press.clip("Late column on fares", at=almaty(2026, 3, 8, 12), tone=Tone.NEGATIVE)
    assert made.figures["coverage"]["total"] == 5  # the snapshot does not drift
    client = verified_client(newsroom.secretary)
    client.post(f"/en/planning/analyses/{made.pk}/refresh/")
    made.refresh_from_db()
    assert made.figures["coverage"]["total"] == 6
    client.post(
        f"/en/planning/analyses/{made.pk}/conclusions/",
        {"title": "Fares briefing", "conclusions": "The fare story ran negative.", "next_time": "Lead with subsidy."},
    )
    made.refresh_from_db()
    assert (made.title, made.conclusions, made.next_time) == (
        "Fares briefing",
        "The fare story ran negative.",
        "Lead with subsidy.",
    )
    changed = AuditEntry.objects.get(action="planning.analysis.changed")
    assert changed.after["conclusions"] == "The fare story ran negative."
    # An analyst of another unit only reads; a head of the unit reads too.
    assert verified_client(newsroom.head).get(f"/en/planning/analyses/{made.pk}/").status_code == 200
    assert verified_client(newsroom.district).get(f"/en/planning/analyses/{made.pk}/").status_code == 404
    client.post(f"/en/planning/analyses/{made.pk}/final/")
    made.refresh_from_db()
    assert made.status == AnalysisStatus.FINAL
    refused = client.post(f"/en/planning/analyses/{made.pk}/refresh/", follow=True).content.decode()
    assert "The analysis is final" in refused
    with pytest.raises(DomainError, match="final"):
        analysis.analysis_change(actor=newsroom.secretary, analysis=made, title="x", conclusions="", next_time="")


def test_the_pdf_and_the_workbook_say_the_same_as_the_page(newsroom, week):
    made = analysis.analysis_make(actor=newsroom.secretary, event=week.briefing)
    analysis.analysis_change(
        actor=newsroom.secretary, analysis=made, title=made.title, conclusions="Negative fares story.", next_time=""
    )
    client = verified_client(newsroom.analyst)
    page = client.get(f"/en/planning/analyses/{made.pk}/").content.decode()
    assert "5 items in 3 outlets, reach 470,000." in page and 'role="img"' in page and "Orta Agency" in page
    text = pdf_text(client.get(f"/en/planning/analyses/{made.pk}/pdf/").content)
    for expected in (
        "Almaty City Akimat",
        "1 event, 1 held.",
        "2 journalists present, 3 registered.",
        "5 questions asked and 4 answered",
        "1 of 1 public materials were picked up",
        "5 items in 3 outlets",
        "Tone over time",
        "Negative fares story.",
        "Page 1 of",
    ):
        assert expected in text, expected
    response = client.get(f"/en/planning/analyses/{made.pk}/xlsx/")
    assert response["Content-Disposition"].endswith(f'analysis-akimat-{made.pk}-2026-03-09.xlsx"')
    sheet = openpyxl.load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    rows = [tuple(cell or "" for cell in row) for row in sheet.iter_rows(values_only=True)]
    assert rows[0] == ("Section", "Name", "Figure", "Details")
    assert ("Events", "Journalists present", "2", "") in rows
    assert ("Coverage", "Reach", "470000", "") in rows
    assert ("Tone", "Negative", "2", "") in rows
    assert ("Outlet", "Qala24", "3", "20000") in rows
    assert ("Conclusions", "", "Negative fares story.", "") in rows
