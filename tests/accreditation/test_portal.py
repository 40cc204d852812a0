"""Accreditation on the journalists' portal: apply with real files, follow the status, withdraw, get one's own pass.

Each bad input comes back as the service's own words next to its field, and
leaves nothing behind: no application, no audit entry, no file, no new
directory record.
"""

from __future__ import annotations

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone, translation
from pypdf import PdfReader

from pressdesk.accreditation import changes, services
from pressdesk.accreditation.models import Accreditation, Application, ApplicationStatus, Kind
from pressdesk.core.models import AuditEntry, User, UserKind
from pressdesk.directory import services as directory_services
from pressdesk.directory.models import ConsentBasis, Journalist
from tests.accreditation.office import PDF, picture
from tests.conftest import PASSWORD, run_queued_tasks, verified_client

APPLY = "/en/portal/accreditation/apply/"
STATUS = "/en/portal/accreditation/"


def form_data(office, **overrides) -> dict:
    """What the portal's form sends: a standing application to the city akimat with a PDF letter and a JPEG photo."""
    data = {
        "kind": Kind.STANDING,
        "unit": office.world.body.pk,
        "outlet": office.outlet.pk,
        "position": "Тілші",
        "letter": SimpleUploadedFile("letter.pdf", PDF, "application/pdf"),
        "photo": SimpleUploadedFile("photo.jpg", picture(), "image/jpeg"),
        "consent": "on",
    }
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}


def nothing_kept(settings) -> None:
    assert not Application.objects.exists()
    assert not AuditEntry.objects.filter(action__startswith="accreditation.").exists()
    assert not (settings.MEDIA_ROOT / "accreditation").exists()


def refused(client, data: dict) -> str:
    """Post a bad application in English; the page answers 400 with the error summary."""
    with translation.override("en"):
        response = client.post(APPLY, data)
    assert response.status_code == 400
    return response.content.decode()


@pytest.mark.django_db(transaction=True)
def test_a_journalist_applies_staff_approve_and_the_pass_comes_by_email_and_downloads(office, smtp, settings):
    client = verified_client(office.account)
    page = client.get(APPLY).content.decode()
    assert "On personal data and their protection" in page and 'enctype="multipart/form-data"' in page

    response = client.post(APPLY, form_data(office))
    assert response.status_code == 302 and response["Location"] == STATUS
    application = Application.objects.get()
    assert (application.journalist, application.account, application.kind) == (
        office.journalist,
        office.account,
        "standing",
    )
    assert application.letter.read() == PDF  # stored when the row committed
    status = client.get(STATUS).content.decode()
    assert "Submitted" in status and "Withdraw the application" in status

    staff = verified_client(office.officer)
    response = staff.post(reverse("accreditation:application_approve", args=[application.pk]), {})
    accreditation = Accreditation.objects.get()
    assert response["Location"] == reverse("accreditation:pass", args=[accreditation.pk])
    run_queued_tasks()
    [letter] = smtp.messages
    assert letter["To"] == "madina@media.kz" and accreditation.number in letter["Subject"]
    [attached] = list(letter.iter_attachments())
    assert attached.get_content().startswith(b"%PDF-")

    status = client.get(STATUS).content.decode()
    assert accreditation.number in status and "Approved" in status
    download = client.get(reverse("portal:accreditation_pass_pdf", args=[accreditation.pk]))
    assert download.status_code == 200 and download["Content-Type"] == "application/pdf"
    assert "private" in download["Cache-Control"] and "no-store" in download["Cache-Control"]
    text = PdfReader(io.BytesIO(download.content)).pages[0].extract_text()
    assert accreditation.number in text and "Мадина" in text


@pytest.mark.parametrize("language", ["kk", "ru", "en"])
def test_the_form_and_the_status_page_open_in_each_language(office, language):
    client = verified_client(office.account)
    for path in (APPLY, STATUS):
        response = client.get(path.replace("/en/", f"/{language}/"))
        assert response.status_code == 200
        assert f'<html lang="{language}">' in response.content.decode()
    with translation.override(language):
        expected = translation.gettext("Apply for accreditation")
    assert expected in client.get(APPLY.replace("/en/", f"/{language}/")).content.decode()


