"""Staff sign-in: password, second factor, lock-out, reset, timeouts, and the log of it all."""

from __future__ import annotations

import re
import time

import pytest
from django.test import Client
from django.utils import translation
from django_otp.plugins.otp_totp.models import TOTPDevice

from pressdesk.core.models import SignInAttempt
from pressdesk.core.signin import lockout_message
from tests.conftest import PASSWORD, current_code, verified_client


def _password_step(client: Client, email: str, password: str = PASSWORD, lang: str = "kk"):
    return client.post(f"/{lang}/signin/", {"email": email, "password": password})


def test_it_signs_in_with_password_and_code(press_secretary):
    client = Client()
    response = _password_step(client, press_secretary.email)
    assert response["Location"] == "/kk/signin/code/"
    response = client.post("/kk/signin/code/", {"code": current_code(press_secretary)})
    assert response["Location"] == "/kk/desk/"
    assert client.get("/kk/desk/").status_code == 200
    assert list(SignInAttempt.objects.values_list("outcome", flat=True)) == ["success"]


def test_it_returns_to_the_page_asked_for(world, press_secretary):
    client = Client()
    client.post("/kk/signin/", {"email": press_secretary.email, "password": PASSWORD, "next": "/kk/units/"})
    response = client.post("/kk/signin/code/", {"code": current_code(press_secretary)})
    assert response["Location"] == "/kk/units/"


def test_it_never_redirects_off_site_after_sign_in(press_secretary):
    client = Client()
    client.post("/kk/signin/", {"email": press_secretary.email, "password": PASSWORD, "next": "https://evil.example/"})
    response = client.post("/kk/signin/code/", {"code": current_code(press_secretary)})
    assert response["Location"] == "/kk/desk/"


def test_wrong_password_is_refused_in_the_users_language(press_secretary):
    response = _password_step(Client(), press_secretary.email, "wrong password", lang="ru")
    assert response.status_code == 400
    with translation.override("ru"):
        expected = translation.gettext("The email or the password is wrong. Check both and try again.")
    assert expected in response.content.decode()
    assert SignInAttempt.objects.get().outcome == "bad_password"


def test_wrong_code_is_refused_and_nobody_is_signed_in(press_secretary):
    client = Client()
    _password_step(client, press_secretary.email)
    code = current_code(press_secretary)
    wrong = f"{(int(code) + 1) % 1_000_000:06d}"
    response = client.post("/kk/signin/code/", {"code": wrong})
    assert response.status_code == 400
    assert client.get("/kk/desk/").status_code == 302
    assert SignInAttempt.objects.filter(outcome="bad_code").count() == 1


def test_a_code_cannot_be_used_twice(press_secretary):
    code = current_code(press_secretary)
    first = Client()
    _password_step(first, press_secretary.email)
    assert first.post("/kk/signin/code/", {"code": code}).status_code == 302

    second = Client()
    _password_step(second, press_secretary.email)
    response = second.post("/kk/signin/code/", {"code": code})
    assert response.status_code == 400
    with translation.override("kk"):
        assert (
            translation.gettext("This code has already been used. Wait for the next code in your app and enter it.")
            in response.content.decode()
        )
    assert SignInAttempt.objects.filter(outcome="reused_code").count() == 1


def test_a_recovery_code_works_once(press_secretary):
    from pressdesk.core.signin import issue_recovery_codes

    codes = issue_recovery_codes(press_secretary)
    client = Client()
    _password_step(client, press_secretary.email)
    assert client.post("/kk/signin/code/", {"code": codes[0]}).status_code == 302
    again = Client()
    _password_step(again, press_secretary.email)
    assert again.post("/kk/signin/code/", {"code": codes[0]}).status_code == 400


