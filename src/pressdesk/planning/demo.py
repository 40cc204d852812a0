"""Demo press plan: next year laid out in December fashion, and this month at work.

Next year: a theme for every month, the akim's annual report to the public,
a quarterly briefing of each department, a spring campaign with its parts (one
in a district), an interview and district items, in Kazakh and Russian as the
press secretaries write them. This month: the theme, items due this week, one
overdue, one linked to a demo event that was held (so it shows done), one
cancelled and one moved. Everything goes through ``plan_services`` and
``plan_links`` like the pages. A second run finds each item by unit, title and
day and adds nothing.
"""

from __future__ import annotations

import datetime

from django.db import transaction
from django.utils import timezone

from pressdesk.core import demo as core_demo
from pressdesk.core.models import Unit, User
from pressdesk.events.models import Event, EventStatus
from pressdesk.planning import plan_links, plan_services
from pressdesk.planning.models import PlanItem, PlanKind
from pressdesk.planning.plan_services import Draft

THEMES = [
    "Қаңтар: әлеуметтік қолдау шаралары",
    "Февраль: подготовка города к паводкам",
    "Наурыз мерекесі және көктемгі абаттандыру",
    "Апрель: месячник чистоты «Таза Алматы»",
    "Мамыр: Жеңіс күні, ардагерлерге құрмет",
    "Июнь: летний отдых и занятость детей",
    "Шілде: қаладағы туризм маусымы",
    "Август: готовность школ к учебному году",
    "Қыркүйек: Алматы қаласының күні",
    "Октябрь: старт отопительного сезона",
    "Қараша: жол жөндеу жұмыстарының қорытындысы",
    "Желтоқсан: Тәуелсіздік күні және жыл қорытындысы",
]
DEPARTMENTS = {
    "mobility": ("Қалалық мобильділік басқармасының брифингі", "ps.mobility"),
    "ecology": ("Брифинг Управления экологии и окружающей среды", "press"),
    "public-development": ("Қоғамдық даму басқармасының брифингі", "officer.omarov"),
}
QUARTERS = ["I", "II", "III", "IV"]


def register() -> None:
    core_demo.register_loader(load)


def _user(local: str) -> User:
    return User.objects.get(email=core_demo.demo_email(local))


class _Planner:
    """Adds an item once: an item of the same unit and title in the same year is taken as already there (the days
    of this month's items move with the day the demo is loaded)."""

    def __init__(self, actor: User):
        self.actor = actor

    def add(self, unit: Unit, kind: str, title: str, on: datetime.date, **extra) -> tuple[PlanItem, bool]:
        existing = PlanItem.objects.filter(unit=unit, title=title, starts_on__year=on.year).first()
        if existing is not None:
            return existing, False
        draft = Draft(kind=kind, title=title, starts_on=on, **extra)
        return plan_services.item_create(actor=self.actor, unit=unit, draft=draft), True


