"""A press service with journalists in Kazakh and Russian and a published release, for the distribution tests.

Everything goes through the services the pages use: the release is a real
published one, the journalists real directory records with email contacts.
"""

from __future__ import annotations

from pressdesk.directory.services import segment_save
from pressdesk.distribution import services
from tests.directory.conftest import Directory
from tests.publications.materials import Desk


class Post:
    def __init__(self, world):
        self.world = world
        self.desk = Desk(world)
        self.directory = Directory(world)
        self.secretary = self.desk.secretary
        self.officer = self.desk.officer

    def journalists(self, count: int, *, language: str = "kk", trusted: bool = False, prefix: str = "j"):
        people = []
        for n in range(count):
            person = self.directory.journalist(
                f"Журналист {prefix}{n}", email=f"{prefix}{n}@example.kz", preferred_language=language
            )
            if trusted:
                person.trusted = True
                person.save(update_fields=["trusted"])
            people.append(person)
        return people

    def segment(self, criteria: dict | None = None, name: str = "Қала БАҚ"):
        return segment_save(actor=self.secretary, unit=self.world.body, name=name, criteria=criteria or {})

    def mailing(self, material=None, **options):
        material = material or self.desk.published()
        options.setdefault("segment", self.segment())
        return services.create(actor=self.secretary, material=material, **options)


def to_journalists(inbox) -> list:
    """The letters the test journalists received (the staff's workflow letters left aside)."""
    return [m for m in inbox.messages if m["To"].endswith("@example.kz")]


def subject(message) -> str:
    return str(message["Subject"]).strip()
