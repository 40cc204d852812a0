"""The public newsroom in a real browser: read, browse, search, switch language; every page checked with axe."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from pressdesk.publications import services
from tests.browser.browsing import click_and_check, kk, needs_chromium, visit
from tests.portal.newsroom import make_topic
from tests.publications.materials import KAZAKH, RUSSIAN, Desk

pytestmark = [pytest.mark.browser, needs_chromium]


def test_a_visitor_finds_reads_and_switches_the_language_of_a_material(page: Page, site_url, world):
    desk = Desk(world)
    material = desk.published()
    material.topics.add(make_topic())
    services.correct(actor=desk.secretary, material=material, texts={}, notes={"kk": "Сурет ауыстырылды."})

    visit(page, "/kk/")
    click_and_check(page, page.get_by_role("link", name=kk("Press release")).first)
    expect(page.get_by_role("heading", level=1)).to_have_text(kk("Press release"))

    click_and_check(page, page.get_by_role("link", name=KAZAKH.title))
    expect(page.get_by_role("heading", level=1)).to_have_text(KAZAKH.title)
    expect(page.locator(".corrections")).to_contain_text("Сурет ауыстырылды.")

    click_and_check(page, page.locator("nav.languages").get_by_role("link", name="Русский"))
    expect(page).to_have_url(re.compile(rf"/ru/news/{material.pk}/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text(RUSSIAN.title)

    visit(page, "/kk/")
    page.get_by_label(kk("Search the newsroom")).fill("мектеп")
    click_and_check(page, page.get_by_role("button", name=kk("Search")))
    expect(page.get_by_role("link", name=KAZAKH.title)).to_be_visible()
    visit(page, "/kk/press-kit/")
