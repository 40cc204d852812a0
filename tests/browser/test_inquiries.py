"""Media inquiries in a real browser: the journalist sends a request, the press secretary answers it; axe on each page."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from pressdesk.inquiries.models import Inquiry
from tests.browser.browsing import click_and_check, needs_chromium, sign_in_with_cookie, visit

pytestmark = [pytest.mark.browser, needs_chromium]


def test_a_request_from_the_portal_is_answered_and_the_journalist_sees_it(
    page: Page, site_url, world, journalist, press_secretary
):
    sign_in_with_cookie(page, journalist, site_url)
    visit(page, "/en/portal/requests/new/")
    page.get_by_label("Outlet").fill("City Evening")
    page.get_by_label("Subject").fill("Bus lanes")
    page.get_by_label("Question").fill("How many new bus lanes will open next year?")
    page.get_by_label("Language of the answer").select_option("en")
    click_and_check(page, page.get_by_role("button", name="Send the request"))
    assert Inquiry.objects.exists(), page.locator("main").inner_text()
    inquiry = Inquiry.objects.get()
    expect(page.get_by_role("heading", level=1)).to_contain_text(inquiry.number)

    page.context.clear_cookies()
    sign_in_with_cookie(page, press_secretary, site_url)
    visit(page, "/en/inquiries/")
    click_and_check(page, page.get_by_role("link", name=inquiry.number))
    page.locator("#id_answer").fill("Twelve kilometres of bus lanes open in 2027.")
    click_and_check(page, page.get_by_role("button", name="Send for review"))
    click_and_check(page, page.get_by_role("button", name="Send the answer to the journalist"))
    expect(page.locator("main")).to_contain_text("Answered.")
    visit(page, "/en/inquiries/report/")
    visit(page, "/en/inquiries/new/")
    visit(page, "/kk/calendar/2026/")

    page.context.clear_cookies()
    sign_in_with_cookie(page, journalist, site_url)
    visit(page, "/en/portal/requests/")
    expect(page.locator("main table")).to_contain_text("answered")