def test_first_sign_in_enrols_an_authenticator(world):
    from django_otp.oath import TOTP

    user = world.person("newcomer", None, None)
    TOTPDevice.objects.filter(user=user).delete()
    client = Client()
    assert _password_step(client, user.email)["Location"] == "/kk/signin/setup/"
    page = client.get("/kk/signin/setup/").content.decode()
    assert "data:image/svg+xml" in page
    device = TOTPDevice.objects.get(user=user, confirmed=False)
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits)
    response = client.post("/kk/signin/setup/", {"code": f"{totp.token():06d}"})
    assert response["Location"] == "/kk/signin/recovery-codes/"
    codes_page = client.get(response["Location"]).content.decode()
    assert len(re.findall(r"<li><code>[0-9a-z]+</code></li>", codes_page)) == 10
    assert TOTPDevice.objects.get(user=user).confirmed


def test_lock_out_after_repeated_failures_then_unlock(settings, press_secretary):
    client = Client()
    for _ in range(settings.AXES_FAILURE_LIMIT):
        _password_step(client, press_secretary.email, "wrong password")
    response = _password_step(client, press_secretary.email)  # the right password, too late
    assert response.status_code == 403
    with translation.override("kk"):
        assert lockout_message() in response.content.decode()
    assert SignInAttempt.objects.filter(outcome="locked").exists()

    from django.core.management import call_command

    call_command("unlock", press_secretary.email)
    assert _password_step(Client(), press_secretary.email).status_code == 302


def test_lock_out_is_per_account(settings, press_secretary, unit_press_secretary):
    client = Client()
    for _ in range(settings.AXES_FAILURE_LIMIT):
        _password_step(client, press_secretary.email, "wrong password")
    assert _password_step(Client(), unit_press_secretary.email).status_code == 302


def test_a_journalist_cannot_use_the_staff_door(journalist):
    response = _password_step(Client(), journalist.email)
    assert response.status_code == 400
    assert SignInAttempt.objects.get().outcome == "wrong_door"


def test_password_reset_by_email_still_asks_for_the_second_factor(smtp, press_secretary):
    client = Client()
    client.post("/kk/signin/reset/", {"email": press_secretary.email})
    assert len(smtp.messages) == 1
    body = smtp.messages[0].get_payload(decode=True).decode()
    link = re.search(r"http://\S+/kk/signin/reset/\S+/\S+/", body).group(0)
    path = link.split("testserver", 1)[1]
    response = client.get(path, follow=True)
    form_url = response.redirect_chain[-1][0]
    response = client.post(
        form_url, {"new_password1": "a new long passphrase 2026", "new_password2": "a new long passphrase 2026"}
    )
    assert response.status_code == 302
    assert client.get("/kk/desk/").status_code == 302  # not signed in by the reset
    response = _password_step(client, press_secretary.email, "a new long passphrase 2026")
    assert response["Location"] == "/kk/signin/code/"


def test_session_ends_after_idle_time(settings, press_secretary):
    client = verified_client(press_secretary)
    session = client.session
    session["pressdesk_seen_at"] = time.time() - settings.SESSION_IDLE_SECONDS - 1
    session.save()
    response = client.get("/kk/units/")
    assert response.status_code == 302 and response["Location"].startswith("/kk/signin/")
    assert client.get("/kk/desk/").status_code == 302


def test_session_ends_after_absolute_lifetime_even_when_active(settings, press_secretary):
    client = verified_client(press_secretary)
    session = client.session
    session["pressdesk_signed_in_at"] = time.time() - settings.SESSION_ABSOLUTE_SECONDS - 1
    session.save()
    assert client.get("/kk/desk/").status_code == 302


@pytest.mark.parametrize("lang", ["kk", "ru", "en"])
def test_sign_in_page_speaks_each_language(lang):
    response = Client().get(f"/{lang}/signin/")
    assert response.status_code == 200
    assert f'<html lang="{lang}">' in response.content.decode()


def test_admin_is_closed_to_staff_who_are_not_superusers(press_secretary):
    response = verified_client(press_secretary).get("/admin/")
    assert response.status_code == 302