def test_an_event_application_from_the_event_s_link(office):
    event = office.event(days=4)
    type(event).objects.filter(pk=event.pk).update(is_public=True)
    client = verified_client(office.account)
    assert f"?event={event.pk}" in client.get(STATUS).content.decode()
    form = client.get(f"{APPLY}?event={event.pk}").context["form"]
    assert form.initial["kind"] == Kind.EVENT and form.initial["event"] == event
    response = client.post(APPLY, form_data(office, kind=Kind.EVENT, event=event.pk, unit=None))
    assert response.status_code == 302
    application = Application.objects.get()
    assert (application.kind, application.event, application.unit) == (Kind.EVENT, event, event.unit)


def test_an_event_the_journalist_cannot_see_is_not_offered(office):
    event = office.event(days=4)  # not announced and no invitation
    client = verified_client(office.account)
    assert event not in client.get(APPLY).context["form"].fields["event"].queryset
    body = refused(client, form_data(office, kind=Kind.EVENT, event=event.pk))
    assert "Select a valid choice" in body
    assert not Application.objects.exists()


def test_a_program_named_as_a_pdf_is_refused_next_to_the_letter(office, settings):
    client = verified_client(office.account)
    program = SimpleUploadedFile("letter.pdf", b"MZ\x90\x00\x03" + bytes(200), "application/pdf")
    body = refused(client, form_data(office, letter=program))
    assert "“letter.pdf” is a program. Send the editor&#x27;s letter as a PDF, JPEG or PNG file." in body
    assert 'id="id_letter_error"' in body
    nothing_kept(settings)


def test_an_html_page_named_as_a_photo_is_refused(office, settings):
    client = verified_client(office.account)
    page = SimpleUploadedFile("me.jpg", b"<html><script>alert(1)</script></html>", "image/jpeg")
    assert "“me.jpg” is an HTML page" in refused(client, form_data(office, photo=page))
    nothing_kept(settings)


def test_an_oversize_photo_is_refused(office, settings):
    settings.ACCREDITATION_PHOTO_MAX_MB = 1
    client = verified_client(office.account)
    big = SimpleUploadedFile("me.jpg", picture() + bytes(1024 * 1024), "image/jpeg")
    body = refused(client, form_data(office, photo=big))
    assert "at most 1.0\xa0MB is accepted. Make it smaller and send it again." in body
    assert 'id="id_photo_error"' in body
    nothing_kept(settings)


def test_missing_files_and_no_consent_are_named(office, settings):
    client = verified_client(office.account)
    assert "Attach the editor&#x27;s letter." in refused(client, form_data(office, letter=None))
    assert "Attach your photo." in refused(client, form_data(office, photo=None))
    body = refused(client, form_data(office, consent=None))
    assert "Agree to the processing of your personal data" in body and 'id="id_consent_error"' in body
    nothing_kept(settings)


def test_a_second_open_application_is_refused_and_the_first_stays(office):
    client = verified_client(office.account)
    assert client.post(APPLY, form_data(office)).status_code == 302
    body = refused(client, form_data(office))
    assert "is still open: wait for its decision or withdraw it." in body
    assert Application.objects.count() == 1


def test_a_blocked_account_is_sent_to_sign_in_and_nothing_is_kept(office, settings):
    client = verified_client(office.account)
    office.account.is_active = False
    office.account.save(update_fields=["is_active"])
    response = client.post(APPLY, form_data(office))
    assert response.status_code == 302 and "/portal/signin/" in response["Location"]
    nothing_kept(settings)


def test_a_journalist_new_to_the_directory_gets_a_record_with_the_application(office):
    account = User.objects.create_user(
        "aliya@media.kz", PASSWORD, full_name="Әлия Нұрова", kind=UserKind.JOURNALIST, language="ru"
    )
    client = verified_client(account)
    assert client.post(APPLY, form_data(office)).status_code == 302
    record = Journalist.objects.get(account=account)
    assert (record.full_name, record.consent_basis, record.preferred_language) == (
        "Әлия Нұрова",
        ConsentBasis.ACCREDITATION,
        "ru",
    )
    assert record.current()[0].outlet == office.outlet
    assert Application.objects.get().journalist == record


def test_a_refused_newcomer_leaves_no_directory_record(office, settings):
    account = User.objects.create_user("aliya@media.kz", PASSWORD, full_name="Әлия Нұрова", kind=UserKind.JOURNALIST)
    client = verified_client(account)
    refused(client, form_data(office, photo=SimpleUploadedFile("me.jpg", PDF, "image/jpeg")))
    assert not Journalist.objects.filter(account=account).exists()
    assert not AuditEntry.objects.filter(action="directory.journalist.created", actor=account).exists()
    nothing_kept(settings)


