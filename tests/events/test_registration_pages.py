"""The pages of invitations and registrations: staff, the personal answer link, and the journalists' portal."""

from __future__ import annotations

import datetime

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from pressdesk.core.models import AuditEntry, Role
from pressdesk.directory.models import ConsentBasis, Journalist, Segment
from pressdesk.events import invitations, services
from pressdesk.events.models import Invitation, Registration, RegistrationStatus
from tests.conftest import verified_client
from tests.events import test_invitations as shared
from tests.events.planning import soon

# The same fixtures as the invitation tests: messages in English, a directory to make journalists with.
english = shared.english
directory = shared.directory


def url(name: str, *args) -> str:
    return reverse(name, args=args)


def notices(response) -> list[str]:
    return [str(m) for m in response.context["messages"]]


# --- staff --------------------------------------------------------------------------------------------


def test_the_secretary_invites_a_segment_from_the_page(office, directory):
    transport = directory.beat("transport")
    dana = directory.journalist("Дана Ахметова", email="dana@media.kz", beats=[transport])
    segment = Segment.objects.create(unit=office.world.body, name="Transport", criteria={"beats": ["transport"]})
    event = office.event()
    client = verified_client(office.secretary)

    response = client.post(url("events:invitations", event.pk), {"segment": segment.pk}, follow=True)

    assert notices(response) == ["1 journalists invited."]
    assert list(Invitation.objects.values_list("journalist", flat=True)) == [dana.pk]
    assert "Дана Ахметова" in response.content.decode()


def test_inviting_nobody_is_explained_on_the_form(office):
    response = verified_client(office.secretary).post(url("events:invitations", office.event().pk), {})
    assert response.status_code == 200
    assert "Choose a segment or at least one journalist." in response.content.decode()
    assert not Invitation.objects.exists()


def test_staff_of_another_unit_do_not_find_the_event(office, world):
    stranger = world.person("timur", Role.UNIT_PRESS_SECRETARY, world.almaly)
    event = office.event()
    client = verified_client(stranger)
    assert client.get(url("events:invitations", event.pk)).status_code == 404
    assert client.get(url("events:registrations", event.pk)).status_code == 404


def test_registering_by_hand_beyond_capacity_goes_to_the_waiting_list(office, directory):
    event = office.event(capacity=1)
    dana = directory.journalist("Дана Ахметова", email="dana@media.kz")
    oleg = directory.journalist("Олег Ким", email="oleg@media.kz")
    client = verified_client(office.secretary)

    first = client.post(url("events:registrations", event.pk), {"journalist": dana.pk}, follow=True)
    second = client.post(url("events:registrations", event.pk), {"journalist": oleg.pk}, follow=True)
    twice = client.post(url("events:registrations", event.pk), {"journalist": oleg.pk})

    assert notices(first) == ["Дана Ахметова is registered."]
    assert notices(second) == ["Олег Ким is on the waiting list: all places are taken."]
    assert "You are already on the waiting list." in twice.content.decode()
    assert Registration.objects.filter(status=RegistrationStatus.WAITLISTED).get().journalist == oleg
    assert AuditEntry.objects.filter(action="events.registration.added_by_staff").count() == 2


def test_cancelling_a_place_moves_the_waiting_list_up_and_check_in_marks_present(office, directory):
    event = office.event(capacity=1)
    dana = directory.journalist("Дана Ахметова", email="dana@media.kz")
    oleg = directory.journalist("Олег Ким", email="oleg@media.kz")
    seat = invitations.register(event=event, journalist=dana).registration
    waiting = invitations.register(event=event, journalist=oleg).registration
    client = verified_client(office.secretary)

    response = client.post(url("events:registration_cancel", event.pk, seat.pk), follow=True)
    assert notices(response) == [
        "The registration of Дана Ахметова is cancelled. Олег Ким moved up from the waiting list."
    ]
    response = client.post(url("events:registration_check_in", event.pk, waiting.pk), follow=True)
    assert notices(response) == ["Олег Ким is marked present."]
    waiting.refresh_from_db()
    assert waiting.status == RegistrationStatus.REGISTERED and waiting.checked_in_at is not None
    response = client.post(url("events:registration_check_in", event.pk, seat.pk), follow=True)
    assert notices(response) == ["Only a registered journalist can be marked present."]


def test_the_registrations_page_asks_the_same_queries_for_many_journalists(office, directory):
    event = office.event()
    client = verified_client(office.secretary)

    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url("events:registrations", event.pk)).status_code == 200
        return len(queries)

    invitations.register(event=event, journalist=directory.journalist("Дана Ахметова", email="dana@media.kz"))
    few = count()
    for n in range(5):
        invitations.register(event=event, journalist=directory.journalist(f"Журналист {n}", email=f"j{n}@media.kz"))
    assert count() == few


# --- the personal answer link ---------------------------------------------------------------------------


def _invitation(office, directory, **event_options) -> Invitation:
    event = office.event(**event_options)
    journalist = directory.journalist("Дана Ахметова", email="dana@media.kz")
    invitations.invite(actor=office.secretary, event=event, journalists=[journalist])
    return Invitation.objects.get(event=event)


