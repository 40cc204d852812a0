"""A press service with advice notes and analyses: its people, a week in the media, a held briefing with a release.

``Newsroom`` gathers the people the notes' privacy is about — officer Dana writes,
press secretary Aigerim and head Serik of the city read, the mobility head and
the districts' people do not — and ``Week`` writes a known week of March 2026 into
monitoring (indexed, so the search finds it) around a briefing held on 2 March
whose release the national agency took.
"""

from __future__ import annotations

import datetime

from django.utils import translation

from pressdesk.core.models import Role
from pressdesk.events import services as events
from pressdesk.events.models import Event, QuestionStatus
from pressdesk.monitoring import indexing
from pressdesk.monitoring.models import Clipping, Story, Tone
from pressdesk.planning import notes
from pressdesk.planning.models import PlanItem, PlanKind
from pressdesk.planning.notes import NoteText
from pressdesk.publications import notify
from pressdesk.publications.models import Material
from tests.directory.conftest import Directory
from tests.events.planning import Office
from tests.events.test_stats import ask, at, past_event
from tests.monitoring.press import Press, almaty
from tests.publications.materials import Desk

FIRST, LAST = datetime.date(2026, 3, 1), datetime.date(2026, 3, 7)


class Newsroom:
    def __init__(self, world):
        self.world = world
        self.desk = Desk(world)  # officer Dana, press secretary Aigerim, head Serik: the city akimat
        self.officer, self.secretary, self.head = self.desk.officer, self.desk.secretary, self.desk.head
        self.mobility_head = world.person("bauyrzhan", Role.HEAD, world.mobility)
        self.analyst = world.person("zhanna", Role.ANALYST, world.body)
        self.district = world.person("timur", Role.UNIT_PRESS_SECRETARY, world.almaly)

    def note(self, author=None, unit=None, **text) -> object:
        values = {"title": "Bus fares from April", "issue": "The fare goes up by 20 tenge on 1 April."} | text
        return notes.note_write(actor=author or self.officer, unit=unit or self.world.body, text=NoteText(**values))


class Planner(Office):
    """The events helpers' office with the newsroom's own press secretary planning (no second Aigerim)."""

    def __init__(self, world, secretary):
        self.world, self.secretary, self.hall = world, secretary, None


class Week:
    """2–7 March 2026: a briefing held on the 2nd, its release picked up, and six items about the city."""

    def __init__(self, world, newsroom: Newsroom):
        self.world = world
        self.office = Planner(world, newsroom.secretary)
        directory = Directory(world)
        people = [directory.journalist(name) for name in ("Асқар Бекұлы", "Дина Оразова", "Олег Ким")]
        self.briefing = past_event(self.office, at(2026, 3, 2), registered=people)
        for registration in self.briefing.registrations.filter(journalist__in=people[:2]):
            events.check_in(actor=newsroom.secretary, registration=registration)
        ask(self.briefing, QuestionStatus.ANSWERED, number=4)
        ask(self.briefing, QuestionStatus.ASKED, number=1)
        with notify.quiet():
            self.release = newsroom.desk.published()
        Material.objects.filter(pk=self.release.pk).update(published_at=almaty(2026, 3, 2, 12))
        events.link_materials(actor=newsroom.secretary, event=self.briefing, materials=[self.release])
        self.press = press = Press(world)
        taken = press.clip("Fares rise by 20 tenge", at=almaty(2026, 3, 2, 14), outlet=press.national, language="ru")
        Story.objects.filter(pk=taken.story_id).update(material=self.release)
        press.clip("Fares rise by 20 tenge", at=almaty(2026, 3, 3, 9), reprint_of=taken, tone=Tone.NEGATIVE)
        press.clip("Angry passengers about fares", at=almaty(2026, 3, 3, 23, 30), tone=Tone.NEGATIVE)
        press.clip("New park opens", at=almaty(2026, 3, 5, 10), outlet=press.paper, tone=Tone.POSITIVE)
        press.clip("Fares and buses: a column", at=almaty(2026, 3, 7, 20), language="en")
        press.clip("Before the week", at=almaty(2026, 2, 28, 23, 50), tone=Tone.NEGATIVE)
        press.clip("Only the district", at=almaty(2026, 3, 4), watches=[press.watch(world.almaly, "topic", "Almaly")])
        for clipping in Clipping.objects.all():
            indexing.reindex(clipping)

    def campaign(self, unit=None) -> PlanItem:
        """A campaign "Fair fares" with one part turned into the briefing."""
        unit = unit or self.world.body
        campaign = PlanItem.objects.create(
            unit=unit, kind=PlanKind.CAMPAIGN, title="Fair fares", starts_on=FIRST, ends_on=LAST
        )
        PlanItem.objects.create(
            unit=unit, kind=PlanKind.EVENT, title="Briefing on fares", starts_on=FIRST, campaign=campaign,
            event=self.briefing, status="done",
        )  # fmt: skip
        return campaign

    def planned_event(self) -> Event:
        with translation.override("en"):
            return past_event(self.office, at(2026, 3, 4), status="planned")
