"""Making a plan item real (an event, a draft material), linking an existing one, and done read from the links."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone, translation

from pressdesk.core.models import AuditEntry
from pressdesk.core.services import DomainError
from pressdesk.events.models import Event, EventKind, EventStatus
from pressdesk.events.services import Plan
from pressdesk.planning import plan_links
from pressdesk.planning.models import PlanKind, PlanStatus
from pressdesk.planning.plan_fact import with_fact
from pressdesk.publications import services as material_services
from pressdesk.publications.models import Material, MaterialKind
from tests.planning.conftest import day


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


def event_plan(on: datetime.date, kind: str = EventKind.INTERVIEW) -> Plan:
    starts = timezone.make_aware(datetime.datetime.combine(on, datetime.time(11)))
    return Plan(
        kind=kind,
        starts_at=starts,
        ends_at=starts + datetime.timedelta(hours=1),
        texts={"kk": ("Әкіммен сұхбат", "")},
        online_url="https://meet.example.kz/a",
    )


def fact(item) -> str:
    return with_fact(type(item).objects.filter(pk=item.pk), timezone.localdate()).get().fact


def test_an_interview_item_becomes_an_event_linked_and_in_work(planners):
    item = planners.item(PlanKind.INTERVIEW, on=day(5))

    event = plan_links.item_make_event(actor=planners.secretary, item=item, plan=event_plan(day(5)))

    item = planners.reload(item)
    assert (item.event, item.status) == (event, PlanStatus.IN_WORK)
    assert event.unit == planners.world.body and event.title == "Әкіммен сұхбат"
    assert AuditEntry.objects.for_object(item).filter(action="planning.item.realised").exists()


def test_making_it_real_twice_makes_one_event_and_says_so(planners):
    item = planners.item(PlanKind.INTERVIEW, on=day(5))
    stale = planners.reload(item)  # a second tab opened before the first click
    plan_links.item_make_event(actor=planners.secretary, item=item, plan=event_plan(day(5)))

    with pytest.raises(DomainError, match="already linked to the real thing"):
        plan_links.item_make_event(actor=planners.secretary, item=stale, plan=event_plan(day(6)))
    with pytest.raises(DomainError, match="already linked to the real thing"):
        plan_links.item_make_material(actor=planners.secretary, item=stale, kind=MaterialKind.NEWS, language="kk")

    assert Event.objects.count() == 1 and not Material.objects.exists()


def test_a_refused_event_leaves_the_item_unlinked(planners):
    item = planners.item(PlanKind.EVENT, on=day(5))
    plan = event_plan(day(5), EventKind.BRIEFING)
    plan.online_url = ""  # a briefing needs a venue or a link

    with pytest.raises(DomainError, match="venue or the online link"):
        plan_links.item_make_event(actor=planners.secretary, item=item, plan=plan)

    item = planners.reload(item)
    assert (item.event, item.status) == (None, PlanStatus.PLANNED) and not Event.objects.exists()


def test_a_material_item_becomes_a_draft_in_the_items_unit(planners):
    item = planners.item(
        PlanKind.MATERIAL, unit=planners.world.almaly, actor=planners.almaly, title="Итоги отопительного сезона"
    )

    material = plan_links.item_make_material(actor=planners.almaly, item=item, kind=MaterialKind.NEWS, language="ru")

    assert (material.unit, material.status, material.title) == (planners.world.almaly, "draft", item.title)
    assert planners.reload(item).material == material


def test_another_units_press_secretary_cannot_make_it_real(planners):
    item = planners.item(PlanKind.MATERIAL, unit=planners.world.medeu, actor=planners.medeu)
    with pytest.raises(DomainError, match="may not keep the plan of this unit"):
        plan_links.item_make_material(actor=planners.almaly, item=item, kind=MaterialKind.NEWS, language="kk")
    assert not Material.objects.exists()


def test_a_theme_does_not_turn_into_an_event(planners):
    item = planners.item(PlanKind.THEME)
    with pytest.raises(DomainError, match="does not turn into that"):
        plan_links.item_make_event(actor=planners.secretary, item=item, plan=event_plan(day(5)))


def test_an_item_is_done_when_its_event_is_held(planners):
    item = planners.item(PlanKind.INTERVIEW, on=day(5))
    event = plan_links.item_make_event(actor=planners.secretary, item=item, plan=event_plan(day(5)))
    assert fact(item) == PlanStatus.IN_WORK

    Event.objects.filter(pk=event.pk).update(status=EventStatus.HELD)

    assert fact(item) == PlanStatus.DONE
    assert planners.reload(item).status == PlanStatus.IN_WORK  # read from the link, not written by a hook


def test_an_existing_published_material_is_linked_and_counts_as_done(planners):
    material = material_services.create(
        actor=planners.secretary,
        unit=planners.world.body,
        kind=MaterialKind.NEWS,
        language="kk",
        text=material_services.Text("Жаңа саябақ", "", "Мәтін"),
    )
    Material.objects.filter(pk=material.pk).update(status="published")
    item = planners.item(PlanKind.MATERIAL, on=day(3))

    plan_links.item_link(actor=planners.secretary, item=item, material=material)

    assert planners.reload(item).material == material and fact(item) == PlanStatus.DONE


def test_only_a_nearby_event_of_the_unit_can_be_linked(planners):
    far = plan_links.item_make_event(
        actor=planners.secretary, item=planners.item(PlanKind.INTERVIEW, on=day(200)), plan=event_plan(day(200))
    )
    item = planners.item(PlanKind.EVENT, on=day(3))
    with pytest.raises(DomainError, match="near the planned days"):
        plan_links.item_link(actor=planners.secretary, item=item, event=far)
    assert planners.reload(item).event is None
