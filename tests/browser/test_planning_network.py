"""The network in a real browser: the centre instructs, a district acknowledges and reports, the centre sees it; axe on
every page."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from pressdesk.planning.models import Instruction, Receipt
from tests.browser.browsing import click_and_check, needs_chromium, sign_in_with_cookie, visit
from tests.planning.network_fixtures import Network

pytestmark = [pytest.mark.browser, needs_chromium]


def test_an_instruction_goes_down_and_the_answer_comes_back(page: Page, site_url, world):
    network = Network(world)
    sign_in_with_cookie(page, network.secretary, site_url)
    visit(page, "/en/planning/network/")
    expect(page.locator("main")).to_contain_text("No press secretary")
    click_and_check(page, page.locator("main").get_by_role("link", name="Give an instruction"))
    page.get_by_label("Title").fill("Publish the transport release")
    page.get_by_label("What to do").fill("On your channels by 15:00, then send the link.")
    due = timezone.localtime(timezone.now() + datetime.timedelta(hours=4))
    page.locator("#id_due_at").fill(due.strftime("%Y-%m-%dT%H:%M"))
    page.get_by_label("Mobility Department").uncheck()
    click_and_check(page, page.get_by_role("button", name="Send the instruction"))
    instruction = Instruction.objects.get()
    assert set(instruction.receipts.values_list("unit__code", flat=True)) == {"almaly", "medeu"}
    expect(page.locator("main")).to_contain_text("0 of 2 units acknowledged")

    sign_in_with_cookie(page, network.timur, site_url)
    visit(page, "/en/planning/network/to-us/")
    click_and_check(page, page.locator("main").get_by_role("link", name="Publish the transport release"))
    click_and_check(page, page.get_by_role("button", name="Acknowledge"))
    expect(page.get_by_role("status").first).to_contain_text("Acknowledged")
    page.get_by_label("What was done").fill("Posted on Telegram and the district site")
    page.get_by_label("Link to the publication").fill("https://t.me/almaly/7")
    click_and_check(page, page.get_by_role("button", name="Report it done"))
    assert Receipt.objects.get(unit=world.almaly).done_by == network.timur

    sign_in_with_cookie(page, network.secretary, site_url)
    visit(page, f"/kk/planning/network/instructions/{instruction.pk}/")
    visit(page, f"/en/planning/network/instructions/{instruction.pk}/")
    expect(page.locator("main")).to_contain_text("Posted on Telegram and the district site")
    expect(page.locator("main")).to_contain_text("1 done")
