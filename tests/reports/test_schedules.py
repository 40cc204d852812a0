"""Reports by email: schedules kept by the press secretary and the analyst, sent once per period in each reader's language."""

from __future__ import annotations

import datetime
import io

import openpyxl
import pytest
from django.urls import reverse
from pypdf import PdfReader

from pressdesk.core.models import AuditEntry
from pressdesk.core.services import DomainError
from pressdesk.reports import delivery, services
from pressdesk.reports.models import Delivery, Frequency, Schedule
from pressdesk.reports.tasks import send_due_reports
from tests.conftest import free_port, run_queued_tasks, verified_client
from tests.monitoring.press import almaty

APRIL_FIRST = almaty(2026, 4, 1, 9)


def schedule(month, **extra) -> Schedule:
    values = {
        "actor": month.secretary,
        "unit": month.world.body,
        "frequency": Frequency.MONTHLY,
        "recipients": [month.head, month.analyst],
        "send_pdf": True,
        "send_xlsx": True,
    }
    created = services.schedule_create(**{**values, **extra})
    Schedule.objects.filter(pk=created.pk).update(last_period=datetime.date(2026, 2, 1))  # February went already
    created.refresh_from_db()
    return created


def test_the_due_period_is_the_month_or_week_before_from_the_sending_hour():
    assert delivery.due_period(Frequency.MONTHLY, APRIL_FIRST) == (
        datetime.date(2026, 3, 1),
        datetime.date(2026, 3, 31),
    )
    assert delivery.due_period(Frequency.MONTHLY, almaty(2026, 4, 1, 6)) == (
        datetime.date(2026, 2, 1),
        datetime.date(2026, 2, 28),
    )
    monday = almaty(2026, 3, 9, 7)
    assert delivery.due_period(Frequency.WEEKLY, monday) == (datetime.date(2026, 3, 2), datetime.date(2026, 3, 8))
    assert delivery.due_period(Frequency.WEEKLY, almaty(2026, 3, 13, 18))[0] == datetime.date(2026, 3, 2)


def test_the_monthly_report_goes_once_to_each_reader_in_their_language(month, smtp):
    chosen = schedule(month)
    assert delivery.send_due(APRIL_FIRST) == 1
    assert delivery.send_due(APRIL_FIRST) == 0  # a second run, or a second worker: nothing twice
    assert len(smtp.messages) == 2
    letters = {message["To"]: message for message in smtp.messages}
    head, analyst = letters["serik@test.kz"], letters["asel@test.kz"]
    assert "Almaty City Akimat" not in str(head["Subject"])  # Serik reads Kazakh
    assert "Алматы қаласының әкімдігі" in str(head["Subject"])
    assert "Акимат города Алматы" in str(analyst["Subject"])
    names = [part.get_filename() for part in analyst.iter_attachments()]
    assert names == ["report-akimat-2026-03-01-2026-03-31.pdf", "report-akimat-2026-03-01-2026-03-31.xlsx"]
    pdf_part, xlsx_part = list(analyst.iter_attachments())
    text = " ".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf_part.get_content())).pages)
    assert "Акимат города Алматы" in text
    book = openpyxl.load_workbook(io.BytesIO(xlsx_part.get_content()))
    assert len(book.sheetnames) == 6
    body = analyst.get_body(("plain",)).get_content()
    assert "/ru/reports/?" in body or "/reports/?" in body
    chosen.refresh_from_db()
    assert chosen.last_period == datetime.date(2026, 3, 1)
    sent = Delivery.objects.get(schedule=chosen)
    assert (sent.first_day, sent.last_day, sent.recipients, sent.error) == (
        datetime.date(2026, 3, 1),
        datetime.date(2026, 3, 31),
        2,
        "",
    )


@pytest.mark.django_db(transaction=True)
def test_the_task_run_twice_by_the_worker_sends_once(month, smtp):
    schedule(month, send_xlsx=False, recipients=[month.head])
    send_due_reports.enqueue(APRIL_FIRST.isoformat())
    send_due_reports.enqueue(APRIL_FIRST.isoformat())
    assert run_queued_tasks() == 2
    assert len(smtp.messages) == 1
    assert [part.get_filename()[-4:] for part in smtp.messages[0].iter_attachments()] == [".pdf"]


