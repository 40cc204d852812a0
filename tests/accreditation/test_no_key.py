"""With no pass-signing key (a mistyped key folder, a backup restored without it) nothing makes one on the fly:
staff read what to do, the journalist is told to try later, a device keeps its scans, and no pass is issued."""

from __future__ import annotations

import json

import pytest
from django.utils import timezone, translation

from pressdesk.accreditation import signing
from pressdesk.accreditation.models import Accreditation, CheckIn
from tests.accreditation.office import nonce
from tests.conftest import verified_client

pytestmark = pytest.mark.django_db

ADVICE = "There is no pass-signing key in"


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


def lose_keys(settings, tmp_path) -> None:
    """The key folder as after a restore that left it out."""
    settings.ACCREDITATION_KEY_DIR = tmp_path / "restored"


def test_staff_read_what_to_do_and_a_device_keeps_its_scans(office, settings, tmp_path):
    granted = office.granted()
    token = signing.token_for(granted)
    lose_keys(settings, tmp_path)
    door = verified_client(office.officer)
    page = door.get("/en/accreditation/check-in/", {"event": "standing", "gate": "Main"})
    assert page.status_code == 503
    text = page.content.decode()
    assert ADVICE in text and "pressdesk accreditation rotate-key" in text and "var/pass-keys" in text
    pdf = door.get(f"/en/accreditation/passes/{granted.pk}/pdf/")
    assert pdf.status_code == 503 and ADVICE in pdf.content.decode()
    keys = door.get("/en/accreditation/check-in/keys.json")
    assert keys.status_code == 503 and keys.json()["error"].startswith(ADVICE)
    scan = {
        "nonce": nonce(),
        "presented": token,
        "event": None,
        "gate": "Main",
        "scanned_at": timezone.now().isoformat(),
    }
    upload = door.post(
        "/en/accreditation/check-in/sync", json.dumps({"scans": [scan]}), content_type="application/json"
    )
    assert upload.status_code == 503 and upload.json()["error"].startswith(ADVICE)
    assert not CheckIn.objects.exists()  # not refused as forged: the device keeps the scan and sends it later
    assert not list(signing.key_dir().glob("key-*.pem"))  # and no key appeared


def test_approving_and_reissuing_are_refused_with_the_reason(office, settings, tmp_path):
    application = office.apply()
    granted = office.granted(journalist=office.person("Ерлан Сапаров")[0], account=None)
    lose_keys(settings, tmp_path)
    door = verified_client(office.officer)
    approve = door.post(f"/en/accreditation/applications/{application.pk}/approve/")
    assert approve.status_code == 400 and ADVICE in approve.content.decode()
    assert not Accreditation.objects.filter(application=application).exists()
    reissue = door.post(f"/en/accreditation/passes/{granted.pk}/reissue/", {"reissue-note": ""})
    assert ADVICE in reissue.content.decode()
    granted.refresh_from_db()
    assert granted.serial == 1


def test_the_journalist_is_told_to_try_later(office, settings, tmp_path):
    granted = office.granted()
    lose_keys(settings, tmp_path)
    portal = verified_client(office.account)
    answer = portal.get(f"/en/portal/accreditation/passes/{granted.pk}/pdf/", follow=True)
    page = answer.content.decode()
    assert answer.redirect_chain[-1][0] == "/en/portal/accreditation/"
    assert "Your pass cannot be made just now: the press service has been told." in page and ADVICE not in page
