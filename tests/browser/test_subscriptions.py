"""Subscribing to the press service's materials, and unsubscribing, in a real browser; axe on each page."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from pressdesk.distribution import subscriptions, unsubscribe
from pressdesk.distribution.models import Category, Subscription, Suppression
from pressdesk.publications.models import Topic, TopicName
from tests.browser.browsing import click_and_check, kk, needs_chromium, visit

pytestmark = [pytest.mark.browser, needs_chromium]


def test_a_reader_subscribes_confirms_and_cancels(page: Page):
    # The pages carry no script: every step is a link or a form's button.
    schools = Topic.objects.create(slug="schools")
    TopicName.objects.create(parent=schools, language="kk", name="Мектептер")
    TopicName.objects.create(parent=schools, language="ru", name="Школы")

    visit(page, "/kk/portal/subscribe/")
    expect(page.get_by_role("heading", level=1)).to_have_text(kk("Subscribe to the press service's materials"))
    expect(page.get_by_label("Школы")).to_have_count(0)  # topic names in the page's language
    assert page.locator("script").count() == 0

    click_and_check(page, page.get_by_role("button", name=kk("Subscribe")))
    expect(page.get_by_role("alert").get_by_role("heading")).to_have_text(kk("There is a problem"))

    page.get_by_label(kk("Email"), exact=True).fill("reader@example.kz")
    page.get_by_label(kk("Language of the letters")).select_option("ru")
    page.get_by_label("Мектептер").check()
    page.get_by_label(kk("Press releases and statements")).check()
    click_and_check(page, page.get_by_role("button", name=kk("Subscribe")))
    expect(page.get_by_role("status")).to_contain_text("reader@example.kz")

    subscription = Subscription.objects.get()
    assert subscription.confirmed_at is None and list(subscription.topics.all()) == [schools]
    visit(page, f"/kk/portal/subscribe/confirm/{subscriptions.confirmation_token(subscription)}/")
    click_and_check(page, page.get_by_role("button", name=kk("Confirm the subscription")))
    expect(page.get_by_role("status")).to_contain_text("reader@example.kz")
    subscription.refresh_from_db()
    assert subscription.confirmed_at is not None

    change = kk("Change the language, topics or kinds of materials, or cancel")
    click_and_check(page, page.get_by_role("link", name=change))
    expect(page.get_by_label("Мектептер")).to_be_checked()
    click_and_check(page, page.get_by_role("button", name=kk("Cancel the subscription")))
    assert not Subscription.objects.exists()


def test_the_unsubscribe_page_stops_the_letters_with_one_button(page: Page):
    visit(page, f"/kk/mail/unsubscribe/{unsubscribe.token('j0@example.kz', Category.RELEASES)}/")
    expect(page.locator("main")).to_contain_text("j0@example.kz")
    assert not Suppression.objects.exists()

    click_and_check(page, page.get_by_role("button", name=kk("Unsubscribe")).first)

    assert Suppression.objects.get().category == Category.RELEASES
