"""The clock kept: counts by unit and expert, the on-time share, the export and the dashboard card."""

from __future__ import annotations

import datetime
import io

import openpyxl
import pytest
from django.utils import timezone

from pressdesk.core.models import Role
from pressdesk.inquiries import services, stats
from pressdesk.inquiries.models import Inquiry
from tests.conftest import verified_client
from tests.inquiries.requests import at
from tests.inquiries.test_inquiries import receive

pytestmark = pytest.mark.django_db


def test_on_time_overdue_and_due_soon_are_counted_by_unit_and_expert(world, press_secretary):
    expert = world.person("expert", Role.ANALYST, world.mobility)
    on_time = receive(world, subject="A", question="A?")  # due 1 April 2026
    late = receive(world, subject="B", question="B?")
    still_open = receive(world, subject="C", question="C?")
    for inquiry in (on_time, late):
        services.inquiry_assign(actor=press_secretary, inquiry=inquiry, assignee=expert, department=world.mobility)
        services.inquiry_draft(actor=expert, inquiry=inquiry, answer="Ответ", language="ru", submit=True)
        services.inquiry_answer(actor=press_secretary, inquiry=inquiry)
    Inquiry.objects.filter(pk=late.pk).update(closed_on=datetime.date(2026, 4, 3))
    Inquiry.objects.filter(pk=on_time.pk).update(closed_on=datetime.date(2026, 3, 31))
    report = stats.report(
        Inquiry.objects.all(), datetime.date(2026, 3, 1), datetime.date(2026, 3, 31), datetime.date(2026, 4, 2)
    )
    assert (report.total.received, report.total.closed, report.total.on_time, report.total.overdue) == (3, 2, 1, 1)
    assert report.total.on_time_share == 0.5
    assert {row.label: row.received for row in report.by_unit} == {world.mobility.name: 2, world.body.name: 1}
    assert {row.label: row.closed for row in report.by_expert} == {"Expert": 2, "—": 0}
    assert still_open.pk  # counted as open and overdue on 2 April


def test_the_report_page_and_its_xlsx_export(world, press_secretary):
    receive(world, received_at=timezone.now())
    client = verified_client(press_secretary)
    page = client.get("/en/inquiries/report/")
    assert page.status_code == 200 and page.context["report"].total.received == 1
    refused = client.get("/en/inquiries/report/", {"since": "2026-05-01", "until": "2026-04-01"})
    assert refused.context["report"] is None and refused.context["form"].errors
    response = client.get("/en/inquiries/report/export.xlsx")
    sheet = openpyxl.load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][0] == "Unit or expert" and len(rows) == 3


def test_the_dashboard_card_counts_open_and_overdue(world, press_secretary):
    receive(world, received_at=at(2026, 1, 5))  # long overdue by now
    page = verified_client(press_secretary).get("/en/desk/").content.decode()
    assert "1 open request" in page and "1 overdue" in page
