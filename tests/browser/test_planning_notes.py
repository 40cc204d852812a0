"""An advice note and an analysis in a real browser, without JavaScript help: evidence searched and attached, the
note given to the head, an analysis made of the briefing; axe on every page."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from pressdesk.planning.models import AdviceNote, Analysis, NoteStatus
from tests.browser.browsing import click_and_check, needs_chromium, sign_in_with_cookie, visit
from tests.planning.notes_fixtures import FIRST, LAST, Newsroom, Week

pytestmark = [pytest.mark.browser, needs_chromium]


def test_a_note_with_evidence_is_given_to_the_head_and_the_briefing_analysed(page: Page, site_url, world):
    newsroom = Newsroom(world)
    week = Week(world, newsroom)
    sign_in_with_cookie(page, newsroom.secretary, site_url)

    visit(page, "/en/planning/notes/new/")
    page.get_by_label("Title").fill("Bus fares from April")
    page.get_by_label("The issue").fill("The fare goes up by 20 tenge on 1 April.")
    click_and_check(page, page.get_by_role("button", name="Save the draft"))
    note = AdviceNote.objects.get()

    page.get_by_label("Search the clippings").fill("fares")
    page.get_by_label("From", exact=True).fill(FIRST.isoformat())
    page.get_by_label("To", exact=True).fill(LAST.isoformat())
    click_and_check(page, page.get_by_role("button", name="Search", exact=True))
    page.get_by_label("Angry passengers about fares").check()
    click_and_check(page, page.get_by_role("button", name="Attach the ticked clippings"))
    expect(page.locator("#evidence + ul")).to_contain_text("Angry passengers about fares")
    expect(page.get_by_label("Search the clippings")).to_have_value("fares")  # the search stays after attaching
    click_and_check(page, page.get_by_role("button", name="Keep the figures of this search"))
    expect(page.locator("main")).to_contain_text("4 items in 2 outlets")
    click_and_check(page, page.get_by_role("button", name="Give to the head"))
    expect(page.locator("main")).to_contain_text("The note is given to the head")
    note.refresh_from_db()
    assert note.status == NoteStatus.SUBMITTED and note.clippings.count() == 1

    visit(page, "/en/planning/analyses/new/")
    page.get_by_label("Event held", exact=True).select_option(str(week.briefing.pk))
    click_and_check(page, page.locator("#make-event + form").get_by_role("button", name="Make the analysis"))
    made = Analysis.objects.get()
    expect(page.locator("main")).to_contain_text("2 journalists present, 3 registered.")
    expect(page.locator("main svg[role=img]")).to_have_count(1)
    page.get_by_label("Conclusions (optional)").fill("The fare story ran negative.")
    click_and_check(page, page.get_by_role("button", name="Save", exact=True))
    expect(page.locator("main")).to_contain_text("The fare story ran negative.")
    assert Analysis.objects.get(pk=made.pk).conclusions == "The fare story ran negative."
