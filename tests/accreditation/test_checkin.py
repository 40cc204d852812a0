"""The check-in page and its JSON: a pass typed at the door (no JavaScript needed), the uploads of a scanning device,
the lists a device keeps to judge offline; each refusal says why, and a retried upload counts once."""

from __future__ import annotations

import datetime
import json
import re
from html import unescape

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from django.test import Client
from django.utils import timezone, translation

from pressdesk.accreditation import changes, signing
from pressdesk.accreditation.checkin_api import MAX_BODY, MAX_SCANS
from pressdesk.accreditation.models import Accreditation, CheckIn, Kind, ScanResult
from pressdesk.core.models import Role
from tests.accreditation.office import nonce
from tests.conftest import verified_client

pytestmark = pytest.mark.django_db

PAGE = "/en/accreditation/check-in/"
SYNC = "/en/accreditation/check-in/sync"


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


@pytest.fixture
def door(office):
    return verified_client(office.officer)


def typed(client: Client, presented: str, *, event=None, gate: str = "Main entrance", nonce_: str = ""):
    """The check-in form sent as a browser without JavaScript sends it."""
    data = {
        "event": event.pk if event else "standing",
        "gate": gate,
        "presented": presented,
        "nonce": nonce_ or nonce(),
    }
    return client.post(PAGE, data)


def verdict(response) -> str:
    """The words of the verdict shown above the form, without markup."""
    html = response.content.decode()
    block = html[html.index('id="checkin-result"') : html.index('id="checkin-log"')].rsplit("<", 1)[0]
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", block.split(">", 1)[1])).split())


def uploaded(client: Client, scans: list[dict]):
    return client.post(SYNC, json.dumps({"scans": scans}), content_type="application/json")


def a_scan(presented: str, *, event=None, gate: str = "gate A", nonce_: str = "", at=None) -> dict:
    return {
        "nonce": nonce_ or nonce(),
        "presented": presented,
        "event": event.pk if event else None,
        "gate": gate,
        "scanned_at": (at or timezone.now()).isoformat(),
    }


def event_pass(office, event) -> Accreditation:
    """A pass for ``event``, granted while it was ahead and then the event made to run now (as on its day)."""
    accreditation = office.granted(kind=Kind.EVENT, event=event)
    today = timezone.localdate()
    Accreditation.objects.filter(pk=accreditation.pk).update(valid_from=today, valid_until=today)
    accreditation.refresh_from_db()
    return accreditation


# --- the page, without JavaScript ---------------------------------------------------------------------------------


def test_the_gate_chooses_todays_event_or_standing_passes_and_names_itself(office, door):
    today, later = office.event(running=True), office.event(days=2)
    page = door.get(PAGE).content.decode()
    assert "Briefing on public transport" in page and f'value="{today.pk}"' in page
    assert f'value="{later.pk}"' not in page and 'value="standing"' in page
    missing = door.get(PAGE, {"event": "standing", "gate": " "}).content.decode()
    assert "Name the gate" in missing
    scanner = door.get(PAGE, {"event": today.pk, "gate": "  Hall   B "}).content.decode()
    assert "gate “Hall B”" in scanner and 'name="presented"' in scanner and 'name="nonce"' in scanner
    config = json.loads(re.search(r'id="checkin-config" type="application/json">(.*?)</script>', scanner).group(1))
    assert config["event"] == today.pk and config["gate"] == "Hall B"
    assert config["keys"] == signing.public_jwks() and config["urls"]["sync"] == SYNC


def test_a_pass_typed_at_the_door_admits_then_says_when_it_came(office, door):
    accreditation = office.granted()
    first = typed(door, accreditation.number.lower())
    assert "Valid Valid: admitted." in verdict(first) and "Мадина Әлиева" in verdict(first)
    assert f'src="/en/accreditation/check-in/photo/{accreditation.pk}/"' in first.content.decode()
    admitted = CheckIn.objects.get(result=ScanResult.ADMITTED)
    assert (admitted.accreditation, admitted.gate, admitted.by) == (accreditation, "Main entrance", office.officer)
    second = typed(door, signing.token_for(accreditation))
    when = f"{timezone.localtime(admitted.scanned_at):%H:%M}"
    assert f"Already checked in Already checked in at {when}." in verdict(second)
    assert CheckIn.objects.filter(result=ScanResult.ALREADY).count() == 1


