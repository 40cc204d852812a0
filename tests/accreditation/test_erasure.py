"""A journalist erased at their request leaves no pass that admits, no photo or letter served, nothing in the queue —
and the register keeps its rows, naming nobody, as the record of the decisions."""

from __future__ import annotations

import pytest
from django.utils import translation

from pressdesk.accreditation import gate, signing
from pressdesk.accreditation.models import (
    Accreditation,
    AccreditationStatus,
    Application,
    ApplicationStatus,
    Change,
    Kind,
    ScanResult,
)
from pressdesk.core.models import AuditEntry
from pressdesk.directory import services as directory_services
from tests.conftest import run_queued_tasks, verified_client

pytestmark = pytest.mark.django_db(transaction=True)  # files go after the commit, letters from the worker


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


def test_erasing_a_journalist_ends_passes_withdraws_applications_and_deletes_files(office, settings, smtp):
    accreditation = office.granted()
    waiting = office.apply(kind=Kind.EVENT, event=office.event())
    token = signing.token_for(accreditation)
    files = [settings.MEDIA_ROOT / f.name for a in (accreditation.application, waiting) for f in (a.letter, a.photo)]
    assert all(path.is_file() for path in files)
    run_queued_tasks()
    smtp.messages.clear()

    directory_services.journalist_erase(actor=office.secretary, journalist=office.journalist, reason="Өтініші бойынша")

    accreditation.refresh_from_db()
    assert accreditation.status == AccreditationStatus.REVOKED
    entry = accreditation.history.last()
    assert (entry.change, entry.ground.code, entry.actor) == (Change.REVOKED, "erased", office.secretary)
    waiting.refresh_from_db()
    assert waiting.status == ApplicationStatus.WITHDRAWN and not Application.objects.open().exists()
    scan = office.scan(token)
    assert (scan.result, scan.refusal) == (ScanResult.REFUSED, gate.REVOKED)
    assert accreditation.pk in {p["id"] for p in gate.revocation_list()["passes"]}  # devices refuse it offline too

    assert not any(path.exists() for path in files)
    for application in Application.objects.all():
        assert (application.letter.name, application.photo.name, application.photo_small.name) == ("", "", "")
        assert application.letter_name == "" and application.account is None
    staff = verified_client(office.officer)
    assert staff.get(f"/en/accreditation/applications/{waiting.pk}/letter/").status_code == 404
    assert staff.get(f"/en/accreditation/applications/{waiting.pk}/photo/").status_code == 404
    assert staff.get(f"/en/accreditation/check-in/photo/{accreditation.pk}/").status_code == 404

    # The register keeps the row and its decisions, with nobody's name on it.
    register = staff.get("/en/accreditation/register/", {"status": "revoked"}).content.decode()
    assert accreditation.number in register and "Мадина" not in register
    assert Accreditation.objects.filter(pk=accreditation.pk).exists()
    trail = AuditEntry.objects.filter(action__startswith="accreditation.")
    assert trail.exists() and not trail.filter(target_repr__contains="Мадина").exists()

    run_queued_tasks()
    assert smtp.messages == []  # nobody is left to write to
