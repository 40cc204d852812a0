"""At the door: the first valid scan admits, a second says when the first was, and every bad pass is refused."""

from __future__ import annotations

import datetime

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from django.utils import timezone, translation

from pressdesk.accreditation import changes, gate, signing
from pressdesk.accreditation.models import Accreditation, Change, CheckIn, HistoryEntry, Kind, ScanResult
from pressdesk.core.models import Role
from pressdesk.core.services import DomainError

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


def at(hour: int, minute: int, days_ago: int = 1) -> datetime.datetime:
    """A moment of a past day in Almaty: scans uploaded later, as after a network drop (a device's future is now)."""
    day = timezone.localdate() - datetime.timedelta(days=days_ago)
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour, minute)))


def test_the_first_scan_admits_and_the_second_says_when(office):
    accreditation = office.granted_last_week()
    token = signing.token_for(accreditation)
    first = office.scan(token, at=at(10, 52))
    assert (first.result, first.message) == (ScanResult.ADMITTED, "Valid: admitted.")
    assert first.accreditation == accreditation and first.check_in.serial == 1
    second = office.scan(token, at=at(11, 5))
    assert second.result == ScanResult.ALREADY
    assert second.message == "Already checked in at 10:52."
    assert CheckIn.objects.filter(result=ScanResult.ADMITTED).count() == 1


def test_a_retried_upload_counts_once_and_answers_the_same(office):
    token = signing.token_for(office.granted())
    first = office.scan(token, nonce_="gate1-0001-abcdef")
    again = office.scan(token, nonce_="gate1-0001-abcdef")
    assert again.repeated and not first.repeated
    assert again.result == ScanResult.ADMITTED and again.check_in.pk == first.check_in.pk
    assert CheckIn.objects.count() == 1


def test_an_event_pass_admits_at_its_event_once_and_nowhere_else(office):
    event, other = office.event(running=True), office.event(days=1)
    accreditation = office.granted(kind=Kind.EVENT, event=event)
    token = signing.token_for(accreditation)
    assert office.scan(token, event=event).result == ScanResult.ADMITTED
    assert office.scan(token, event=event, gate_name="side door").result == ScanResult.ALREADY
    wrong = office.scan(token, event=other)
    assert (wrong.refusal, wrong.message) == (gate.WRONG_EVENT, "The pass is for another event.")
    assert office.scan(token).refusal == gate.WRONG_EVENT  # a building's gate takes standing passes only


def test_a_standing_pass_admits_at_any_event_and_once_a_day_per_gate(office):
    token = signing.token_for(office.granted_last_week())
    event = office.event(running=True)
    assert office.scan(token, event=event).result == ScanResult.ADMITTED
    assert office.scan(token, gate_name="main", at=at(9, 0)).result == ScanResult.ADMITTED
    assert office.scan(token, gate_name="main", at=at(13, 0)).result == ScanResult.ALREADY
    assert office.scan(token, gate_name="press centre", at=at(13, 5)).result == ScanResult.ADMITTED
    assert office.scan(token, gate_name="main").result == ScanResult.ADMITTED  # today: another day


def test_the_number_typed_by_hand_is_enough(office):
    accreditation = office.granted()
    typed = accreditation.number.lower().replace("-", " ").replace("a 2", "a-2", 1)
    scan = office.scan(typed)
    assert scan.result == ScanResult.ADMITTED and scan.accreditation == accreditation
    assert office.scan(f"A-{accreditation.valid_from.year}-99999").refusal == gate.UNKNOWN_PASS


def test_suspended_and_revoked_passes_are_refused_and_resuming_lets_them_in(office):
    accreditation = office.granted()
    token = signing.token_for(accreditation)
    changes.accreditation_suspend(actor=office.officer, accreditation=accreditation, ground="editor_request")
    assert office.scan(token).message == "The accreditation is suspended."
    changes.accreditation_resume(actor=office.officer, accreditation=accreditation)
    assert office.scan(token).result == ScanResult.ADMITTED
    changes.accreditation_revoke(actor=office.secretary, accreditation=accreditation, ground="court_decision")
    scan = office.scan(token, gate_name="other")
    assert (scan.result, scan.refusal) == (ScanResult.REFUSED, gate.REVOKED)
    assert office.scan(accreditation.number, gate_name="third").refusal == gate.REVOKED


def test_after_a_reissue_the_old_pass_is_refused_and_the_new_one_admits(office):
    accreditation = office.granted()
    old = signing.token_for(accreditation)
    changes.accreditation_reissue(actor=office.officer, accreditation=accreditation, note="Lost")
    accreditation.refresh_from_db()
    new = signing.token_for(accreditation)
    scan = office.scan(old)
    assert scan.refusal == gate.REISSUED and "replaced by a new one" in scan.message
    assert office.scan(new).result == ScanResult.ADMITTED


