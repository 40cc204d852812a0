"""Applying for accreditation: every bad input gets its own clear reason, and a refusal leaves nothing behind."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone, translation

from pressdesk.accreditation import services
from pressdesk.accreditation.models import Application, ApplicationStatus, Kind
from pressdesk.core import workdays
from pressdesk.core.models import AuditEntry
from pressdesk.directory import services as directory_services
from pressdesk.events.models import Accreditation as EventAccreditation
from tests.accreditation.office import PDF, picture, upload

pytestmark = pytest.mark.django_db


def refusal(office, **overrides) -> services.Refused:
    with translation.override("en"), pytest.raises(services.Refused) as caught:
        office.apply(**overrides)
    return caught.value


def nothing_written(settings) -> None:
    assert not Application.objects.exists()
    assert not AuditEntry.objects.filter(action__startswith="accreditation.").exists()
    assert not (settings.MEDIA_ROOT / "accreditation").exists()


def test_a_standing_application_is_kept_with_its_files_and_a_review_deadline(
    office, settings, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        application = office.apply()
    assert application.status == ApplicationStatus.SUBMITTED
    assert application.requested_from == timezone.localdate()
    assert (application.requested_until - application.requested_from).days == 364
    assert application.consent_at is not None and application.account == office.account
    expected = workdays.add_working_days(workdays.counting_day(timezone.localdate()), 5)
    assert application.review_due == expected
    assert application.letter.read() == PDF
    assert application.letter_type == "application/pdf"
    with application.photo_small.open() as small:
        assert small.read(3) == b"\xff\xd8\xff"
    assert AuditEntry.objects.filter(action="accreditation.application.submitted").count() == 1


def test_an_event_application_takes_the_event_s_unit_and_days_and_is_due_before_it(office):
    event = office.event(days=2)
    application = office.apply(kind=Kind.EVENT, event=event, unit=None)
    day = timezone.localdate(event.starts_at)
    assert (application.unit, application.requested_from, application.requested_until) == (event.unit, day, day)
    assert application.review_due <= day


def test_without_consent_nothing_is_kept(office, settings):
    error = refusal(office, consent=False)
    assert error.field == "consent" and "personal data" in str(error)
    nothing_written(settings)


def test_a_program_named_as_a_pdf_is_refused_by_what_it_is(office, settings):
    error = refusal(office, letter=upload("letter.pdf", b"MZ\x90\x00\x03" + bytes(200)))
    assert error.field == "letter"
    assert str(error) == "“letter.pdf” is a program. Send the editor's letter as a PDF, JPEG or PNG file."
    nothing_written(settings)


def test_a_pdf_named_as_a_photo_is_refused(office, settings):
    error = refusal(office, photo=upload("me.jpg", PDF))
    assert error.field == "photo" and "is a PDF document" in str(error)
    nothing_written(settings)


def test_an_html_page_named_as_a_photo_is_refused(office):
    error = refusal(office, photo=upload("me.png", b"<html><script>alert(1)</script></html>"))
    assert "is an HTML page" in str(error)


def test_a_damaged_photo_is_refused(office):
    broken = picture()[:400]
    error = refusal(office, photo=upload("me.jpg", broken))
    assert error.field == "photo" and "cannot be read" in str(error)


def test_an_oversize_photo_is_refused_before_it_is_read(office, settings):
    settings.ACCREDITATION_PHOTO_MAX_MB = 1
    big = picture() + bytes(1024 * 1024)
    error = refusal(office, photo=upload("me.jpg", big))
    assert error.field == "photo" and "at most 1.0\xa0MB is accepted" in str(error)


def test_a_photo_too_small_for_a_pass_is_refused(office):
    error = refusal(office, photo=upload("me.png", picture((120, 160), "PNG"), "image/png"))
    assert str(error) == "The photo is 120 × 160 pixels: a pass needs at least 300 × 400."


def test_an_empty_or_missing_letter_is_named(office):
    assert str(refusal(office, letter=upload("letter.pdf", b""))) == "“letter.pdf” is empty."
    assert str(refusal(office, letter=None)) == "Attach the editor's letter."


def test_a_scanned_letter_is_kept_re_encoded(office, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        application = office.apply(letter=upload("scan.pdf", picture((800, 1100), "PNG"), "image/png"))
    assert application.letter_type == "image/png" and application.letter_name == "scan.png"


def test_a_second_open_application_is_refused_and_the_first_stays(office):
    first = office.apply()
    with translation.override("en"), pytest.raises(services.Refused) as caught:
        office.apply()
    assert "is still open: wait for its decision or withdraw it" in str(caught.value)
    assert list(Application.objects.all()) == [first]


def test_after_withdrawing_one_may_apply_again(office):
    first = office.apply()
    services.application_withdraw(account=office.account, application=first)
    assert office.apply().pk != first.pk


def test_one_open_application_per_event_but_events_are_separate(office):
    one, other = office.event(days=2), office.event(days=4)
    office.apply(kind=Kind.EVENT, event=one)
    office.apply(kind=Kind.EVENT, event=other)  # another event: its own application
    with pytest.raises(services.Refused):
        office.apply(kind=Kind.EVENT, event=one)


def test_the_database_itself_refuses_a_second_open_application(office):
    """Two requests at once both pass the check; the partial unique index lets only one in."""
    from django.db import IntegrityError, transaction

    first = office.apply()
    duplicate = Application.objects.get(pk=first.pk)
    duplicate.pk = None
    with pytest.raises(IntegrityError), transaction.atomic():
        duplicate.save()


def test_an_erased_record_cannot_apply(office, settings):
    directory_services.journalist_erase(actor=office.secretary, journalist=office.journalist, reason="Өтініші бойынша")
    office.journalist.refresh_from_db()
    error = refusal(office)
    assert "erased" in str(error)
    nothing_written(settings)


def test_a_merged_record_cannot_apply(office):
    twin = office.directory.journalist("Мадина Алиева", outlet=office.outlet)
    office.journalist.merged_into = twin
    office.journalist.save(update_fields=["merged_into"])
    assert "merged into another one" in str(refusal(office))


def test_a_blocked_account_cannot_apply(office):
    office.account.is_active = False
    office.account.save(update_fields=["is_active"])
    assert "This account is blocked" in str(refusal(office))


def test_a_closed_outlet_is_refused(office):
    office.outlet.status = "closed"
    office.outlet.save(update_fields=["status"])
    assert "is closed or merged" in str(refusal(office))


def test_an_event_without_its_own_accreditation_is_refused(office):
    event = office.event(accreditation=EventAccreditation.NONE)
    error = refusal(office, kind=Kind.EVENT, event=event)
    assert error.field == "event" and str(error) == "This event needs no accreditation of its own."


def test_a_standing_period_longer_than_the_setting_or_in_the_past_is_refused(office, settings):
    settings.ACCREDITATION_STANDING_DAYS = 180
    today = timezone.localdate()
    error = refusal(office, requested_until=today + datetime.timedelta(days=200))
    assert str(error) == "A standing accreditation lasts at most 180 days."
    error = refusal(office, requested_from=today - datetime.timedelta(days=1))
    assert error.field == "requested_from"
    assert (office.apply().requested_until - today).days == 179


def test_an_accredited_journalist_applies_again_only_near_the_end(office):
    office.granted()
    with translation.override("en"), pytest.raises(services.Refused) as caught:
        office.apply()
    assert "apply again in the last 30 days" in str(caught.value)
