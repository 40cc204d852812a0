"""Monitoring in a real browser, axe on every page: the clippings searched in Latin letters with the words marked, a
clipping whose tone is corrected, a watch entry tested on recent items before it is saved, the sources' health."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from pressdesk.core.models import Role
from pressdesk.monitoring import indexing
from pressdesk.monitoring.models import Clipping, FetchLog, FetchResult, Source, SourceHealth, Tone, Watch
from tests.browser.browsing import click_and_check, needs_chromium, sign_in_with_cookie, visit
from tests.monitoring.press import Press

pytestmark = [pytest.mark.browser, needs_chromium]

CITY = "Алматы қаласының әкімдігі Әуезов ауданында жаңа мектеп ашты. Мектеп 1200 оқушыға арналған."
REGION = "Алматы облысының әкімдігі Қонаевта жаңа аурухана салатынын хабарлады."


def ago(hours: int) -> datetime.datetime:
    return timezone.now() - datetime.timedelta(hours=hours)


@pytest.fixture
def press(world) -> Press:
    press = Press(world)
    city = press.clip("Жаңа мектеп ашылды", at=ago(5), outlet=press.city, summary=CITY)
    press.clip("Жаңа мектеп: көшірме", at=ago(2), outlet=press.national, reprint_of=city, tone=Tone.NEGATIVE)
    press.clip("Almaty qalasy äkımdıgı saiabaq aşty", at=ago(3), outlet=press.paper, summary="Medeu audanynda.")
    region = press.clip("Жаңа аурухана", at=ago(4), watches=[], summary=REGION)
    Clipping.objects.filter(pk=region.pk).update(text=REGION)
    for clipping in Clipping.objects.all():
        indexing.reindex(clipping)
    return press


@pytest.fixture
def analyst(world):
    return world.person("dana", Role.ANALYST, world.body)


def test_the_analyst_searches_in_latin_letters_opens_a_clipping_and_corrects_its_tone(
    page: Page, site_url, press, analyst
):
    sign_in_with_cookie(page, analyst, site_url)
    visit(page, "/en/monitoring/")
    expect(page.get_by_role("status")).to_have_text("4 clippings found")

    page.get_by_label("Words to find").fill("akimdik")
    click_and_check(page, page.get_by_role("button", name="Search"))
    # The Latin spelling finds the Kazakh in both scripts (and not the clipping that names no akimat).
    expect(page.get_by_role("status")).to_have_text("3 clippings found")
    assert {"äkımdıgı", "әкімдігі"} <= set(page.locator("main table mark").all_inner_texts())
    expect(page.locator("main table")).not_to_contain_text("көшірме")

    page.get_by_label("Words to find").fill("")
    page.get_by_label("Negative").check()
    click_and_check(page, page.get_by_role("button", name="Search"))
    expect(page.get_by_role("status")).to_have_text("1 clipping found")
    click_and_check(page, page.get_by_role("link", name="Жаңа мектеп: көшірме"))

    expect(page.get_by_role("heading", level=1)).to_have_text("Жаңа мектеп: көшірме")
    expect(page.locator("main")).to_contain_text("The story has 2 items, the earliest first")
    page.get_by_label("Positive").check()
    click_and_check(page, page.get_by_role("button", name="Correct the tone"))
    expect(page.locator(".notice-success")).to_contain_text("The tone is corrected")
    expect(page.locator("main")).to_contain_text("An analyst set this tone")
    assert Clipping.objects.get(title="Жаңа мектеп: көшірме").tone == Tone.POSITIVE


def test_a_watch_entry_is_tested_on_recent_items_then_saved(page: Page, site_url, press, analyst):
    sign_in_with_cookie(page, analyst, site_url)
    visit(page, "/en/monitoring/watchlist/")
    click_and_check(page, page.get_by_role("link", name="Add a watch entry"))

    page.get_by_label("Topic").check()
    page.get_by_label("Names").fill("әкімдік")
    page.get_by_label("Not this").fill("облыс әкімдігі")
    click_and_check(page, page.get_by_role("button", name="Test on recent items"))
    preview = page.locator("#preview")
    expect(preview.get_by_role("status")).to_contain_text("cancelled by the exclusions")
    expect(preview).to_contain_text("Жаңа мектеп ашылды")
    expect(preview.locator("table").last).to_contain_text("Жаңа аурухана")
    assert not Watch.objects.filter(names=["әкімдік"]).exists()

    page.get_by_label("Label").fill("Кез келген әкімдік")
    click_and_check(page, page.get_by_role("button", name="Start watching"))
    expect(page.locator(".notice-success")).to_contain_text("watched from now on")
    expect(page.locator("main")).to_contain_text("Кез келген әкімдік")
    assert Watch.objects.get(label="Кез келген әкімдік").exclude == ["облыс әкімдігі"]


def test_sources_and_the_other_pages_pass_axe(page: Page, site_url, world, press, analyst):
    failing = Source.objects.create(
        feed=press.city.feeds.create(url="https://qala24.demo/rss.xml"),
        health=SourceHealth.FAILING,
        error_streak=3,
        last_error="The feed is not well-formed XML: mismatched tag.",
    )
    FetchLog.objects.create(source=failing, result=FetchResult.ERROR, error="mismatched tag", duration_ms=40)
    Source.objects.create(feed=press.paper.feeds.create(url="https://almaly.demo/sitemap.xml", kind="sitemap"))
    sign_in_with_cookie(page, analyst, site_url)

    visit(page, "/en/monitoring/sources/")
    expect(page.locator("main table")).to_contain_text("! Failing")
    click_and_check(page, page.get_by_role("link", name="Qala24"))
    expect(page.locator("main")).to_contain_text("mismatched tag")
    click_and_check(page, page.get_by_role("button", name="Pause"))
    expect(page.locator("main")).to_contain_text("Paused")

    for path in (
        "/kk/monitoring/",
        "/kk/monitoring/stories/",
        "/kk/monitoring/pickup/",
        "/kk/monitoring/new/",
        "/kk/monitoring/sources/new/",
        "/kk/monitoring/digest/",
        "/kk/monitoring/alerts/",
        f"/kk/monitoring/watchlist/{press.akimat.pk}/",
    ):
        visit(page, path)