def test_a_reissued_pass_typed_by_hand_needs_its_issue_as_printed(office):
    accreditation = office.granted()
    assert office.scan(f"{accreditation.number}/1").result == ScanResult.ADMITTED  # the first issue, either way
    changes.accreditation_reissue(actor=office.officer, accreditation=accreditation, note="Lost")
    accreditation.refresh_from_db()
    assert accreditation.printed_number == f"{accreditation.number}/2"
    bare = office.scan(accreditation.number, gate_name="side door")  # what a lost first card says
    assert (bare.result, bare.refusal) == (ScanResult.REFUSED, gate.ISSUE_NEEDED)
    assert bare.message.startswith("This pass was re-issued: type the number with its issue, as printed")
    assert office.scan(f"{accreditation.number}/1", gate_name="side door").refusal == gate.REISSUED
    assert office.scan(f"{accreditation.number}/3", gate_name="side door").refusal == gate.UNKNOWN_PASS
    typed = office.scan(f" {accreditation.number.lower()} / 2 ", gate_name="side door")
    assert typed.result == ScanResult.ADMITTED and typed.check_in.serial == 2


def test_an_expired_pass_is_refused_by_its_date_and_by_its_status(office):
    accreditation = office.granted()
    Accreditation.objects.filter(pk=accreditation.pk).update(
        valid_from=timezone.localdate() - datetime.timedelta(days=30),
        valid_until=timezone.localdate() - datetime.timedelta(days=1),
    )
    accreditation.refresh_from_db()
    by_date = office.scan(signing.token_for(accreditation))  # still "active": the token's own date refuses it
    assert (by_date.refusal, by_date.accreditation) == (signing.EXPIRED, accreditation)
    assert changes.expire_due() == 1 and changes.expire_due() == 0
    assert office.scan(accreditation.number).message == "The pass has expired."


def test_a_device_clock_ahead_is_taken_as_now_and_an_offline_scan_is_judged_on_its_day(office):
    accreditation = office.granted_last_week()  # forty minutes ago may be yesterday
    token = signing.token_for(accreditation)
    ahead = office.scan(token, at=timezone.now() + datetime.timedelta(days=3))
    assert ahead.check_in.scanned_at <= timezone.now() and ahead.result == ScanResult.ADMITTED
    earlier = timezone.now() - datetime.timedelta(minutes=40)
    synced = office.scan(token, gate_name="annex", at=earlier)
    assert synced.check_in.scanned_at == earlier and synced.check_in.received_at > earlier


def test_a_scan_older_than_two_days_is_refused_and_not_recorded(office, settings):
    token = signing.token_for(office.granted_last_week())
    now = timezone.now()
    with pytest.raises(DomainError, match="more than 2 days ago: it is too old to be counted"):
        office.scan(token, at=now - datetime.timedelta(days=2, minutes=1))
    assert not CheckIn.objects.exists()
    assert office.scan(token, at=now - datetime.timedelta(days=1, hours=23)).result == ScanResult.ADMITTED
    settings.ACCREDITATION_SCAN_MAX_AGE_DAYS = 7
    assert office.scan(token, gate_name="annex", at=now - datetime.timedelta(days=6)).result == ScanResult.ADMITTED


def test_forged_foreign_and_garbage_scans_are_refused_and_recorded(office):
    accreditation = office.granted()
    token = signing.token_for(accreditation)
    head, tail = token.split(".")
    forged = signing.b64url(
        signing.Payload.unpack(signing.unb64url(head))
        .__class__(**{**signing.decode(token)[0].__dict__, "pass_id": accreditation.pk + 1})
        .pack()
    )
    assert office.scan(f"{forged}.{tail}").message == "The pass's signature does not match: it is forged or altered."
    stranger = signing.sign(signing.decode(token)[0], key=Ed25519PrivateKey.generate())
    assert office.scan(stranger).refusal == signing.FORGED
    garbage = office.scan("http://example.com/?q=<script>")
    assert (garbage.refusal, garbage.message) == (signing.MALFORMED, "This is not a pass code.")
    assert garbage.accreditation is None and garbage.check_in.presented.startswith("http://example.com")
    assert CheckIn.objects.filter(result=ScanResult.REFUSED).count() == 3
    assert not CheckIn.objects.filter(result=ScanResult.ADMITTED).exists()


def test_only_staff_with_the_role_check_in_and_each_scan_needs_a_nonce(office, world):
    token = signing.token_for(office.granted())
    analyst = world.person("olga", Role.ANALYST, world.body)
    with pytest.raises(DomainError, match="do not allow checking journalists in"):
        office.scan(token, user=analyst)
    with pytest.raises(DomainError, match="Each scan needs its own code"):
        office.scan(token, nonce_="short")
    assert not CheckIn.objects.exists()


