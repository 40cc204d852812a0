"""Letters to the applicant, as a real SMTP server receives them: in their language, once, the pass attached."""

from __future__ import annotations

import pytest
from django.utils import translation

from pressdesk.accreditation import changes, services, tasks
from pressdesk.accreditation.models import HistoryEntry, Kind
from tests.conftest import run_queued_tasks

# The worker runs in its own transactions, as in production.
pytestmark = pytest.mark.django_db(transaction=True)


def test_the_applicant_gets_the_pass_by_email_in_their_language(office, smtp):
    accreditation = office.granted(kind=Kind.EVENT, event=office.event())
    assert run_queued_tasks() >= 1
    [letter] = smtp.messages
    assert letter["To"] == "madina@media.kz"
    assert accreditation.number in letter["Subject"]
    with translation.override("kk"):
        assert letter["Subject"].strip() == str(translation.gettext("Accreditation granted: pass %(number)s")) % {
            "number": accreditation.number
        }
    [pdf] = [part for part in letter.iter_attachments()]
    assert pdf.get_content_type() == "application/pdf"
    assert pdf.get_filename() == f"pass-{accreditation.number}-1.pdf"
    assert pdf.get_content().startswith(b"%PDF-")
    body = letter.get_body(("plain",)).get_content()
    assert "Мадина Әлиева" in body and "http://127.0.0.1:8000/kk/" in body and "/accreditation/" in body
    # The task run again finds the letter claimed: nothing goes twice.
    entry = HistoryEntry.objects.get(accreditation=accreditation)
    assert tasks.send_pass_letter.call(entry.pk) is False
    assert len(smtp.messages) == 1


def test_a_refusal_letter_names_the_reason_in_russian_for_a_russian_speaker(office, smtp):
    journalist, account = office.person("Олег Ким", language="ru")
    application = office.apply(journalist=journalist, account=account)
    services.application_reject(
        actor=office.officer, application=application, reason="not_outlet_journalist", note="Нет в штате."
    )
    run_queued_tasks()
    [letter] = smtp.messages
    body = letter.get_body(("plain",)).get_content()
    assert letter["To"] == account.email
    assert "Заявитель не является журналистом этого СМИ" in body and "Нет в штате." in body
    application.refresh_from_db()
    assert application.notified_at is not None


def test_suspension_and_revocation_letters_give_the_ground_and_a_reissue_sends_the_new_pass(office, smtp):
    accreditation = office.granted()
    run_queued_tasks()
    changes.accreditation_reissue(actor=office.officer, accreditation=accreditation, note="Жоғалған")
    run_queued_tasks()  # a pass goes only while it is in force: this one, before the suspension
    changes.accreditation_suspend(
        actor=office.officer, accreditation=accreditation, ground="editor_request", note="Редакция сұрады."
    )
    changes.accreditation_revoke(actor=office.secretary, accreditation=accreditation, ground="court_decision")
    run_queued_tasks()
    issued, reissued, suspended, revoked = smtp.messages
    assert [len(list(m.iter_attachments())) for m in smtp.messages] == [1, 1, 0, 0]
    assert next(reissued.iter_attachments()).get_filename() == f"pass-{accreditation.number}-2.pdf"
    assert "БАҚ редакциясының өтініші" in suspended.get_body(("plain",)).get_content()
    assert "Редакция сұрады." in suspended.get_body(("plain",)).get_content()
    assert "Заңды күшіне енген сот шешімі" in revoked.get_body(("plain",)).get_content()


def test_a_letter_the_server_refuses_is_tried_again_with_the_next_run(office, smtp, settings):
    port, settings.EMAIL_PORT = settings.EMAIL_PORT, 1  # nothing listens on port 1
    accreditation = office.granted()
    run_queued_tasks()
    entry = HistoryEntry.objects.get(accreditation=accreditation)
    assert entry.notified_at is None and smtp.messages == []
    settings.EMAIL_PORT = port
    assert tasks.send_pass_letter.call(entry.pk) is True
    assert len(smtp.messages) == 1
