"""Invitations to a segment or chosen journalists, answered by personal link; the letters a real SMTP server gets."""

from __future__ import annotations

import datetime

import pytest
from django.conf import settings
from django.utils import timezone, translation

from pressdesk.core.models import AuditEntry, Role
from pressdesk.core.services import DomainError
from pressdesk.directory.models import Segment
from pressdesk.events import invitations, services
from pressdesk.events.models import Invitation, Registration, RegistrationStatus
from tests.conftest import run_queued_tasks
from tests.directory.conftest import Directory
from tests.events.planning import soon


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


@pytest.fixture
def directory(world) -> Directory:
    return Directory(world)


@pytest.fixture
def beat_segment(office, directory):
    """The "city transport beat": Dana (Kazakh), Oleg (Russian), and Marat who has only a phone."""
    transport = directory.beat("transport")
    dana = directory.journalist("Дана Ахметова", email="dana@media.kz", beats=[transport], preferred_language="kk")
    oleg = directory.journalist("Олег Ким", email="oleg@media.kz", beats=[transport], preferred_language="ru")
    marat = directory.journalist("Марат Сейітов", phone="+77011234567", beats=[transport])
    directory.journalist("Әсел Бекова", email="asel@media.kz")  # another beat: not in the segment
    segment = Segment.objects.create(
        unit=office.world.body, name="City transport beat", criteria={"beats": ["transport"]}
    )
    return segment, dana, oleg, marat


@pytest.mark.django_db(transaction=True)
def test_a_segment_is_invited_each_in_their_language_with_a_personal_link(office, beat_segment, smtp):
    segment, dana, oleg, marat = beat_segment
    event = office.event()
    members = invitations.segment_members(office.secretary, segment)
    result = invitations.invite(actor=office.secretary, event=event, journalists=members)

    assert {i.journalist for i in result.created} == {dana, oleg}
    assert result.without_email == [marat.full_name]
    assert run_queued_tasks() == 1
    letters = {m["To"]: m for m in smtp.messages}
    assert set(letters) == {"dana@media.kz", "oleg@media.kz"}
    dana_token = Invitation.objects.get(journalist=dana).token
    oleg_token = Invitation.objects.get(journalist=oleg).token
    assert "Қоғамдық көлік туралы брифинг" in letters["dana@media.kz"]["Subject"]
    assert "Брифинг об общественном транспорте" in letters["oleg@media.kz"]["Subject"]
    assert f"{settings.SITE_URL}/kk/events/rsvp/{dana_token}/" in letters["dana@media.kz"].get_content()
    assert f"{settings.SITE_URL}/ru/events/rsvp/{oleg_token}/" in letters["oleg@media.kz"].get_content()
    assert Invitation.objects.filter(sent_at__isnull=True).count() == 0
    assert AuditEntry.objects.filter(action="events.invitation.sent").count() == 1


@pytest.mark.django_db(transaction=True)
def test_inviting_again_skips_who_was_invited_and_sends_nothing_twice(office, beat_segment, directory, smtp):
    segment, dana, oleg, _marat = beat_segment
    event = office.event()
    invitations.invite(actor=office.secretary, event=event, journalists=[dana])
    run_queued_tasks()
    again = invitations.invite(
        actor=office.secretary, event=event, journalists=invitations.segment_members(office.secretary, segment)
    )
    assert [i.journalist for i in again.created] == [oleg] and again.already == 1
    assert "were invited before" in again.summary()
    run_queued_tasks()
    assert sorted(m["To"] for m in smtp.messages) == ["dana@media.kz", "oleg@media.kz"]
    assert Invitation.objects.filter(event=event).count() == 2


def test_an_email_marked_invalid_is_not_a_working_email(office, directory):
    journalist = directory.journalist("Дана Ахметова", email="dana@media.kz")
    journalist.contacts.update(invalid_since=timezone.now())
    result = invitations.invite(actor=office.secretary, event=office.event(), journalists=[journalist])
    assert result.created == [] and result.without_email == [journalist.full_name]
    assert "No working email" in result.summary()


def test_someone_without_planning_rights_cannot_invite(office, directory):
    journalist = directory.journalist(email="dana@media.kz")
    with pytest.raises(DomainError, match="Your roles do not allow"):
        invitations.invite(actor=office.mobility_head, event=office.event(), journalists=[journalist])
    assert not Invitation.objects.exists()


