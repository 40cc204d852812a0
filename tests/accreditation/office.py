"""An accrediting press service for tests: staff, a journalist with a portal account, files, and shortcuts.

Other test modules (pages, check-in) build on ``Office``: ``office.apply()``
makes an application the way the portal does, ``office.granted()`` an
issued pass, ``office.event()`` a briefing that needs per-event
accreditation, ``office.scan()`` a scan as a gate uploads it.
"""

from __future__ import annotations

import datetime
import importlib
import io
import uuid
from pathlib import Path

from django.apps import apps
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from PIL import Image

from pressdesk.accreditation import gate, services, signing
from pressdesk.accreditation.models import Accreditation, Application, Kind, RejectionReason
from pressdesk.core.models import Role, User, UserKind
from pressdesk.events import services as event_services
from pressdesk.events.models import Accreditation as EventAccreditation
from pressdesk.events.models import Event, EventKind, Venue, VenueName
from pressdesk.events.services import Plan
from tests.conftest import PASSWORD
from tests.directory.conftest import Directory

# The smallest PDF a reader opens: enough for the sniffing that tells a letter's kind by its bytes.
PDF = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj 2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\n"
    b"trailer<</Root 1 0 R>>\n%%EOF\n"
)


def picture(size=(600, 800), fmt="JPEG", colour=(40, 90, 160)) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", size, colour).save(buffer, format=fmt)
    return buffer.getvalue()


def upload(name: str, content: bytes, content_type: str = "application/octet-stream") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type=content_type)


def standard_lists() -> None:
    """The reasons and grounds of the data migrations, again: a test that commits loses them to Django's flush."""
    if not RejectionReason.objects.exists():
        importlib.import_module("pressdesk.accreditation.migrations.0002_standard_reasons").add_lists(apps, None)
        importlib.import_module("pressdesk.accreditation.migrations.0004_erased_ground").add_ground(apps, None)


def own_keys(settings, folder: Path) -> None:
    """The test signs with a key of its own, made as `pressdesk accreditation rotate-key` makes it (nothing makes one
    on the fly), so no test depends on another's key files."""
    settings.ACCREDITATION_KEY_DIR = folder
    signing.rotate()


def nonce() -> str:
    return uuid.uuid4().hex


class Office:
    """Press secretary Aigerim and press officer Dana accredit; Madina of “Алматы ақшамы” applies from the portal."""

    def __init__(self, world):
        self.world = world
        self.directory = Directory(world)
        self.secretary = world.person("aigerim", Role.PRESS_SECRETARY, world.body)
        self.officer = world.person("dana", Role.PRESS_OFFICER, world.body)
        self.outlet = self.directory.outlet()
        self.account = User.objects.create_user(
            "madina@media.kz", PASSWORD, full_name="Мадина Әлиева", kind=UserKind.JOURNALIST, language="kk"
        )
        self.journalist = self.directory.journalist(
            "Мадина Әлиева", outlet=self.outlet, email="madina@media.kz", account=self.account
        )
        standard_lists()

    def person(self, name: str, *, language: str = "kk"):
        """Another journalist of the outlet, with a portal account of its own."""
        account = User.objects.create_user(
            f"{uuid.uuid4().hex[:8]}@media.kz", PASSWORD, full_name=name, kind=UserKind.JOURNALIST, language=language
        )
        journalist = self.directory.journalist(
            name, outlet=self.outlet, email=account.email, account=account, preferred_language=language
        )
        return journalist, account

    def event(self, *, days: int = 3, accreditation: str = EventAccreditation.PER_EVENT, running: bool = False):
        """A briefing ``days`` ahead at 11:00; ``running``: one that began ten minutes ago (for scans at its door)."""
        hall = Venue.objects.filter(unit=self.world.body).first()
        if hall is None:
            hall = Venue.objects.create(unit=self.world.body, address="Республика алаңы, 4", capacity=40)
            VenueName.objects.create(parent=hall, language="kk", name="Баспасөз орталығы")
        day = timezone.localdate() + datetime.timedelta(days=days)
        starts = timezone.make_aware(datetime.datetime.combine(day, datetime.time(11)))
        plan = self._plan(starts, hall, accreditation)
        event = event_services.plan_event(actor=self.secretary, unit=self.world.body, plan=plan, confirmed=True)
        if running:  # planning refuses the past: the event is moved to now afterwards
            now = timezone.now()
            Event.objects.filter(pk=event.pk).update(
                starts_at=now - datetime.timedelta(minutes=10), ends_at=now + datetime.timedelta(minutes=50)
            )
            event.refresh_from_db()
        return event

    @staticmethod
    def _plan(starts: datetime.datetime, hall: Venue, accreditation: str) -> Plan:
        return Plan(
            kind=EventKind.BRIEFING,
            starts_at=starts,
            ends_at=starts + datetime.timedelta(hours=1),
            texts={"kk": ("Қоғамдық көлік туралы брифинг", ""), "en": ("Briefing on public transport", "")},
            venue=hall,
            accreditation=accreditation,
        )

    def move(self, event: Event, *, days: int = 0, hours: int = 0) -> Event:
        """The event moved by the events service, as a planner moves it."""
        starts = event.starts_at + datetime.timedelta(days=days, hours=hours)
        plan = self._plan(starts, event.venue, event.accreditation)
        return event_services.change_event(actor=self.secretary, event=event, plan=plan, confirmed=True)

    def apply(self, journalist=None, account=None, **overrides) -> Application:
        journalist = journalist or self.journalist
        fields = {
            "journalist": journalist,
            "outlet": self.outlet,
            "kind": Kind.STANDING,
            "unit": self.world.body,
            "letter": upload("letter.pdf", PDF, "application/pdf"),
            "photo": upload("photo.jpg", picture(), "image/jpeg"),
            "consent": True,
            "account": account if account is not None else (self.account if journalist == self.journalist else None),
            "position": "Тілші",
        }
        fields.update(overrides)
        return services.application_submit(**fields)

    def granted(self, **overrides) -> Accreditation:
        application = self.apply(**overrides)
        return services.application_approve(actor=self.officer, application=application)

    def granted_last_week(self, **overrides) -> Accreditation:
        """A pass valid since a week ago, for scans made on an earlier day (or a minute before midnight)."""
        accreditation = self.granted(**overrides)
        Accreditation.objects.filter(pk=accreditation.pk).update(
            valid_from=timezone.localdate() - datetime.timedelta(days=7)
        )
        accreditation.refresh_from_db()
        return accreditation

    def scan(self, presented: str, *, event=None, gate_name: str = "main", at=None, user=None, nonce_: str = ""):
        return gate.check_in(
            presented=presented,
            nonce=nonce_ or nonce(),
            user=user or self.officer,
            event=event,
            gate=gate_name,
            scanned_at=at,
        )
