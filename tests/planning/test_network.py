"""The network page: each unit below, its press secretary, its recent activity; seminars and bulletins beside them."""

from __future__ import annotations

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from pressdesk.core.models import Role, UnitKind, User
from pressdesk.core.services import unit_create
from pressdesk.events.models import Event, EventKind, EventStatus, EventText
from pressdesk.inquiries.models import AnswerForm, Channel, Inquiry
from pressdesk.inquiries.models import Status as InquiryStatus
from pressdesk.planning import instructions, network
from pressdesk.planning.models import Instruction, Receipt
from pressdesk.publications.models import Bulletin, Material, MaterialKind, Status
from tests.conftest import verified_client
from tests.planning.network_fixtures import Network

pytestmark = pytest.mark.django_db
DAY = datetime.timedelta(days=1)


@pytest.fixture
def net(world) -> Network:
    return Network(world)


def ago(days: float) -> datetime.datetime:
    return timezone.now() - days * DAY


def published(unit, author, *, days: float, status: str = Status.PUBLISHED) -> Material:
    return Material.objects.create(
        kind=MaterialKind.PRESS_RELEASE, unit=unit, author=author, status=status, published_at=ago(days)
    )


def event(
    unit, *, days: float, kind: str = EventKind.BRIEFING, status: str = EventStatus.HELD, title: str = ""
) -> Event:
    starts = ago(days)
    found = Event.objects.create(
        unit=unit, kind=kind, status=status, starts_at=starts, ends_at=starts + datetime.timedelta(hours=2)
    )
    EventText.objects.create(parent=found, language="kk", title=title or "Брифинг")
    return found


def answered(unit, *, days: float, number: str, status: str = InquiryStatus.ANSWERED) -> Inquiry:
    closed = timezone.localdate() - datetime.timedelta(days=days)
    return Inquiry.objects.create(
        number=number,
        unit=unit,
        channel=Channel.EMAIL,
        requester_name="Олег Ким",
        outlet_name="Vlast.kz",
        language="ru",
        answer_form=AnswerForm.WRITTEN,
        subject="Автобусы",
        question="Сколько автобусов выйдет на линию?",
        status=status,
        due_on=closed,
        closed_on=closed,
    )


def row_of(rows, unit) -> network.UnitActivity:
    return next(row for row in rows if row.unit.pk == unit.pk)


def test_each_unit_below_shows_its_activity_of_the_last_thirty_days(net):
    world = net.world
    published(world.almaly, net.timur, days=5)
    published(world.almaly, net.timur, days=40)  # too old
    published(world.almaly, net.timur, days=2, status=Status.DRAFT)  # never published
    event(world.medeu, days=3)
    event(world.medeu, days=3, status=EventStatus.CANCELLED)
    answered(world.almaly, days=1, number="2026-0001")
    answered(world.almaly, days=1, number="2026-0002", status=InquiryStatus.REFUSED)
    instruction = net.send(due_in=datetime.timedelta(hours=2))
    instructions.receipt_acknowledge(actor=net.timur, receipt=net.receipt(instruction, world.almaly))
    Instruction.objects.filter(pk=instruction.pk).update(due_at=ago(1))  # as if sent days ago: Almaly was in time
    Receipt.objects.filter(instruction=instruction, unit=world.almaly).update(acknowledged_at=ago(2))
    instructions.receipt_acknowledge(actor=net.dana, receipt=net.receipt(instruction, world.medeu))  # after due
    User.objects.filter(pk=net.timur.pk).update(last_login=ago(0.5))
    rows = network.activity(net.secretary)
    assert [row.unit.code for row in rows] == ["mobility", "almaly", "medeu"]
    almaly, medeu, mobility = row_of(rows, world.almaly), row_of(rows, world.medeu), row_of(rows, world.mobility)
    assert (almaly.materials, almaly.events, almaly.inquiries) == (1, 0, 1)
    assert (medeu.materials, medeu.events, medeu.inquiries) == (0, 1, 0)
    assert (almaly.on_time_percent, medeu.on_time_percent, mobility.on_time_percent) == (100, 0, 0)
    assert [m.user for m in almaly.secretaries] == [net.timur] and almaly.last_sign_in is not None
    assert mobility.secretaries == [] and medeu.last_sign_in is None


def test_the_page_shows_people_contacts_and_an_honest_word_where_nobody_is(net):
    page = verified_client(net.secretary).get("/en/planning/network/").content.decode()
    assert "Timur" in page and "mailto:timur@test.kz" in page
    assert "No press secretary" in page  # the mobility department
    assert "none due" in page and "not recorded" in page


def test_the_page_counts_with_a_fixed_number_of_queries_whatever_the_units(net):
    client = verified_client(net.secretary)
    client.get("/en/planning/network/")

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get("/en/planning/network/").status_code == 200
        return len(captured)

    few = queries()
    for n in range(6):
        unit = unit_create(
            actor=None, code=f"school-{n}", kind=UnitKind.PRIMARY, names={"kk": f"Мектеп {n}"}, parent=net.world.almaly
        )
        net.world.person(f"teacher{n}", Role.UNIT_PRESS_SECRETARY, unit)
        published(unit, net.timur, days=1)
        event(unit, days=1)
    assert queries() == few


def test_a_unit_press_secretary_has_no_units_below_but_sees_the_seminars(net):
    upcoming = event(net.world.body, days=-3, kind=EventKind.SEMINAR, status=EventStatus.PLANNED, title="Медиа-сабақ")
    held = event(net.world.body, days=20, kind=EventKind.SEMINAR, title="Өткен семинар")
    event(net.world.body, days=-2, kind=EventKind.BRIEFING, status=EventStatus.PLANNED, title="Басқа брифинг")
    page = verified_client(net.timur).get("/en/planning/network/").content.decode()
    assert "There are no units below yours." in page
    assert f"/en/events/{upcoming.pk}/" not in page  # the body's events are not the district's to see
    centre = verified_client(net.secretary).get("/en/planning/network/").content.decode()
    assert f"/en/events/{upcoming.pk}/" in centre and f"/en/events/{held.pk}/" in centre
    assert "Басқа брифинг" not in centre
    assert "Plan a seminar or a master class" in centre


def test_the_latest_bulletins_are_linked_not_rebuilt(net):
    bulletin = Bulletin.objects.create(unit=net.world.body, number=7, title="Апта шолуы", language="kk")
    page = verified_client(net.secretary).get("/en/planning/network/").content.decode()
    assert f"/en/materials/bulletins/{bulletin.pk}/" in page and "Апта шолуы" in page
    assert "/en/materials/bulletins/" in page


def test_only_staff_open_the_network(net, journalist, client):
    assert client.get("/en/planning/network/").status_code == 302
    assert verified_client(journalist).get("/en/planning/network/").status_code in {302, 403}
