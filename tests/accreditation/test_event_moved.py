"""An event that moves takes its accreditation along: open applications and passes are dated for the new day, the
card printed for the old day is refused as replaced, and each holder gets the new pass by letter."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone, translation

from pressdesk.accreditation import changes, gate, signing
from pressdesk.accreditation.models import Accreditation, Change, Kind, ScanResult
from tests.conftest import run_queued_tasks

pytestmark = pytest.mark.django_db(transaction=True)  # the letters go from the worker, after the commit


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


def test_a_moved_event_reissues_its_passes_for_the_new_day_and_tells_the_holders(office, smtp):
    event = office.event(days=6)
    accreditation = office.granted(kind=Kind.EVENT, event=event)
    old_token = signing.token_for(accreditation)
    waiting = office.apply(journalist=office.person("Ерлан Сапаров")[0], kind=Kind.EVENT, event=event)
    run_queued_tasks()
    smtp.messages.clear()

    office.move(event, days=-4)  # brought forward: the review is due by the new day
    new_day = timezone.localdate() + datetime.timedelta(days=2)
    accreditation.refresh_from_db()
    assert (accreditation.valid_from, accreditation.valid_until, accreditation.serial) == (new_day, new_day, 2)
    assert accreditation.history.last().change == Change.MOVED
    waiting.refresh_from_db()
    assert (waiting.requested_from, waiting.requested_until) == (new_day, new_day)
    assert waiting.review_due == new_day

    new_token = signing.token_for(accreditation)
    assert signing.verify(new_token, today=new_day).serial == 2  # what a gate checks on the new day
    assert office.scan(new_token, event=event).refusal == signing.NOT_YET_VALID  # dated for the new day, not today
    old = office.scan(old_token, event=event)
    assert (old.result, old.refusal) == (ScanResult.REFUSED, gate.REISSUED)
    assert "replaced by a new one" in old.message
    listed = {p["id"]: p["serial"] for p in gate.revocation_list()["passes"]}
    assert listed[accreditation.pk] == 2  # devices refuse the old card offline too

    run_queued_tasks()
    [letter] = smtp.messages
    assert letter["To"] == "madina@media.kz"
    [pdf] = letter.iter_attachments()
    assert pdf.get_filename() == f"pass-{accreditation.number}-2.pdf"
    body = letter.get_body(("plain",)).get_content()
    starts = timezone.localtime(Accreditation.objects.get(pk=accreditation.pk).event.starts_at)
    assert f"{starts:%d.%m.%Y %H:%M}" in body and f"{new_day:%d.%m.%Y}" in body


def test_a_move_within_the_same_day_changes_no_pass(office, smtp):
    event = office.event(days=3)
    accreditation = office.granted(kind=Kind.EVENT, event=event)
    run_queued_tasks()
    smtp.messages.clear()
    office.move(event, hours=2)
    accreditation.refresh_from_db()
    assert accreditation.serial == 1 and accreditation.history.count() == 1
    run_queued_tasks()
    assert smtp.messages == []


def test_a_suspended_pass_is_redated_and_its_holder_told_without_a_pass(office, smtp):
    event = office.event(days=3)
    accreditation = office.granted(kind=Kind.EVENT, event=event)
    changes.accreditation_suspend(actor=office.officer, accreditation=accreditation, ground="editor_request")
    run_queued_tasks()
    smtp.messages.clear()
    office.move(event, days=1)
    accreditation.refresh_from_db()
    assert accreditation.serial == 2 and accreditation.status == "suspended"
    run_queued_tasks()
    [letter] = smtp.messages
    assert list(letter.iter_attachments()) == []
    with translation.override("kk"):  # the holder's language
        told = translation.gettext(
            "Your accreditation is suspended: when it is resumed, download the new pass from the journalists' portal. "
            "The old pass is no longer accepted."
        )
    assert told in letter.get_body(("plain",)).get_content()
