"""The demo's accreditation: every state of an application and a pass, made through the services, idempotent, silent."""

from __future__ import annotations

import pytest
from django.utils import timezone

from pressdesk.accreditation import demo, gate, signing
from pressdesk.accreditation.models import (
    Accreditation,
    AccreditationStatus,
    Application,
    ApplicationStatus,
    CheckIn,
    HistoryEntry,
    Kind,
    ScanResult,
)

pytestmark = pytest.mark.django_db


def state() -> dict[str, int]:
    return {model.__name__: model.objects.count() for model in (Application, Accreditation, HistoryEntry, CheckIn)}


def test_loading_the_demo_again_adds_nothing(units):
    before = state()
    demo.load(units)
    assert state() == before


def test_the_demo_makes_its_signing_key_when_there_is_none(units, settings, tmp_path):
    settings.ACCREDITATION_KEY_DIR = tmp_path / "fresh"
    demo.load(units)  # as `make run` does on a new machine
    assert signing.current_kid() == 1


def test_applications_in_every_state_and_passes_in_every_status(units):
    assert set(Application.objects.values_list("status", flat=True)) == set(ApplicationStatus.values)
    assert set(Accreditation.objects.values_list("status", flat=True)) == set(AccreditationStatus.values)
    assert Accreditation.objects.filter(serial__gt=1).exists()
    assert Accreditation.objects.filter(kind=Kind.EVENT, event__starts_at__gt=timezone.now()).exists()
    assert Application.objects.open().filter(review_due__lt=timezone.localdate()).exists()  # one is overdue
    today = timezone.localdate()
    assert Accreditation.objects.valid_on(today).count() >= 5
    expired = Accreditation.objects.filter(status=AccreditationStatus.EXPIRED)
    assert all(a.valid_until < today for a in expired)


def test_the_history_reads_as_months_of_work(units):
    issued = HistoryEntry.objects.filter(change="issued")
    assert issued.filter(at__lt=timezone.now() - timezone.timedelta(days=150)).exists()
    for accreditation in Accreditation.objects.all():
        moments = [entry.at for entry in accreditation.history.all()]
        assert moments == sorted(moments)
        assert accreditation.application.submitted_at <= moments[0]


def test_nobody_is_written_to(units):
    assert not HistoryEntry.objects.filter(notified_at__isnull=True).exists()
    assert not Application.objects.filter(notified_at__isnull=True, status=ApplicationStatus.REJECTED).exists()


def test_the_door_saw_a_morning_and_the_passes_still_verify(units):
    assert set(CheckIn.objects.values_list("result", flat=True)) == set(ScanResult.values)
    valid = Accreditation.objects.valid_on(timezone.localdate()).first()
    assert signing.verify(signing.token_for(valid)).pass_id == valid.pk
    listed = {row["id"] for row in gate.revocation_list()["passes"]}
    assert Accreditation.objects.filter(status=AccreditationStatus.REVOKED).first().pk in listed
