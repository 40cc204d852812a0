"""Accreditation in a real browser: a journalist applies on the portal with real files, staff review and grant it,
the register lists it, the journalist finds the pass; axe checks every page on the way."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from pressdesk.accreditation.models import Accreditation, Application
from tests.accreditation.office import PDF, Office, own_keys, picture
from tests.browser.browsing import click_and_check, needs_chromium, sign_in_with_cookie, visit

pytestmark = [pytest.mark.browser, needs_chromium]


@pytest.fixture
def office(world, settings, tmp_path) -> Office:
    own_keys(settings, tmp_path / "pass-keys")
    return Office(world)


def test_a_journalist_applies_staff_grant_it_and_the_pass_is_there(page: Page, site_url, office):
    sign_in_with_cookie(page, office.account, site_url)
    visit(page, "/en/portal/accreditation/")
    click_and_check(page, page.get_by_role("link", name="Apply for accreditation"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Apply for accreditation")

    # A PDF sent as the photo comes back with the reason, next to the field and in the summary.
    page.locator("#id_letter").set_input_files({"name": "letter.pdf", "mimeType": "application/pdf", "buffer": PDF})
    page.locator("#id_photo").set_input_files({"name": "me.jpg", "mimeType": "image/jpeg", "buffer": PDF})
    page.get_by_label("I agree to the processing of my personal data").check()
    click_and_check(page, page.get_by_role("button", name="Send the application"))
    expect(page.locator(".error-summary")).to_contain_text("is a PDF document")
    expect(page.locator("#id_photo_error")).to_contain_text("Send the photo as a JPEG or PNG picture.")
    assert not Application.objects.exists()

    page.locator("#id_letter").set_input_files({"name": "letter.pdf", "mimeType": "application/pdf", "buffer": PDF})
    page.locator("#id_photo").set_input_files({"name": "me.jpg", "mimeType": "image/jpeg", "buffer": picture()})
    page.get_by_label("I agree to the processing of my personal data").check()
    click_and_check(page, page.get_by_role("button", name="Send the application"))
    expect(page.get_by_role("status").first).to_contain_text("Your application is received.")
    expect(page.locator("main")).to_contain_text("Submitted")
    application = Application.objects.get()

    sign_in_with_cookie(page, office.officer, site_url)
    visit(page, "/en/accreditation/")
    click_and_check(page, page.locator("main").get_by_role("link", name="Мадина Әлиева"))
    expect(page.get_by_role("img", name="Photo of Мадина Әлиева for the pass")).to_be_visible()
    assert page.locator("main img").evaluate("img => img.naturalWidth") > 0  # the photo view served the picture
    click_and_check(page, page.get_by_role("button", name="Approve and issue the pass"))
    accreditation = Accreditation.objects.get(application=application)
    expect(page.get_by_role("heading", level=1)).to_contain_text(accreditation.number)

    visit(page, "/en/accreditation/register/")
    expect(page.locator("main table")).to_contain_text(accreditation.number)

    sign_in_with_cookie(page, office.account, site_url)
    visit(page, "/en/portal/accreditation/")
    link = page.get_by_role("link", name=f"Download pass {accreditation.number} (PDF)")
    expect(link).to_be_visible()
    with page.expect_download() as download:
        link.click()
    assert download.value.suggested_filename == f"pass-{accreditation.number}-1.pdf"


def test_the_kazakh_form_and_the_queue_with_an_overdue_application_are_accessible(page: Page, site_url, office):
    import datetime

    from django.utils import timezone

    application = office.apply()
    Application.objects.filter(pk=application.pk).update(review_due=timezone.localdate() - datetime.timedelta(days=1))
    sign_in_with_cookie(page, office.account, site_url)
    visit(page, "/kk/portal/accreditation/apply/")
    visit(page, "/kk/portal/accreditation/")
    sign_in_with_cookie(page, office.secretary, site_url)
    visit(page, "/kk/accreditation/")
    expect(page.locator("main table")).to_contain_text("Мадина Әлиева")
    visit(page, "/kk/accreditation/lists/")
