"""March 2026 of the city akimat, written straight into the tables: coverage, releases, inquiries, events, passes.

Every figure a report should give is known: the tests compare against these
numbers, so a wrong boundary (Almaty's day, not UTC's), a double count or a unit
leaking into another's report shows.
"""

from __future__ import annotations

import datetime
import itertools

from django.utils import translation

from pressdesk.accreditation.models import (
    Accreditation,
    Application,
    ApplicationStatus,
    Change,
    HistoryEntry,
    Kind,
)
from pressdesk.core.models import Role, User
from pressdesk.events.models import Event, EventKind, EventStatus, Speaker
from pressdesk.inquiries.models import Inquiry, Status
from pressdesk.monitoring.models import Clipping, Story, Tone, WatchKind
from pressdesk.publications import notify
from pressdesk.publications.models import Material
from tests.monitoring.press import Press, almaty
from tests.publications.materials import Desk

SINCE, UNTIL = datetime.date(2026, 3, 1), datetime.date(2026, 3, 31)
_numbers = itertools.count(1)


class Month:
    """Head Serik, press secretary Aigerim, analyst Asel at the akimat; Timur, Almaly's press secretary."""

    def __init__(self, world):
        self.world = world
        self.desk = Desk(world)
        self.head, self.secretary = self.desk.head, self.desk.secretary
        self.analyst = world.person("asel", Role.ANALYST, world.body)
        User.objects.filter(pk=self.analyst.pk).update(language="ru")  # reads her letters in Russian
        self.analyst.refresh_from_db()
        self.district = world.person("timur", Role.UNIT_PRESS_SECRETARY, world.almaly)
        self.officer = self.desk.officer  # a press officer: no reports
        press = self.press = Press(world)
        self.region = press.watch(world.body, WatchKind.ORGANISATION, "Almaty Region Akimat")
        self.almaly_watch = press.watch(world.almaly, WatchKind.ORGANISATION, "Almaly District Akimat")
        self._coverage()
        self._releases()
        self._inquiries()
        self._events()
        self._accreditation()

    def _coverage(self) -> None:
        press = self.press
        water = press.clip("Water main burst", at=almaty(2026, 3, 2, 10), tone=Tone.NEGATIVE)
        press.clip(
            "Water main burst", at=almaty(2026, 3, 2, 23, 30), reprint_of=water, tone=Tone.NEGATIVE, language="ru"
        )
        press.clip(
            "Buses on time",
            at=almaty(2026, 3, 10, 12),
            outlet=press.national,
            tone=Tone.POSITIVE,
            watches=[press.akimat, press.transport],
            language="ru",
        )
        paper = press.clip("Akimat on the radio", at=almaty(2026, 3, 15, 9), outlet=press.paper)
        Clipping.objects.filter(pk=paper.pk).update(kind="radio")
        press.clip("The region's plans", at=almaty(2026, 3, 20, 9), watches=[self.region], language="ru")
        press.clip("Almaly school opens", at=almaty(2026, 3, 20, 11), watches=[self.almaly_watch])
        press.clip("Late night", at=almaty(2026, 3, 31, 23, 50), language="en", watches=[press.transport])
        # Outside March in Almaty, although 00:10 on 1 April is still 31 March in UTC.
        press.clip("April already", at=almaty(2026, 4, 1, 0, 10), tone=Tone.NEGATIVE)
        press.clip("Still February", at=almaty(2026, 2, 28, 23, 50), tone=Tone.NEGATIVE)

    def _releases(self) -> None:
        with notify.quiet():
            self.taken = self.desk.published()
            self.ignored = self.desk.published()
            self.april = self.desk.published()
        Material.objects.filter(pk=self.taken.pk).update(published_at=almaty(2026, 3, 5, 10))
        Material.objects.filter(pk=self.ignored.pk).update(published_at=almaty(2026, 3, 12, 10))
        Material.objects.filter(pk=self.april.pk).update(published_at=almaty(2026, 4, 2, 10))
        first = self.press.clip("Schools: 1200 places", at=almaty(2026, 3, 5, 12), outlet=self.press.national)
        Story.objects.filter(pk=first.story_id).update(material=self.taken)
        self.press.clip("Schools: 1200 places", at=almaty(2026, 3, 6, 12), reprint_of=first)

    def inquiry(
        self, *, received: datetime.datetime, due: datetime.date, closed=None, status=Status.ANSWERED, unit=None
    ):
        number = next(_numbers)
        return Inquiry.objects.create(
            number=f"R-{number}",
            unit=unit or self.world.body,
            channel="email",
            received_at=received,
            requester_name="Мадина Әлиева",
            outlet_name="Qala24",
            language="kk",
            answer_form="written",
            subject=f"Question {number}",
            question="Қашан?",
            status=status,
            due_on=due,
            closed_on=closed,
        )

    def _inquiries(self) -> None:
        d = datetime.date
        self.inquiry(received=almaty(2026, 3, 3, 10), due=d(2026, 3, 10), closed=d(2026, 3, 6))  # on time
        self.inquiry(received=almaty(2026, 3, 4, 10), due=d(2026, 3, 11), closed=d(2026, 3, 14))  # late
        self.inquiry(received=almaty(2026, 3, 20, 10), due=d(2026, 3, 27), status=Status.ASSIGNED)  # overdue
        self.inquiry(received=almaty(2026, 3, 20, 11), due=d(2026, 3, 27), status=Status.MERGED)  # not counted
        self.inquiry(received=almaty(2026, 2, 25, 10), due=d(2026, 3, 4), closed=d(2026, 3, 2), status=Status.REFUSED)

    def event(self, day: int, status: str, kind: str = EventKind.BRIEFING, unit=None) -> Event:
        starts = almaty(2026, 3, day, 11)
        return Event.objects.create(
            unit=unit or self.world.body,
            kind=kind,
            status=status,
            starts_at=starts,
            ends_at=starts + datetime.timedelta(hours=1),
            attendance_manual=12 if status == EventStatus.HELD else None,
        )

    def _events(self) -> None:
        held = self.event(18, EventStatus.HELD)
        Speaker.objects.create(event=held, user=self.head)
        self.event(25, EventStatus.CANCELLED, EventKind.PRESS_CONFERENCE)
        self.event(27, EventStatus.HELD, unit=self.world.almaly)

    def _accreditation(self) -> None:
        from tests.directory.conftest import Directory

        directory = Directory(self.world)
        journalist = directory.journalist("Мадина Әлиева", outlet=self.press.city)
        rows = []
        for day, status in ((5, ApplicationStatus.APPROVED), (6, ApplicationStatus.REJECTED), (7, "in_review")):
            rows.append(
                Application.objects.create(
                    unit=self.world.body,
                    journalist=journalist,
                    outlet=self.press.city,
                    kind=Kind.STANDING,
                    requested_from=SINCE,
                    requested_until=datetime.date(2026, 12, 31),
                    letter="letter.pdf",
                    letter_name="letter.pdf",
                    letter_type="application/pdf",
                    photo="photo.jpg",
                    consent_at=almaty(2026, 3, day),
                    status=status,
                    submitted_at=almaty(2026, 3, day, 10),
                    review_due=datetime.date(2026, 3, day + 5),
                )
            )
        card = Accreditation.objects.create(
            number="A-2026-00001",
            application=rows[0],
            unit=self.world.body,
            journalist=journalist,
            outlet=self.press.city,
            kind=Kind.STANDING,
            valid_from=SINCE,
            valid_until=datetime.date(2026, 12, 31),
            issued_at=almaty(2026, 3, 8, 10),
        )
        HistoryEntry.objects.create(accreditation=card, change=Change.ISSUED, serial=1, at=almaty(2026, 3, 8, 10))


def english():
    return translation.override("en")
