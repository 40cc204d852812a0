"""Plan against fact: the counts per month and per type, and the year's totals, from one grouped query."""

from __future__ import annotations

import datetime

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone, translation

from pressdesk.events.models import Event, EventKind, EventStatus, EventText
from pressdesk.planning import plan_services
from pressdesk.planning.models import PlanItem, PlanKind, PlanStatus
from pressdesk.planning.plan_fact import Tally, report
from pressdesk.planning.plan_periods import span
from pressdesk.publications import services as material_services
from pressdesk.publications.models import Material, MaterialKind

YEAR = timezone.localdate().year - 1  # a year that is over: every open item in it is overdue
MARCH, APRIL = datetime.date(YEAR, 3, 1), datetime.date(YEAR, 4, 1)


def _event(world, status: str) -> Event:
    starts = timezone.make_aware(datetime.datetime(YEAR, 3, 10, 11))
    event = Event.objects.create(
        unit=world.body,
        kind=EventKind.BRIEFING,
        starts_at=starts,
        ends_at=starts + datetime.timedelta(hours=1),
        status=status,
    )
    EventText.objects.create(parent=event, language="kk", title="Брифинг")
    return event


def _material(planners, status: str) -> Material:
    material = material_services.create(
        actor=planners.secretary,
        unit=planners.world.body,
        kind=MaterialKind.NEWS,
        language="kk",
        text=material_services.Text("Жаңалық", "", "Мәтін"),
    )
    Material.objects.filter(pk=material.pk).update(status=status)
    return material


def _year_plan(planners) -> None:
    """March: 2 held/published by link, 1 marked done, 1 in work, 1 planned, 1 cancelled, 1 moved to April."""
    world, add = planners.world, planners.item
    held = add(PlanKind.EVENT, on=MARCH.replace(day=10))
    PlanItem.objects.filter(pk=held.pk).update(event=_event(world, EventStatus.HELD), status=PlanStatus.IN_WORK)
    published = add(PlanKind.MATERIAL, on=MARCH.replace(day=11))
    PlanItem.objects.filter(pk=published.pk).update(
        material=_material(planners, "published"), status=PlanStatus.IN_WORK
    )
    marked = add(PlanKind.THEME, on=MARCH, whole_month=True)
    PlanItem.objects.filter(pk=marked.pk).update(status=PlanStatus.DONE)
    in_work = add(PlanKind.MATERIAL, on=MARCH.replace(day=20))
    PlanItem.objects.filter(pk=in_work.pk).update(material=_material(planners, "draft"), status=PlanStatus.IN_WORK)
    add(PlanKind.INTERVIEW, on=MARCH.replace(day=25))
    cancelled = add(PlanKind.EVENT, on=MARCH.replace(day=26))
    plan_services.item_cancel(actor=planners.secretary, item=cancelled, reason="—")
    moved = add(PlanKind.EVENT, on=MARCH.replace(day=27))
    plan_services.item_move(
        actor=planners.secretary, item=moved, starts_on=APRIL.replace(day=3), ends_on=None, reason="перенос"
    )
    add(PlanKind.EVENT, on=MARCH.replace(day=12), unit=world.medeu, actor=planners.medeu)  # a district's item


def test_plan_against_fact_per_month_per_type_and_for_the_year(planners):
    _year_plan(planners)
    months = span("year", MARCH).months

    with CaptureQueriesContext(connection) as queries:
        result = report(PlanItem.objects.filter(unit=planners.world.body), months, timezone.localdate())
    assert len(queries) == 1

    by_month = dict(result.months)
    assert by_month[MARCH] == Tally(planned=7, done=3, in_work=1, moved=1, cancelled=1, overdue=2)
    assert by_month[APRIL] == Tally(planned=1, done=0, in_work=0, moved=0, cancelled=0, overdue=1)
    assert by_month[datetime.date(YEAR, 5, 1)] == Tally()
    kinds = {kind: tally for kind, _label, tally in result.kinds}
    assert kinds[PlanKind.EVENT] == Tally(planned=4, done=1, moved=1, cancelled=1, overdue=1)
    assert kinds[PlanKind.MATERIAL] == Tally(planned=2, done=1, in_work=1, overdue=1)
    assert result.total == Tally(planned=8, done=3, in_work=1, moved=1, cancelled=1, overdue=3)
    assert result.total.done_share == 50  # 3 of the 6 neither moved nor cancelled
    with translation.override("en"):
        assert (result.total.done_shown, Tally().done_shown) == ("50%", "—")
    with translation.override("ru"):
        assert result.total.done_shown == "50\xa0%"


def test_the_centre_counts_the_units_below_and_an_empty_year_is_empty(planners):
    _year_plan(planners)
    everything = report(PlanItem.objects.all(), span("year", MARCH).months, timezone.localdate())
    assert everything.total.planned == 9

    next_year = report(PlanItem.objects.all(), span("year", datetime.date(YEAR + 5, 1, 1)).months, timezone.localdate())
    assert next_year.empty and next_year.total == Tally()
