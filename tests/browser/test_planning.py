"""The press plan in a real browser: the year view, adding an item through the form, its page, plan against fact,
the export form, each page checked with axe."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from pressdesk.planning.models import PlanItem, PlanKind
from tests.browser.browsing import click_and_check, kk, needs_chromium, sign_in_with_cookie, visit
from tests.planning.conftest import Planners

pytestmark = [pytest.mark.browser, needs_chromium]


def test_the_plan_is_laid_out_and_an_item_added_through_the_form(page: Page, site_url, world):
    planners = Planners(world)
    year = timezone.localdate().year + 1
    campaign = planners.item(
        PlanKind.CAMPAIGN, title="«Таза Алматы» акциясы", on=datetime.date(year, 4, 1), whole_month=True
    )
    planners.item(
        PlanKind.MATERIAL, title="Пресс-релиз об итогах акции", on=datetime.date(year, 4, 20), campaign=campaign
    )
    sign_in_with_cookie(page, planners.secretary, site_url)

    visit(page, f"/kk/planning/?view=year&date={year}-01-01")
    expect(page.locator("main").get_by_role("link", name="Пресс-релиз об итогах акции")).to_be_visible()

    click_and_check(page, page.locator("main").get_by_role("link", name=kk("Add to the plan")).first)
    page.get_by_label(kk("Unit")).select_option(label="Алматы қаласының әкімдігі")
    page.get_by_label(kk("Type"), exact=True).select_option(value="interview")
    page.get_by_label(kk("Title"), exact=True).fill("Әкімнің радиоға сұхбаты")
    page.get_by_label(kk("Date"), exact=True).fill(f"{year}-04-25")
    page.get_by_label(kk("Part of the campaign")).select_option(value=str(campaign.pk))
    click_and_check(page, page.get_by_role("button", name=kk("Add to the plan")))

    expect(page.get_by_role("heading", level=1)).to_have_text("Әкімнің радиоға сұхбаты")
    assert PlanItem.objects.get(title="Әкімнің радиоға сұхбаты").campaign == campaign

    click_and_check(page, page.get_by_role("link", name="«Таза Алматы» акциясы"))
    expect(page.locator("main")).to_contain_text("Әкімнің радиоға сұхбаты")

    visit(page, f"/kk/planning/fact/?year={year}")
    expect(page.locator("main").locator("tfoot").first).to_contain_text("3")
    visit(page, "/kk/planning/export/")
    expect(page.get_by_role("button", name=kk("Download the calendar file"))).to_be_visible()
