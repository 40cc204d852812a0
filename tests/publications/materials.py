"""A press service with its roles, and helpers that bring a material to a given step through the services.

Every helper goes through the same services as the pages and the API, so a
test that starts from "an approved press release" starts from a real one.
"""

from __future__ import annotations

import datetime

from django.utils import timezone

from pressdesk.core.models import Role
from pressdesk.publications import services
from pressdesk.publications.models import Material, MaterialKind
from pressdesk.publications.services import Text

KAZAKH = Text(
    "Алматыда жаңа мектеп ашылды",
    "Алмалы ауданында 1200 орындық мектеп ашылды.",
    "Бүгін Алмалы ауданында **1200 орындық** жаңа мектеп ашылды.\n\nМектепте 60 сынып бар.",
)
RUSSIAN = Text(
    "В Алматы открылась новая школа",
    "В Алмалинском районе открылась школа на 1200 мест.",
    "Сегодня в Алмалинском районе открылась новая школа на **1200 мест**.\n\nВ школе 60 классов.",
)


class Desk:
    """Officer Dana writes, secretary Aigerim reviews, head Serik approves; all at the city akimat."""

    def __init__(self, world):
        self.world = world
        self.officer = world.person("dana", Role.PRESS_OFFICER, world.body)
        self.secretary = world.person("aigerim", Role.PRESS_SECRETARY, world.body)
        self.head = world.person("serik", Role.HEAD, world.body)

    def draft(
        self, kind: str = MaterialKind.PRESS_RELEASE, *, unit=None, russian: bool = True, author=None
    ) -> Material:
        author = author or self.officer
        material = services.create(actor=author, unit=unit or self.world.body, kind=kind, language="kk", text=KAZAKH)
        if russian:
            services.save_version(actor=author, material=material, language="ru", text=RUSSIAN, base_revision=None)
        return material

    def approved(self, kind: str = MaterialKind.PRESS_RELEASE, **options) -> Material:
        material = self.draft(kind, **options)
        services.submit(actor=material.author, material=material)
        if services.head_approves(material.unit, kind):
            services.send_to_head(actor=self.secretary, material=material)
            return services.approve(actor=self.head, material=material)
        return services.approve(actor=self.secretary, material=material)

    def published(self, kind: str = MaterialKind.PRESS_RELEASE, **options) -> Material:
        material = self.approved(kind, **options)
        return services.publish_now(actor=self.secretary, material=material)

    def scheduled(
        self, at: datetime.datetime | None = None, *, embargo: bool = True, kind: str = MaterialKind.PRESS_RELEASE
    ) -> Material:
        material = self.approved(kind)
        at = at or timezone.now() + datetime.timedelta(hours=1)
        return services.schedule(actor=self.secretary, material=material, publish_at=at, embargo=embargo)
