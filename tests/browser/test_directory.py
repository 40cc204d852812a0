"""The media directory in a real browser: search across spellings, a record, the segment's live count."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from tests.browser.browsing import assert_accessible, click_and_check, needs_chromium, sign_in_with_cookie, visit
from tests.directory.conftest import Directory

pytestmark = [pytest.mark.browser, needs_chromium]


def test_press_secretary_finds_a_journalist_by_a_latin_spelling_and_opens_the_record(
    page: Page, site_url, world, press_secretary
):
    directory = Directory(world)
    tv = directory.outlet("Жетісу Ақпарат TV", kind="tv")
    directory.journalist("Айгерім Нұрланова", outlet=tv, title="тілші", email="aigerim@news.demo")
    directory.journalist("Ержан Сәрсенов", outlet=tv)
    sign_in_with_cookie(page, press_secretary, site_url)

    visit(page, "/kk/directory/journalists/")
    page.locator("#id_q").fill("Aygerim")
    click_and_check(page, page.locator("form.sidebar button[type=submit]"))

    rows = page.locator("table tbody tr")
    expect(rows).to_have_count(1)
    click_and_check(page, rows.get_by_role("link", name="Айгерім Нұрланова"))
    expect(page.get_by_role("heading", level=1)).to_contain_text("Жетісу Ақпарат TV")
    expect(page.locator("#contacts + table")).to_contain_text("aigerim@news.demo")


def test_the_segment_form_counts_members_as_the_filter_changes(page: Page, site_url, world, press_secretary):
    directory = Directory(world)
    tv, paper = directory.outlet("Алатау TV", kind="tv"), directory.outlet("Қала газеті", kind="newspaper")
    transport = directory.beat("transport", "Transport")
    directory.journalist("Бірінші Тілші", outlet=tv, beats=[transport])
    directory.journalist("Екінші Тілші", outlet=tv)
    directory.journalist("Үшінші Тілші", outlet=paper, beats=[transport])
    sign_in_with_cookie(page, press_secretary, site_url)

    visit(page, "/en/directory/segments/new/")
    size = page.locator("#segment-size")
    expect(size).to_have_text(re.compile(r"^3 journalists"))
    page.get_by_label("TV channel").check()
    expect(size).to_have_text(re.compile(r"^2 journalists"))
    page.get_by_label("Transport").check()
    expect(size).to_have_text(re.compile(r"^1 journalist\b"))
    page.get_by_label("Segment name").fill("City TV, transport")
    click_and_check(page, page.get_by_role("button", name="Save the segment"))
    expect(page.get_by_role("heading", level=1)).to_contain_text("City TV, transport")
    expect(page.locator("main table")).to_contain_text("Бірінші Тілші")


def test_directory_pages_pass_axe(page: Page, site_url, world, press_secretary):
    directory = Directory(world)
    outlet = directory.outlet("Алматы күнделігі", kind="online", languages=("kk", "ru"))
    record = directory.journalist("Сәуле Бекова", outlet=outlet, phone="+7 701 000 11 22")
    sign_in_with_cookie(page, press_secretary, site_url)
    for path in [
        f"/kk/directory/journalists/{record.pk}/",
        f"/kk/directory/journalists/{record.pk}/edit/",
        "/kk/directory/journalists/new/",
        f"/kk/directory/outlets/{outlet.pk}/",
        "/kk/directory/outlets/",
        "/kk/directory/outlets/new/",
        "/kk/directory/partners/",
        "/kk/directory/segments/",
        "/kk/directory/changes/",
        "/kk/directory/duplicates/",
        "/kk/desk/",
    ]:
        response = visit(page, path)
        assert response is not None and response.status == 200, path
    assert_accessible(page)
