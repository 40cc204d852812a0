"""Check-in at the door in real Chromium: passes judged on the device (WebCrypto, the cached revocation list) and
uploaded once, scanning on through a network drop; and the plain form without JavaScript. Axe on each state."""

from __future__ import annotations

import re

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from pressdesk.accreditation import changes, signing
from pressdesk.accreditation.models import Accreditation, CheckIn, Kind, ScanResult
from pressdesk.core.models import Role
from tests.accreditation.office import Office, own_keys
from tests.browser.browsing import (
    assert_accessible,
    click_and_check,
    needs_chromium,
    sign_in_with_cookie,
    track_loads,
    unchecked,
    visit,
)

pytestmark = [pytest.mark.browser, needs_chromium]


@pytest.fixture(autouse=True)
def _own_keys(settings, tmp_path):
    own_keys(settings, tmp_path / "pass-keys")


@pytest.fixture
def office(world) -> Office:
    return Office(world)


@pytest.fixture
def plain_page(chromium, site_url) -> Page:
    """A page whose own scripts never load (the form goes to the server as without JavaScript); axe still runs."""
    context = chromium.new_context(base_url=site_url)
    context.route("**/static/accreditation/*.js", lambda route: route.abort())
    page = context.new_page()
    track_loads(page)
    yield page
    never_checked = unchecked.pop(page, None)
    context.close()
    assert never_checked is None, f"{never_checked} was loaded but never checked with axe"


@pytest.fixture
def no_script_page(chromium, site_url) -> Page:
    """JavaScript switched off in the browser: axe (a script) cannot run here, so the plain page is checked above."""
    context = chromium.new_context(base_url=site_url, java_script_enabled=False)
    yield context.new_page()
    context.close()


def another(office: Office, name: str, **overrides):
    return office.granted(journalist=office.person(name)[0], account=None, **overrides)


def open_gate(page: Page, where: str, gate: str = "Main entrance") -> None:
    visit(page, "/en/accreditation/check-in/")
    page.get_by_label(where).check()
    page.get_by_label("Gate").fill(gate)
    click_and_check(page, page.get_by_role("button", name="Start checking in"))


def enter(page: Page, presented: str) -> None:
    page.get_by_label("Pass number or code").fill(presented)
    page.get_by_role("button", name="Check the pass").click()


def test_passes_are_judged_on_the_device_and_uploaded_once_through_a_network_drop(page: Page, site_url, office):
    madina = office.granted()
    revoked = another(office, "Ерлан Сапаров")
    replaced = another(office, "Дина Ли")
    old_card = signing.token_for(replaced)
    later = another(office, "Әсел Бекова")
    elsewhere = another(office, "Олег Ким", kind=Kind.EVENT, event=office.event(days=2))
    Accreditation.objects.filter(pk=elsewhere.pk).update(valid_from=timezone.localdate())  # as on the event's day
    elsewhere.refresh_from_db()
    token = signing.token_for(madina)
    sign_in_with_cookie(page, office.officer, site_url)
    open_gate(page, "Standing passes (at a building's entrance)")
    status, result = page.locator("#checkin-connection"), page.locator("#checkin-result .verdict")
    expect(status).to_contain_text("List of withdrawn passes as of")
    expect(status).to_have_attribute("data-roster", "4")  # every pass valid and of the first issue, for now

    enter(page, token)
    expect(result).to_have_attribute("data-source", "server")
    expect(result).to_have_attribute("data-result", "admitted")
    expect(result).to_contain_text("Мадина Әлиева")
    expect(page.get_by_role("img", name="Photo of Мадина Әлиева")).to_be_visible()
    assert_accessible(page)
    first = CheckIn.objects.get()
    assert (first.result, first.accreditation, first.gate) == (ScanResult.ADMITTED, madina, "Main entrance")

    enter(page, madina.number)
    expect(result).to_have_attribute("data-result", "already")
    expect(result).to_contain_text(f"Already checked in at {timezone.localtime(first.scanned_at):%H:%M}.")

    # Revoked and re-issued after the device kept its roster, which it cannot fetch again: only the revocation
    # list says so (the roster it holds still has both as valid, of the first issue).
    changes.accreditation_revoke(actor=office.secretary, accreditation=revoked, ground="court_decision")
    changes.accreditation_reissue(actor=office.officer, accreditation=replaced)
    roster = re.compile(r"/check-in/roster\.json")
    page.route(roster, lambda route: route.abort())
    page.reload()
    expect(status).to_have_attribute("data-withdrawn", "2")
    expect(status).to_have_attribute("data-roster", "4")

    page.context.set_offline(True)
    enter(page, signing.token_for(revoked))
    expect(result).to_have_attribute("data-refusal", "revoked")
    expect(result).to_have_attribute("data-source", "device")
    expect(result).to_contain_text("The accreditation is revoked.")
    expect(result).to_contain_text("Ерлан Сапаров")  # from the roster kept on the device
    enter(page, old_card)
    expect(result).to_have_attribute("data-refusal", "reissued")
    expect(result).to_contain_text("This pass was replaced by a new one")
    payload, tail = signing.decode(token)[0], token.split(".")[1]
    altered = signing.Payload(**{**payload.__dict__, "number": "A-2026-99999"})
    enter(page, f"{signing.b64url(altered.pack())}.{tail}")
    expect(result).to_have_attribute("data-refusal", "forged")
    enter(page, signing.token_for(elsewhere))
    expect(result).to_have_attribute("data-refusal", "wrong_event")
    enter(page, signing.token_for(later))
    expect(result).to_have_attribute("data-result", "admitted")
    expect(result).to_have_attribute("data-source", "device")
    expect(result).to_contain_text("Checked on this device.")
    expect(status).to_have_attribute("data-waiting", "5")
    expect(status).to_contain_text("Offline")
    assert_accessible(page)
    assert CheckIn.objects.count() == 2  # nothing reached the server

    page.unroute(roster)
    page.context.set_offline(False)
    expect(status).to_have_attribute("data-waiting", "0", timeout=15_000)
    expect(status).to_contain_text("Online.")
    expect(result).to_have_attribute("data-source", "server")
    rows = CheckIn.objects.order_by("pk")
    assert rows.count() == 7 and len({row.nonce for row in rows}) == 7
    assert [(row.result, row.refusal) for row in rows[2:]] == [
        (ScanResult.REFUSED, "revoked"),
        (ScanResult.REFUSED, "reissued"),
        (ScanResult.REFUSED, "forged"),
        (ScanResult.REFUSED, "wrong_event"),
        (ScanResult.ADMITTED, ""),
    ]
    expect(page.locator("#checkin-log tbody tr")).to_have_count(5)  # the scans since the page was loaded
    page.reload()  # nothing left in the queue to send again
    assert_accessible(page)
    expect(status).to_have_attribute("data-waiting", "0")
    assert CheckIn.objects.count() == 7


