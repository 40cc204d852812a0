"""Media inquiries on the legal clock: intake, routing, extension, answer, reminders — with a fixed calendar."""

from __future__ import annotations

import datetime

import pytest
from django.core import mail
from django.utils import translation

from pressdesk.core.models import Role
from pressdesk.core.services import DomainError
from pressdesk.inquiries import reminders, services
from pressdesk.inquiries.models import Channel, Inquiry, Reminder, Status
from tests.conftest import run_queued_tasks, verified_client
from tests.directory.conftest import Directory
from tests.inquiries.requests import at, receive_request

pytestmark = pytest.mark.django_db


def receive(world, **overrides) -> Inquiry:
    return receive_request(world, **overrides).inquiry


def test_a_request_on_the_friday_before_nauryz_is_due_after_the_holidays(world):
    # 21–25 March 2026 are Nauryz and its transferred days off: counting resumes on Thursday the 26th.
    inquiry = receive(world, received_at=at(2026, 3, 20, 17))
    assert inquiry.due_on == datetime.date(2026, 4, 1)
    assert inquiry.number == "2026-0001" and inquiry.status == Status.RECEIVED


@pytest.mark.django_db(transaction=True)
def test_the_journalist_gets_a_receipt_in_the_language_of_the_request(world, smtp, settings):
    receive(world, language="kk", requester_name="Ерлан Сәрсенов")
    assert run_queued_tasks() == 1
    letter = smtp.messages[0]
    assert letter["To"] == "olga.kim@news.demo"
    assert "2026-0001" in letter["Subject"]
    with translation.override("kk"):
        assert translation.gettext("Dear %(name)s,").split("%")[0].strip() in letter.get_content()


def test_the_same_request_sent_twice_is_one_request(world):
    first = receive(world)
    again = services.inquiry_receive(
        actor=None,
        unit=world.body,
        channel="portal",
        requester_name="Ольга Ким",
        requester_email="OLGA.KIM@news.demo ",
        outlet_name="Вечерний город",
        language="ru",
        answer_form="written",
        subject="Ремонт  дорог",
        question="Когда закончится ремонт улицы Абая?",
        received_at=at(2026, 3, 21),
    )
    assert again.duplicate and again.inquiry == first
    assert Inquiry.objects.count() == 1
    with translation.override("kk"):  # the note is written in the language active when it came: Kazakh here
        assert str(Channel.PORTAL.label) in first.notes.get().text


def test_a_request_needs_a_way_to_answer(world):
    with pytest.raises(DomainError):
        receive(world, requester_email="", requester_phone="")
    assert not Inquiry.objects.exists()


def test_an_outlet_not_in_the_directory_is_accepted_and_flagged_and_a_known_one_is_linked(world):
    directory = Directory(world)
    known = directory.outlet("Вечерний город", kind="newspaper")
    linked = receive(world)
    flagged = receive(world, outlet_name="Неизвестная газета", subject="Другое", question="Иной вопрос")
    assert linked.outlet == known
    assert flagged.outlet is None and flagged.outlet_name == "Неизвестная газета"


@pytest.mark.django_db(transaction=True)
def test_the_whole_way_from_the_expert_to_the_answer_in_russian(world, press_secretary, smtp):
    expert = world.person("expert", Role.ANALYST, world.mobility)
    inquiry = receive(world)
    services.inquiry_assign(actor=press_secretary, inquiry=inquiry, assignee=expert, department=world.mobility)
    services.inquiry_draft(actor=expert, inquiry=inquiry, answer="Ремонт закончится в мае.", language="ru", submit=True)
    services.inquiry_answer(actor=press_secretary, inquiry=inquiry)
    inquiry.refresh_from_db()
    assert inquiry.status == Status.ANSWERED and inquiry.closed_on is not None
    run_queued_tasks()
    letters = {m["To"]: m for m in smtp.messages}
    assert "Ремонт закончится в мае." in letters["olga.kim@news.demo"].get_content()
    assert "2026-0001" in letters[expert.email]["Subject"]


