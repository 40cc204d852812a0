"""Events in a real browser: the calendar's three views, planning with a busy speaker, the event page, the newsroom."""

from __future__ import annotations

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from tests.browser.browsing import click_and_check, kk, needs_chromium, sign_in_with_cookie, visit
from tests.events.planning import Office, soon

pytestmark = [pytest.mark.browser, needs_chromium]


@pytest.fixture
def office(world) -> Office:
    return Office(world)


def test_calendar_views_and_the_event_page_are_accessible(page: Page, site_url, office):
    event = office.event(at=soon(days=2, hour=11), speakers=[office.ecology_head], is_public=True)
    day = timezone.localtime(event.starts_at).date().isoformat()
    sign_in_with_cookie(page, office.secretary, site_url)

    for view in ("month", "week", "list"):
        visit(page, f"/kk/events/?view={view}&date={day}")
        expect(page.locator("main").get_by_role("link", name=event.title)).to_be_visible()

    click_and_check(page, page.locator("main").get_by_role("link", name=event.title))
    expect(page.get_by_role("heading", level=1)).to_have_text(event.title)
    expect(page.locator("main")).to_contain_text("Yelena")

    visit(page, f"/kk/announcements/{event.pk}/")
    expect(page.get_by_role("heading", level=1)).to_have_text(event.title)


def test_planning_warns_about_a_busy_speaker_and_saves_when_confirmed(page: Page, site_url, office):
    office.event(at=soon(days=4, hour=11), speakers=[office.mobility_head])
    sign_in_with_cookie(page, office.secretary, site_url)
    visit(page, "/kk/events/new/")

    starts = timezone.localtime(soon(days=4, hour=11))
    page.get_by_label(kk("Unit")).select_option(label="Алматы қаласының әкімдігі")
    page.get_by_label(kk("Date")).fill(starts.date().isoformat())
    page.get_by_label(kk("Starts at")).fill("11:00")
    page.get_by_label(kk("Online link")).fill("https://meet.example.kz/briefing")
    page.get_by_label(kk("Topic (%(language)s)") % {"language": "Қазақша"}).fill("Жол жөндеу туралы брифинг")
    speaker = page.get_by_role("group", name=kk("Speaker %(n)s") % {"n": 1})
    speaker.get_by_label(kk("Staff member")).select_option(label="Bauyrzhan")
    click_and_check(page, page.get_by_role("button", name=kk("Plan the event")))

    expect(page.locator("#warnings")).to_contain_text("Bauyrzhan")
    click_and_check(page, page.get_by_role("button", name=kk("Save anyway")))

    expect(page.get_by_role("heading", level=1)).to_have_text("Жол жөндеу туралы брифинг")
