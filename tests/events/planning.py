"""A press service planning events, and helpers that build a plan the way the form does."""

from __future__ import annotations

import datetime

from django.utils import timezone

from pressdesk.core.models import Role
from pressdesk.events import services
from pressdesk.events.models import EventKind, Venue, VenueName
from pressdesk.events.services import Plan, SpeakerInput


def soon(days: int = 3, hour: int = 11) -> datetime.datetime:
    """``days`` from today at ``hour`` o'clock in Almaty."""
    day = timezone.localdate() + datetime.timedelta(days=days)
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour)))


class Office:
    """Press secretary Aigerim plans; heads Bauyrzhan (mobility) and Yelena (ecology) speak."""

    def __init__(self, world):
        self.world = world
        self.secretary = world.person("aigerim", Role.PRESS_SECRETARY, world.body)
        self.mobility_head = world.person("bauyrzhan", Role.HEAD, world.mobility)
        self.ecology_head = world.person("yelena", Role.HEAD, world.body)
        self.hall = Venue.objects.create(unit=world.body, address="Республика алаңы, 4", capacity=40)
        VenueName.objects.create(parent=self.hall, language="kk", name="Баспасөз орталығы")

    def plan(self, kind: str = EventKind.BRIEFING, *, at=None, hours: int = 1, speakers=(), **extra) -> Plan:
        starts = at or soon()
        return Plan(
            kind=kind,
            starts_at=starts,
            ends_at=starts + datetime.timedelta(hours=hours),
            texts={"kk": ("Қоғамдық көлік туралы брифинг", ""), "ru": ("Брифинг об общественном транспорте", "")},
            venue=extra.pop("venue", self.hall),
            languages=["kk", "ru"],
            interpretation="kk → ru",
            speakers=[SpeakerInput(user=person) for person in speakers],
            **extra,
        )

    def event(self, kind: str = EventKind.BRIEFING, **options):
        confirmed = options.pop("confirmed", False)
        return services.plan_event(
            actor=self.secretary, unit=self.world.body, plan=self.plan(kind, **options), confirmed=confirmed
        )