def test_an_answer_in_another_language_needs_a_confirmation(world, press_secretary):
    inquiry = receive(world)
    services.inquiry_draft(
        actor=press_secretary, inquiry=inquiry, answer="Жөндеу мамырда бітеді.", language="kk", submit=True
    )
    with pytest.raises(DomainError):
        services.inquiry_answer(actor=press_secretary, inquiry=inquiry)
    services.inquiry_answer(actor=press_secretary, inquiry=inquiry, other_language_confirmed=True)
    assert Inquiry.objects.get().status == Status.ANSWERED


def test_a_vital_request_is_answered_only_by_the_head(world, press_secretary):
    head = world.person("akim", Role.HEAD, world.body)
    inquiry = receive(world)
    services.inquiry_draft(actor=press_secretary, inquiry=inquiry, answer="Ответ.", language="ru", submit=False)
    services.inquiry_escalate(actor=press_secretary, inquiry=inquiry)
    with pytest.raises(DomainError):
        services.inquiry_answer(actor=press_secretary, inquiry=inquiry)
    services.inquiry_answer(actor=head, inquiry=inquiry)
    assert Inquiry.objects.get().status == Status.ANSWERED


def test_the_term_is_extended_once_by_at_most_fifteen_days_and_the_notice_is_recorded(world, press_secretary, clock):
    inquiry = receive(world)
    clock.set(datetime.date(2026, 3, 27))
    with pytest.raises(DomainError):
        services.inquiry_extend(actor=press_secretary, inquiry=inquiry, days=16, reason="Три управления")
    services.inquiry_extend(actor=press_secretary, inquiry=inquiry, days=15, reason="Три управления")
    inquiry.refresh_from_db()
    assert inquiry.due_on == datetime.date(2026, 4, 16)
    assert inquiry.notice_due_on is not None and inquiry.notice_sent_at is None
    with pytest.raises(DomainError):
        services.inquiry_extend(actor=press_secretary, inquiry=inquiry, days=1, reason="Ещё раз")
    assert inquiry.notice_due_on == datetime.date(2026, 3, 31)  # two working days after Friday the 27th
    services.inquiry_notice_sent(actor=press_secretary, inquiry=inquiry, how="Письмо в редакцию")
    inquiry.refresh_from_db()
    assert inquiry.notice_sent_at is not None


def test_a_press_officer_cannot_extend(world):
    officer = world.person("officer", Role.PRESS_OFFICER, world.body)
    with pytest.raises(DomainError):
        services.inquiry_extend(actor=officer, inquiry=receive(world), days=5, reason="Причина")


def test_reminders_go_two_and_one_working_days_before_and_once_only(world, press_secretary):
    expert = world.person("expert", Role.ANALYST, world.mobility)
    inquiry = receive(world)  # due 1 April 2026
    services.inquiry_assign(actor=press_secretary, inquiry=inquiry, assignee=expert, department=world.mobility)
    mail.outbox.clear()
    assert reminders.send_due_reminders(datetime.date(2026, 3, 30)) == 1
    assert reminders.send_due_reminders(datetime.date(2026, 3, 30)) == 0  # the daily job ran twice
    assert reminders.send_due_reminders(datetime.date(2026, 3, 31)) == 1
    assert [m.to for m in mail.outbox] == [[expert.email], [expert.email]]
    assert reminders.send_due_reminders(datetime.date(2026, 4, 2)) == 2  # overdue: the press secretary and the expert
    assert set(Reminder.objects.values_list("kind", flat=True)) == {"due_in_2", "due_in_1", "overdue"}
    assert {tuple(m.to) for m in mail.outbox[2:]} == {(press_secretary.email,), (expert.email,)}


def test_a_missed_notice_to_the_outlet_is_reminded(world, press_secretary, clock):
    inquiry = receive(world)
    clock.set(datetime.date(2026, 3, 27))
    services.inquiry_extend(actor=press_secretary, inquiry=inquiry, days=10, reason="Несколько держателей")
    inquiry.refresh_from_db()
    mail.outbox.clear()
    reminders.send_due_reminders(inquiry.notice_due_on)
    assert Reminder.objects.filter(kind="notice_due").exists()
    assert mail.outbox[0].to == [press_secretary.email]