def test_a_form_sent_again_counts_once(office, door):
    accreditation = office.granted()
    again = nonce()
    typed(door, accreditation.number, nonce_=again)
    refreshed = typed(door, accreditation.number, nonce_=again)
    assert "Valid: admitted." in verdict(refreshed) and "recorded before: it is not counted again" in verdict(refreshed)
    assert CheckIn.objects.count() == 1
    fresh = re.search(r'name="nonce" value="([^"]+)"', refreshed.content.decode()).group(1)
    assert fresh != again  # the next pass gets a new nonce


def test_a_form_sent_again_for_another_pass_is_not_answered_with_the_first_verdict(office, door):
    admitted = office.granted()
    revoked = office.granted(journalist=office.person("Ерлан Сапаров")[0], account=None)
    changes.accreditation_revoke(actor=office.secretary, accreditation=revoked, ground="court_decision")
    used = nonce()
    typed(door, admitted.number, nonce_=used)
    other = typed(door, signing.token_for(revoked), nonce_=used)
    page = unescape(other.content.decode())
    assert "This scan code was already used for another pass: enter the pass again." in page
    assert 'id="checkin-result" class="checkin-result" role="status" aria-atomic="true"></div>' in page
    fresh = re.search(r'name="nonce" value="([^"]+)"', page).group(1)
    assert fresh != used
    assert "The accreditation is revoked." in verdict(typed(door, signing.token_for(revoked), nonce_=fresh))
    assert CheckIn.objects.count() == 2


@pytest.mark.parametrize(
    ("spoil", "refusal", "words"),
    [
        ("revoke", "revoked", "The accreditation is revoked."),
        ("suspend", "suspended", "The accreditation is suspended."),
        ("expire", "expired", "The pass has expired."),
        ("reissue", "reissued", "This pass was replaced by a new one"),
        ("alter", "forged", "The pass's signature does not match: it is forged or altered."),
        ("other key", "forged", "The pass's signature does not match"),
        ("unknown key", "unknown_key", "signed with a key this office does not know"),
        ("garbage", "malformed", "This is not a pass code."),
        ("no such number", "unknown_pass", "There is no pass with this number."),
    ],
)
def test_a_bad_pass_is_refused_with_its_reason(office, door, spoil, refusal, words):
    accreditation = office.granted()
    token = signing.token_for(accreditation)
    payload = signing.decode(token)[0]
    if spoil == "revoke":
        changes.accreditation_revoke(actor=office.secretary, accreditation=accreditation, ground="court_decision")
    elif spoil == "suspend":
        changes.accreditation_suspend(actor=office.officer, accreditation=accreditation, ground="editor_request")
    elif spoil == "expire":
        yesterday = timezone.localdate() - datetime.timedelta(days=1)
        Accreditation.objects.filter(pk=accreditation.pk).update(valid_from=yesterday, valid_until=yesterday)
        token = signing.token_for(Accreditation.objects.get(pk=accreditation.pk))
    elif spoil == "reissue":
        changes.accreditation_reissue(actor=office.officer, accreditation=accreditation)
    elif spoil == "alter":
        head, tail = token.split(".")
        altered = signing.Payload(**{**payload.__dict__, "number": "A-2026-99999"})
        token = f"{signing.b64url(altered.pack())}.{tail}"
    elif spoil == "other key":
        token = signing.sign(payload, key=Ed25519PrivateKey.generate())
    elif spoil == "unknown key":
        token = signing.sign(signing.Payload(**{**payload.__dict__, "kid": 9}), key=Ed25519PrivateKey.generate())
    elif spoil == "garbage":
        token = "http://example.com/?q=<script>alert(1)</script>"
    else:
        token = "A-1999-00001"
    response = typed(door, token)
    assert "Refused" in verdict(response) and words in verdict(response)
    assert "<script>alert" not in response.content.decode()
    assert CheckIn.objects.get().refusal == refusal and not CheckIn.objects.filter(result=ScanResult.ADMITTED).exists()


def test_an_event_pass_is_refused_at_another_event_and_at_the_entrance(office, door):
    briefing, other = office.event(running=True), office.event(running=True)
    token = signing.token_for(event_pass(office, briefing))
    assert "The pass is for another event." in verdict(typed(door, token, event=other))
    assert "The pass is for another event." in verdict(typed(door, token))
    assert "Valid: admitted." in verdict(typed(door, token, event=briefing))


