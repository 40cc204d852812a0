"""The analytics page, its PDF and XLSX: who may open them, what they show, and bad input answered clearly."""

from __future__ import annotations

import io
import threading

import openpyxl
import pytest
from django.urls import reverse
from pypdf import PdfReader

from pressdesk.reports import pdf, report
from pressdesk.reports.period import Period
from tests.conftest import verified_client
from tests.reports.month import SINCE, UNTIL

MARCH = {"period": "month", "month": "2026-03"}


def page(client, name: str = "analytics", **query):
    return client.get(reverse(f"reports:{name}"), query)


def pdf_text(content: bytes) -> str:
    return " ".join((p.extract_text() or "") for p in PdfReader(io.BytesIO(content)).pages)


def test_it_shows_the_months_report_with_charts_and_their_tables(month, world):
    response = page(verified_client(month.secretary), unit=world.body.pk, **MARCH)
    assert response.status_code == 200
    html = response.content.decode()
    for expected in (
        "Coverage over time by tone",
        "Share of voice",
        "Almaty City Akimat",
        "75%",
        "Pickup rate",
        "50%",
        "Inquiries answered on time",
        "Events by month",
        "Passes issued",
    ):
        assert expected in html, expected
    assert html.count('role="img"') >= 8 and "<desc" in html
    assert "No data for this period." not in html
    assert 'name="since" value="2026-03-01"' in html and 'name="until" value="2026-03-31"' in html  # follow the month


def test_heads_analysts_and_district_press_secretaries_see_it_press_officers_and_outsiders_do_not(
    month, world, outsider, journalist
):
    for person in (month.head, month.analyst, month.district):
        assert page(verified_client(person)).status_code == 200
    assert page(verified_client(month.officer)).status_code == 403
    assert page(verified_client(outsider)).status_code == 403
    assert page(verified_client(journalist)).status_code == 302
    assert page(verified_client(month.district), "report_pdf").status_code == 200


def test_a_district_press_secretary_cannot_pick_the_city_akimat(month, world):
    client = verified_client(month.district)
    response = page(client, unit=world.body.pk, **MARCH)
    assert response.status_code == 400
    assert "Select a valid choice" in response.content.decode()
    assert page(client, "report_xlsx", unit=world.body.pk, **MARCH).status_code == 400
    default = page(client, **MARCH).content.decode()
    assert "Almaly District" in default and "Almaty City Akimat" not in default


@pytest.mark.parametrize(
    "query, message",
    [
        ({"period": "custom", "since": "2026-02-30", "until": "2026-03-31"}, "Enter a valid date."),
        ({"period": "custom", "since": "2026-03-31", "until": "2026-03-01"}, "The period ends before it begins."),
        ({"period": "month", "month": "March"}, "Enter a valid date."),
        ({"period": "year", "year": "99999"}, "Choose a year between 2000 and 9998."),
        ({"period": "quarter", "year": "2026", "quarter": ""}, "Give this for the period you chose."),
        ({"period": "week"}, "Select a valid choice"),
    ],
)
def test_invalid_dates_in_the_address_are_told_clearly(month, query, message):
    response = page(verified_client(month.secretary), **query)
    assert response.status_code == 400
    html = response.content.decode()
    assert "There is a problem" in html and message in html


def test_a_unit_without_data_has_an_honest_empty_state_and_charts_that_say_no_data(month, world):
    html = page(verified_client(month.secretary), unit=world.medeu.pk, **MARCH).content.decode()
    assert "Nothing to report from" in html
    assert "No item in the media mentioned" in html and "No event took place" in html
    empty_month = page(verified_client(month.secretary), unit=world.body.pk, period="month", month="2025-01")
    assert empty_month.status_code == 200 and "Nothing to report from" in empty_month.content.decode()


def test_ten_years_are_shown_by_year_with_a_note(month, world):
    query = {"unit": world.body.pk, "period": "custom", "since": "2000-01-01", "until": "2026-12-31"}
    html = page(verified_client(month.secretary), **query).content.decode()
    assert "A report covers at most 10 years" in html
    assert "figures over time are given by year" in html
    assert ">2026<" in html and ">2017<" in html


def test_the_pdf_has_the_pages_figures_in_the_readers_language(month, world):
    response = page(verified_client(month.secretary), "report_pdf", unit=world.body.pk, **MARCH)
    assert response["Content-Type"] == "application/pdf"
    assert "report-akimat-2026-03-01-2026-03-31.pdf" in response["Content-Disposition"]
    text = pdf_text(response.content)
    for expected in ("Almaty City Akimat", "Coverage in the media", "Share of voice", "Almaty Region Akimat", "75%"):
        assert expected in text, expected
    russian = pdf_text(pdf.render(report.build(world.body, Period.of(SINCE, UNTIL)), "ru"))
    assert "Акимат города Алматы" in russian


def test_two_copies_of_the_pdf_made_at_once_are_each_whole(month, world):
    built = report.build(world.body, Period.of(SINCE, UNTIL))
    made: list[bytes] = []
    threads = [threading.Thread(target=lambda: made.append(pdf.render(built, "en"))) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(made) == 2
    first, second = (pdf_text(content) for content in made)
    assert first == second and "Share of voice" in first
    assert len(PdfReader(io.BytesIO(made[0])).pages) == len(PdfReader(io.BytesIO(made[1])).pages)


def test_the_xlsx_has_one_sheet_per_section_with_real_numbers(month, world):
    response = page(verified_client(month.analyst), "report_xlsx", unit=world.body.pk, **MARCH)
    assert response.status_code == 200
    book = openpyxl.load_workbook(io.BytesIO(response.content))
    assert len(book.sheetnames) == 6
    coverage = book.worksheets[0]
    values = [row for row in coverage.iter_rows(values_only=True) if row and row[0]]
    totals = {row[0]: row[1] for row in values if len(row) > 1}
    assert totals["Items in the media"] == 9 and isinstance(totals["Items in the media"], int)
    voice = {row[0]: row[2] for row in book.worksheets[1].iter_rows(values_only=True) if row and len(row) > 2}
    assert voice["Almaty City Akimat"] == pytest.approx(0.75)