def test_staff_pages_keep_to_the_unit_and_the_journalist_sees_the_status(world, unit_press_secretary, journalist):
    inquiry = receive(world, unit=world.medeu)
    assert verified_client(unit_press_secretary).get(f"/en/inquiries/{inquiry.pk}/").status_code == 404
    client = verified_client(journalist)
    response = client.post(
        "/ru/portal/requests/new/",
        {
            "unit": world.body.pk,
            "outlet_name": "Алматы ақшамы",
            "subject": "Транспорт",
            "question": "Сколько новых автобусов выйдет на линии?",
            "language": "ru",
            "answer_form": "written",
        },
    )
    mine = Inquiry.objects.get(account=journalist)
    assert response.status_code == 302 and mine.requester_email == journalist.email
    page = client.get(f"/ru/portal/requests/{mine.pk}/").content.decode()
    assert mine.number in page
    assert client.get(f"/ru/portal/requests/{inquiry.pk}/").status_code == 404


def test_the_press_secretary_works_a_request_through_the_pages(world, press_secretary):
    inquiry = receive(world)
    client = verified_client(press_secretary)
    assert client.get("/en/inquiries/").context["page"].paginator.count == 1
    client.post(f"/en/inquiries/{inquiry.pk}/draft/", {"answer": "Ответ готов.", "language": "ru", "submit": "1"})
    client.post(f"/en/inquiries/{inquiry.pk}/send/", {})
    inquiry.refresh_from_db()
    assert inquiry.status == Status.ANSWERED
    assert client.get(f"/en/inquiries/{inquiry.pk}/").status_code == 200
    assert client.get("/en/inquiries/?view=closed").context["page"].paginator.count == 1


def test_the_expert_drafts_and_notes_but_does_not_route_or_send(world, press_secretary):
    expert = world.person("expert", Role.CONSULTANT, world.medeu, valid_until=datetime.date(2030, 1, 1))
    inquiry = receive(world)
    services.inquiry_assign(actor=press_secretary, inquiry=inquiry, assignee=expert, department=world.mobility)
    client = verified_client(expert)
    assert client.get(f"/en/inquiries/{inquiry.pk}/").status_code == 200
    client.post(f"/en/inquiries/{inquiry.pk}/draft/", {"answer": "Черновик", "language": "ru", "submit": "1"})
    assert client.post(f"/en/inquiries/{inquiry.pk}/escalate/").status_code == 403
    assert client.post(f"/en/inquiries/{inquiry.pk}/send/").status_code == 403
    inquiry.refresh_from_db()
    assert inquiry.status == Status.IN_REVIEW and not inquiry.vital


