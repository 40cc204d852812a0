"""Importing a list in a real browser: upload, the page following the worker, the preview, the import."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from pressdesk.directory.models import Journalist
from tests.browser.browsing import assert_accessible, click_and_check, needs_chromium, sign_in_with_cookie, visit
from tests.conftest import run_queued_tasks
from tests.directory.conftest import Directory

pytestmark = [pytest.mark.browser, needs_chromium]


def test_a_press_secretary_imports_a_list_while_the_page_follows_the_worker(
    page: Page, site_url, world, press_secretary, tmp_path
):
    Directory(world).outlet("Хабар", ru="Хабар", en="Khabar", kind="tv", level="national")
    upload = tmp_path / "May list.csv"
    upload.write_bytes(
        "ФИО;Email;Телефон;СМИ\r\nДана Омарова;dana@khabar.kz;8 701 234 56 78;Khabar\r\nЕрлан;erlan@example.kz;;\r\n".encode(
            "cp1251"
        )
    )
    sign_in_with_cookie(page, press_secretary, site_url)

    visit(page, "/en/directory/imports/")
    page.locator("#id_file").set_input_files(str(upload))
    page.locator("#id_consent_basis").select_option("public_contact")
    click_and_check(page, page.get_by_role("button", name="Upload and check"))
    expect(page.locator("#import-progress")).to_have_text("The file is waiting to be read.")

    run_queued_tasks()  # the worker checks the file; the page's script notices and shows the preview
    start = page.get_by_role("button", name="Import 2 journalists")
    expect(start).to_be_visible(timeout=15_000)
    assert_accessible(page)

    click_and_check(page, start)
    run_queued_tasks()
    expect(page.get_by_role("status").filter(has_text="2 journalists imported")).to_be_visible(timeout=15_000)
    assert_accessible(page)
    assert Journalist.objects.filter(full_name="Дана Омарова", positions__outlet__translations__name="Khabar").exists()


def test_a_preview_with_errors_and_duplicates_is_readable_and_offers_no_import(
    page: Page, site_url, world, press_secretary, tmp_path
):
    Directory(world).journalist("Айгерім Нұрланова", email="aigerim@example.kz")
    upload = tmp_path / "list.csv"
    upload.write_text(
        "Full name,Email,Outlet\nAigerim Nurlanova,AIGERIM@example.kz,\nErlan,not-an-email,Nowhere Times\n",
        encoding="utf-8",
    )
    sign_in_with_cookie(page, press_secretary, site_url)
    visit(page, "/en/directory/imports/")
    page.locator("#id_file").set_input_files(str(upload))
    page.locator("#id_consent_basis").select_option("consent")
    click_and_check(page, page.get_by_role("button", name="Upload and check"))
    run_queued_tasks()
    errors = page.get_by_role("table", name="Errors by row")
    expect(errors).to_contain_text("“not-an-email” is not an email address.", timeout=15_000)
    assert_accessible(page)
    expect(page.get_by_role("table", name="Likely duplicates")).to_contain_text("Айгерім Нұрланова")
    expect(page.get_by_role("button", name="Import")).to_have_count(0)