def test_an_empty_or_endless_entry_is_answered_and_nothing_recorded(office, door):
    empty = typed(door, "   ").content.decode()
    assert "Type the pass number or paste its code." in empty
    endless = typed(door, "A" * 5000).content.decode()
    assert "far longer than any pass code" in endless
    assert not CheckIn.objects.exists()


def test_a_damaged_form_is_answered_and_the_next_try_is_a_scan_of_its_own(office, door):
    accreditation = office.granted()
    damaged = typed(door, accreditation.number, nonce_="no!").content.decode()
    assert "The form was damaged: enter the pass again." in damaged and 'value="no!"' not in damaged
    fresh = re.search(r'name="nonce" value="([^"]+)"', damaged).group(1)
    assert "Valid: admitted." in verdict(typed(door, accreditation.number, nonce_=fresh))
    assert CheckIn.objects.get().nonce == fresh


def test_only_staff_who_check_in_open_the_page(office, world):
    assert Client().get(PAGE).status_code == 302
    analyst = world.person("olga", Role.ANALYST, world.body)
    assert verified_client(analyst).get(PAGE).status_code == 403
    district = verified_client(world.person("timur", Role.UNIT_PRESS_SECRETARY, world.almaly))
    city_event = office.event(running=True)
    refused = unescape(district.get(PAGE, {"event": city_event.pk, "gate": "Main"}).content.decode())
    assert "Choose one of today's events or standing passes." in refused  # another unit's event is not offered


# --- what a device keeps ------------------------------------------------------------------------------------------


def test_the_keys_the_roster_and_the_revocation_list_are_private_and_current(office, door):
    event = office.event(running=True)
    standing, for_event = office.granted(), event_pass(office, event)
    keys = door.get("/en/accreditation/check-in/keys.json")
    assert keys.json() == {"keys": signing.public_jwks()} and keys["Cache-Control"] == "private, no-store"
    roster = door.get("/en/accreditation/check-in/roster.json", {"event": event.pk})
    assert roster["Cache-Control"] == "private, no-store"
    rows = {row["number"]: row for row in roster.json()["passes"]}
    assert set(rows) == {standing.number, for_event.number}
    assert rows[for_event.number] | {"photo": None} == {
        "id": for_event.pk,
        "number": for_event.number,
        "serial": 1,
        "name": for_event.journalist.full_name,
        "outlet": office.outlet.name,
        "photo": None,
        "kind": "event",
        "event": event.pk,
        "valid_from": timezone.localdate().isoformat(),
        "valid_until": timezone.localdate().isoformat(),
        "valid_until_text": rows[for_event.number]["valid_until_text"],
        "status": "active",
    }
    entrance = door.get("/en/accreditation/check-in/roster.json", {"event": "standing"}).json()
    assert [row["number"] for row in entrance["passes"]] == [standing.number]
    assert door.get("/en/accreditation/check-in/roster.json", {"event": "x"}).status_code == 404

    listed = door.get("/en/accreditation/check-in/revocations.json")
    assert listed["Cache-Control"] == "private, no-store" and listed.json()["passes"] == []
    unchanged = door.get("/en/accreditation/check-in/revocations.json", HTTP_IF_NONE_MATCH=listed["ETag"])
    assert unchanged.status_code == 304 and not unchanged.content
    changes.accreditation_revoke(actor=office.secretary, accreditation=standing, ground="court_decision")
    changed = door.get("/en/accreditation/check-in/revocations.json", HTTP_IF_NONE_MATCH=listed["ETag"])
    assert changed.status_code == 200 and changed["ETag"] != listed["ETag"]
    assert changed.json()["passes"] == [
        {"id": standing.pk, "number": standing.number, "serial": 1, "status": "revoked"}
    ]


def test_a_district_gate_sees_standing_passes_but_not_another_units_event_passes(
    office, world, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):  # the photo reaches storage on commit
        standing = office.granted()
    city_event = office.event(running=True)
    city_only = event_pass(office, city_event)
    district = verified_client(world.person("timur", Role.UNIT_PRESS_SECRETARY, world.almaly))
    photo = district.get(f"/en/accreditation/check-in/photo/{standing.pk}/")
    assert photo.status_code == 200 and photo["Content-Type"] == "image/jpeg"
    assert photo["Cache-Control"] == "private, no-store" and photo.content[:2] == b"\xff\xd8"
    assert district.get(f"/en/accreditation/check-in/photo/{city_only.pk}/").status_code == 404
    assert district.get("/en/accreditation/check-in/roster.json", {"event": city_event.pk}).status_code == 404
    assert district.get("/en/accreditation/check-in/roster.json", {"event": "standing"}).json()["passes"] == []