def test_a_cancelled_or_closed_event_takes_no_invitations(office, directory):
    journalist = directory.journalist(email="dana@media.kz")
    closed = office.event(registration_closes_at=timezone.now() - datetime.timedelta(hours=1))
    with pytest.raises(DomainError, match="Registration closed"):
        invitations.invite(actor=office.secretary, event=closed, journalists=[journalist])
    cancelled = office.event(at=soon(days=5))
    services.cancel_event(actor=office.secretary, event=cancelled, reason="Спикер в командировке")
    with pytest.raises(DomainError, match="The event is cancelled"):
        invitations.invite(actor=office.secretary, event=cancelled, journalists=[journalist])
    assert not Invitation.objects.exists()


def _invited(office, directory, name="Дана Ахметова", email="dana@media.kz", **event_options):
    event = event_options.pop("event", None) or office.event(**event_options)
    journalist = directory.journalist(name, email=email)
    invitations.invite(actor=office.secretary, event=event, journalists=[journalist])
    return Invitation.objects.get(event=event, journalist=journalist)


def test_yes_registers_and_the_last_answers_go_to_the_waiting_list(office, directory):
    first = _invited(office, directory, capacity=1)
    second = _invited(office, directory, "Олег Ким", "oleg@media.kz", event=first.event)

    seat = invitations.respond(invitation=first, answer="yes")
    queued = invitations.respond(invitation=second, answer="yes")

    assert not seat.taken.waitlisted and seat.message.startswith("You are registered")
    assert queued.taken.waitlisted and "waiting list, number 1" in queued.message
    statuses = dict(Registration.objects.values_list("journalist__full_name", "status"))
    assert statuses == {"Дана Ахметова": RegistrationStatus.REGISTERED, "Олег Ким": RegistrationStatus.WAITLISTED}
    first.refresh_from_db()
    assert first.answer == "yes" and first.answered_at is not None


def test_no_after_yes_gives_the_seat_to_the_first_waiting(office, directory):
    first = _invited(office, directory, capacity=1)
    second = _invited(office, directory, "Олег Ким", "oleg@media.kz", event=first.event)
    invitations.respond(invitation=first, answer="yes")
    invitations.respond(invitation=second, answer="yes")

    invitations.respond(invitation=first, answer="no")

    statuses = dict(Registration.objects.values_list("journalist__full_name", "status"))
    assert statuses == {"Дана Ахметова": RegistrationStatus.CANCELLED, "Олег Ким": RegistrationStatus.REGISTERED}
    assert AuditEntry.objects.filter(action="events.invitation.answered").count() == 3


def test_yes_twice_says_so_and_changes_nothing(office, directory):
    invite = _invited(office, directory)
    invitations.respond(invitation=invite, answer="yes")
    with pytest.raises(DomainError, match="already registered"):
        invitations.respond(invitation=invite, answer="yes")
    assert Registration.objects.count() == 1


def test_an_answer_after_the_closing_time_is_refused_and_nothing_changes(office, directory):
    closes = soon(days=2)
    invite = _invited(office, directory, registration_closes_at=closes)
    with pytest.raises(DomainError, match="Registration closed at"):
        invitations.respond(invitation=invite, answer="yes", now=closes + datetime.timedelta(minutes=1))
    invite.refresh_from_db()
    assert invite.answer == "" and not Registration.objects.exists()


def test_an_answer_to_a_past_or_cancelled_event_is_refused(office, directory):
    invite = _invited(office, directory)
    with pytest.raises(DomainError, match="already taken place"):
        invitations.respond(invitation=invite, answer="yes", now=invite.event.ends_at)
    services.cancel_event(actor=office.secretary, event=invite.event, reason="Спикер в командировке")
    with pytest.raises(DomainError, match="The event is cancelled"):
        invitations.respond(invitation=invite, answer="no")
    assert not Registration.objects.exists()


def test_an_unknown_answer_is_refused(office, directory):
    invite = _invited(office, directory)
    with pytest.raises(DomainError, match="Choose whether you will come"):
        invitations.respond(invitation=invite, answer="maybe")


def test_staff_of_another_unit_cannot_register_a_journalist_by_hand(office, directory, world):
    stranger = world.person("timur", Role.UNIT_PRESS_SECRETARY, world.almaly)
    journalist = directory.journalist(email="dana@media.kz")
    with pytest.raises(DomainError, match="Your roles do not allow"):
        invitations.register(event=office.event(), journalist=journalist, actor=stranger)
    assert not Registration.objects.exists()
