"""Demo media inquiries: a dozen requests in every state, dated back from today so some are overdue.

Each goes through the services like a real one. A second run finds the requests by
subject and adds nothing.
"""

from __future__ import annotations

import datetime

from django.utils import timezone

from pressdesk.core import demo as core_demo
from pressdesk.core import workdays
from pressdesk.core.models import Unit, User
from pressdesk.directory.models import Journalist
from pressdesk.inquiries import services
from pressdesk.inquiries.models import Inquiry

UNKNOWN_OUTLET = "Неизвестная газета"
# (working days ago received, language, subject, question, outlet, what happened: list of steps)
REQUESTS = [
    (0, "ru", "Ремонт улицы Абая", "Когда закончится ремонт улицы Абая и как пойдут автобусы?", "Вечерний город", []),
    (1, "kk", "Қоғамдық көлік тарифі", "Жол жүру ақысы 2027 жылы өзгере ме?", "Алатау ақпарат", ["assign"]),
    (
        2,
        "kk",
        "Ауа сапасы",
        "Қыста ауа сапасын жақсарту үшін қандай шаралар жоспарланған?",
        "Жетісу TV",
        ["assign", "draft"],
    ),
    (
        3,
        "ru",
        "Велодорожки",
        "Сколько километров велодорожек построят в 2027 году?",
        "Городской портал",
        ["assign", "submit"],
    ),
    (
        4,
        "ru",
        "Снос аварийных домов",
        "Сколько аварийных домов снесут в Алмалинском районе?",
        "Вечерний город",
        ["vital"],
    ),
    (6, "kk", "Мектеп құрылысы", "Медеу ауданында жаңа мектеп қашан ашылады?", "Алатау ақпарат", ["assign"]),
    (7, "ru", "Парковки в центре", "Будут ли платные парковки на Достык?", "Неизвестная газета", []),
    (3, "ru", "Метро", "Когда откроются новые станции метро?", "Городской портал", ["assign", "extend"]),
    (4, "kk", "Саябақтар", "Қай саябақтар қайта жаңартылады?", "Жетісу TV", ["assign", "extend", "notice"]),
    (10, "ru", "Очереди в поликлиниках", "Как сократят очереди в поликлиниках?", "Вечерний город", ["answer"]),
    (12, "kk", "Қар тазалау", "Қар тазалауға қанша техника шығарылады?", "Алатау ақпарат", ["answer_late"]),
    (
        11,
        "ru",
        "Персональные данные",
        "Предоставьте список получателей субсидий с адресами.",
        "Городской портал",
        ["refuse"],
    ),
]


def register() -> None:
    core_demo.register_loader(load)


def _user(local: str) -> User:
    return User.objects.get(email=core_demo.demo_email(local))


def load(units: dict[str, Unit]) -> dict[str, int]:
    body, mobility = units["almaty-akimat"], units["mobility"]
    press, officer, expert = _user("press"), _user("officer.kovaleva"), _user("ps.mobility")
    existing = set(Inquiry.objects.values_list("subject", flat=True))
    today = timezone.localdate()
    people = list(Journalist.objects.present().filter(contacts__kind="email").distinct().order_by("pk")[:12])
    for number, (ago, language, subject, question, outlet, steps) in enumerate(REQUESTS):
        if subject in existing or not people:
            continue
        person = people[number % len(people)]
        # The journalist's own outlet, as a real request names it; the made-up paper stays, to show the flag.
        current = person.positions.filter(until__isnull=True).select_related("outlet").first()
        if current is not None and outlet != UNKNOWN_OUTLET:
            outlet = current.outlet.name
        day = workdays.working_days_before(today, ago) if ago else today
        received = timezone.make_aware(datetime.datetime.combine(day, datetime.time(10, 30)))
        inquiry = services.inquiry_receive(
            actor=officer,
            unit=body,
            channel="email" if number % 3 else "portal",
            requester_name=person.full_name,
            requester_email=person.contacts.filter(kind="email").first().value,
            outlet_name=outlet,
            language=language,
            answer_form="written",
            subject=subject,
            question=question,
            received_at=received,
        ).inquiry
        _play(inquiry, steps, press=press, expert=expert, department=mobility, language=language)
    return {"media inquiries": Inquiry.objects.count()}


def _play(inquiry: Inquiry, steps: list[str], *, press: User, expert: User, department: Unit, language: str) -> None:
    answer = "Жауап дайындалды." if language == "kk" else "Ответ подготовлен."
    for step in steps:
        if step in {"assign", "answer", "answer_late", "refuse"}:
            services.inquiry_assign(actor=press, inquiry=inquiry, assignee=expert, department=department)
        if step in {"draft", "submit", "answer", "answer_late"}:
            submit = step != "draft"
            services.inquiry_draft(actor=expert, inquiry=inquiry, answer=answer, language=language, submit=submit)
        if step in {"answer", "answer_late"}:
            services.inquiry_answer(actor=press, inquiry=inquiry)
        if step == "answer_late":
            late = workdays.add_working_days(inquiry.due_on, 1)
            Inquiry.objects.filter(pk=inquiry.pk).update(closed_on=late)  # history: it was answered a day late
        if step == "vital":
            services.inquiry_escalate(actor=press, inquiry=inquiry)
        if step == "extend":
            services.inquiry_extend(actor=press, inquiry=inquiry, days=10, reason="Бірнеше басқарма қатысады.")
        if step == "notice":
            services.inquiry_notice_sent(actor=press, inquiry=inquiry, how="Редакцияға электрондық хат жіберілді.")
        if step == "refuse":
            services.inquiry_refuse(
                actor=press, inquiry=inquiry, ground="personal", explanation="Азаматтардың дербес деректері берілмейді."
            )
