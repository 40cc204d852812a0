"""An issued accreditation's life: suspended and resumed, revoked, re-issued, expired — each with its history."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone, translation

from pressdesk.accreditation import changes
from pressdesk.accreditation.models import Accreditation, AccreditationStatus, Change, DeprivationGround
from pressdesk.core.models import AuditEntry
from pressdesk.core.services import DomainError

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


def test_every_change_is_in_the_history_with_its_ground_actor_and_serial(office):
    accreditation = office.granted()
    changes.accreditation_suspend(
        actor=office.officer, accreditation=accreditation, ground="editor_request", note="Хат №12"
    )
    changes.accreditation_resume(actor=office.officer, accreditation=accreditation)
    changes.accreditation_reissue(actor=office.officer, accreditation=accreditation, note="Lost")
    changes.accreditation_revoke(
        actor=office.secretary, accreditation=accreditation, ground="repeated_breach", note="Two warnings"
    )
    rows = list(accreditation.history.select_related("ground", "actor"))
    assert [(r.change, r.serial, r.actor) for r in rows] == [
        (Change.ISSUED, 1, office.officer),
        (Change.SUSPENDED, 1, office.officer),
        (Change.RESUMED, 1, office.officer),
        (Change.REISSUED, 2, office.officer),
        (Change.REVOKED, 2, office.secretary),
    ]
    assert (rows[1].ground.code, rows[1].note) == ("editor_request", "Хат №12")
    revoked = AuditEntry.objects.get(action="accreditation.pass.revoked")
    assert revoked.after["ground"] == "repeated_breach" and revoked.before["status"] == "active"
    accreditation.refresh_from_db()
    assert (accreditation.status, accreditation.serial) == (AccreditationStatus.REVOKED, 2)


def test_a_ground_that_asks_for_text_gets_it_and_a_retired_ground_is_not_offered(office):
    accreditation = office.granted()
    with pytest.raises(changes.Refused, match="needs an explanation"):
        changes.accreditation_revoke(actor=office.secretary, accreditation=accreditation, ground="repeated_breach")
    DeprivationGround.objects.filter(code="court_decision").update(is_active=False)
    with pytest.raises(changes.Refused, match="Choose a reason from the list."):
        changes.accreditation_revoke(actor=office.secretary, accreditation=accreditation, ground="court_decision")
    assert Accreditation.objects.get(pk=accreditation.pk).status == AccreditationStatus.ACTIVE
    assert accreditation.history.count() == 1


def test_a_press_officer_suspends_but_only_those_with_the_right_revoke(office):
    accreditation = office.granted()
    with pytest.raises(DomainError, match="Your roles do not allow this"):
        changes.accreditation_revoke(actor=office.officer, accreditation=accreditation, ground="court_decision")
    changes.accreditation_suspend(actor=office.officer, accreditation=accreditation, ground="court_decision")


def test_changes_follow_the_status(office):
    accreditation = office.granted()
    with pytest.raises(DomainError, match="The accreditation is valid: this cannot be done now."):
        changes.accreditation_resume(actor=office.officer, accreditation=accreditation)
    changes.accreditation_revoke(actor=office.secretary, accreditation=accreditation, ground="outlet_closed")
    for change in (changes.accreditation_reissue, changes.accreditation_resume):
        with pytest.raises(DomainError, match="is revoked"):
            change(actor=office.officer, accreditation=accreditation)


def test_a_suspension_past_the_last_day_cannot_be_resumed_and_expires(office):
    accreditation = office.granted()
    changes.accreditation_suspend(actor=office.officer, accreditation=accreditation, ground="editor_request")
    Accreditation.objects.filter(pk=accreditation.pk).update(
        valid_from=timezone.localdate() - datetime.timedelta(days=40),
        valid_until=timezone.localdate() - datetime.timedelta(days=2),
    )
    with pytest.raises(DomainError, match="period is over"):
        changes.accreditation_resume(actor=office.officer, accreditation=accreditation)
    assert changes.expire_due() == 1
    accreditation.refresh_from_db()
    assert accreditation.status == AccreditationStatus.EXPIRED
    assert accreditation.history.last().change == Change.EXPIRED and accreditation.history.last().actor is None