def test_a_reader_who_lost_the_role_gets_no_more_reports(month, smtp):
    from pressdesk.core.models import Membership

    schedule(month, send_pdf=False)
    Membership.objects.filter(user=month.analyst).delete()
    delivery.send_due(APRIL_FIRST)
    assert [message["To"] for message in smtp.messages] == ["serik@test.kz"]


def test_when_the_mail_server_is_down_the_period_is_given_back_for_the_next_run(month, settings, smtp):
    chosen = schedule(month, send_pdf=False)
    port = settings.EMAIL_PORT
    settings.EMAIL_PORT = free_port()  # nobody listens there
    assert delivery.send_due(APRIL_FIRST) == 0
    chosen.refresh_from_db()
    assert chosen.last_period == datetime.date(2026, 2, 1)
    settings.EMAIL_PORT = port
    assert delivery.send_due(APRIL_FIRST) == 1
    assert len(smtp.messages) == 2


def test_a_stopped_schedule_sends_nothing_and_a_new_one_waits_for_the_next_period(month, smtp):
    stopped = schedule(month)
    services.schedule_set_active(actor=month.secretary, schedule=stopped, active=False)
    fresh = services.schedule_create(
        actor=month.analyst,
        unit=month.world.body,
        frequency=Frequency.WEEKLY,
        recipients=[month.analyst],
        send_pdf=True,
        send_xlsx=False,
    )
    assert delivery.send_due() == 0 and smtp.messages == []
    assert fresh.last_period == delivery.due_period(Frequency.WEEKLY)[0]
    codes = list(AuditEntry.objects.filter(action__startswith="reports.").values_list("action", flat=True))
    assert sorted(codes) == ["reports.schedule.created", "reports.schedule.created", "reports.schedule.deactivated"]


def test_recipients_must_read_the_units_report_and_a_file_must_be_chosen(month):
    with pytest.raises(DomainError, match="only to people who may read"):
        schedule(month, recipients=[month.officer])
    with pytest.raises(DomainError, match="only to people who may read"):
        schedule(month, unit=month.world.medeu, recipients=[month.district])
    with pytest.raises(DomainError, match="at least one file"):
        schedule(month, send_pdf=False, send_xlsx=False)
    assert not Schedule.objects.exists()


def test_the_press_secretary_keeps_schedules_on_the_page(month):
    client = verified_client(month.secretary)
    assert client.get(reverse("reports:schedules"), {"unit": month.world.body.pk}).status_code == 302
    new = reverse("reports:schedule_new", args=[month.world.body.pk])
    form = client.get(new).content.decode()
    assert "Serik" in form and "Dana" not in form  # the press officer may not read the report
    refused = client.post(new, {"frequency": "weekly", "recipients": [month.head.pk]})
    assert refused.status_code == 200 and "Choose at least one file" in refused.content.decode()
    assert client.post(new, {"frequency": "weekly", "recipients": [month.head.pk], "send_pdf": "on"}).status_code == 302
    chosen = Schedule.objects.get()
    edit = reverse("reports:schedule_edit", args=[chosen.pk])
    client.post(edit, {"frequency": "monthly", "recipients": [month.head.pk, month.analyst.pk], "send_xlsx": "on"})
    chosen.refresh_from_db()
    assert (chosen.frequency, chosen.send_pdf, chosen.send_xlsx) == ("monthly", False, True)
    assert set(chosen.recipients.all()) == {month.head, month.analyst}
    client.post(reverse("reports:schedule_active", args=[chosen.pk]), {"active": "0"})
    chosen.refresh_from_db()
    assert not chosen.active
    listing = client.get(reverse("reports:schedules")).content.decode()
    assert "stopped" in listing and "Start again" in listing
    changed = AuditEntry.objects.get(action="reports.schedule.changed")
    assert changed.before["frequency"] == "weekly" and changed.after["frequency"] == "monthly"


def test_others_cannot_see_or_keep_schedules(month, outsider):
    chosen = schedule(month)
    for person in (month.head, month.district, outsider):
        assert verified_client(person).get(reverse("reports:schedules")).status_code == 403
    analyst = verified_client(month.analyst)
    assert analyst.get(reverse("reports:schedule_edit", args=[chosen.pk])).status_code == 200
    district_secretary_schedule = reverse("reports:schedule_new", args=[month.world.almaly.pk])
    assert verified_client(month.district).get(district_secretary_schedule).status_code == 403
    assert verified_client(month.secretary).get(reverse("reports:schedule_edit", args=[9999])).status_code == 404
