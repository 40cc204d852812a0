"""Registering for events in a real browser: the portal, the personal answer link, the staff lists; axe on each page."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from pressdesk.events import invitations
from pressdesk.events.models import Invitation, Registration, RegistrationStatus
from tests.browser.browsing import click_and_check, needs_chromium, sign_in_with_cookie, visit
from tests.directory.conftest import Directory
from tests.events.planning import Office

pytestmark = [pytest.mark.browser, needs_chromium]


def test_a_journalist_registers_on_the_portal_and_lands_on_the_waiting_list(page: Page, site_url, world, journalist):
    office = Office(world)
    event = office.event(is_public=True, capacity=1)
    invitations.register(event=event, journalist=Directory(world).journalist("Дана Ахметова", email="dana@media.kz"))
    sign_in_with_cookie(page, journalist, site_url)

    visit(page, "/en/portal/")
    click_and_check(page, page.get_by_role("link", name="Events: register and follow your places"))
    click_and_check(page, page.get_by_role("link", name=event.title))
    click_and_check(page, page.get_by_role("button", name="Register"))

    expect(page.get_by_role("status").first).to_contain_text("you are on the waiting list, number 1")
    assert Registration.objects.get(account=journalist).status == RegistrationStatus.WAITLISTED
    click_and_check(page, page.get_by_role("button", name="Leave the waiting list"))
    expect(page.locator("main")).to_contain_text("You are not registered.")


def test_an_invited_journalist_answers_by_the_link_and_staff_see_it(page: Page, site_url, world):
    office = Office(world)
    event = office.event()
    dana = Directory(world).journalist("Дана Ахметова", email="dana@media.kz")
    invitations.invite(actor=office.secretary, event=event, journalists=[dana])
    token = Invitation.objects.get().token

    visit(page, f"/kk/events/rsvp/{token}/")
    expect(page.get_by_role("heading", level=1)).to_have_text(event.title)
    click_and_check(page, page.locator("button[value=yes]"))
    assert Registration.objects.get().status == RegistrationStatus.REGISTERED

    sign_in_with_cookie(page, office.secretary, site_url)
    visit(page, f"/en/events/{event.pk}/invitations/")
    expect(page.locator("main table")).to_contain_text("Will come")
    visit(page, f"/en/events/{event.pk}/registrations/")
    click_and_check(page, page.get_by_role("button", name=re.compile("Mark present.*Дана Ахметова")))
    expect(page.locator("main")).to_contain_text("Дана Ахметова is marked present.")
