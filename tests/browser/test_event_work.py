"""The work around an event in a real browser: questions moderated and answered, duties given, logistics added; axe on each."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from pressdesk.core.models import Role
from pressdesk.events import questions
from pressdesk.events.models import Arrangement, Duty, Event, QuestionStatus
from tests.browser.browsing import click_and_check, needs_chromium, sign_in_with_cookie, visit
from tests.directory.conftest import Directory
from tests.events.planning import Office

pytestmark = [pytest.mark.browser, needs_chromium]


def test_questions_are_moderated_then_answered_by_a_speaker(page: Page, site_url, world):
    office = Office(world)
    reporter = Directory(world).journalist("Мадина Әлиева")
    event = office.event(speakers=[office.mobility_head])
    sent = questions.submit(event=event, journalist=reporter, language="kk", text="Жаңа автобустар қашан шығады?")
    sign_in_with_cookie(page, office.secretary, site_url)
    visit(page, f"/en/events/{event.pk}/questions/")
    click_and_check(page, page.locator(f"#question-{sent.pk}").get_by_role("button", name="Accept"))
    expect(page.get_by_role("status").first).to_contain_text("accepted")
    now = timezone.now()
    Event.objects.filter(pk=event.pk).update(
        starts_at=now - datetime.timedelta(minutes=5), ends_at=now + datetime.timedelta(hours=1)
    )
    visit(page, f"/en/events/{event.pk}/questions/")
    page.get_by_label("Question", exact=True).fill("Тариф өзгере ме?")
    page.get_by_label("Asked by (name, outlet)").fill("Ерлан, Хабар")
    click_and_check(page, page.get_by_role("button", name="Enter the question"))
    item = page.locator(f"#question-{sent.pk}")
    item.get_by_label("Answered by").select_option(label="Bauyrzhan")
    click_and_check(page, item.get_by_role("button", name="Mark answered"))
    sent.refresh_from_db()
    assert sent.status == QuestionStatus.ANSWERED
    expect(page.locator("[data-count=received]")).to_have_text("2")
    expect(page.locator("[data-count=answered]")).to_have_text("1")


def test_duties_are_given_and_logistics_added_with_totals(page: Page, site_url, world):
    office = Office(world)
    photographer = world.person("serik", Role.PRESS_OFFICER, world.body)
    visitor = Directory(world).journalist("Әлия Жұмағұлова")
    event = office.event()
    sign_in_with_cookie(page, office.secretary, site_url)
    visit(page, f"/en/events/{event.pk}/duties/")
    page.get_by_label("Staff member").select_option(label="Serik")
    page.get_by_label("Duty").select_option(label="Photographer")
    click_and_check(page, page.get_by_role("button", name="Give the duty"))
    assert Duty.objects.filter(event=event, user=photographer).exists()
    expect(page.get_by_role("table")).to_contain_text("Serik")

    visit(page, f"/en/events/{event.pk}/logistics/")
    page.get_by_label("Journalist").select_option(label="Әлия Жұмағұлова")
    page.get_by_label("Kind").select_option("hotel")
    page.locator("#id_hotel").fill("Rixos Almaty")
    day = timezone.localdate(event.starts_at)
    page.get_by_label("Check-in").fill(day.isoformat())
    page.get_by_label("Check-out").fill((day - datetime.timedelta(days=1)).isoformat())
    page.get_by_label("Cost, tenge").fill("52000")
    click_and_check(page, page.get_by_role("button", name="Add"))
    expect(page.locator(".error-summary")).to_contain_text("Check-out must be after check-in")
    page.get_by_label("Check-out").fill((day + datetime.timedelta(days=2)).isoformat())
    click_and_check(page, page.get_by_role("button", name="Add"))
    assert Arrangement.objects.filter(event=event, journalist=visitor).exists()
    expect(page.locator("[data-total=all]")).to_contain_text("52,000")