def _next_year(plan: _Planner, units: dict[str, Unit], year: int) -> None:
    body, press = units["almaty-akimat"], _user("press")
    for month, title in enumerate(THEMES, start=1):
        plan.add(body, PlanKind.THEME, title, datetime.date(year, month, 1), whole_month=True, owner=press)
    plan.add(
        body,
        PlanKind.EVENT,
        "Алматы қаласы әкімінің халық алдындағы есебі",
        datetime.date(year, 2, 6),
        owner=press,
        description="Әкімнің жылдық есебі: тікелей эфир, тұрғындардың сұрақтары, аудандардағы көрсетілім.",
    )
    for code, (title, owner) in DEPARTMENTS.items():
        for quarter, numeral in enumerate(QUARTERS):
            on = datetime.date(year, quarter * 3 + 2, 10)  # the tenth of the quarter's middle month
            plan.add(units[code], PlanKind.EVENT, f"{title} ({numeral} тоқсан)", on, owner=_user(owner))
    campaign, _new = plan.add(
        body,
        PlanKind.CAMPAIGN,
        "«Таза Алматы» экологиялық акциясы",
        datetime.date(year, 4, 1),
        ends_on=datetime.date(year, 5, 1),
        whole_month=True,
        owner=_user("officer.kovaleva"),
        description="Субботники в каждом районе, высадка деревьев, сбор вторсырья; итоги — к Дню эколога.",
    )
    parts = [
        (body, PlanKind.EVENT, "Пресс-тур на высадку деревьев в Медеуском районе", 18),
        (body, PlanKind.MATERIAL, "Пресс-релиз: итоги первого месяца акции «Таза Алматы»", 30),
        (units["almaly"], PlanKind.MATERIAL, "Алмалы ауданындағы сенбілік туралы ақпарат", 20),
    ]
    for unit, kind, title, day in parts:
        plan.add(unit, kind, title, datetime.date(year, 4, day), campaign=campaign)
    plan.add(body, PlanKind.INTERVIEW, "Интервью акима телеканалу «Хабар 24»", datetime.date(year, 6, 12), owner=press)
    plan.add(
        units["almaly"],
        PlanKind.EVENT,
        "Алмалы ауданы әкімінің тұрғындармен кездесуі",
        datetime.date(year, 3, 12),
        owner=_user("ps.almaly"),
    )
    plan.add(
        units["bostandyk"],
        PlanKind.EVENT,
        "Открытие новой школы в Бостандыкском районе",
        datetime.date(year, 9, 1),
        owner=_user("ps.bostandyk"),
    )


def _this_month(plan: _Planner, units: dict[str, Unit], today: datetime.date) -> None:
    body, press = units["almaty-akimat"], _user("press")

    def soon(days: int) -> datetime.date:
        return today + datetime.timedelta(days=days)

    plan.add(body, PlanKind.THEME, "Айдың тақырыбы: қала көліктерінің қауіпсіздігі", today, whole_month=True)
    plan.add(body, PlanKind.EVENT, "Брифинг о ремонте дорог на проспекте Абая", soon(2), owner=press)
    plan.add(body, PlanKind.MATERIAL, "Жаңа автобус бағыттары туралы баспасөз релизі", soon(3), owner=press)
    plan.add(body, PlanKind.INTERVIEW, "Интервью заместителя акима газете «Время»", soon(9), owner=press)
    plan.add(
        units["mobility"],
        PlanKind.MATERIAL,
        "Велосипед жолдарының картасы: инфографика",
        soon(-4),
        owner=_user("ps.mobility"),
    )  # not done yet: overdue
    cancelled, new = plan.add(body, PlanKind.EVENT, "Круглый стол с перевозчиками", soon(5))
    if new:
        plan_services.item_cancel(actor=plan.actor, item=cancelled, reason="Перевозчики попросили перенести на осень.")
    moved, new = plan.add(body, PlanKind.EVENT, "Қалалық саябақтар туралы баспасөз туры", soon(6))
    if new:
        plan_services.item_move(
            actor=plan.actor, item=moved, starts_on=soon(20), ends_on=None, reason="Ауа райы болжамы бойынша."
        )
    _done_by_a_held_event(plan, body, today)


def _done_by_a_held_event(plan: _Planner, body: Unit, today: datetime.date) -> None:
    """The demo's latest event held this month (if any) was planned too: its plan item shows done."""
    held = (
        Event.objects.filter(unit=body, status=EventStatus.HELD, starts_at__date__gte=today.replace(day=1))
        .prefetch_related("translations")
        .order_by("-starts_at")
        .first()
    )
    if held is None:
        return
    on = timezone.localtime(held.starts_at).date()
    item, new = plan.add(body, PlanKind.EVENT, held.title or "Брифинг", on)
    if new:
        plan_links.item_link(actor=plan.actor, item=item, event=held)


@transaction.atomic
def load(units: dict[str, Unit]) -> dict[str, int]:
    plan = _Planner(_user("press"))
    today = timezone.localdate()
    _next_year(plan, units, today.year + 1)
    _this_month(plan, units, today)
    return {"plan items": PlanItem.objects.count()}