# --- uploads from a scanning device -------------------------------------------------------------------------------


def test_an_upload_sent_twice_counts_once(office, door):
    accreditation = office.granted()
    scan = a_scan(signing.token_for(accreditation))
    first = uploaded(door, [scan]).json()["results"]
    again = uploaded(door, [scan, scan]).json()["results"]
    assert first[0]["result"] == "admitted" and not first[0]["repeated"]
    assert [r["result"] for r in again] == ["admitted", "admitted"] and all(r["repeated"] for r in again)
    assert CheckIn.objects.get().nonce == scan["nonce"]
    assert first[0]["pass"]["number"] == accreditation.number and first[0]["message"] == "Valid: admitted."


def test_an_upload_reusing_a_nonce_for_another_scan_is_not_recorded(office, door):
    admitted = office.granted()
    revoked = office.granted(journalist=office.person("Ерлан Сапаров")[0], account=None)
    changes.accreditation_revoke(actor=office.secretary, accreditation=revoked, ground="court_decision")
    scan = a_scan(signing.token_for(admitted))
    uploaded(door, [scan])
    reused = uploaded(door, [{**scan, "presented": signing.token_for(revoked)}]).json()["results"][0]
    assert reused["result"] == "invalid" and reused["nonce"] == scan["nonce"]
    assert reused["message"] == "This scan code was already used for another pass: enter the pass again."
    by_another = uploaded(verified_client(office.secretary), [scan]).json()["results"][0]
    assert by_another["result"] == "invalid" and "pass" not in by_another
    assert CheckIn.objects.get().accreditation == admitted


def test_two_gates_scanning_one_pass_admit_it_once_and_the_second_learns_when(office, door):
    event = office.event(running=True)
    token = signing.token_for(office.granted_last_week())  # three minutes ago may be yesterday, just after midnight
    earlier = timezone.now() - datetime.timedelta(minutes=3)
    gate_a = uploaded(door, [a_scan(token, event=event, gate="gate A", at=earlier)]).json()["results"][0]
    gate_b = uploaded(verified_client(office.secretary), [a_scan(token, event=event, gate="gate B")]).json()
    assert gate_a["result"] == "admitted"
    assert gate_b["results"][0]["result"] == "already"
    assert gate_b["results"][0]["first_time"] == f"{timezone.localtime(earlier):%H:%M}"
    assert gate_b["results"][0]["message"] == f"Already checked in at {timezone.localtime(earlier):%H:%M}."
    assert CheckIn.objects.filter(result=ScanResult.ADMITTED).count() == 1


def test_scans_made_offline_are_judged_on_their_own_day_and_time(office, door):
    token = signing.token_for(office.granted_last_week())
    yesterday = timezone.now() - datetime.timedelta(days=1)
    results = uploaded(door, [a_scan(token, at=yesterday), a_scan(token)]).json()["results"]
    assert [r["result"] for r in results] == ["admitted", "admitted"]  # an entrance admits once a day per gate
    assert CheckIn.objects.order_by("scanned_at").first().scanned_at == yesterday


def test_a_scan_uploaded_days_later_is_not_recorded_and_the_device_is_told_why(office, door):
    token = signing.token_for(office.granted())
    stale = a_scan(token, at=timezone.now() - datetime.timedelta(days=3))
    [answer] = uploaded(door, [stale]).json()["results"]
    assert (answer["result"], answer["nonce"]) == ("invalid", stale["nonce"])
    assert answer["message"] == "This scan was made more than 2 days ago: it is too old to be counted."
    assert not CheckIn.objects.exists()


