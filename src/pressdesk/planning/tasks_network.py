"""Letters of the network, sent by the worker: thin shells that load by id, claim, and call the mailer.

Each receiving unit is claimed before its letter goes: ``Receipt.mailed_at``
(the time of the last letter the unit was sent about the instruction) moves
to the letter's stamp by a conditional update, which only one run wins; a
second run of the same task finds it there and mails nobody again.
"""

from __future__ import annotations

import datetime

from django.db.models import Q
from django_tasks import task

from pressdesk.planning import instructions, mail_network
from pressdesk.planning.models import Instruction, Receipt


@task()
def send_letters(instruction_id: int, kind: str, stamp: str) -> int:
    """The letters of ``kind`` to every unit it concerns; returns how many letters went."""
    instruction = Instruction.objects.select_related("unit", "material").filter(pk=instruction_id).first()
    if instruction is None or kind not in mail_network.KINDS:
        return 0
    if instruction.withdrawn_at is not None and kind != "withdrawn":
        return 0  # withdrawn before the worker came to it: the withdrawal letter says so
    moment = datetime.datetime.fromisoformat(stamp)
    receipts = list(mail_network.waiting_for(instruction, kind))
    readers = mail_network.press_secretaries([receipt.unit_id for receipt in receipts])
    sent = 0
    for receipt in receipts:
        claim = Receipt.objects.filter(pk=receipt.pk).filter(Q(mailed_at__isnull=True) | Q(mailed_at__lt=moment))
        if claim.update(mailed_at=moment) != 1:
            continue  # another run took it, or a later letter already went
        people = readers.get(receipt.unit_id, [])
        delivered = sum(mail_network.letter(kind, receipt, reader) for reader in people)
        if people and not delivered:
            Receipt.objects.filter(pk=receipt.pk, mailed_at=moment).update(mailed_at=receipt.mailed_at)
        sent += delivered
    return sent


@task()
def remind_unacknowledged(period_start: str) -> int:
    """Every few minutes: units that have not acknowledged an instruction due within the hour hear of it, once."""
    return len(instructions.remind_unacknowledged())
