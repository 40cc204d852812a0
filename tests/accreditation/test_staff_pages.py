"""Staff pages of accreditation: the review queue by deadline, one application with its files, the decisions, a
pass and its changes, the lists of reasons and grounds, and the block on the directory's journalist page.

Personas: press officer Dana and press secretary Aigerim of the city akimat (the accrediting unit), Timur the
Almaly district's press secretary (another unit), the head, and staff with no role.
"""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from pressdesk.accreditation import changes, services
from pressdesk.accreditation.models import (
    AccreditationStatus,
    Application,
    ApplicationStatus,
    Change,
    DeprivationGround,
    RejectionReason,
)
from pressdesk.core.models import AuditEntry, Role
from pressdesk.directory import services as directory_services
from tests.accreditation.office import PDF, picture, upload
from tests.conftest import verified_client

pytestmark = pytest.mark.django_db


def url(name: str, *args) -> str:
    with translation.override("en"):
        return reverse(f"accreditation:{name}", args=args)


@pytest.fixture
def timur(world):
    return world.person("timur", Role.UNIT_PRESS_SECRETARY, world.almaly)


def overdue(application: Application, days: int) -> None:
    Application.objects.filter(pk=application.pk).update(
        review_due=timezone.localdate() - datetime.timedelta(days=days)
    )


# The queue --------------------------------------------------------------------------------------------------------


def test_the_queue_lists_open_applications_by_deadline_and_marks_the_overdue(office):
    late = office.apply()
    second, account = office.person("Ерлан Сапаров")
    fresh = office.apply(journalist=second, account=account)
    overdue(late, 2)
    with translation.override("en"):
        response = verified_client(office.officer).get(url("list"))
    assert [a.pk for a in response.context["page"].object_list] == [late.pk, fresh.pk]
    body = response.content.decode()
    assert body.count(">overdue<") == 1 and body.index("Мадина") < body.index("Ерлан")


def test_decided_applications_leave_the_queue_for_the_decided_view(office):
    application = office.apply()
    services.application_reject(actor=office.officer, application=application, reason="incomplete_documents")
    client = verified_client(office.officer)
    assert list(client.get(url("list")).context["page"].object_list) == []
    assert [a.pk for a in client.get(url("list") + "?view=decided").context["page"].object_list] == [application.pk]


def test_the_queue_makes_a_fixed_number_of_queries(office, django_assert_max_num_queries):
    event = office.event()
    for n in range(12):
        journalist, account = office.person(f"Тілші {n}")
        office.apply(journalist=journalist, account=account, **({"kind": "event", "event": event} if n % 2 else {}))
    client = verified_client(office.officer)
    with django_assert_max_num_queries(10):
        assert client.get(url("list")).status_code == 200


def test_staff_of_another_unit_see_nothing_of_the_akimat_s_applications(office, timur):
    application = office.apply()
    client = verified_client(timur)
    assert list(client.get(url("list")).context["page"].object_list) == []
    assert client.get(url("application", application.pk)).status_code == 404
    assert client.get(url("application_letter", application.pk)).status_code == 404
    assert client.post(url("application_approve", application.pk)).status_code == 404
    assert Application.objects.get().status == ApplicationStatus.SUBMITTED


def test_staff_without_a_role_and_journalists_are_kept_out(office, outsider):
    application = office.apply()
    assert verified_client(outsider).get(url("list")).status_code == 403
    response = verified_client(office.account).get(url("application", application.pk))
    assert response.status_code == 302 and "/signin/" in response["Location"]


# One application --------------------------------------------------------------------------------------------------