def test_press_secretary_sees_and_lifts_a_lock_out(settings, world, press_secretary, unit_press_secretary):
    from pressdesk.core.models import AuditEntry

    for _ in range(settings.AXES_FAILURE_LIMIT):
        _password_step(Client(), unit_press_secretary.email, "wrong password")
    client = verified_client(press_secretary)
    page = client.get("/kk/security/").content.decode()
    assert unit_press_secretary.email in page.split("<table")[0]  # listed among locked accounts
    client.post(f"/kk/security/unlock/{unit_press_secretary.pk}/")
    assert _password_step(Client(), unit_press_secretary.email).status_code == 302
    assert AuditEntry.objects.filter(action="core.account.unlocked", actor=press_secretary).exists()


def test_unit_press_secretary_cannot_unlock_accounts(world, unit_press_secretary, press_secretary):
    response = verified_client(unit_press_secretary).post(f"/kk/security/unlock/{press_secretary.pk}/")
    assert response.status_code == 403


def test_an_expired_form_explains_itself_in_the_users_language(press_secretary):
    client = Client(enforce_csrf_checks=True)
    response = client.post("/ru/signin/", {"email": press_secretary.email, "password": PASSWORD})
    assert response.status_code == 403
    with translation.override("ru"):
        assert translation.gettext("The form has expired") in response.content.decode()


def test_press_secretary_resets_a_lost_authenticator(world, press_secretary, unit_press_secretary):
    from pressdesk.core.models import AuditEntry

    verified_client(press_secretary).post(f"/kk/security/reset-factor/{unit_press_secretary.pk}/")
    assert not TOTPDevice.objects.filter(user=unit_press_secretary).exists()
    assert AuditEntry.objects.filter(action="core.account.second_factor_reset", actor=press_secretary).exists()
    assert _password_step(Client(), unit_press_secretary.email)["Location"] == "/kk/signin/setup/"


def test_nobody_resets_their_own_second_factor(press_secretary):
    verified_client(press_secretary).post(f"/kk/security/reset-factor/{press_secretary.pk}/")
    assert TOTPDevice.objects.filter(user=press_secretary).exists()


def test_staff_change_their_password_and_stay_signed_in(press_secretary):
    from pressdesk.core.models import AuditEntry

    client = verified_client(press_secretary)
    response = client.post(
        "/kk/account/",
        {
            "old_password": PASSWORD,
            "new_password1": "a fresh long passphrase",
            "new_password2": "a fresh long passphrase",
        },
    )
    assert response.status_code == 302
    assert client.get("/kk/desk/").status_code == 200
    press_secretary.refresh_from_db()
    assert press_secretary.check_password("a fresh long passphrase")
    assert AuditEntry.objects.filter(action="core.account.password_changed", actor=press_secretary).exists()


def test_a_wrong_old_password_changes_nothing(press_secretary):
    client = verified_client(press_secretary)
    response = client.post(
        "/kk/account/",
        {
            "old_password": "wrong",
            "new_password1": "a fresh long passphrase",
            "new_password2": "a fresh long passphrase",
        },
    )
    assert response.status_code == 400
    press_secretary.refresh_from_db()
    assert press_secretary.check_password(PASSWORD)


def test_new_recovery_codes_replace_the_old_ones(press_secretary):
    from pressdesk.core.signin import issue_recovery_codes

    old = issue_recovery_codes(press_secretary)
    client = verified_client(press_secretary)
    response = client.post("/kk/account/recovery-codes/")
    page = client.get(response["Location"]).content.decode()
    new = re.findall(r"<li><code>([0-9a-z]+)</code></li>", page)
    assert len(new) == 10 and not set(new) & set(old)
    with_new = Client()
    _password_step(with_new, press_secretary.email)
    assert with_new.post("/kk/signin/code/", {"code": new[0]}).status_code == 302
    with_old = Client()
    _password_step(with_old, press_secretary.email)
    assert with_old.post("/kk/signin/code/", {"code": old[1]}).status_code == 400
