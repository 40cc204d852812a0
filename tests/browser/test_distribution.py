"""Distribution in a real browser, without JavaScript doing any of the work: from the material's page to a sent
mailing and its log; axe on every page of the way, the new-mailing form with its errors and the mailing's page."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from pressdesk.distribution.models import Mailing, MailingStatus
from tests.browser.browsing import click_and_check, kk, needs_chromium, sign_in_with_cookie, visit
from tests.conftest import run_queued_tasks
from tests.distribution.post import Post, to_journalists
from tests.publications.materials import KAZAKH, RUSSIAN

pytestmark = [pytest.mark.browser, needs_chromium]


def test_a_release_goes_from_its_page_to_the_journalists_and_the_log(page: Page, site_url, world, smtp):
    post = Post(world)
    post.journalists(2, language="kk", prefix="kk")
    post.journalists(1, language="ru", prefix="ru")
    material = post.desk.published()
    segment = post.segment()
    sign_in_with_cookie(page, post.secretary, site_url)

    visit(page, f"/kk/materials/{material.pk}/")
    click_and_check(page, page.get_by_role("link", name=kk("Send to journalists")))
    click_and_check(page, page.get_by_role("button", name=kk("Prepare the mailing")))  # no segment chosen
    expect(page.locator(".error-summary")).to_contain_text(kk("Saved segment"))
    assert not Mailing.objects.exists()

    page.get_by_role("combobox", name=kk("Saved segment")).select_option(label=segment.name)
    click_and_check(page, page.get_by_role("button", name=kk("Prepare the mailing")))
    mailing = Mailing.objects.get()
    expect(page.get_by_role("heading", level=1)).to_contain_text(KAZAKH.title)
    main = page.locator("main")
    expect(main).to_contain_text(RUSSIAN.title)  # the Russian journalist's letter
    letter = page.frame_locator("iframe").first  # the HTML part, in its sandboxed frame
    expect(letter.get_by_role("heading", level=1)).to_have_text(KAZAKH.title)

    click_and_check(page, page.get_by_role("button", name=kk("Send now")))
    run_queued_tasks()
    assert sorted(m["To"] for m in to_journalists(smtp)) == ["kk0@example.kz", "kk1@example.kz", "ru0@example.kz"]
    mailing.refresh_from_db()
    assert mailing.status == MailingStatus.DONE

    visit(page, f"/kk/distribution/{mailing.pk}/")
    click_and_check(page, page.get_by_role("link", name=kk("Delivery log: each letter, figures by language, export")))
    expect(page.locator("main table").last).to_contain_text("ru0@example.kz")
    visit(page, "/kk/distribution/")
    expect(page.locator("main")).to_contain_text(KAZAKH.title)
    visit(page, "/kk/distribution/settings/")
    click_and_check(page, page.get_by_role("link", name=kk("Change")).first)
