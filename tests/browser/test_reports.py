"""Analytics in a real browser: the month's report filtered without JavaScript, its charts, bad dates, axe on each page."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from tests.browser.browsing import click_and_check, needs_chromium, sign_in_with_cookie, visit
from tests.reports.month import Month

pytestmark = [pytest.mark.browser, needs_chromium]


def test_the_analytics_page_filters_by_unit_and_period_and_says_what_is_wrong(page: Page, site_url, world):
    month = Month(world)
    sign_in_with_cookie(page, month.secretary, site_url)

    visit(page, f"/en/reports/?unit={world.body.pk}&period=month&month=2026-03")
    expect(page.get_by_role("heading", name="Share of voice", exact=True)).to_be_visible()
    expect(page.get_by_role("img", name="Coverage over time by tone")).to_be_visible()
    expect(page.locator("#voice + figure + .table-wrap")).to_contain_text("Almaty Region Akimat")

    page.get_by_label("Period", exact=True).select_option("custom")
    page.locator("#id_since").fill("2026-03-20")
    page.locator("#id_until").fill("2026-03-10")
    click_and_check(page, page.get_by_role("button", name="Show"))
    expect(page.get_by_role("alert")).to_contain_text("The period ends before it begins.")

    page.get_by_label("Unit", exact=True).select_option(str(world.medeu.pk))
    page.locator("#id_since").fill("2026-03-01")
    page.locator("#id_until").fill("2026-03-31")
    click_and_check(page, page.get_by_role("button", name="Show"))
    expect(page.locator("main")).to_contain_text("Nothing to report from")
    expect(page.get_by_role("link", name="PDF to print")).to_have_attribute(
        "href", f"/en/reports/report.pdf?{page.url.split('?', 1)[1]}"
    )

    visit(page, "/kk/reports/?period=month&month=2026-03")
    visit(page, "/en/reports/schedules/")
    click_and_check(page, page.get_by_role("button", name="Continue"))
    expect(page.get_by_role("group", name="To whom")).to_contain_text("Serik")
