"""The press plan's people and a helper that adds items through the service, as the pages do."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone

from pressdesk.core.models import Role
from pressdesk.planning import plan_services
from pressdesk.planning.models import PlanItem, PlanKind
from pressdesk.planning.plan_services import Draft


def day(days: int = 0) -> datetime.date:
    return timezone.localdate() + datetime.timedelta(days=days)


class Planners:
    """Aigerim keeps the city's plan; Timur keeps the Almaly district's, Arman the Medeu district's; Serik heads."""

    def __init__(self, world):
        self.world = world
        self.secretary = world.person("aigerim", Role.PRESS_SECRETARY, world.body)
        self.almaly = world.person("timur", Role.UNIT_PRESS_SECRETARY, world.almaly)
        self.medeu = world.person("arman", Role.UNIT_PRESS_SECRETARY, world.medeu)
        self.head = world.person("serik", Role.HEAD, world.body)

    def item(self, kind: str = PlanKind.EVENT, *, on: datetime.date | None = None, unit=None, actor=None, **extra):
        unit = unit or self.world.body
        actor = actor or self.secretary
        draft = Draft(kind=kind, title=extra.pop("title", "Әкімнің жылдық есебі"), starts_on=on or day(10), **extra)
        return plan_services.item_create(actor=actor, unit=unit, draft=draft)

    def reload(self, item: PlanItem) -> PlanItem:
        return PlanItem.objects.get(pk=item.pk)


@pytest.fixture
def planners(world) -> Planners:
    return Planners(world)
