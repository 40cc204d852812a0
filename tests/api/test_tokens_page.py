"""The staff page where one makes a token, sees it once, and revokes it; every change is audited."""

from __future__ import annotations

import datetime
import re

import pytest
from django.utils import timezone

from pressdesk.api.models import ApiToken
from pressdesk.core.models import AuditEntry
from tests.api.conftest import bearer, token_for
from tests.conftest import verified_client

pytestmark = pytest.mark.django_db

PAGE = "/kk/api-tokens/"


def test_a_press_secretary_makes_a_token_sees_it_once_and_it_works(world, press_secretary):
    client = verified_client(press_secretary)
    response = client.post(PAGE, {"name": "Мониторинг скрипті", "expires_on": ""})
    assert response.status_code == 302 and response["Location"] == PAGE
    shown = client.get(PAGE).content.decode()
    raw = re.search(r'value="(pd_[^"]+)"', shown).group(1)
    assert bearer(raw).get("/api/directory/outlets").status_code == 200
    token = ApiToken.objects.get()
    assert token.user == press_secretary and token.name == "Мониторинг скрипті" and token.expires_on is None
    assert raw not in client.get(PAGE).content.decode()  # shown once
    assert token.prefix in client.get(PAGE).content.decode()  # still recognisable by its first characters
    entry = AuditEntry.objects.get(action="api.token.created")
    assert entry.actor == press_secretary and entry.after["name"] == "Мониторинг скрипті"
    assert raw not in str(entry.after)


def test_a_token_is_revoked_from_the_page_with_an_audit_entry(world, unit_press_secretary):
    raw = token_for(unit_press_secretary, name="Excel")
    token = ApiToken.objects.get()
    client = verified_client(unit_press_secretary)
    response = client.post(f"{PAGE}{token.pk}/revoke/")
    assert response.status_code == 302
    token.refresh_from_db()
    assert token.revoked_at is not None
    assert AuditEntry.objects.filter(action="api.token.revoked", actor=unit_press_secretary).exists()
    assert bearer(raw).get("/api/directory/outlets").status_code == 401
    page = client.get(PAGE)
    assert page.status_code == 200 and f"{PAGE}{token.pk}/revoke/" not in page.content.decode()


def test_nobody_revokes_someone_elses_token(world, press_secretary, unit_press_secretary):
    token_for(unit_press_secretary)
    token = ApiToken.objects.get()
    response = verified_client(press_secretary).post(f"{PAGE}{token.pk}/revoke/")
    assert response.status_code == 404
    token.refresh_from_db()
    assert token.revoked_at is None


def test_a_token_cannot_end_in_the_past_and_needs_a_name(world, press_secretary):
    client = verified_client(press_secretary)
    yesterday = timezone.localdate() - datetime.timedelta(days=1)
    response = client.post(PAGE, {"name": "Ескі", "expires_on": yesterday.isoformat()})
    assert response.status_code == 400
    assert client.post(PAGE, {"name": "", "expires_on": ""}).status_code == 400
    assert not ApiToken.objects.exists()


def test_the_page_is_in_each_language_and_lists_only_ones_own_tokens(world, press_secretary, unit_press_secretary):
    token_for(unit_press_secretary, name="Timur script")
    token_for(press_secretary, name="Aigerim script")
    for language in ("kk", "ru", "en"):
        response = verified_client(press_secretary).get(f"/{language}/api-tokens/")
        assert response.status_code == 200
        assert "Aigerim script" in response.content.decode() and "Timur" not in response.content.decode()


def test_staff_without_a_role_cannot_open_the_page(world, outsider):
    assert verified_client(outsider).get(PAGE).status_code == 403
