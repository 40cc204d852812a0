"""Directory records and API clients for the API tests, made through the services like the pages make them."""

from __future__ import annotations

import datetime

import pytest
from django.test import Client

from pressdesk.api import services as api_services
from pressdesk.core.models import User
from pressdesk.directory import services
from pressdesk.directory.models import Beat, ConsentBasis, Journalist, Outlet
from pressdesk.directory.services import ContactInput


def token_for(user: User, *, name: str = "script", expires_on: datetime.date | None = None) -> str:
    _token, raw = api_services.api_token_create(actor=user, name=name, expires_on=expires_on)
    return raw


def bearer(raw: str, **headers: str) -> Client:
    """A client that sends ``raw`` as its token and no cookie, as a script would."""
    return Client(HTTP_AUTHORIZATION=f"Bearer {raw}", **headers)


def api_client(user: User, **headers: str) -> Client:
    return bearer(token_for(user), **headers)


class Records:
    """Outlets and journalists kept by the akimat and by both districts, as in the directory's own tests."""

    def __init__(self, world):
        self.world = world

    def outlet(self, name: str, *, unit=None, kind: str = "newspaper", level: str = "city", **kw) -> Outlet:
        return services.outlet_create(
            actor=None,
            unit=unit or self.world.body,
            names={"kk": name, "ru": kw.pop("ru", ""), "en": kw.pop("en", "")},
            kind=kind,
            level=level,
            ownership=kw.pop("ownership", "private"),
            languages=kw.pop("languages", ("kk",)),
            **kw,
        )

    def journalist(
        self, name: str, *, unit=None, outlet: Outlet | None = None, email: str | None = None, beats=(), **kw
    ) -> Journalist:
        contacts = [ContactInput(kind="email", value=email, confirmed_on=datetime.date(2026, 3, 1))] if email else []
        return services.journalist_create(
            actor=None,
            unit=unit or self.world.body,
            full_name=name,
            consent_basis=ConsentBasis.CONSENT,
            contacts=contacts,
            outlet=outlet,
            beats=Beat.objects.filter(code__in=beats),
            **kw,
        )


@pytest.fixture
def records(world) -> Records:
    return Records(world)
