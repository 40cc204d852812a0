"""Directory records for tests, made through the services like the pages make them."""

from __future__ import annotations

import pytest

from pressdesk.directory import services
from pressdesk.directory.models import Beat, BeatTranslation, ConsentBasis
from pressdesk.directory.services import ContactInput


class Directory:
    def __init__(self, world):
        self.world = world

    def outlet(
        self, name: str = "Алматы ақшамы", *, unit=None, kind="newspaper", level="city", languages=("kk",), **kw
    ):
        names = {"kk": name, "ru": kw.pop("ru", ""), "en": kw.pop("en", "")}
        return services.outlet_create(
            actor=None,
            unit=unit or self.world.body,
            names=names,
            kind=kind,
            level=level,
            ownership=kw.pop("ownership", "private"),
            languages=languages,
            **kw,
        )

    def beat(self, code: str = "transport", en: str = "Transport"):
        """A standard beat; tests that commit lose the migration's rows to Django's flush, so make it if missing."""
        beat, created = Beat.objects.get_or_create(code=code)
        if created:
            BeatTranslation.objects.create(parent=beat, language="en", name=en)
        return beat

    def journalist(self, name: str = "Айгерім Нұрланова", *, unit=None, outlet=None, email=None, phone=None, **kw):
        contacts = []
        if email:
            contacts.append(ContactInput(kind="email", value=email))
        if phone:
            contacts.append(ContactInput(kind="phone", value=phone))
        return services.journalist_create(
            actor=None,
            unit=unit or self.world.body,
            full_name=name,
            consent_basis=kw.pop("consent_basis", ConsentBasis.CONSENT),
            contacts=contacts,
            outlet=outlet,
            **kw,
        )


@pytest.fixture
def directory(world) -> Directory:
    return Directory(world)
