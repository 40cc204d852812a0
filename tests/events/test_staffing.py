"""Press-centre duties: staff of the event's unit or above, several duties each, a warning for a busy person."""

from __future__ import annotations

import pytest
from django.utils import translation

from pressdesk.core.models import AuditEntry, Role
from pressdesk.core.services import DomainError
from pressdesk.events import services, staffing
from pressdesk.events.models import Duty, DutyRole
from pressdesk.events.services import NeedsConfirmation
from tests.conftest import verified_client
from tests.events.planning import soon


@pytest.fixture
def photographer(world):
    return world.person("serik", Role.PRESS_OFFICER, world.body)


def test_one_person_may_hold_several_duties_and_each_is_audited(office, photographer):
    event = office.event()
    staffing.assign(actor=office.secretary, event=event, user=photographer, role=DutyRole.PHOTOGRAPHER)
    staffing.assign(actor=office.secretary, event=event, user=photographer, role=DutyRole.SOCIAL_MEDIA, note="Telegram")
    staffing.assign(actor=office.secretary, event=event, user=office.secretary, role=DutyRole.HOST)
    groups = {group.role: [d.user for d in group.duties] for group in staffing.by_role(event)}
    assert groups == {
        DutyRole.HOST: [office.secretary],
        DutyRole.PHOTOGRAPHER: [photographer],
        DutyRole.SOCIAL_MEDIA: [photographer],
    }
    assert AuditEntry.objects.filter(action="events.duty.assigned", target_id=str(event.pk)).count() == 3


def test_the_same_duty_twice_is_refused(office, photographer):
    event = office.event()
    staffing.assign(actor=office.secretary, event=event, user=photographer, role=DutyRole.PHOTOGRAPHER)
    with translation.override("en"), pytest.raises(DomainError, match="already has this duty"):
        staffing.assign(actor=office.secretary, event=event, user=photographer, role=DutyRole.PHOTOGRAPHER)
    assert Duty.objects.count() == 1


def test_someone_outside_the_events_unit_is_refused(office, world):
    event = office.event()  # the akimat's event; the mobility head works one level below
    with translation.override("en"), pytest.raises(DomainError, match="has no role in .* or a unit above it"):
        staffing.assign(actor=office.secretary, event=event, user=office.mobility_head, role=DutyRole.HOST)
    assert not Duty.objects.exists()


def test_staff_of_a_unit_above_work_an_event_below(office, world, photographer):
    plan = office.plan(venue=None, online_url="https://meet.example.kz/mobility")
    event = services.plan_event(actor=office.secretary, unit=world.mobility, plan=plan)
    staffing.assign(actor=office.secretary, event=event, user=photographer, role=DutyRole.PHOTOGRAPHER)
    staffing.assign(actor=office.secretary, event=event, user=office.mobility_head, role=DutyRole.HOST)
    assert set(staffing.eligible(event)) >= {photographer, office.mobility_head, office.secretary}
    assert Duty.objects.filter(event=event).count() == 2


def test_a_duty_at_an_overlapping_event_is_a_warning_to_confirm(office, photographer, world):
    first = office.event(at=soon(4, 11))
    second = services.plan_event(
        actor=office.secretary,
        unit=world.body,
        plan=office.plan(at=soon(4, 11), venue=None, online_url="https://meet.example.kz/b"),
    )
    staffing.assign(actor=office.secretary, event=first, user=photographer, role=DutyRole.PHOTOGRAPHER)
    with translation.override("en"), pytest.raises(NeedsConfirmation, match="already on duty") as warning:
        staffing.assign(actor=office.secretary, event=second, user=photographer, role=DutyRole.PHOTOGRAPHER)
    assert warning.value.clashes[0].event == first
    assert not Duty.objects.filter(event=second).exists()
    staffing.assign(actor=office.secretary, event=second, user=photographer, role=DutyRole.PHOTOGRAPHER, confirmed=True)
    assert Duty.objects.filter(event=second, user=photographer).exists()


def test_a_duty_is_removed_and_the_removal_audited(office, photographer):
    event = office.event()
    duty = staffing.assign(actor=office.secretary, event=event, user=photographer, role=DutyRole.LIVE_TEXT)
    staffing.remove(actor=office.secretary, duty=duty)
    assert not Duty.objects.exists()
    assert AuditEntry.objects.get(action="events.duty.removed").before["role"] == DutyRole.LIVE_TEXT


def test_someone_without_the_planning_role_cannot_give_duties(office, world, photographer):
    head = office.ecology_head
    with pytest.raises(DomainError):
        staffing.assign(actor=head, event=office.event(), user=photographer, role=DutyRole.HOST)
    assert not Duty.objects.exists()


def test_the_duties_page_warns_then_gives_the_duty_on_confirmation(office, photographer, world):
    first = office.event(at=soon(5, 10))
    second = services.plan_event(
        actor=office.secretary,
        unit=world.body,
        plan=office.plan(at=soon(5, 10), venue=None, online_url="https://meet.example.kz/c"),
    )
    staffing.assign(actor=office.secretary, event=first, user=photographer, role=DutyRole.HOST)
    client = verified_client(office.secretary)
    url = f"/en/events/{second.pk}/duties/"
    page = client.post(url, {"user": photographer.pk, "role": DutyRole.INTERPRETER})
    assert page.status_code == 200
    assert "already on duty" in page.content.decode()
    assert 'name="confirmed" value="True"' in page.content.decode()
    assert (
        client.post(url, {"user": photographer.pk, "role": DutyRole.INTERPRETER, "confirmed": "True"}).status_code
        == 302
    )
    assert Duty.objects.filter(event=second, user=photographer, role=DutyRole.INTERPRETER).exists()


def test_the_duties_page_says_why_an_outsider_is_refused(office):
    event = office.event()
    client = verified_client(office.secretary)
    page = client.post(f"/en/events/{event.pk}/duties/", {"user": office.mobility_head.pk, "role": DutyRole.HOST})
    assert page.status_code == 200  # the form lists the unit's staff only: an outsider is not a valid choice
    assert not Duty.objects.exists()


def test_another_units_staff_do_not_see_the_duties(office, world):
    outsider = world.person("timur", Role.UNIT_PRESS_SECRETARY, world.almaly)
    event = office.event()
    assert verified_client(outsider).get(f"/en/events/{event.pk}/duties/").status_code == 404


def test_the_run_sheet_is_a_private_pdf_with_names_and_kazakh_letters(office, photographer):
    from io import BytesIO

    from pypdf import PdfReader

    event = office.event(speakers=[office.mobility_head, office.ecology_head])
    staffing.assign(actor=office.secretary, event=event, user=photographer, role=DutyRole.PHOTOGRAPHER)
    staffing.assign(actor=office.secretary, event=event, user=office.secretary, role=DutyRole.HOST)
    response = verified_client(office.secretary).get(f"/kk/events/{event.pk}/run-sheet.pdf")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Cache-Control"] == "private, no-store"
    text = " ".join(" ".join(page.extract_text() for page in PdfReader(BytesIO(response.content)).pages).split())
    for expected in ("Қоғамдық көлік туралы брифинг", "Баспасөз орталығы", "Serik", "Aigerim", "Bauyrzhan", "Yelena"):
        assert expected in text
    assert "kk → ru" in text
