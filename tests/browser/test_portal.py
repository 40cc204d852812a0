"""The journalists' portal in a real browser."""

from __future__ import annotations

import re

import pytest
from django.contrib.auth.password_validation import (
    CommonPasswordValidator,
    MinimumLengthValidator,
    NumericPasswordValidator,
)
from django.utils.translation import override
from playwright.sync_api import Page, expect

from pressdesk.core.models import User
from tests.browser.browsing import click_and_check, kk, needs_chromium, visit

pytestmark = [pytest.mark.browser, needs_chromium]


def kazakh_password_errors() -> list[str]:
    """What Django says, in Kazakh, about the password 12345678 (too short, common, digits only)."""
    with override("kk"):
        return [
            MinimumLengthValidator(min_length=10).get_error_message(),
            CommonPasswordValidator().get_error_message(),
            NumericPasswordValidator().get_error_message(),
        ]


def test_sign_up_with_a_short_password_explains_every_problem(page: Page):
    visit(page, "/kk/portal/signup/")
    page.get_by_label(kk("Full name"), exact=True).fill("Мадина Әлиева")
    page.get_by_label(kk("Email"), exact=True).fill("madina@media.kz")
    page.get_by_label(kk("Password"), exact=True).fill("12345678")
    page.get_by_role("checkbox").check()

    click_and_check(page, page.get_by_role("button", name=kk("Create the account")))

    errors = kazakh_password_errors()
    summary = page.get_by_role("alert")
    expect(summary.get_by_role("heading")).to_have_text(kk("There is a problem"))
    expect(summary.get_by_role("link")).to_have_text([f"{kk('Password')}: {error}" for error in errors])
    password = page.get_by_label(kk("Password"), exact=True)
    expect(password).to_have_attribute("aria-invalid", "true")
    # A screen reader announces every problem with the field, not only the first.
    expect(password).to_have_accessible_description(re.compile(".*".join(re.escape(error) for error in errors)))
    assert not User.objects.filter(email="madina@media.kz").exists()