@pytest.mark.django_db(transaction=True)
def test_files_the_storage_cannot_write_refuse_the_application_whole(office, settings, tmp_path):
    """A real failure: the media folder lies under a plain file, so no file can be written (even by root)."""
    blocker = tmp_path / "not-a-folder"
    blocker.write_bytes(b"")
    settings.MEDIA_ROOT = blocker / "media"
    newcomer = User.objects.create_user("aliya@media.kz", PASSWORD, full_name="Әлия Нұрова", kind=UserKind.JOURNALIST)
    for client in (verified_client(newcomer), verified_client(office.account)):
        body = refused(client, form_data(office))
        assert "The files could not be stored. Try again; if it fails again, tell the press service." in body
    assert not Application.objects.exists()
    assert not Journalist.objects.filter(account=newcomer).exists()  # the newcomer's record went back with it
    assert not AuditEntry.objects.filter(action__startswith="accreditation.").exists()
    settings.MEDIA_ROOT = tmp_path / "media"  # the storage mended: the same form goes through, files and all
    assert verified_client(newcomer).post(APPLY, form_data(office)).status_code == 302
    application = Application.objects.get()
    assert application.journalist.account == newcomer
    assert application.photo.read()[:2] == b"\xff\xd8" and application.letter.read() == PDF


def test_after_erasure_the_person_applies_anew_with_fresh_consent_and_the_erased_record_stays_empty(office):
    """Erasing a record unlinks its account: the next application is a new record on new consent."""
    directory_services.journalist_erase(actor=office.secretary, journalist=office.journalist, reason="Өтініші бойынша")
    client = verified_client(office.account)
    assert client.post(APPLY, form_data(office)).status_code == 302
    application = Application.objects.get()
    assert application.journalist != office.journalist
    office.journalist.refresh_from_db()
    assert office.journalist.erased_at is not None and office.journalist.full_name != "Мадина Әлиева"


def test_the_applicant_withdraws_an_open_application(office):
    application = office.apply()
    client = verified_client(office.account)
    response = client.post(reverse("portal:accreditation_withdraw", args=[application.pk]))
    assert response.status_code == 302
    application.refresh_from_db()
    assert application.status == ApplicationStatus.WITHDRAWN
    with translation.override("en"):
        again = client.post(reverse("portal:accreditation_withdraw", args=[application.pk]), follow=True)
    assert "The application is already withdrawn." in again.content.decode()


def test_a_refusal_shows_its_reason_text_and_date(office):
    application = office.apply()
    services.application_reject(
        actor=office.officer, application=application, reason="other", note="Хатта редактордың қолы жоқ."
    )
    with translation.override("en"):
        page = verified_client(office.account).get(STATUS).content.decode()
    assert "Rejected" in page and "Another reason" in page and "Хатта редактордың қолы жоқ." in page
    assert f"{timezone.localdate():%Y}" in page
    assert "Withdraw the application" not in page


def test_another_journalist_sees_nothing_of_mine(office):
    accreditation = office.granted()
    other, account = office.person("Ерлан Сапаров")
    open_one = office.apply(journalist=other, account=account)
    client = verified_client(office.account)
    page = client.get(STATUS).content.decode()
    assert accreditation.number in page and "Ерлан" not in page
    assert client.post(reverse("portal:accreditation_withdraw", args=[open_one.pk])).status_code == 404
    stranger = verified_client(account)
    assert stranger.get(reverse("portal:accreditation_pass_pdf", args=[accreditation.pk])).status_code == 404
    assert accreditation.number not in stranger.get(STATUS).content.decode()
    open_one.refresh_from_db()
    assert open_one.status == ApplicationStatus.SUBMITTED


def test_a_suspended_pass_is_not_given_out(office):
    accreditation = office.granted()
    changes.accreditation_suspend(actor=office.officer, accreditation=accreditation, ground="editor_request")
    client = verified_client(office.account)
    assert client.get(reverse("portal:accreditation_pass_pdf", args=[accreditation.pk])).status_code == 404
    assert "Suspended" in client.get(STATUS).content.decode()


def test_staff_and_visitors_do_not_reach_the_portal_pages(office):
    assert verified_client(office.officer).get(STATUS).status_code == 302
    from django.test import Client

    response = Client().get(APPLY)
    assert response.status_code == 302 and "/portal/signin/" in response["Location"]