def test_the_application_page_shows_the_details_and_the_files_only_to_staff(office, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        application = office.apply()
    client = verified_client(office.officer)
    with translation.override("en"):
        body = client.get(url("application", application.pk)).content.decode()
    assert "Мадина Әлиева" in body and "letter.pdf" in body and "Тілші" in body
    assert url("application_photo", application.pk) in body

    letter = client.get(url("application_letter", application.pk))
    assert letter["Content-Type"] == "application/pdf" and letter.getvalue() == PDF
    assert letter["Content-Disposition"].startswith("attachment")
    photo = client.get(url("application_photo", application.pk))
    assert photo["Content-Type"] == "image/jpeg" and photo["Content-Disposition"].startswith("inline")
    for response in (letter, photo):
        assert "private" in response["Cache-Control"] and "no-store" in response["Cache-Control"]
        assert response["X-Content-Type-Options"] == "nosniff"
    assert client.get(url("application_photo", application.pk) + "?size=small").getvalue()[:3] == b"\xff\xd8\xff"
    # The applicant reaches the files only through staff pages: none for a portal session.
    assert verified_client(office.account).get(url("application_letter", application.pk)).status_code == 302


def test_a_scanned_letter_is_served_as_the_picture_it_is(office, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        application = office.apply(letter=upload("scan.pdf", picture((800, 1100), "PNG"), "image/png"))
    response = verified_client(office.officer).get(url("application_letter", application.pk))
    assert response["Content-Type"] == "image/png" and 'filename="scan.png"' in response["Content-Disposition"]


def test_a_file_missing_from_the_storage_is_not_found(office):
    application = office.apply()
    application.letter.storage.delete(application.letter.name)  # lost from the storage (a restore without media)
    assert verified_client(office.officer).get(url("application_letter", application.pk)).status_code == 404


def test_taking_for_review_then_approving_with_dates_issues_the_pass(office):
    application = office.apply()
    client = verified_client(office.officer)
    client.post(url("application_start", application.pk))
    application.refresh_from_db()
    assert (application.status, application.reviewer) == (ApplicationStatus.IN_REVIEW, office.officer)
    until = application.requested_from + datetime.timedelta(days=180)
    response = client.post(
        url("application_approve", application.pk),
        {"approve-valid_until": until.isoformat(), "approve-note": "Бір жылға емес, жарты жылға."},
    )
    application.refresh_from_db()
    accreditation = application.accreditation
    assert response["Location"] == url("pass", accreditation.pk)
    assert (application.status, accreditation.valid_until) == (ApplicationStatus.APPROVED, until)


def test_refusing_needs_a_reason_from_the_list_and_text_when_it_asks(office):
    application = office.apply()
    client = verified_client(office.officer)
    with translation.override("en"):
        response = client.post(url("application_reject", application.pk), {"reject-reason": ""})
        assert response.status_code == 400 and "Choose a reason from the list." in response.content.decode()
        other = RejectionReason.objects.get(code="other")
        response = client.post(url("application_reject", application.pk), {"reject-reason": other.pk})
        assert "“Another reason” needs an explanation: write it." in response.content.decode()
    assert Application.objects.get().status == ApplicationStatus.SUBMITTED
    client.post(url("application_reject", application.pk), {"reject-reason": other.pk, "reject-note": "Қолы жоқ."})
    application.refresh_from_db()
    assert (application.status, application.reason, application.decision_note) == ("rejected", other, "Қолы жоқ.")


def test_a_retired_reason_is_not_offered(office):
    RejectionReason.objects.filter(code="quota_reached").update(is_active=False)
    application = office.apply()
    form = verified_client(office.officer).get(url("application", application.pk)).context["reject_form"]
    codes = {reason.code for reason in form.fields["reason"].queryset}
    assert "quota_reached" not in codes and "other" in codes


def test_staff_record_a_withdrawal_only_with_how_it_was_asked(office):
    application = office.apply()
    client = verified_client(office.officer)
    with translation.override("en"):
        response = client.post(url("application_withdraw", application.pk), {"withdraw-note": ""})
    assert "Say how the applicant asked to withdraw" in response.content.decode()
    client.post(url("application_withdraw", application.pk), {"withdraw-note": "Хат, 12.03."})
    assert Application.objects.get().status == ApplicationStatus.WITHDRAWN


def test_approving_for_a_record_erased_meanwhile_is_refused_with_the_reason(office):
    application = office.apply()
    directory_services.journalist_erase(actor=office.secretary, journalist=office.journalist, reason="Өтініші бойынша")
    with translation.override("en"):
        response = verified_client(office.officer).post(url("application_approve", application.pk))
    # The erasure withdrew the application (and approving checks the record too, for an erasure at the same moment).
    assert response.status_code == 400 and "The application is already withdrawn." in response.content.decode()
    assert not hasattr(Application.objects.get(), "accreditation")


def test_the_head_sees_but_does_not_review(office, world):
    head = world.person("head", Role.HEAD, world.body)
    application = office.apply()
    client = verified_client(head)
    page = client.get(url("application", application.pk))
    assert page.status_code == 200 and page.context["may_review"] is False
    assert client.post(url("application_approve", application.pk)).status_code == 403


# A pass -----------------------------------------------------------------------------------------------------------


def test_the_pass_page_suspends_resumes_reissues_and_keeps_the_history(office):
    accreditation = office.granted()
    client = verified_client(office.officer)
    with translation.override("en"):
        response = client.post(url("pass_change", accreditation.pk, "suspend"), {"suspend-note": "Неге?"})
    assert response.status_code == 400 and "Choose a reason from the list." in response.content.decode()
    ground = DeprivationGround.objects.get(code="editor_request")
    client.post(url("pass_change", accreditation.pk, "suspend"), {"suspend-ground": ground.pk, "suspend-note": "Хат"})
    client.post(url("pass_change", accreditation.pk, "resume"), {"resume-note": "Редакция қайта сұрады."})
    client.post(url("pass_change", accreditation.pk, "reissue"), {"reissue-note": "Жоғалды."})
    accreditation.refresh_from_db()
    assert (accreditation.status, accreditation.serial) == (AccreditationStatus.ACTIVE, 2)
    history = verified_client(office.officer).get(url("pass", accreditation.pk)).context["history"]
    assert [h.change for h in history] == [Change.ISSUED, Change.SUSPENDED, Change.RESUMED, Change.REISSUED]
    assert history[1].ground == ground and history[1].actor == office.officer


def test_only_those_with_the_right_revoke_and_the_officer_is_not_offered_it(office, world):
    accreditation = office.granted()
    ground = DeprivationGround.objects.get(code="court_decision")
    officer = verified_client(office.officer)
    assert "revoke" not in [item["key"] for item in officer.get(url("pass", accreditation.pk)).context["offered"]]
    refused = officer.post(url("pass_change", accreditation.pk, "revoke"), {"revoke-ground": ground.pk})
    assert refused.status_code == 403
    head = verified_client(world.person("head", Role.HEAD, world.body))
    assert [item["key"] for item in head.get(url("pass", accreditation.pk)).context["offered"]] == ["revoke"]
    head.post(url("pass_change", accreditation.pk, "revoke"), {"revoke-ground": ground.pk, "revoke-note": "№ 2-123"})
    accreditation.refresh_from_db()
    assert accreditation.status == AccreditationStatus.REVOKED
    assert AuditEntry.objects.filter(action="accreditation.pass.revoked").count() == 1


def test_an_unknown_change_is_not_found_and_another_unit_cannot_act(office, timur):
    accreditation = office.granted()
    assert verified_client(office.officer).post(url("pass_change", accreditation.pk, "explode")).status_code == 404
    client = verified_client(timur)
    assert client.get(url("pass", accreditation.pk)).status_code == 404
    assert client.post(url("pass_change", accreditation.pk, "suspend")).status_code == 404
    assert client.get(url("pass_pdf", accreditation.pk)).status_code == 404


def test_staff_download_the_pass_pdf_privately(office):
    accreditation = office.granted()
    changes.accreditation_suspend(actor=office.officer, accreditation=accreditation, ground="editor_request")
    response = verified_client(office.officer).get(url("pass_pdf", accreditation.pk))
    assert response.status_code == 200 and response.content.startswith(b"%PDF-")
    assert f"pass-{accreditation.number}-1.pdf" in response["Content-Disposition"]
    assert "no-store" in response["Cache-Control"]


# The lists of reasons and grounds ---------------------------------------------------------------------------------


def test_the_press_secretary_adds_renames_retires_and_brings_back_a_reason(office):
    client = verified_client(office.secretary)
    assert client.get(url("lists")).status_code == 200
    response = client.post(
        url("list_add", "reasons"),
        {"reasons-code": "late_letter", "reasons-name_kk": "Хат кеш келді", "reasons-needs_text": "on"},
    )
    assert response.status_code == 302
    entry = RejectionReason.objects.get(code="late_letter")
    assert entry.needs_text and entry.translated("kk").name == "Хат кеш келді"
    client.post(
        url("list_entry", "reasons", entry.pk),
        {"name_kk": "Хат мерзімінен кеш келді", "name_ru": "Письмо пришло поздно", "name_en": ""},
    )
    entry.refresh_from_db()
    assert {row.language: row.name for row in entry.translations.all()} == {
        "kk": "Хат мерзімінен кеш келді",
        "ru": "Письмо пришло поздно",
    }
    assert entry.needs_text is False
    client.post(url("list_retire", "reasons", entry.pk), {"in_use": "0"})
    assert RejectionReason.objects.get(pk=entry.pk).is_active is False
    client.post(url("list_retire", "reasons", entry.pk), {"in_use": "1"})
    assert RejectionReason.objects.get(pk=entry.pk).is_active is True
    actions = list(AuditEntry.objects.filter(action__startswith="accreditation.list.").values_list("action", flat=True))
    assert sorted(actions) == sorted(
        [
            "accreditation.list.added",
            "accreditation.list.changed",
            "accreditation.list.retired",
            "accreditation.list.restored",
        ]
    )


def test_a_taken_code_a_bad_code_and_a_missing_kazakh_name_are_refused(office):
    client = verified_client(office.secretary)
    with translation.override("en"):
        taken = client.post(url("list_add", "grounds"), {"grounds-code": "court_decision", "grounds-name_kk": "Сот"})
        bad = client.post(url("list_add", "grounds"), {"grounds-code": "9x", "grounds-name_kk": "Сот"})
        nameless = client.post(url("list_add", "grounds"), {"grounds-code": "court_two", "grounds-name_ru": "Суд"})
    assert "The code “court_decision” is taken" in taken.content.decode()
    assert "The code is 2 to 40 Latin letters" in bad.content.decode()
    assert nameless.status_code == 400 and not DeprivationGround.objects.filter(code="court_two").exists()


def test_the_last_ground_in_use_cannot_be_retired(office):
    last = DeprivationGround.objects.order_by("pk").last()
    DeprivationGround.objects.exclude(pk=last.pk).update(is_active=False)
    client = verified_client(office.secretary)
    with translation.override("en"):
        response = client.post(url("list_retire", "grounds", last.pk), {"in_use": "0"}, follow=True)
    assert "This is the last entry in use" in response.content.decode()
    assert DeprivationGround.objects.get(pk=last.pk).is_active


def test_only_the_press_secretary_keeps_the_lists(office, timur):
    entry = RejectionReason.objects.first()
    for person in (office.officer, timur):
        client = verified_client(person)
        assert client.get(url("lists")).status_code == 403
        assert client.post(url("list_retire", "reasons", entry.pk), {"in_use": "0"}).status_code == 403
    assert verified_client(office.secretary).get(url("list_entry", "nonsense", entry.pk)).status_code == 404
    assert RejectionReason.objects.get(pk=entry.pk).is_active


# Elsewhere --------------------------------------------------------------------------------------------------------


def test_the_directory_s_journalist_page_shows_the_accreditation(office, timur):
    accreditation = office.granted()
    second, account = office.person("Ерлан Сапаров")
    with translation.override("en"):
        path = reverse("directory:journalist", args=[office.journalist.pk])
        body = verified_client(office.officer).get(path).content.decode()
        assert "Accredited" in body and accreditation.number in body
        other = verified_client(office.officer).get(reverse("directory:journalist", args=[second.pk]))
        assert "Not accredited now." in other.content.decode()
        # The district sees the record (the directory is shared down the tree) but not the akimat's passes.
        district = verified_client(timur).get(path).content.decode()
    assert accreditation.number not in district


def test_the_dashboard_card_counts_what_waits_and_what_is_late(office, rf):
    from django.template.loader import render_to_string

    from pressdesk.accreditation import cards

    late = office.apply()
    overdue(late, 1)
    request = rf.get("/")
    request.user = office.officer
    counts = cards.queue_card(request)
    assert counts == {"open": 1, "overdue": 1, "due_today": 0}
    with translation.override("en"):
        html = render_to_string(cards.TEMPLATE, {"c": counts})
    assert "1 application to review" in html and "1 overdue" in html
