"""Bulletins in a real browser: the press officer ticks and orders materials, composes, reads; axe on each page."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from pressdesk.publications.models import Bulletin
from tests.browser.browsing import click_and_check, needs_chromium, sign_in_with_cookie, visit
from tests.publications.materials import RUSSIAN, Desk

pytestmark = [pytest.mark.browser, needs_chromium]


def test_a_bulletin_is_composed_by_ticking_and_numbering_materials(page: Page, site_url, world):
    desk = Desk(world)
    first, second = desk.published(), desk.draft(russian=False)
    sign_in_with_cookie(page, desk.officer, site_url)
    visit(page, "/en/materials/bulletins/")
    click_and_check(page, page.get_by_role("link", name="Compose a bulletin"))
    page.get_by_label("Title of the issue").fill("Week in review")
    page.get_by_label("Language of the bulletin").select_option("ru")
    page.locator(f"#id_pick_{first.pk}").check()
    page.locator(f"#id_order_{first.pk}").fill("2")
    page.locator(f"#id_pick_{second.pk}").check()
    page.locator(f"#id_order_{second.pk}").fill("1")
    click_and_check(page, page.get_by_role("button", name="Compose the bulletin"))
    bulletin = Bulletin.objects.get()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Week in review")
    expect(page.locator("main ol").last).to_contain_text(RUSSIAN.title)
    assert [item.material_id for item in bulletin.items.all()] == [second.pk, first.pk]
    visit(page, f"/kk/materials/bulletins/{bulletin.pk}/edit/")
