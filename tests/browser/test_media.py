"""The media library in a real browser: a refused file keeps the texts, an upload shows its preview; axe on each page."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from pressdesk.publications.models import MediaAsset
from tests.browser.browsing import click_and_check, needs_chromium, sign_in_with_cookie, visit
from tests.publications.materials import Desk
from tests.publications.test_media import HTML, camera_jpeg

pytestmark = [pytest.mark.browser, needs_chromium]


def test_a_photo_is_uploaded_with_its_texts_and_listed_with_a_preview(page: Page, site_url, world):
    desk = Desk(world)
    sign_in_with_cookie(page, desk.officer, site_url)
    visit(page, "/en/materials/media/")
    click_and_check(page, page.get_by_role("link", name="Upload a photo or document"))
    page.locator("#id_alt_kk").fill("Әкім жаңа мектепті ашып жатыр")
    page.locator("#id_alt_ru").fill("Аким открывает новую школу")
    page.locator("#id_file").set_input_files({"name": "photo.jpg", "mimeType": "image/jpeg", "buffer": HTML})
    click_and_check(page, page.get_by_role("button", name="Upload"))
    expect(page.locator(".error-summary")).to_contain_text("is an HTML page")
    expect(page.locator("#id_alt_kk")).to_have_value("Әкім жаңа мектепті ашып жатыр")
    page.locator("#id_file").set_input_files({"name": "photo.jpg", "mimeType": "image/jpeg", "buffer": camera_jpeg()})
    click_and_check(page, page.get_by_role("button", name="Upload"))
    asset = MediaAsset.objects.get()
    expect(page.get_by_role("heading", level=1)).to_have_text("photo.jpg")
    preview = page.get_by_role("img", name="Әкім жаңа мектепті ашып жатыр")
    expect(preview).to_be_visible()
    assert preview.evaluate("img => img.naturalWidth") == 360  # the 480-pixel thumbnail of an upright 600 × 800 photo
    visit(page, "/en/materials/media/?kind=photo")
    expect(page.locator(f'img[src="/files/{asset.pk}/thumb/"]')).to_be_visible()