def test_a_districts_entrance_refuses_the_citys_standing_pass_and_records_the_scan(office, world):
    accreditation = office.granted()
    district = world.person("timur", Role.UNIT_PRESS_SECRETARY, world.almaly)
    scan = office.scan(signing.token_for(accreditation), user=district)
    assert (scan.result, scan.refusal, scan.accreditation) == (ScanResult.REFUSED, gate.OTHER_UNIT, accreditation)
    assert scan.message == "The pass was issued by another unit: it is checked at that unit's entrances."
    assert office.scan(accreditation.number, user=district).refusal == gate.OTHER_UNIT
    assert CheckIn.objects.filter(result=ScanResult.REFUSED, by=district).count() == 2
    assert office.scan(signing.token_for(accreditation)).result == ScanResult.ADMITTED  # the city's own entrance


def test_the_revocation_list_names_what_a_gate_must_refuse_offline(office):
    kept = office.granted()
    suspended = office.granted(journalist=office.person("Ерлан Сапаров")[0], account=None)
    revoked = office.granted(journalist=office.person("Әсел Бекова")[0], account=None)
    reissued = office.granted(journalist=office.person("Олег Ким")[0], account=None)
    long_over = office.granted(journalist=office.person("Дина Ли")[0], account=None)
    changes.accreditation_suspend(actor=office.officer, accreditation=suspended, ground="editor_request")
    changes.accreditation_revoke(actor=office.secretary, accreditation=revoked, ground="court_decision")
    changes.accreditation_reissue(actor=office.officer, accreditation=reissued)
    changes.accreditation_revoke(actor=office.secretary, accreditation=long_over, ground="outlet_closed")
    Accreditation.objects.filter(pk=long_over.pk).update(
        valid_from=timezone.localdate() - datetime.timedelta(days=90),
        valid_until=timezone.localdate() - datetime.timedelta(days=1),
    )
    listed = gate.revocation_list()
    assert {(p["id"], p["serial"], p["status"]) for p in listed["passes"]} == {
        (suspended.pk, 1, "suspended"),
        (revoked.pk, 1, "revoked"),
        (reissued.pk, 2, "active"),
    }
    assert kept.pk not in {p["id"] for p in listed["passes"]}


def test_the_revocation_lists_version_changes_with_a_revocation_whatever_order_changes_commit_in(office):
    kept = office.granted()
    revoked = office.granted(journalist=office.person("Ерлан Сапаров")[0], account=None)
    # A change made by a transaction that began later but committed first holds the highest history number…
    HistoryEntry.objects.create(pk=1_000_000, accreditation=kept, change=Change.RESUMED, serial=1)
    before = gate.revocation_list()["version"]
    changes.accreditation_revoke(actor=office.secretary, accreditation=revoked, ground="court_decision")
    # …and the revocation, numbered earlier, commits after a gate has read the list.
    HistoryEntry.objects.filter(accreditation=revoked, change=Change.REVOKED).update(id=999_999)
    after = gate.revocation_list()
    assert after["version"] != before and revoked.pk in {p["id"] for p in after["passes"]}
    assert gate.revocation_list()["version"] == after["version"]  # the same list, the same version


def test_a_nonce_answers_again_only_for_the_same_scan(office, world):
    good = office.granted()
    revoked = office.granted(journalist=office.person("Ерлан Сапаров")[0], account=None)
    changes.accreditation_revoke(actor=office.secretary, accreditation=revoked, ground="court_decision")
    event = office.event(running=True)
    token = signing.token_for(good)
    assert office.scan(token, nonce_="same-nonce-0001").result == ScanResult.ADMITTED
    reused = "This scan code was already used for another pass: enter the pass again."
    with pytest.raises(DomainError, match=reused):  # a revoked pass is not answered "admitted"
        office.scan(signing.token_for(revoked), nonce_="same-nonce-0001")
    with pytest.raises(DomainError, match=reused):
        office.scan(good.number, nonce_="same-nonce-0001")  # the same pass read another way
    with pytest.raises(DomainError, match=reused):
        office.scan(token, nonce_="same-nonce-0001", gate_name="side door")
    with pytest.raises(DomainError, match=reused):
        office.scan(token, nonce_="same-nonce-0001", event=event)
    with pytest.raises(DomainError, match=reused):  # nobody learns another staff member's verdict
        office.scan("garbage", nonce_="same-nonce-0001", user=office.secretary)
    assert office.scan(token, nonce_="same-nonce-0001").repeated
    assert CheckIn.objects.count() == 1
