"""Adding, changing, moving and cancelling plan items: the rules, the audit trail, and who may."""

from __future__ import annotations

import datetime

import pytest
from django.utils import translation

from pressdesk.core.models import AuditEntry
from pressdesk.core.services import DomainError
from pressdesk.planning import plan_services
from pressdesk.planning.models import PlanItem, PlanKind, PlanStatus
from pressdesk.planning.plan_services import Draft
from tests.planning.conftest import day


def refused(message: str):
    return pytest.raises(DomainError, match=message)


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


def test_an_item_is_added_with_its_owner_and_audited(planners):
    item = planners.item(owner=planners.almaly, unit=planners.world.almaly, actor=planners.almaly)

    assert (item.status, item.owner, item.created_by) == (PlanStatus.PLANNED, planners.almaly, planners.almaly)
    entry = AuditEntry.objects.for_object(item).get()
    assert entry.action == "planning.item.created" and entry.after["title"] == "Әкімнің жылдық есебі"


def test_it_refuses_an_item_that_ends_before_it_starts(planners):
    with refused("end on or after the day it starts"):
        planners.item(on=day(10), ends_on=day(9))
    assert not PlanItem.objects.exists()


def test_it_refuses_an_item_of_ten_years(planners):
    with refused("at most a year"):
        planners.item(PlanKind.CAMPAIGN, on=day(0), ends_on=day(0) + datetime.timedelta(days=3652))


def test_it_refuses_a_year_nobody_plans(planners):
    with refused("between the years 2000 and 2100"):
        planners.item(on=datetime.date(2999, 1, 1))


def test_a_whole_month_item_covers_its_months(planners):
    theme = planners.item(
        PlanKind.THEME, on=datetime.date(2031, 3, 17), ends_on=datetime.date(2031, 5, 2), whole_month=True
    )
    assert (theme.starts_on, theme.ends_on) == (datetime.date(2031, 3, 1), datetime.date(2031, 5, 31))


def test_a_unit_press_secretary_cannot_plan_for_another_unit(planners):
    with refused("may not keep the plan of this unit"):
        planners.item(unit=planners.world.medeu, actor=planners.almaly)
    assert not PlanItem.objects.exists()


def test_a_unit_press_secretary_cannot_change_another_units_item(planners):
    item = planners.item(unit=planners.world.medeu, actor=planners.medeu)
    draft = Draft(kind=PlanKind.EVENT, title="Чужой пункт", starts_on=day(3))

    with refused("may not keep the plan of this unit"):
        plan_services.item_change(actor=planners.almaly, item=item, draft=draft)
    with refused("may not keep the plan of this unit"):
        plan_services.item_cancel(actor=planners.almaly, item=item, reason="не наше")
    assert planners.reload(item).title == "Әкімнің жылдық есебі"


def test_the_centre_keeps_the_plan_of_the_units_below(planners):
    item = planners.item(unit=planners.world.medeu, actor=planners.medeu)
    draft = Draft(kind=PlanKind.EVENT, title="Медеу: брифинг", starts_on=day(4))

    plan_services.item_change(actor=planners.secretary, item=item, draft=draft)

    assert planners.reload(item).title == "Медеу: брифинг"
    assert AuditEntry.objects.for_object(item).filter(action="planning.item.changed").exists()


def test_the_head_sees_the_plan_but_does_not_keep_it(planners):
    with refused("may not keep the plan of this unit"):
        planners.item(actor=planners.head)


def test_an_owner_must_work_with_the_units_plan(planners):
    with refused("owner must be someone who works with this unit's plan"):
        planners.item(unit=planners.world.almaly, actor=planners.almaly, owner=planners.medeu)


def test_a_part_belongs_to_a_campaign_of_its_unit_or_above(planners):
    campaign = planners.item(PlanKind.CAMPAIGN, title="Таза Алматы", on=day(1), ends_on=day(40))
    part = planners.item(PlanKind.MATERIAL, unit=planners.world.almaly, actor=planners.almaly, campaign=campaign)
    assert list(campaign.parts.all()) == [part]

    district = planners.item(PlanKind.CAMPAIGN, unit=planners.world.medeu, actor=planners.medeu)
    with refused("campaign of this unit or of a unit above it"):
        planners.item(unit=planners.world.almaly, actor=planners.almaly, campaign=district)
    with refused("a campaign to no other campaign"):
        planners.item(PlanKind.CAMPAIGN, campaign=campaign)


def test_moving_leaves_the_item_marked_moved_and_plans_it_on_the_new_day(planners):
    campaign = planners.item(PlanKind.CAMPAIGN, on=day(5), ends_on=day(9))
    part = planners.item(PlanKind.EVENT, on=day(6), campaign=campaign)

    copy = plan_services.item_move(
        actor=planners.secretary, item=campaign, starts_on=day(35), ends_on=None, reason="Әкімнің сапары"
    )

    campaign.refresh_from_db()
    assert campaign.status == PlanStatus.MOVED
    assert (copy.status, copy.starts_on, copy.ends_on) == (PlanStatus.PLANNED, day(35), day(39))
    assert planners.reload(part).campaign == copy
    moved = AuditEntry.objects.for_object(campaign).get(action="planning.item.moved")
    assert moved.after["moved_to"] == copy.pk and moved.note == "Әкімнің сапары"


def test_moving_needs_a_reason_and_another_day(planners):
    item = planners.item(on=day(5))
    with refused("Say why"):
        plan_services.item_move(actor=planners.secretary, item=item, starts_on=day(6), ends_on=None, reason=" ")
    with refused("Choose another date"):
        plan_services.item_move(actor=planners.secretary, item=item, starts_on=day(5), ends_on=None, reason="x")
    assert PlanItem.objects.count() == 1


def test_an_item_moved_from_the_last_day_of_the_calendar_is_refused_not_overflowed(planners):
    item = planners.item(on=day(5), ends_on=day(9))
    with refused("between the years 2000 and 2100"):
        plan_services.item_move(
            actor=planners.secretary, item=item, starts_on=datetime.date(9999, 12, 31), ends_on=None, reason="x"
        )
    assert PlanItem.objects.count() == 1


def test_a_campaign_with_parts_keeps_its_type(planners):
    campaign = planners.item(PlanKind.CAMPAIGN, on=day(5), ends_on=day(9))
    part = planners.item(PlanKind.EVENT, on=day(6), campaign=campaign)
    as_event = Draft(kind=PlanKind.EVENT, title=campaign.title, starts_on=day(5), ends_on=day(9))
    with refused("The campaign has parts"):
        plan_services.item_change(actor=planners.secretary, item=campaign, draft=as_event)
    assert planners.reload(campaign).kind == PlanKind.CAMPAIGN
    plan_services.item_change(
        actor=planners.secretary, item=part, draft=Draft(kind=PlanKind.EVENT, title=part.title, starts_on=day(6))
    )
    assert plan_services.item_change(actor=planners.secretary, item=campaign, draft=as_event).kind == PlanKind.EVENT


def test_a_cancelled_item_stays_as_it_was(planners):
    item = planners.item()
    plan_services.item_cancel(actor=planners.secretary, item=item, reason="Шешім өзгерді")

    assert planners.reload(item).status == PlanStatus.CANCELLED
    with refused("only a planned item or one in work can be changed"):
        plan_services.item_cancel(actor=planners.secretary, item=item, reason="again")
    draft = Draft(kind=PlanKind.EVENT, title="x", starts_on=day(3))
    with refused("only a planned item or one in work can be changed"):
        plan_services.item_change(actor=planners.secretary, item=item, draft=draft)
