"""Review: taking an application, granting it (a numbered pass, the letter with the PDF) or refusing it with a reason."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone, translation

from pressdesk.accreditation import services
from pressdesk.accreditation.models import (
    AccreditationStatus,
    Application,
    ApplicationStatus,
    Change,
    RejectionReason,
)
from pressdesk.core.models import AuditEntry, Role
from pressdesk.core.services import DomainError

pytestmark = pytest.mark.django_db


def test_approval_issues_a_numbered_pass_for_the_period_asked(office):
    application = office.apply()
    services.application_start_review(actor=office.officer, application=application)
    accreditation = services.application_approve(actor=office.officer, application=application)
    application.refresh_from_db()
    assert application.status == ApplicationStatus.APPROVED and application.decided_by == office.officer
    year = accreditation.valid_from.year
    assert accreditation.number == f"A-{year}-00001"
    assert (accreditation.valid_from, accreditation.valid_until) == (
        application.requested_from,
        application.requested_until,
    )
    assert (accreditation.status, accreditation.serial, accreditation.kind) == (
        AccreditationStatus.ACTIVE,
        1,
        "standing",
    )
    assert [e.change for e in accreditation.history.all()] == [Change.ISSUED]
    assert AuditEntry.objects.filter(action="accreditation.pass.issued", target_id=str(accreditation.pk)).exists()


def test_numbers_run_on_within_a_year(office):
    first = office.granted()
    someone, account = office.person("Ерлан Сапаров")
    second = office.granted(journalist=someone, account=account)
    assert int(second.number[-5:]) == int(first.number[-5:]) + 1


def test_a_decided_application_cannot_be_decided_again(office):
    application = office.apply()
    services.application_approve(actor=office.officer, application=application)
    with translation.override("en"), pytest.raises(DomainError, match="The application is already approved."):
        services.application_reject(actor=office.officer, application=application, reason="incomplete_documents")


def test_refusal_needs_a_reason_from_the_list_and_text_when_the_reason_asks(office):
    application = office.apply()
    with translation.override("en"):
        with pytest.raises(services.Refused, match="Choose a reason from the list."):
            services.application_reject(actor=office.officer, application=application, reason="")
        with pytest.raises(services.Refused, match="needs an explanation"):
            services.application_reject(actor=office.officer, application=application, reason="other")
    RejectionReason.objects.filter(code="quota_reached").update(is_active=False)
    with pytest.raises(services.Refused):  # retired reasons stay for history, not for new decisions
        services.application_reject(actor=office.officer, application=application, reason="quota_reached")
    assert Application.objects.get(pk=application.pk).status == ApplicationStatus.SUBMITTED
    services.application_reject(
        actor=office.officer, application=application, reason="other", note="Хат редактордың қолынсыз."
    )
    application.refresh_from_db()
    assert (application.status, application.reason.code) == (ApplicationStatus.REJECTED, "other")


def test_someone_without_the_role_in_the_unit_cannot_decide(office, world):
    stranger = world.person("timur", Role.UNIT_PRESS_SECRETARY, world.almaly)
    application = office.apply()
    with pytest.raises(DomainError):
        services.application_approve(actor=stranger, application=application)
    with pytest.raises(DomainError):
        services.application_reject(actor=stranger, application=application, reason="incomplete_documents")
    assert not application.__class__.objects.exclude(status=ApplicationStatus.SUBMITTED).exists()


def test_only_the_applicant_withdraws_and_staff_record_a_withdrawal_with_how_it_was_asked(office):
    application = office.apply()
    _someone, stranger = office.person("Ерлан Сапаров")
    with pytest.raises(DomainError):
        services.application_withdraw(account=stranger, application=application)
    with pytest.raises(services.Refused):
        services.application_withdraw(actor=office.officer, application=application)
    services.application_withdraw(actor=office.officer, application=application, note="Редакцияның 12.03 хаты бойынша")
    application.refresh_from_db()
    assert application.status == ApplicationStatus.WITHDRAWN


def test_a_period_already_over_is_not_granted(office):
    application = office.apply()
    Application.objects.filter(pk=application.pk).update(
        requested_from=timezone.localdate() - datetime.timedelta(days=20),
        requested_until=timezone.localdate() - datetime.timedelta(days=1),
    )
    application.refresh_from_db()
    with translation.override("en"), pytest.raises(services.Refused, match="The period asked for is over"):
        services.application_approve(actor=office.officer, application=application)
