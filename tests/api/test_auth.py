"""Who gets into the API: verified staff sessions and personal tokens, nobody else; errors in the caller's language."""

from __future__ import annotations

import datetime

import pytest
from django.test import Client
from django.utils import timezone, translation

from pressdesk.api.models import ApiToken
from pressdesk.api.services import token_hash
from pressdesk.core import services as core_services
from pressdesk.core.models import Membership, Role
from pressdesk.core.services import DomainError
from tests.api.conftest import api_client, bearer, token_for
from tests.conftest import PASSWORD, verified_client

pytestmark = pytest.mark.django_db

OUTLETS = "/api/directory/outlets"


def detail_in(language: str, message: str) -> str:
    with translation.override(language):
        return translation.gettext(message)


def test_it_refuses_a_request_without_credentials_with_401(world):
    response = Client().get(OUTLETS)
    assert response.status_code == 401
    assert response["WWW-Authenticate"].startswith("Bearer")
    assert response.json()["detail"] == detail_in(
        "kk", "Send a personal API token, or sign in to the staff pages with your second factor."
    )
    assert response["Content-Language"] == "kk"  # Kazakh unless the caller asks otherwise


def test_it_answers_errors_in_the_language_the_caller_accepts(world):
    response = Client(HTTP_ACCEPT_LANGUAGE="ru").get(OUTLETS)
    assert response["Content-Language"] == "ru"
    assert response.json()["detail"] == detail_in(
        "ru", "Send a personal API token, or sign in to the staff pages with your second factor."
    )


def test_a_session_without_the_second_factor_does_not_open_the_api(world, press_secretary):
    client = Client()
    client.force_login(press_secretary, backend="django.contrib.auth.backends.ModelBackend")  # no OTP device
    assert client.get(OUTLETS).status_code == 401


def test_password_alone_does_not_open_the_api(world, press_secretary):
    client = Client()
    client.post("/kk/signin/", {"email": press_secretary.email, "password": PASSWORD})
    assert client.get(OUTLETS).status_code == 401


def test_a_verified_staff_session_opens_the_api(world, press_secretary):
    assert verified_client(press_secretary).get(OUTLETS).status_code == 200


def test_an_expired_session_gets_a_json_401_not_a_sign_in_page(world, press_secretary, settings):
    client = verified_client(press_secretary)
    session = client.session
    session["pressdesk_seen_at"] -= settings.SESSION_IDLE_SECONDS + 60
    session.save()
    response = client.get(OUTLETS)
    assert response.status_code == 401 and response["Content-Type"].startswith("application/json")
    assert client.get(OUTLETS).status_code == 401  # and the session is gone


def test_staff_without_a_role_is_refused_with_403(world, outsider):
    response = verified_client(outsider).get(OUTLETS)
    assert response.status_code == 403
    assert response.json()["detail"] == detail_in("kk", "Your roles do not allow this.")


def test_a_journalist_gets_no_access_and_no_token(world, journalist):
    assert verified_client(journalist).get(OUTLETS).status_code == 401
    with pytest.raises(DomainError):
        token_for(journalist)
    response = verified_client(journalist).get("/kk/api-tokens/")
    assert response.status_code == 302 and "/signin/" in response["Location"]


def test_a_personal_token_opens_the_api_and_notes_when_it_was_used(world, press_secretary):
    raw = token_for(press_secretary)
    assert bearer(raw).get(OUTLETS).status_code == 200
    token = ApiToken.objects.get()
    assert token.last_used_at is not None
    assert token.key_hash == token_hash(raw) and raw not in (token.key_hash, token.prefix)


def test_a_revoked_token_is_refused(world, press_secretary):
    raw = token_for(press_secretary)
    token = ApiToken.objects.get()
    from pressdesk.api.services import api_token_revoke

    api_token_revoke(actor=press_secretary, token=token)
    response = bearer(raw, HTTP_ACCEPT_LANGUAGE="en").get(OUTLETS)
    assert response.status_code == 401
    assert "revoked" in response.json()["detail"]


def test_a_token_works_through_its_last_day_and_not_after(world, press_secretary):
    today = timezone.localdate()
    raw = token_for(press_secretary, expires_on=today)
    assert bearer(raw).get(OUTLETS).status_code == 200
    ApiToken.objects.update(expires_on=today - datetime.timedelta(days=1))
    assert bearer(raw).get(OUTLETS).status_code == 401


def test_a_token_stops_working_when_its_owner_loses_the_role(world, unit_press_secretary):
    client = api_client(unit_press_secretary)
    assert client.get(OUTLETS).status_code == 200
    core_services.membership_revoke(actor=None, membership=Membership.objects.get(user=unit_press_secretary))
    assert client.get(OUTLETS).status_code == 401


def test_a_token_stops_working_when_a_consultants_access_ends(world):
    consultant = world.person(
        "olga", Role.CONSULTANT, world.mobility, valid_until=timezone.localdate() + datetime.timedelta(days=3)
    )
    client = api_client(consultant)
    assert client.get(OUTLETS).status_code == 200
    Membership.objects.filter(user=consultant).update(valid_until=timezone.localdate() - datetime.timedelta(days=1))
    assert client.get(OUTLETS).status_code == 401


def test_a_token_stops_working_when_its_owner_is_deactivated(world, press_secretary):
    client = api_client(press_secretary)
    press_secretary.is_active = False
    press_secretary.save(update_fields=["is_active"])
    assert client.get(OUTLETS).status_code == 401


def test_a_wrong_token_is_not_rescued_by_a_session(world, press_secretary):
    """A caller that sends a token learns that the token is wrong, instead of silently acting as someone else."""
    client = verified_client(press_secretary)
    assert client.get(OUTLETS, HTTP_AUTHORIZATION="Bearer pd_wrong").status_code == 401


def test_wrong_tokens_from_one_address_are_rate_limited(world, press_secretary, settings):
    settings.API_TOKEN_FAILURES_PER_MINUTE = 3
    statuses = [bearer(f"pd_guess{i}").get(OUTLETS).status_code for i in range(5)]
    assert statuses == [401, 401, 401, 429, 429]
    assert bearer(token_for(press_secretary)).get(OUTLETS).status_code == 200  # good tokens are not counted


def test_the_api_is_read_only(world, press_secretary):
    assert api_client(press_secretary).post(OUTLETS, {}).status_code == 405
