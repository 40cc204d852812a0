"""The demo press plan: next year laid out, this month at work, idempotent."""

from __future__ import annotations

import pytest
from django.utils import timezone

from pressdesk.planning import demo
from pressdesk.planning.models import PlanItem, PlanKind, PlanStatus
from pressdesk.planning.plan_fact import with_fact
from pressdesk.text import detect_language

pytestmark = pytest.mark.django_db


def test_loading_the_demo_again_adds_nothing(units):
    before = PlanItem.objects.count()
    assert demo.load(units) == {"plan items": before}
    assert PlanItem.objects.count() == before


def test_next_year_has_a_theme_each_month_quarterly_briefings_and_a_campaign(units):
    year = PlanItem.objects.filter(starts_on__year=timezone.localdate().year + 1)
    themes = year.filter(kind=PlanKind.THEME, whole_month=True)
    assert sorted(themes.values_list("starts_on__month", flat=True)) == list(range(1, 13))
    assert year.filter(unit=units["mobility"], kind=PlanKind.EVENT).count() == 4
    campaign = year.get(kind=PlanKind.CAMPAIGN)
    assert campaign.parts.count() == 3 and campaign.parts.filter(unit=units["almaly"]).exists()
    assert {detect_language(title) for title in year.values_list("title", flat=True)} == {"kk", "ru"}


def test_this_month_has_items_due_overdue_cancelled_and_moved(units):
    now = with_fact(PlanItem.objects.all(), timezone.localdate())
    assert now.filter(overdue=True).exists()
    assert now.filter(fact=PlanStatus.CANCELLED).exists() and now.filter(fact=PlanStatus.MOVED).exists()
    assert now.filter(fact=PlanStatus.PLANNED, starts_on__gte=timezone.localdate()).count() >= 3
