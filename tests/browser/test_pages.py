"""Staff pages in a real browser: switching language, refusals, the 404 page."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from tests.browser.browsing import click_and_check, in_language, kk, needs_chromium, sign_in_with_cookie, visit

pytestmark = [pytest.mark.browser, needs_chromium]


def switch_language(page: Page, language_name: str) -> None:
    languages = page.locator("nav.languages")
    click_and_check(page, languages.get_by_role("link", name=language_name, exact=True))


def test_switching_language_keeps_the_page(page: Page, site_url, press_secretary):
    sign_in_with_cookie(page, press_secretary, site_url)
    visit(page, "/kk/units/")

    switch_language(page, "Русский")
    expect(page).to_have_url(re.compile(r"/ru/units/$"))
    expect(page.locator("html")).to_have_attribute("lang", "ru")
    expect(page.get_by_role("heading", level=1)).to_have_text(in_language("ru", "Units and staff"))

    switch_language(page, "English")
    expect(page).to_have_url(re.compile(r"/en/units/$"))
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.get_by_role("heading", level=1)).to_have_text("Units and staff")


def test_unit_press_secretary_is_refused_another_units_page(page: Page, site_url, world, unit_press_secretary):
    sign_in_with_cookie(page, unit_press_secretary, site_url)

    response = visit(page, f"/kk/units/{world.medeu.pk}/")

    assert response is not None and response.status == 403
    expect(page.get_by_role("heading", level=1)).to_have_text(kk("You cannot open this page"))
    expect(page.locator("main")).to_contain_text(kk("This unit is not yours: you have no role there that allows this."))
    expect(page.locator("main").get_by_role("link", name="Алмалы ауданы")).to_be_visible()


def test_unit_press_secretary_opens_own_units_page(page: Page, site_url, world, unit_press_secretary):
    sign_in_with_cookie(page, unit_press_secretary, site_url)

    response = visit(page, f"/kk/units/{world.almaly.pk}/")

    assert response is not None and response.status == 200
    expect(page.get_by_role("heading", level=1)).to_contain_text("Алмалы ауданы")
    expect(page.get_by_role("table")).to_contain_text(unit_press_secretary.email)


def test_unknown_language_prefix_gets_the_kazakh_404_page(page: Page):
    # A German browser asking for /de/: we have no German, so the default language answers.
    page.set_extra_http_headers({"Accept-Language": "de-DE,de;q=0.9"})

    response = visit(page, "/de/units/")

    assert response is not None and response.status == 404
    expect(page.locator("html")).to_have_attribute("lang", "kk")
    expect(page.get_by_role("heading", level=1)).to_have_text(kk("Page not found"))


def test_press_secretary_invites_a_colleague_without_javascript_errors(page: Page, site_url, world, press_secretary):
    from pressdesk.core.models import User

    sign_in_with_cookie(page, press_secretary, site_url)
    visit(page, f"/kk/units/{world.almaly.pk}/")
    click_and_check(page, page.get_by_role("link", name=kk("Give a role or invite a colleague")))

    page.get_by_label(kk("Staff member's email")).fill("colleague@akimat.kz")
    click_and_check(page, page.locator("main form button[type=submit]"))  # no name: the error summary explains
    expect(page.get_by_role("alert")).to_contain_text(
        kk("Nobody has an account with this email yet: give their full name to invite them.")
    )

    page.get_by_label(kk("Full name")).fill("Ерлан Жанұзақов")
    click_and_check(page, page.locator("main form button[type=submit]"))
    expect(page.locator("main table")).to_contain_text("colleague@akimat.kz")
    assert User.objects.filter(email="colleague@akimat.kz").exists()


def test_staff_account_page_is_accessible_and_reached_from_the_header(page: Page, site_url, press_secretary):
    sign_in_with_cookie(page, press_secretary, site_url)
    visit(page, "/kk/desk/")
    click_and_check(page, page.locator("header .account").get_by_role("link", name=press_secretary.full_name))
    expect(page.get_by_role("heading", level=1)).to_contain_text(kk("Your account"))
    visit(page, "/kk/security/")
    visit(page, "/kk/audit/")
