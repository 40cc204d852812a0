"""Journalists' portal accounts: sign-up with email confirmation, sign-in, rate limits."""

from __future__ import annotations

import re

import pytest
from django.test import Client
from django.utils import translation

from pressdesk.core.models import AuditEntry, User, UserKind
from tests.conftest import PASSWORD, run_queued_tasks

SIGNUP = {
    "full_name": "Ержан Мұратов",
    "email": "Yerzhan@Media.kz",
    "language": "ru",
    "password": PASSWORD,
    "consent": "on",
}


@pytest.mark.django_db(transaction=True)
def test_a_journalist_signs_up_confirms_by_email_and_signs_in(smtp):
    client = Client()
    response = client.post("/kk/portal/signup/", SIGNUP)
    assert response.status_code == 200
    user = User.objects.get(email="yerzhan@media.kz")
    assert user.kind == UserKind.JOURNALIST and not user.is_active

    response = client.post("/kk/portal/signin/", {"email": "yerzhan@media.kz", "password": PASSWORD})
    assert response.status_code == 400
    with translation.override("kk"):
        assert (
            translation.gettext("Confirm your email first: open the link in the letter we sent you.")
            in response.content.decode()
        )

    assert smtp.messages == []  # the worker sends it, not the request
    assert run_queued_tasks() == 1
    assert len(smtp.messages) == 1
    letter = smtp.messages[0]
    with translation.override("ru"):  # the letter is in the language the journalist chose
        assert letter["Subject"].strip() == translation.gettext("Confirm your email for the press service portal")
    link = re.search(r"http://\S+/portal/confirm/\S+/", letter.get_payload(decode=True).decode()).group(0)
    response = client.get(link.split("8000", 1)[1])
    assert response["Location"] == "/ru/portal/signin/"
    user.refresh_from_db()
    assert user.is_active and user.email_confirmed_at is not None

    response = client.post("/kk/portal/signin/", {"email": "yerzhan@media.kz", "password": PASSWORD})
    assert response["Location"] == "/kk/portal/"
    assert client.get("/kk/portal/").status_code == 200
    assert AuditEntry.objects.filter(action="portal.account.signed_up", target_id=str(user.pk)).exists()


@pytest.mark.django_db
def test_sign_up_without_consent_or_with_a_weak_password_saves_nothing():
    response = Client().post("/en/portal/signup/", {**SIGNUP, "consent": "", "password": "12345"})
    assert response.status_code == 400
    page = response.content.decode()
    assert "error-summary" in page and 'id="id_password_error"' in page and 'id="id_consent_error"' in page
    assert not User.objects.exists()


@pytest.mark.django_db
def test_a_tampered_confirmation_link_is_refused():
    response = Client().get("/kk/portal/confirm/abc.def.ghi/")
    assert response.status_code == 400
    with translation.override("kk"):
        assert (
            translation.gettext("This confirmation link is not valid. Copy the whole link from the letter.")
            in response.content.decode()
        )


@pytest.mark.django_db
def test_sign_up_is_rate_limited_per_address(settings, smtp):
    settings.PORTAL_SIGNUP_PER_HOUR = 2
    client = Client()
    for i in range(2):
        assert client.post("/kk/portal/signup/", {**SIGNUP, "email": f"j{i}@media.kz"}).status_code == 200
    response = client.post("/kk/portal/signup/", {**SIGNUP, "email": "j3@media.kz"})
    assert response.status_code == 429
    assert not User.objects.filter(email="j3@media.kz").exists()


@pytest.mark.django_db
def test_sign_in_is_rate_limited_per_address(settings, journalist):
    settings.PORTAL_SIGNIN_PER_MINUTE = 3
    client = Client()
    for _ in range(3):
        client.post("/kk/portal/signin/", {"email": "nobody@media.kz", "password": "x"})
    response = client.post("/kk/portal/signin/", {"email": journalist.email, "password": PASSWORD})
    assert response.status_code == 429


def test_staff_cannot_sign_in_on_the_portal(press_secretary):
    response = Client().post("/kk/portal/signin/", {"email": press_secretary.email, "password": PASSWORD})
    assert response.status_code == 400
    assert not Client().get("/kk/portal/").status_code == 200


def test_a_journalist_with_a_second_factor_is_asked_for_it(journalist):
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from tests.conftest import current_code

    TOTPDevice.objects.create(user=journalist, name="app", confirmed=True)
    client = Client()
    response = client.post("/kk/portal/signin/", {"email": journalist.email, "password": PASSWORD})
    assert response["Location"] == "/kk/portal/signin/code/"
    assert client.get("/kk/portal/").status_code == 302
    response = client.post("/kk/portal/signin/code/", {"code": current_code(journalist)})
    assert response["Location"] == "/kk/portal/"


def test_a_journalist_cannot_open_staff_pages(world, journalist):
    client = Client()
    client.post("/kk/portal/signin/", {"email": journalist.email, "password": PASSWORD})
    assert client.get("/kk/portal/").status_code == 200
    response = client.get(f"/kk/units/{world.body.pk}/")
    assert response.status_code == 302 and "/kk/signin/" in response["Location"]


def test_a_journalist_resets_the_password_through_the_portal(smtp, journalist):
    client = Client()
    client.post("/ru/portal/reset/", {"email": journalist.email})
    body = smtp.messages[0].get_content()
    path = re.search(r"/ru/portal/reset/\S+/\S+/", body).group(0)
    form_url = client.get(path, follow=True).redirect_chain[-1][0]
    response = client.post(
        form_url, {"new_password1": "another long passphrase", "new_password2": "another long passphrase"}
    )
    assert response["Location"] == "/ru/portal/reset/done/"
    response = client.post("/ru/portal/signin/", {"email": journalist.email, "password": "another long passphrase"})
    assert response["Location"] == "/ru/portal/"


@pytest.mark.django_db(transaction=True)
def test_a_mail_server_that_is_down_loses_no_sign_up(settings):
    from django_tasks_db.models import DBTaskResult

    from tests.conftest import free_port

    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", free_port()  # nothing listens there
    response = Client().post("/kk/portal/signup/", SIGNUP)
    assert response.status_code == 200
    assert User.objects.filter(email="yerzhan@media.kz").exists()
    run_queued_tasks()
    assert DBTaskResult.objects.failed().count() == 1  # visible on the dashboard's background card