def test_staff_log_a_phoned_request_with_a_document_and_cannot_date_it_in_the_future(
    world, press_secretary, django_capture_on_commit_callbacks
):
    from django.core.files.uploadedfile import SimpleUploadedFile

    client = verified_client(press_secretary)
    data = {
        "unit": world.body.pk,
        "channel": "phone",
        "received_at": "2026-03-20T17:05",
        "requester_name": "Асхат Нұров",
        "requester_phone": "+7 701 555 11 22",
        "outlet_name": "Жетісу TV",
        "language": "kk",
        "answer_form": "oral",
        "subject": "Көпір",
        "question": "Көпір қашан ашылады?",
    }
    future = client.post("/en/inquiries/new/", data | {"received_at": "2099-01-01T10:00"})
    assert future.status_code == 200 and "received_at" in future.context["form"].errors
    pdf = SimpleUploadedFile("letter.pdf", b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n")
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/en/inquiries/new/", data | {"attachments": [pdf]})
    inquiry = Inquiry.objects.get()
    assert response.status_code == 302 and inquiry.due_on == datetime.date(2026, 4, 1)
    assert inquiry.attachments.get().original_name == "letter.pdf"


def test_an_overdue_request_cannot_be_extended(world, press_secretary, clock):
    inquiry = receive(world)
    clock.set(datetime.date(2026, 4, 2))
    with pytest.raises(DomainError):
        services.inquiry_extend(actor=press_secretary, inquiry=inquiry, days=5, reason="Поздно")


def test_advance_reminders_are_not_repeated_over_a_weekend_and_an_extension_arms_them_again(
    world, press_secretary, clock
):
    inquiry = receive(world, received_at=at(2026, 4, 7))  # Tuesday; due Tuesday 14 April
    assert inquiry.due_on == datetime.date(2026, 4, 14)
    for day in (10, 11, 12):  # Friday, Saturday and Sunday all see "two working days left"
        reminders.send_due_reminders(datetime.date(2026, 4, day))
    assert Reminder.objects.filter(kind="due_in_2").count() == 1
    clock.set(datetime.date(2026, 4, 13))
    services.inquiry_extend(actor=press_secretary, inquiry=inquiry, days=4, reason="Несколько держателей")
    inquiry.refresh_from_db()
    assert inquiry.due_on == datetime.date(2026, 4, 18)  # a Saturday: calendar days, as the law counts them
    reminders.send_due_reminders(datetime.date(2026, 4, 15))  # Thursday and Friday are left
    reminders.send_due_reminders(datetime.date(2026, 4, 16))  # only Friday is left
    assert set(Reminder.objects.filter(for_date=datetime.date(2026, 4, 18)).values_list("kind", flat=True)) == {
        "due_in_2",
        "due_in_1",
    }


def test_a_request_to_two_press_services_is_two_requests_and_a_portal_repeat_joins_the_logged_one(world, journalist):
    first = receive(world, unit=world.almaly, requester_email=journalist.email)
    second = receive(world, unit=world.medeu, requester_email=journalist.email)
    assert first != second
    again = services.inquiry_receive(
        actor=journalist,
        unit=world.almaly,
        channel="portal",
        account=journalist,
        requester_name="Ольга Ким",
        requester_email=journalist.email,
        outlet_name="Вечерний город",
        language="ru",
        answer_form="written",
        subject="Ремонт дорог",
        question="Когда закончится ремонт улицы Абая?",
        received_at=at(2026, 3, 21),
    )
    assert again.duplicate and again.inquiry == first
    first.refresh_from_db()
    assert first.account == journalist  # the journalist now follows it on the portal


def test_a_vital_request_is_refused_only_by_the_head_and_the_head_can_write_the_answer(world, press_secretary):
    head = world.person("akim", Role.HEAD, world.body)
    inquiry = receive(world)
    services.inquiry_escalate(actor=press_secretary, inquiry=inquiry)
    with pytest.raises(DomainError):
        services.inquiry_refuse(actor=press_secretary, inquiry=inquiry, ground="other", explanation="Нет")
    services.inquiry_draft(actor=head, inquiry=inquiry, answer="Ответ руководителя.", language="ru", submit=True)
    inquiry.refresh_from_db()
    assert inquiry.status == Status.WITH_HEAD
    services.inquiry_answer(actor=head, inquiry=inquiry)


def test_the_expert_must_belong_to_the_body_and_the_assign_page_works(world, press_secretary):
    stranger = world.person("stranger", None, None)
    expert = world.person("expert", Role.ANALYST, world.mobility)
    inquiry = receive(world)
    with pytest.raises(DomainError):
        services.inquiry_assign(actor=press_secretary, inquiry=inquiry, assignee=stranger, department=world.mobility)
    client = verified_client(press_secretary)
    client.post(f"/en/inquiries/{inquiry.pk}/assign/", {"assignee": expert.pk, "department": world.mobility.pk})
    inquiry.refresh_from_db()
    assert inquiry.assignee == expert and inquiry.status == Status.ASSIGNED


def test_the_request_links_only_the_directory_records_the_viewer_may_open(world, unit_press_secretary):
    directory = Directory(world)
    directory.outlet("Медеу хабары", unit=world.medeu)
    inquiry = receive(world, unit=world.almaly, outlet_name="Медеу хабары")
    assert inquiry.outlet is not None
    page = verified_client(unit_press_secretary).get(f"/en/inquiries/{inquiry.pk}/")
    assert page.status_code == 200
    assert f"/directory/outlets/{inquiry.outlet_id}/" not in page.content.decode()
    assert "Медеу хабары" in page.content.decode()
