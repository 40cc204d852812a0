"""``pressdesk accreditation``: the signing keys and the expiry run from the console."""

from __future__ import annotations

import datetime
import io

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from pressdesk.accreditation import signing
from pressdesk.accreditation.models import AccreditationStatus

pytestmark = pytest.mark.django_db


def run(*args: str) -> str:
    out = io.StringIO()
    call_command("accreditation", *args, stdout=out)
    return out.getvalue()


def test_keys_are_listed_public_only_and_rotated():
    listed = run("keys")
    [x] = [jwk["x"] for jwk in signing.public_jwks()]
    assert f"  1  {x}  (signs now)" in listed and "PRIVATE" not in listed
    assert "Key 2 signs from now on" in run("rotate-key")
    listed = run("keys")
    assert "  2  " in listed and listed.count("(signs now)") == 1 and f"  1  {x}\n" in listed


def test_expire_as_of_a_day(office):
    accreditation = office.granted()
    after = accreditation.valid_until + datetime.timedelta(days=1)
    assert run("expire") == "0 accreditation(s) expired.\n"
    assert run("expire", "--today", after.isoformat()) == "1 accreditation(s) expired.\n"
    accreditation.refresh_from_db()
    assert accreditation.status == AccreditationStatus.EXPIRED and after > timezone.localdate()


def test_a_new_office_makes_its_first_key_with_rotate_key_and_keys_says_when_there_is_none(settings, tmp_path):
    settings.ACCREDITATION_KEY_DIR = tmp_path / "new-office"
    with pytest.raises(CommandError, match="rotate-key"):
        run("keys")
    assert "Key 1 signs from now on" in run("rotate-key")
    assert "  1  " in run("keys")
