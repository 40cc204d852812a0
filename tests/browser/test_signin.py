"""Staff sign-in in a real browser: password, second factor, first enrolment, lock-out."""

from __future__ import annotations

import base64
import re

import pytest
from django.conf import settings
from django.utils.translation import override
from django_otp.oath import totp
from playwright.sync_api import Page, expect

from pressdesk.core import services
from pressdesk.core.models import Role, User
from pressdesk.core.signin import lockout_message
from tests.browser.browsing import click_and_check, kk, needs_chromium, visit
from tests.conftest import PASSWORD, current_code

pytestmark = [pytest.mark.browser, needs_chromium]

WRONG_CODE_MESSAGE = (
    "The code is wrong. Enter the 6-digit code your authenticator app shows now, or one of your recovery codes."
)


def enter_password(page: Page, email: str, password: str) -> None:
    page.get_by_label(kk("Email"), exact=True).fill(email)
    page.get_by_label(kk("Password"), exact=True).fill(password)
    click_and_check(page, page.get_by_role("button", name=kk("Continue")))


def enter_code(page: Page, code: str, button: str = "Sign in") -> None:
    page.get_by_label(kk("Code"), exact=True).fill(code)
    click_and_check(page, page.get_by_role("button", name=kk(button)))


def test_staff_signs_in_with_password_and_authenticator_code(page: Page, press_secretary):
    visit(page, "/kk/signin/")
    enter_password(page, press_secretary.email, PASSWORD)
    expect(page).to_have_url(re.compile(r"/kk/signin/code/$"))

    enter_code(page, current_code(press_secretary))

    expect(page).to_have_url(re.compile(r"/kk/desk/$"))
    expect(page.locator("html")).to_have_attribute("lang", "kk")
    expect(page.get_by_role("heading", level=1)).to_contain_text(kk("Today"))


def test_a_wrong_code_is_explained_next_to_the_field(page: Page, press_secretary):
    visit(page, "/kk/signin/")
    enter_password(page, press_secretary.email, PASSWORD)

    enter_code(page, "000000" if current_code(press_secretary) != "000000" else "111111")

    expect(page).to_have_url(re.compile(r"/kk/signin/code/$"))
    code_field = page.get_by_label(kk("Code"), exact=True)
    expect(code_field).to_have_attribute("aria-invalid", "true")
    expect(code_field).to_have_accessible_description(re.compile(re.escape(kk(WRONG_CODE_MESSAGE))))
    expect(page.get_by_role("alert")).to_contain_text(kk(WRONG_CODE_MESSAGE))


def test_first_sign_in_sets_up_the_authenticator_and_shows_recovery_codes(page: Page, world):
    newcomer = services.staff_create(actor=None, email="dana@test.kz", full_name="Dana", password=PASSWORD)
    services.membership_grant(actor=None, user=newcomer, unit=world.mobility, role=Role.PRESS_OFFICER)

    visit(page, "/kk/signin/")
    enter_password(page, newcomer.email, PASSWORD)

    expect(page).to_have_url(re.compile(r"/kk/signin/setup/$"))
    expect(page.get_by_role("img", name=kk("QR code for your authenticator app"))).to_be_visible()
    enter_code(page, code_for_key(page.locator("code.secret").inner_text()), button="Confirm")

    expect(page).to_have_url(re.compile(r"/kk/signin/recovery-codes/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text(kk("Your recovery codes"))
    expect(page.locator(".codes li")).to_have_count(10)


def code_for_key(readable_key: str) -> str:
    """What an authenticator app shows for the key typed in by hand."""
    base32 = "".join(readable_key.split())
    key = base64.b32decode(base32 + "=" * (-len(base32) % 8))
    return f"{totp(key):06d}"


def test_too_many_wrong_passwords_lock_the_account(page: Page, press_secretary: User):
    visit(page, "/kk/signin/")
    for _attempt in range(settings.AXES_FAILURE_LIMIT):
        enter_password(page, press_secretary.email, "not the password")

    with override("kk"):
        locked = lockout_message()
    expect(page.get_by_role("alert")).to_contain_text(locked)

    enter_password(page, press_secretary.email, PASSWORD)
    expect(page).to_have_url(re.compile(r"/kk/signin/$"))
    expect(page.get_by_role("alert")).to_contain_text(locked)
