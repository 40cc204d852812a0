"""Instructions to the units below: sending, letters, acknowledging, reporting, reminding, withdrawing."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone, translation

from pressdesk.core.models import AuditEntry, UnitKind
from pressdesk.core.services import DomainError, unit_create
from pressdesk.planning import instructions, tasks_network
from pressdesk.planning.models import Instruction, Receipt
from tests.conftest import run_queued_tasks
from tests.planning.network_fixtures import TITLE, Network

HOUR = datetime.timedelta(hours=1)


@pytest.fixture
def network(world) -> Network:
    return Network(world)


# Tests whose letters go through the worker commit for real: on_commit hooks fire and the worker sees the rows.
mailing = pytest.mark.django_db(transaction=True)


def said(language: str, message: str, **values) -> str:
    """``message`` as a reader of ``language`` gets it: each letter is in its reader's language."""
    with translation.override(language):
        return translation.gettext(message) % values


def subjects_to(inbox, address: str) -> list[str]:
    return [str(m["Subject"]).strip() for m in inbox.messages if address in str(m["To"])]


@mailing
def test_sending_makes_one_receipt_per_unit_and_mails_each_press_secretary_in_their_language(network, smtp):
    instruction = network.send()
    run_queued_tasks()
    units = set(instruction.receipts.values_list("unit__code", flat=True))
    assert units == {"almaly", "medeu", "mobility"}
    assert subjects_to(smtp, "timur@test.kz") == [said("ru", "Instruction: %(title)s", title=TITLE)]
    assert subjects_to(smtp, "dana@test.kz") == [said("kk", "Instruction: %(title)s", title=TITLE)]
    letter = next(m for m in smtp.messages if "timur@test.kz" in str(m["To"]))
    body = letter.get_content()
    assert "Publish the transport release" in body
    receipt = network.receipt(instruction, network.world.almaly)
    assert f"/planning/network/to-us/{receipt.pk}/" in body
    assert Receipt.objects.filter(instruction=instruction, mailed_at__isnull=False).count() == 3
    entry = AuditEntry.objects.get(action="planning.instruction.sent")
    assert entry.actor == network.secretary and sorted(entry.after["units"]) == sorted(
        [network.world.almaly.pk, network.world.medeu.pk, network.world.mobility.pk]
    )


def test_a_letter_task_run_twice_mails_nobody_twice(network, smtp):
    instruction = network.send(units=[network.world.almaly])
    stamp = instruction.sent_at.isoformat()
    assert tasks_network.send_letters.call(instruction.pk, "instruction", stamp) == 1
    assert tasks_network.send_letters.call(instruction.pk, "instruction", stamp) == 0
    assert len(smtp.messages) == 1


def refused(step, message: str) -> None:
    with translation.override("en"), pytest.raises(DomainError) as error:
        step()
    assert message in str(error.value)


def test_a_due_time_in_the_past_is_refused_and_nothing_is_written(network):
    refused(lambda: network.send(due_in=-HOUR), "has passed already")
    assert not Instruction.objects.exists() and not Receipt.objects.exists()


def test_an_instruction_needs_a_receiving_unit(network):
    refused(lambda: network.send(units=[]), "Choose at least one unit")
    assert not Instruction.objects.exists()


def test_a_unit_not_below_the_sender_is_refused_whole(network):
    elsewhere = unit_create(actor=None, code="astana", kind=UnitKind.BODY, names={"kk": "Астана әкімдігі"})
    refused(lambda: network.send(units=[network.world.almaly, elsewhere]), "is not below")
    refused(lambda: network.send(units=[network.world.body]), "is not below")
    assert not Instruction.objects.exists() and not Receipt.objects.exists()


def test_only_a_press_secretary_of_the_sending_unit_instructs(network):
    refused(lambda: network.send(actor=network.timur, unit=network.world.almaly), "You do not speak for")
    refused(lambda: network.send(actor=network.timur), "You do not speak for")
    assert not Instruction.objects.exists()


def test_a_unit_acknowledges_once(network):
    instruction = network.send()
    receipt = network.receipt(instruction, network.world.almaly)
    instructions.receipt_acknowledge(actor=network.timur, receipt=receipt)
    refused(lambda: instructions.receipt_acknowledge(actor=network.timur, receipt=receipt), "acknowledged this")
    receipt.refresh_from_db()
    assert receipt.acknowledged_by == network.timur
    assert AuditEntry.objects.filter(action="planning.receipt.acknowledged").count() == 1


def test_nobody_acknowledges_for_another_unit_not_even_the_centre(network):
    receipt = network.receipt(network.send(), network.world.almaly)
    refused(lambda: instructions.receipt_acknowledge(actor=network.dana, receipt=receipt), "Only the press secretary")
    refused(lambda: instructions.receipt_acknowledge(actor=network.secretary, receipt=receipt), "Only the press")
    refused(
        lambda: instructions.receipt_report_done(actor=network.dana, receipt=receipt, report="Done"), "Only the press"
    )
    receipt.refresh_from_db()
    assert receipt.acknowledged_at is None and receipt.done_at is None


