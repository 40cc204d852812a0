"""Events in figures and one event's report in a real browser: filtered without JavaScript, axe on each page."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from pressdesk.events.models import EventKind, QuestionStatus
from pressdesk.events.services import SpeakerInput
from tests.browser.browsing import click_and_check, needs_chromium, sign_in_with_cookie, visit
from tests.events.planning import Office
from tests.events.test_stats import ask, at, past_event

pytestmark = [pytest.mark.browser, needs_chromium]


def test_the_figures_filter_and_the_report_of_an_event(page: Page, site_url, world):
    office = Office(world)
    event = past_event(
        office, at(2026, 3, 2), EventKind.PRESS_CONFERENCE, speakers=[SpeakerInput(user=office.mobility_head)]
    )
    past_event(office, at(2026, 3, 5), EventKind.BRIEFING)
    ask(event, QuestionStatus.ANSWERED, number=3, answered_by=event.speakers.first())
    ask(event, QuestionStatus.ASKED)
    sign_in_with_cookie(page, office.secretary, site_url)

    visit(page, "/en/events/figures/?since=2026-01-01&until=2026-12-31")
    expect(page.locator("main")).to_contain_text("2 events from")
    page.get_by_label("Type").select_option(EventKind.PRESS_CONFERENCE)
    click_and_check(page, page.get_by_role("button", name="Show"))
    expect(page.locator("main .lead")).to_contain_text("1 event from")
    expect(page.get_by_role("link", name="XLSX")).to_have_attribute(
        "href",
        f"/en/events/figures/export/?since=2026-01-01&until=2026-12-31&unit=&kind={EventKind.PRESS_CONFERENCE}&format=xlsx",
    )

    visit(page, f"/en/events/{event.pk}/report/")
    expect(page.locator("main")).to_contain_text("4 questions asked and 3 answered.")
