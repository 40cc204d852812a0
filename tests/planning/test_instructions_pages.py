"""The instruction pages: writing one, the centre's view of who did, the units' inbox, acknowledging, reporting."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone

from pressdesk.core.models import Role
from pressdesk.planning import instructions
from pressdesk.planning.models import Instruction, Receipt
from tests.conftest import verified_client
from tests.planning.network_fixtures import TITLE, Network

pytestmark = pytest.mark.django_db


@pytest.fixture
def network(world) -> Network:
    return Network(world)


def moment(hours: float) -> str:
    return timezone.localtime(timezone.now() + datetime.timedelta(hours=hours)).strftime("%Y-%m-%dT%H:%M")


def form(network: Network, **changes) -> dict:
    world = network.world
    return {
        "unit": world.body.pk,
        "title": "Publish the transport release",
        "body": "On every channel by 15:00.",
        "due_at": moment(4),
        "material": "",
        "units": [world.almaly.pk, world.medeu.pk],
        **changes,
    }


def test_the_form_ticks_every_unit_below_and_sends_to_those_chosen(network):
    client = verified_client(network.secretary)
    page = client.get("/en/planning/network/instructions/new/").content.decode()
    for unit in (network.world.almaly, network.world.medeu, network.world.mobility):
        assert f'value="{unit.pk}"' in page
    assert page.count("checked") == 3
    response = client.post("/en/planning/network/instructions/new/", form(network))
    instruction = Instruction.objects.get()
    assert (
        response.status_code == 302 and response["Location"] == f"/en/planning/network/instructions/{instruction.pk}/"
    )
    assert set(instruction.receipts.values_list("unit__code", flat=True)) == {"almaly", "medeu"}
    detail = client.get(response["Location"]).content.decode()
    assert "0 of 2 units acknowledged" in detail and "Not acknowledged yet" in detail


def test_an_instruction_to_one_unit_says_one_unit(network):
    client = verified_client(network.secretary)
    response = client.post(
        "/en/planning/network/instructions/new/", form(network, units=[network.world.almaly.pk]), follow=True
    )
    assert "The instruction is sent to 1 unit." in response.content.decode()


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"due_at": moment(-2)}, "has passed already"),
        ({"units": []}, "Choose at least one unit"),
        ({"units": ["999999"]}, "is not below your press service"),
        ({"title": ""}, "This field is required"),
    ],
)
def test_bad_input_is_shown_on_the_form_and_nothing_is_sent(network, changes, message):
    client = verified_client(network.secretary)
    response = client.post("/en/planning/network/instructions/new/", form(network, **changes))
    assert response.status_code == 200 and message in response.content.decode()
    assert not Instruction.objects.exists() and not Receipt.objects.exists()


def test_the_sending_unit_itself_cannot_be_chosen(network):
    client = verified_client(network.secretary)
    response = client.post("/en/planning/network/instructions/new/", form(network, units=[network.world.body.pk]))
    assert "is not below your press service" in response.content.decode()
    assert not Instruction.objects.exists()


def test_only_press_secretaries_of_the_centre_write_instructions(network, outsider):
    head = network.world.person("serik", Role.HEAD, network.world.body)
    for person in (network.timur, head, outsider):
        assert verified_client(person).get("/en/planning/network/instructions/new/").status_code == 403
    assert (
        verified_client(network.timur).post("/en/planning/network/instructions/new/", form(network)).status_code == 403
    )
    assert not Instruction.objects.exists()


def test_a_unit_acknowledges_and_reports_done_from_its_inbox(network):
    instruction = network.send()
    receipt = network.receipt(instruction, network.world.almaly)
    client = verified_client(network.timur)
    inbox = client.get("/en/planning/network/to-us/").content.decode()
    assert TITLE in inbox and f"/en/planning/network/to-us/{receipt.pk}/" in inbox
    assert client.post(f"/en/planning/network/to-us/{receipt.pk}/acknowledge/").status_code == 302
    again = client.post(f"/en/planning/network/to-us/{receipt.pk}/acknowledge/", follow=True).content.decode()
    assert "acknowledged this instruction already" in again
    done = client.post(
        f"/en/planning/network/to-us/{receipt.pk}/", {"report": "Posted on Telegram", "link": "t.me/almaly/7"}
    )
    assert done.status_code == 302
    receipt.refresh_from_db()
    assert receipt.report == "Posted on Telegram" and receipt.link == "https://t.me/almaly/7"
    centre = verified_client(network.secretary).get(f"/en/planning/network/instructions/{instruction.pk}/")
    assert "Posted on Telegram" in centre.content.decode() and "1 done" in centre.content.decode()


def test_another_units_receipt_is_404_to_a_stranger_and_403_to_the_centre(network):
    receipt = network.receipt(network.send(), network.world.almaly)
    dana, centre = verified_client(network.dana), verified_client(network.secretary)
    assert dana.get(f"/en/planning/network/to-us/{receipt.pk}/").status_code == 404
    assert dana.post(f"/en/planning/network/to-us/{receipt.pk}/acknowledge/").status_code == 404
    assert centre.post(f"/en/planning/network/to-us/{receipt.pk}/acknowledge/").status_code == 403
    assert dana.get("/en/planning/network/to-us/999999/").status_code == 404
    receipt.refresh_from_db()
    assert receipt.acknowledged_at is None


def test_a_district_sees_neither_the_centres_instruction_page_nor_its_buttons(network):
    instruction = network.send()
    timur = verified_client(network.timur)
    assert timur.get(f"/en/planning/network/instructions/{instruction.pk}/").status_code == 404
    assert timur.post(f"/en/planning/network/instructions/{instruction.pk}/withdraw/").status_code == 403
    instruction.refresh_from_db()
    assert instruction.withdrawn_at is None


def test_reporting_on_a_withdrawn_instruction_says_so_and_writes_nothing(network):
    instruction = network.send()
    receipt = network.receipt(instruction, network.world.almaly)
    client = verified_client(network.secretary)
    assert (
        "will no longer be acknowledged"
        in client.get(f"/en/planning/network/instructions/{instruction.pk}/withdraw/").content.decode()
    )
    client.post(f"/en/planning/network/instructions/{instruction.pk}/withdraw/")
    response = verified_client(network.timur).post(f"/en/planning/network/to-us/{receipt.pk}/", {"report": "Done"})
    assert response.status_code == 200 and "was withdrawn on" in response.content.decode()
    receipt.refresh_from_db()
    assert receipt.done_at is None


def test_the_centre_reminds_the_late_units_from_the_page(network):
    instruction = network.send()
    Instruction.objects.filter(pk=instruction.pk).update(due_at=timezone.now() - datetime.timedelta(minutes=10))
    client = verified_client(network.secretary)
    page = client.get(f"/en/planning/network/instructions/{instruction.pk}/").content.decode()
    assert "3 late" in page and "Remind the late units" in page
    first = client.post(f"/en/planning/network/instructions/{instruction.pk}/remind/", follow=True).content.decode()
    assert "A reminder goes to 3 late units." in first
    second = client.post(f"/en/planning/network/instructions/{instruction.pk}/remind/", follow=True).content.decode()
    assert "the next reminder can go at" in second
    assert client.get(f"/en/planning/network/instructions/{instruction.pk}/remind/").status_code == 405


def test_the_list_of_instructions_counts_in_one_query(network, django_assert_max_num_queries):
    for _n in range(4):
        network.send()
    receipt = Receipt.objects.filter(unit=network.world.almaly).first()
    instructions.receipt_acknowledge(actor=network.timur, receipt=receipt)
    client = verified_client(network.secretary)
    with django_assert_max_num_queries(12):
        page = client.get("/en/planning/network/instructions/").content.decode()
    assert page.count("/en/planning/network/instructions/") >= 4


def test_the_dashboard_shows_each_side_its_card(network):
    instruction = network.send(due_in=datetime.timedelta(hours=3))
    timur = verified_client(network.timur).get("/en/desk/").content.decode()
    assert "Instructions to us" in timur and TITLE in timur
    centre = verified_client(network.secretary).get("/en/desk/").content.decode()
    assert "Instructions awaiting acknowledgement" in centre and "0 of 3 units acknowledged" in centre
    assert "Instructions to us" not in centre
    for unit in (network.world.almaly, network.world.medeu, network.world.mobility):
        Receipt.objects.filter(instruction=instruction, unit=unit).update(acknowledged_at=timezone.now())
    after = verified_client(network.secretary).get("/en/desk/").content.decode()
    assert "Every unit has acknowledged your instructions." in after