def test_the_answer_link_registers_without_signing_in(office, directory):
    invite = _invitation(office, directory)
    client = Client()
    page = client.get(url("events:rsvp", invite.token))
    assert page.status_code == 200 and "Қоғамдық көлік туралы брифинг" in page.content.decode()
    assert "no-store" in page["Cache-Control"]

    response = client.post(url("events:rsvp", invite.token), {"answer": "yes"}, follow=True)

    assert notices(response) == ["You are registered. A confirmation is on its way to your email."]
    assert Registration.objects.get().status == RegistrationStatus.REGISTERED
    assert "You have a place" in response.content.decode()


def test_a_wrong_answer_link_is_not_found(db):
    assert Client().get(url("events:rsvp", "not-a-token")).status_code == 404


def test_an_answer_after_the_closing_time_is_explained_and_nothing_changes(office, directory):
    invite = _invitation(office, directory, registration_closes_at=soon(days=2))
    type(invite.event).objects.filter(pk=invite.event_id).update(
        registration_closes_at=timezone.now() - datetime.timedelta(minutes=5)
    )
    response = Client().post(url("events:rsvp", invite.token), {"answer": "yes"})
    assert response.status_code == 400
    assert "Registration closed at" in response.content.decode()
    assert not Registration.objects.exists()


# --- the portal ---------------------------------------------------------------------------------------


@pytest.fixture
def madina(journalist):
    journalist.email_confirmed_at = timezone.now()
    journalist.language = "ru"
    journalist.save(update_fields=["email_confirmed_at", "language"])
    return journalist


def test_a_new_journalist_registers_on_the_portal_and_gets_a_directory_record(office, madina):
    event = office.event(is_public=True)
    client = verified_client(madina)
    listing = client.get(url("portal:events"))
    assert url("portal:event", event.pk) in listing.content.decode()

    response = client.post(url("portal:event", event.pk), {"action": "register"}, follow=True)

    assert notices(response) == ["You are registered. A confirmation is on its way to your email."]
    record = Journalist.objects.get(account=madina)
    assert record.consent_basis == ConsentBasis.PORTAL and record.preferred_language == "ru"
    assert Registration.objects.get().journalist == record
    again = client.post(url("portal:event", event.pk), {"action": "register"}, follow=True)
    assert notices(again) == ["You are already registered."]
    assert Registration.objects.count() == 1


def test_a_full_event_puts_the_journalist_on_the_waiting_list_with_a_place(office, directory, madina):
    event = office.event(is_public=True, capacity=1)
    invitations.register(event=event, journalist=directory.journalist("Дана Ахметова", email="dana@media.kz"))
    client = verified_client(madina)
    response = client.post(url("portal:event", event.pk), {"action": "register"}, follow=True)
    assert notices(response) == [
        "All places are taken: you are on the waiting list, number 1. We will write if a place frees up."
    ]
    assert "On the waiting list, number 1" in response.content.decode()
    cancelled = client.post(url("portal:event", event.pk), {"action": "cancel"}, follow=True)
    assert notices(cancelled) == ["Your registration is cancelled."]
    assert Registration.objects.get(account=madina).status == RegistrationStatus.CANCELLED


def test_registration_after_the_closing_time_or_for_a_cancelled_event_is_refused(office, madina):
    closed = office.event(is_public=True, registration_closes_at=timezone.now() - datetime.timedelta(minutes=1))
    client = verified_client(madina)
    response = client.post(url("portal:event", closed.pk), {"action": "register"}, follow=True)
    assert notices(response)[0].startswith("Registration closed at")
    assert not Registration.objects.exists()
    assert not Journalist.objects.exists()  # the record made for the attempt was rolled back with it
    cancelled = office.event(is_public=True, at=soon(days=6))
    client.post(url("portal:event", cancelled.pk), {"action": "register"})
    client.post(url("portal:event", cancelled.pk), {"action": "cancel"})
    services.cancel_event(actor=office.secretary, event=cancelled, reason="Спикер в командировке")
    page = client.get(url("portal:event", cancelled.pk))  # still shown to whoever registered, marked cancelled
    assert "The event is cancelled." in page.content.decode()
    response = client.post(url("portal:event", cancelled.pk), {"action": "register"}, follow=True)
    assert notices(response) == ["Registration is closed: the event is not planned any more."]
    assert Registration.objects.get().status == RegistrationStatus.CANCELLED


def test_a_private_event_is_not_found_on_the_portal(office, madina):
    event = office.event(is_public=False)
    client = verified_client(madina)
    assert client.get(url("portal:event", event.pk)).status_code == 404
    assert url("portal:event", event.pk) not in client.get(url("portal:events")).content.decode()


def test_an_invited_journalist_sees_a_private_event_on_the_portal(office, directory, madina):
    record = directory.journalist("Мадина Әлиева", email="madina@media.kz")
    event = office.event(is_public=False)
    invitations.invite(actor=office.secretary, event=event, journalists=[record])
    assert verified_client(madina).get(url("portal:event", event.pk)).status_code == 200


def test_the_portal_asks_a_journalist_to_sign_in(office):
    event = office.event(is_public=True)
    response = Client().get(url("portal:event", event.pk))
    assert response.status_code == 302 and url("portal:signin") in response["Location"]
