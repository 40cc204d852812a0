"""Materials in a real browser: write in Kazakh, add Russian, review, the head approves from the dashboard;
axe on every page of the way."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from pressdesk.publications import services
from pressdesk.publications.models import Material, Status
from tests.browser.browsing import click_and_check, kk, needs_chromium, sign_in_with_cookie, visit
from tests.publications.materials import KAZAKH, RUSSIAN, Desk

pytestmark = [pytest.mark.browser, needs_chromium]


def test_a_press_release_is_written_reviewed_and_approved_by_the_head_from_the_dashboard(page: Page, site_url, world):
    desk = Desk(world)
    sign_in_with_cookie(page, desk.officer, site_url)
    visit(page, "/kk/materials/")
    click_and_check(page, page.get_by_role("link", name=kk("Write a material")).first)
    page.get_by_label(kk("Title"), exact=True).fill(KAZAKH.title)
    page.locator("#id_summary").fill(KAZAKH.summary)
    page.get_by_label(kk("Text"), exact=True).fill(KAZAKH.body)
    click_and_check(page, page.get_by_role("button", name=kk("Save the draft")))
    material = Material.objects.get()
    expect(page.get_by_role("heading", level=1)).to_have_text(KAZAKH.title)

    visit(page, f"/kk/materials/{material.pk}/text/ru/")  # the original is shown beside the translation
    expect(page.locator("section[lang=kk]")).to_contain_text(KAZAKH.title)
    page.get_by_label(kk("Title"), exact=True).fill(RUSSIAN.title)
    page.get_by_label(kk("Text"), exact=True).fill(RUSSIAN.body)
    click_and_check(page, page.get_by_role("button", name=kk("Save")))
    click_and_check(page, page.get_by_role("button", name=kk("Send for review")))

    sign_in_with_cookie(page, desk.secretary, site_url)
    visit(page, f"/kk/materials/{material.pk}/")
    click_and_check(page, page.get_by_role("button", name=kk("Send to the head")))
    visit(page, f"/kk/materials/{material.pk}/revisions/kk/")
    visit(page, "/kk/materials/rules/")

    sign_in_with_cookie(page, desk.head, site_url)
    visit(page, "/kk/desk/")
    click_and_check(page, page.get_by_role("button", name=kk("Approve")).first)
    material.refresh_from_db()
    assert material.status == Status.APPROVED and material.approved_by == desk.head


def test_a_conflict_page_and_a_correction_page_pass_axe(page: Page, site_url, world):
    desk = Desk(world)
    material = desk.draft()
    sign_in_with_cookie(page, desk.officer, site_url)
    visit(page, f"/kk/materials/{material.pk}/text/kk/")
    services.save_version(  # a colleague saves while the officer is typing
        actor=desk.secretary,
        material=material,
        language="kk",
        text=services.Text(KAZAKH.title, KAZAKH.summary, "Хатшының нұсқасы."),
        base_revision=1,
    )
    page.get_by_label(kk("Text"), exact=True).fill("Қызметкердің нұсқасы.")
    click_and_check(page, page.get_by_role("button", name=kk("Save")))
    expect(page.get_by_label(kk("Text"), exact=True)).to_have_value("Қызметкердің нұсқасы.")
    expect(page.locator(".diff del").first).to_be_visible()

    published = desk.published()
    sign_in_with_cookie(page, desk.secretary, site_url)
    visit(page, f"/kk/materials/{published.pk}/")
    visit(page, f"/kk/materials/{published.pk}/correct/")
    visit(page, f"/kk/materials/{published.pk}/details/")