def test_each_scan_of_garbage_gets_its_own_reason_and_the_rest_still_count(office, door):
    token = signing.token_for(office.granted())
    good = a_scan(token)
    scans = [
        a_scan("%PDF-1.4 garbage"),
        {**a_scan(token), "nonce": "short"},
        {**a_scan(token), "scanned_at": "yesterday at noon"},
        {**a_scan(token), "scanned_at": "2026-05-04T10:52:00"},
        {**a_scan(token), "event": "12"},
        {**a_scan(token), "event": 999_999},
        {**a_scan(token), "gate": ""},
        {**a_scan(token), "presented": None},
        "not a scan",
        good,
    ]
    results = uploaded(door, scans).json()["results"]
    assert len(results) == len(scans)
    assert (results[0]["result"], results[0]["refusal"], results[0]["message"]) == (
        "refused",
        "malformed",
        "This is not a pass code.",
    )
    invalid = [r["message"] for r in results[1:9]]
    assert [r["result"] for r in results[1:9]] == ["invalid"] * 8
    assert invalid[0].startswith("Each scan needs its own code")
    assert invalid[1] == "The scan's time is not a date and time." and invalid[2] == "The scan's time has no time zone."
    assert invalid[3] == "The scan's event is not an event's number."
    assert invalid[4] == "There is no such event among those you check journalists in at."
    assert invalid[5].startswith("Name the gate") and invalid[6] == "The scan says nothing about what was read."
    assert results[8]["nonce"] is None
    assert results[9]["result"] == "admitted" and results[9]["nonce"] == good["nonce"]
    assert CheckIn.objects.count() == 2  # the garbage code and the good scan; the invalid ones are not scans


def test_an_upload_that_is_not_a_list_of_scans_is_refused_whole(office, door):
    assert door.post(SYNC, "scans=1", content_type="application/x-www-form-urlencoded").status_code == 415
    not_json = door.post(SYNC, "{scans: [", content_type="application/json")
    assert not_json.status_code == 400 and not_json.json() == {"error": "The upload is not JSON."}
    assert door.post(SYNC, "[]", content_type="application/json").json() == {
        "error": "The upload has no list of scans."
    }
    too_many = uploaded(door, [a_scan("A-2026-00001")] * (MAX_SCANS + 1))
    assert too_many.status_code == 413 and "at most 100 scans" in too_many.json()["error"]
    huge = door.post(SYNC, json.dumps({"scans": [], "pad": "x" * MAX_BODY}), content_type="application/json")
    assert huge.status_code == 413
    assert door.get(SYNC).status_code == 405
    assert not CheckIn.objects.exists()


def test_an_upload_needs_the_session_and_its_csrf_token(office):
    scan = a_scan(signing.token_for(office.granted()))
    assert uploaded(Client(), [scan]).status_code == 302  # to the sign-in
    guarded = verified_client(office.officer)
    guarded.handler.enforce_csrf_checks = True
    assert uploaded(guarded, [scan]).status_code == 403
    guarded.get(PAGE, {"event": "standing", "gate": "Main"})
    token = guarded.cookies["csrftoken"].value
    body = json.dumps({"scans": [scan]})
    accepted = guarded.post(SYNC, body, content_type="application/json", HTTP_X_CSRFTOKEN=token)
    assert accepted.status_code == 200 and accepted["Cache-Control"] == "private, no-store"
    assert CheckIn.objects.filter(nonce=scan["nonce"]).exists()


def test_a_staff_member_without_the_role_uploads_nothing(office, world):
    scan = a_scan(signing.token_for(office.granted()))
    analyst = verified_client(world.person("olga", Role.ANALYST, world.body))
    assert uploaded(analyst, [scan]).status_code == 403
    assert not CheckIn.objects.exists()


def test_a_districts_entrance_refuses_the_citys_standing_pass_online_and_knows_it_offline(office, world):
    city = office.granted()
    district_person = world.person("timur", Role.UNIT_PRESS_SECRETARY, world.almaly)
    district = verified_client(district_person)
    scan = a_scan(signing.token_for(city))
    answer = uploaded(district, [scan]).json()["results"][0]
    assert (answer["result"], answer["refusal"]) == ("refused", "other_unit")
    assert answer["message"] == "The pass was issued by another unit: it is checked at that unit's entrances."
    assert CheckIn.objects.get().by == district_person
    entrance = district.get("/en/accreditation/check-in/roster.json", {"event": "standing"}).json()
    assert entrance["passes"] == [] and entrance["elsewhere"] == [{"id": city.pk, "number": city.number}]
    at_event = verified_client(office.officer).get(
        "/en/accreditation/check-in/roster.json", {"event": office.event(running=True).pk}
    )
    assert at_event.json()["elsewhere"] == []  # every unit's standing pass admits at an event
