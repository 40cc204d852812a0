"""The page of one event afterwards: who came, questions asked and answered, speakers, the materials that followed."""

from __future__ import annotations

import pytest
from django.utils import translation

from pressdesk.core.models import Role
from pressdesk.events import services
from pressdesk.events.models import EventStatus, QuestionStatus
from pressdesk.events.services import SpeakerInput
from pressdesk.publications import services as publications
from pressdesk.publications.models import MaterialKind
from tests.conftest import verified_client
from tests.directory.conftest import Directory
from tests.events.test_stats import ask, at, past_event
from tests.publications.materials import KAZAKH, RUSSIAN

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


def material(office, author, *, publish: bool):
    text = KAZAKH if publish else RUSSIAN
    item = publications.create(
        actor=author, unit=office.world.body, kind=MaterialKind.PRESS_RELEASE, language="kk", text=text
    )
    if publish:
        publications.submit(actor=author, material=item)
        head = office.world.person("serik", Role.HEAD, office.world.body)
        publications.send_to_head(actor=office.secretary, material=item)
        publications.approve(actor=head, material=item)
        publications.publish_now(actor=office.secretary, material=item)
    return item


def report_page(office, event) -> str:
    response = verified_client(office.secretary).get(f"/en/events/{event.pk}/report/")
    assert response.status_code == 200
    return response.content.decode()


def test_who_came_from_check_ins_questions_speakers_and_materials(office):
    people = [Directory(office.world).journalist(name) for name in ("Асқар Бекұлы", "Дина Оразова", "Олег Ким")]
    event = past_event(
        office,
        at(2026, 3, 2),
        speakers=[SpeakerInput(user=office.mobility_head), SpeakerInput(name="Ерлан Сәрсенов", position="сарапшы")],
        registered=people,
    )
    for registration in event.registrations.filter(journalist__in=people[:2]):
        services.check_in(actor=office.secretary, registration=registration)
    head = event.speakers.get(user=office.mobility_head)
    ask(event, QuestionStatus.ANSWERED, number=12, answered_by=head)
    ask(event, QuestionStatus.ASKED, number=2)
    ask(event, QuestionStatus.REJECTED)
    author = office.world.person("dana", Role.PRESS_OFFICER, office.world.body)
    published, draft = material(office, author, publish=True), material(office, author, publish=False)
    services.link_materials(actor=office.secretary, event=event, materials=[published, draft])

    page = report_page(office, event)

    assert "14 questions asked and 12 answered." in page and "15 questions received in all." in page
    assert "2 journalists came (checked in)." in page and "3 were registered." in page
    assert "Асқар Бекұлы" in page and "Дина Оразова" in page and "Олег Ким" not in page
    assert "answered 12 questions" in page and "Ерлан Сәрсенов, сарапшы" in page
    assert f'href="/en/news/{published.pk}/"' in page  # public: linked to the newsroom
    assert f'href="/en/materials/{draft.pk}/"' in page and f'href="/en/news/{draft.pk}/"' not in page
    assert "coverage" not in page.lower()  # nothing until monitoring exists


def test_the_count_entered_by_hand_when_nobody_was_checked_in(office):
    event = past_event(office, at(2026, 3, 2))
    services.mark_held(actor=office.secretary, event=event, attendance=7)
    page = report_page(office, event)
    assert "7 journalists present (counted by hand)." in page
    assert "0 questions asked and 0 answered." in page


def test_attendance_not_recorded_and_a_cancelled_event_say_so(office):
    held = past_event(office, at(2026, 3, 2))
    assert "Attendance was not recorded" in report_page(office, held)
    cancelled = past_event(office, at(2026, 3, 3), status=EventStatus.CANCELLED)
    assert "The event was cancelled" in report_page(office, cancelled)


def test_a_unit_that_may_not_see_the_event_gets_not_found(office):
    event = past_event(office, at(2026, 3, 2))
    district = office.world.person("timur", Role.UNIT_PRESS_SECRETARY, office.world.almaly)
    assert verified_client(district).get(f"/en/events/{event.pk}/report/").status_code == 404