def test_a_districts_entrance_refuses_another_units_pass_offline_as_the_server_does(
    page: Page, site_url, office, world
):
    city = office.granted()
    timur = world.person("timur", Role.UNIT_PRESS_SECRETARY, world.almaly)
    sign_in_with_cookie(page, timur, site_url)
    open_gate(page, "Standing passes (at a building's entrance)")
    status, result = page.locator("#checkin-connection"), page.locator("#checkin-result .verdict")
    expect(status).to_have_attribute("data-elsewhere", "1")  # the city's pass: known to be another unit's
    late = another(office, "Әсел Бекова", unit=world.almaly)  # the district's own, issued after the roster came

    page.context.set_offline(True)
    enter(page, signing.token_for(city))
    expect(result).to_have_attribute("data-refusal", "other_unit")
    expect(result).to_have_attribute("data-source", "device")
    expect(result).to_contain_text("The pass was issued by another unit")
    enter(page, city.number)
    expect(result).to_have_attribute("data-refusal", "other_unit")
    enter(page, signing.token_for(late))
    expect(result).to_have_attribute("data-result", "pending")  # not on this device's lists: not judged here
    assert_accessible(page)

    page.context.set_offline(False)
    expect(status).to_have_attribute("data-waiting", "0", timeout=15_000)
    assert [(row.result, row.refusal) for row in CheckIn.objects.order_by("pk")] == [
        (ScanResult.REFUSED, "other_unit"),
        (ScanResult.REFUSED, "other_unit"),
        (ScanResult.ADMITTED, ""),
    ]


def test_a_reissued_pass_typed_without_its_issue_is_refused_on_the_device_and_the_server(page: Page, site_url, office):
    madina = office.granted()
    changes.accreditation_reissue(actor=office.officer, accreditation=madina)
    madina.refresh_from_db()
    sign_in_with_cookie(page, office.officer, site_url)
    open_gate(page, "Standing passes (at a building's entrance)")
    status, result = page.locator("#checkin-connection"), page.locator("#checkin-result .verdict")
    expect(status).to_have_attribute("data-roster", "1")

    page.context.set_offline(True)
    enter(page, madina.number)  # a lost first card says no more than this
    expect(result).to_have_attribute("data-refusal", "issue_needed")
    expect(result).to_contain_text("type the number with its issue")
    enter(page, f"{madina.number}/1")
    expect(result).to_have_attribute("data-refusal", "reissued")
    enter(page, f"{madina.number}/2")
    expect(result).to_have_attribute("data-result", "admitted")
    expect(result).to_have_attribute("data-source", "device")

    page.context.set_offline(False)
    expect(status).to_have_attribute("data-waiting", "0", timeout=15_000)
    assert [(row.result, row.refusal) for row in CheckIn.objects.order_by("pk")] == [
        (ScanResult.REFUSED, "issue_needed"),
        (ScanResult.REFUSED, "reissued"),
        (ScanResult.ADMITTED, ""),
    ]


