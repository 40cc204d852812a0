"""The network of press secretaries: the centre's Aigerim instructs; Timur (Almaly, Russian) and Dana (Medeu, Kazakh)
answer for their districts; the mobility department has no press secretary of its own."""

from __future__ import annotations

import datetime

from django.utils import timezone

from pressdesk.core.models import Role, User
from pressdesk.planning import instructions
from pressdesk.planning.models import Instruction, Receipt

TITLE = "Көлік туралы релизді жариялаңыз"
BODY = "Publish the transport release on your channels by 15:00 and send the link."


class Network:
    def __init__(self, world):
        self.world = world
        self.secretary = world.person("aigerim", Role.PRESS_SECRETARY, world.body)
        self.timur = world.person("timur", Role.UNIT_PRESS_SECRETARY, world.almaly)
        self.dana = world.person("dana", Role.UNIT_PRESS_SECRETARY, world.medeu)
        User.objects.filter(pk=self.timur.pk).update(language="ru")
        self.timur.refresh_from_db()

    def send(self, *, units=None, due_in: datetime.timedelta = datetime.timedelta(hours=5), **extra) -> Instruction:
        return instructions.instruction_send(
            actor=extra.pop("actor", self.secretary),
            unit=extra.pop("unit", self.world.body),
            title=extra.pop("title", TITLE),
            body=extra.pop("body", BODY),
            due_at=timezone.now() + due_in,
            units=units if units is not None else [self.world.almaly, self.world.medeu, self.world.mobility],
            **extra,
        )

    def receipt(self, instruction: Instruction, unit) -> Receipt:
        return Receipt.objects.select_related("unit", "instruction").get(instruction=instruction, unit=unit)