def test_reporting_done_acknowledges_too_and_keeps_the_report(network):
    receipt = network.receipt(network.send(), network.world.medeu)
    instructions.receipt_report_done(
        actor=network.dana, receipt=receipt, report="Telegram, 14:20", link="https://t.me/medeu/1"
    )
    receipt.refresh_from_db()
    assert receipt.acknowledged_at == receipt.done_at and receipt.done_by == network.dana
    assert (receipt.report, receipt.link) == ("Telegram, 14:20", "https://t.me/medeu/1")
    refused(lambda: instructions.receipt_report_done(actor=network.dana, receipt=receipt, report="x"), "done already")


def test_a_report_needs_words_and_a_real_link_and_nothing_is_half_written(network):
    receipt = network.receipt(network.send(), network.world.medeu)
    refused(lambda: instructions.receipt_report_done(actor=network.dana, receipt=receipt, report="  "), "a few words")
    refused(
        lambda: instructions.receipt_report_done(actor=network.dana, receipt=receipt, report="ok", link="javascript:x"),
        "web address",
    )
    refused(
        lambda: instructions.receipt_report_done(actor=network.dana, receipt=receipt, report="x" * 501), "at most 500"
    )
    receipt.refresh_from_db()
    assert receipt.done_at is None and receipt.acknowledged_at is None


@mailing
def test_a_withdrawn_instruction_is_neither_acknowledged_nor_reported_and_the_units_are_told(network, smtp):
    instruction = network.send(units=[network.world.almaly, network.world.medeu])
    run_queued_tasks()
    medeu = network.receipt(instruction, network.world.medeu)
    instructions.receipt_report_done(actor=network.dana, receipt=medeu, report="Done")
    instructions.instruction_withdraw(actor=network.secretary, instruction=instruction)
    run_queued_tasks()
    almaly = network.receipt(instruction, network.world.almaly)
    refused(lambda: instructions.receipt_acknowledge(actor=network.timur, receipt=almaly), "was withdrawn")
    refused(lambda: instructions.receipt_report_done(actor=network.timur, receipt=almaly, report="x"), "was withdrawn")
    refused(lambda: instructions.instruction_withdraw(actor=network.secretary, instruction=instruction), "withdrawn")
    assert subjects_to(smtp, "timur@test.kz")[-1] == said("ru", "Withdrawn: %(title)s", title=TITLE)
    assert len(subjects_to(smtp, "dana@test.kz")) == 1  # done already: no withdrawal letter
    almaly.refresh_from_db()
    assert almaly.acknowledged_at is None


@mailing
def test_late_units_are_reminded_at_most_once_an_hour(network, smtp):
    instruction = network.send(due_in=HOUR)
    medeu = network.receipt(instruction, network.world.medeu)
    instructions.receipt_report_done(actor=network.dana, receipt=medeu, report="Done")
    run_queued_tasks()
    smtp.messages.clear()
    after_due = instruction.due_at + datetime.timedelta(minutes=5)
    refused(
        lambda: instructions.instruction_remind_late(actor=network.secretary, instruction=instruction), "Nobody is late"
    )
    assert instructions.instruction_remind_late(actor=network.secretary, instruction=instruction, now=after_due) == 2
    run_queued_tasks()
    assert subjects_to(smtp, "timur@test.kz") == [said("ru", "Overdue: %(title)s", title=TITLE)]
    assert not subjects_to(smtp, "dana@test.kz")
    refused(
        lambda: instructions.instruction_remind_late(
            actor=network.secretary, instruction=instruction, now=after_due + datetime.timedelta(minutes=30)
        ),
        "next reminder can go at",
    )
    later = after_due + HOUR
    assert instructions.instruction_remind_late(actor=network.secretary, instruction=instruction, now=later) == 2
    refused(lambda: instructions.instruction_remind_late(actor=network.timur, instruction=instruction), "Only the")


@mailing
def test_units_not_acknowledged_hear_an_hour_before_due_once(network, smtp):
    instruction = network.send(due_in=3 * HOUR)
    almaly = network.receipt(instruction, network.world.almaly)
    instructions.receipt_acknowledge(actor=network.timur, receipt=almaly)
    run_queued_tasks()
    smtp.messages.clear()
    assert instructions.remind_unacknowledged() == []  # not due within the hour yet
    within_the_hour = instruction.due_at - datetime.timedelta(minutes=50)
    assert instructions.remind_unacknowledged(now=within_the_hour) == [instruction.pk]
    assert instructions.remind_unacknowledged(now=within_the_hour) == []
    run_queued_tasks()
    assert len(subjects_to(smtp, "dana@test.kz")) == 1
    assert not subjects_to(smtp, "timur@test.kz")
    assert AuditEntry.objects.filter(action="planning.instruction.reminded", actor__isnull=True).count() == 1


@mailing
def test_the_periodic_task_claims_reminders_once(network, smtp):
    instruction = network.send(due_in=datetime.timedelta(minutes=30), units=[network.world.medeu])
    run_queued_tasks()
    assert tasks_network.remind_unacknowledged.call(timezone.now().isoformat()) == 1
    assert tasks_network.remind_unacknowledged.call(timezone.now().isoformat()) == 0
    run_queued_tasks()
    assert len(subjects_to(smtp, "dana@test.kz")) == 2
    instruction.refresh_from_db()
    assert instruction.reminded_at is not None