STORED = "Object.keys(localStorage).filter(key => key.startsWith('pressdesk.checkin.')).sort()"


def test_a_shared_device_keeps_nobody_elses_lists_and_every_unsent_scan(page: Page, site_url, office):
    madina = office.granted()
    officer, secretary = f"pressdesk.checkin.{office.officer.pk}.", f"pressdesk.checkin.{office.secretary.pk}."
    sync = re.compile(r"/check-in/sync")
    page.route(sync, lambda route: route.abort())  # the server takes no scans for now
    sign_in_with_cookie(page, office.officer, site_url)
    open_gate(page, "Standing passes (at a building's entrance)")
    status, result = page.locator("#checkin-connection"), page.locator("#checkin-result .verdict")
    expect(status).to_have_attribute("data-roster", "1")
    enter(page, madina.number)
    expect(result).to_have_attribute("data-result", "admitted")
    expect(status).to_have_attribute("data-waiting", "1")
    assert {f"{officer}roster.standing", f"{officer}revocations", f"{officer}memory"} <= set(page.evaluate(STORED))

    with page.expect_navigation():
        page.get_by_role("button", name="Sign out").click()
    assert page.evaluate(STORED) == [f"{officer}queue"]  # lists and memory gone; the unsent scan waits for its maker

    sign_in_with_cookie(page, office.officer, site_url)  # back, and then someone else takes the phone
    open_gate(page, "Standing passes (at a building's entrance)")
    expect(status).to_have_attribute("data-roster", "1")
    sign_in_with_cookie(page, office.secretary, site_url)
    open_gate(page, "Standing passes (at a building's entrance)")
    expect(status).to_have_attribute("data-roster", "1")
    expect(status).to_have_attribute("data-waiting", "0")  # not the officer's scan
    stored = page.evaluate(STORED)
    assert [key for key in stored if key.startswith(officer)] == [f"{officer}queue"]
    assert f"{secretary}roster.standing" in stored

    page.unroute(sync)
    sign_in_with_cookie(page, office.officer, site_url)
    open_gate(page, "Standing passes (at a building's entrance)")
    expect(status).to_have_attribute("data-waiting", "0", timeout=15_000)
    assert CheckIn.objects.get().by == office.officer  # sent by the one who made it
    assert not [key for key in page.evaluate(STORED) if key.startswith(secretary)]


def test_without_its_scripts_the_form_is_judged_by_the_server(plain_page: Page, site_url, office):
    page = plain_page
    madina = office.granted()
    sign_in_with_cookie(page, office.officer, site_url)
    open_gate(page, "Standing passes (at a building's entrance)", gate="Side door")
    page.get_by_label("Pass number or code").fill(madina.number)
    click_and_check(page, page.get_by_role("button", name="Check the pass"))
    verdict = page.locator("#checkin-result .verdict")
    expect(verdict).to_contain_text("Valid: admitted.")
    expect(verdict).to_contain_text("Мадина Әлиева")
    expect(page.locator("#checkin-connection")).to_be_hidden()  # no script: no claim about the network
    page.get_by_label("Pass number or code").fill(signing.token_for(madina))
    click_and_check(page, page.get_by_role("button", name="Check the pass"))
    first = CheckIn.objects.get(result=ScanResult.ADMITTED)
    expect(verdict).to_contain_text(f"Already checked in at {timezone.localtime(first.scanned_at):%H:%M}.")
    page.get_by_label("Pass number or code").fill("not a pass")
    click_and_check(page, page.get_by_role("button", name="Check the pass"))
    expect(verdict).to_contain_text("Refused")
    expect(verdict).to_contain_text("This is not a pass code.")
    click_and_check(page, page.get_by_role("button", name="Check the pass"))  # nothing typed
    expect(page.locator(".error-summary")).to_contain_text("Type the pass number or paste its code.")
    assert CheckIn.objects.count() == 3


def test_with_javascript_switched_off_a_typed_pass_is_admitted(no_script_page: Page, site_url, office):
    page = no_script_page
    madina = office.granted()
    sign_in_with_cookie(page, office.officer, site_url)
    page.goto("/en/accreditation/check-in/?event=standing&gate=Gate+3")
    page.get_by_label("Pass number or code").fill(signing.token_for(madina))
    with page.expect_navigation():
        page.get_by_role("button", name="Check the pass").click()
    expect(page.locator("#checkin-result .verdict")).to_contain_text("Valid: admitted.")
    assert CheckIn.objects.get().gate == "Gate 3"
