"""Staff pages of the network: the units below, instructions sent and received, acknowledging and reporting."""

from __future__ import annotations

from collections.abc import Callable

from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from pressdesk.core.models import Unit
from pressdesk.core.permissions import has_perm, staff_view
from pressdesk.core.services import DomainError
from pressdesk.core.submissions import once
from pressdesk.planning import instructions, network
from pressdesk.planning.forms_network import DoneForm, InstructionForm
from pressdesk.planning.instructions_access import (
    access_instruction,
    access_receipt,
    own_unit_ids,
    receipts_of,
    received,
    sender_units,
    sent_in_sight,
    state_of,
    with_progress,
)
from pressdesk.planning.registry import ACKNOWLEDGE, INSTRUCT, PLAN_VIEW

PAGE_SIZE = 50


@staff_view(PLAN_VIEW)
def network_page(request: HttpRequest) -> HttpResponse:
    upcoming, past = network.seminars(request.user)
    context = {
        "rows": network.activity(request.user),
        "recent_days": network.RECENT_DAYS,
        "upcoming": upcoming,
        "past": past,
        "bulletins": network.latest_bulletins(request.user),
        "can_instruct": bool(sender_units(request.user)),
        "can_acknowledge": bool(own_unit_ids(request.user)),
        "can_plan_events": has_perm(request.user, "events.plan"),
    }
    return render(request, "planning/network/index.html", context)


# --- the sender's side ----------------------------------------------------------------------------------


@staff_view(PLAN_VIEW)
def instruction_list(request: HttpRequest) -> HttpResponse:
    found = with_progress(sent_in_sight(request.user)).select_related("unit").prefetch_related("unit__translations")
    page = Paginator(found.order_by("-sent_at", "-pk"), PAGE_SIZE).get_page(request.GET.get("page"))
    context = {"page": page, "now": timezone.now(), "can_instruct": bool(sender_units(request.user))}
    return render(request, "planning/network/instructions.html", context)


def _receivers(senders: list[Unit]):
    condition = Q(pk__in=[])
    for unit in senders:
        condition |= Q(path__startswith=unit.path) & ~Q(pk=unit.pk)
    return Unit.objects.filter(condition).with_names().order_by("path")


@staff_view(INSTRUCT)
def instruction_new(request: HttpRequest) -> HttpResponse:
    senders = sender_units(request.user)
    form = InstructionForm(request.POST or None, senders=senders, receivers=_receivers(senders))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        count = len(data["units"])
        sent = ngettext(
            "The instruction is sent to %(count)d unit.", "The instruction is sent to %(count)d units.", count
        )

        def send() -> str:
            instruction = instructions.instruction_send(
                actor=request.user,
                unit=data["unit"],
                title=data["title"],
                body=data["body"],
                due_at=data["due_at"],
                units=list(data["units"]),
                material=data["material"],
            )
            return reverse("planning:instruction", args=[instruction.pk])

        try:
            return redirect(once(request, send, done=sent % {"count": count}))
        except DomainError as error:
            form.add_error(None, str(error))
    return render(request, "planning/network/instruction_form.html", {"form": form, "senders": senders})


@staff_view(PLAN_VIEW)
def instruction_detail(request: HttpRequest, pk: int) -> HttpResponse:
    instruction = access_instruction(request.user, pk)
    now = timezone.now()
    receipts = receipts_of(instruction)
    for receipt in receipts:
        receipt.instruction = instruction
        receipt.state = state_of(receipt, now)
    states = [receipt.state.code for receipt in receipts]
    context = {
        "instruction": instruction,
        "receipts": receipts,
        "counts": {
            "total": len(receipts),
            "acknowledged": sum(r.acknowledged_at is not None for r in receipts),
            "done": sum(r.done_at is not None for r in receipts),
            "late": states.count("late"),
        },
        "may_manage": instruction.withdrawn_at is None and has_perm(request.user, INSTRUCT, instruction.unit),
        "is_due": now > instruction.due_at,
        "public_from": instructions.public_from(instruction.material, now),
    }
    return render(request, "planning/network/instruction.html", context)


def _step(request: HttpRequest, target: str, pk: int, step: Callable[[], object], success: Callable[[object], str]):
    """Run one service for a button; its refusal comes back as a message on the page."""
    try:
        result = step()
    except DomainError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, success(result))
    return redirect(target, pk)


@staff_view(INSTRUCT)
@require_POST
def instruction_remind(request: HttpRequest, pk: int) -> HttpResponse:
    instruction = access_instruction(request.user, pk, INSTRUCT)
    return _step(
        request,
        "planning:instruction",
        pk,
        lambda: instructions.instruction_remind_late(actor=request.user, instruction=instruction),
        lambda count: (
            ngettext("A reminder goes to %(count)d late unit.", "A reminder goes to %(count)d late units.", count)
            % {"count": count}
        ),
    )


@staff_view(INSTRUCT)
def instruction_withdraw(request: HttpRequest, pk: int) -> HttpResponse:
    instruction = access_instruction(request.user, pk, INSTRUCT)
    if request.method != "POST":
        return render(request, "planning/network/withdraw.html", {"instruction": instruction})
    return _step(
        request,
        "planning:instruction",
        pk,
        lambda: instructions.instruction_withdraw(actor=request.user, instruction=instruction),
        lambda _result: _("The instruction is withdrawn; the units not done yet are told."),
    )


# --- the receiving side ---------------------------------------------------------------------------------


@staff_view(ACKNOWLEDGE)
def inbox(request: HttpRequest) -> HttpResponse:
    page = Paginator(received(request.user), PAGE_SIZE).get_page(request.GET.get("page"))
    now = timezone.now()
    for receipt in page.object_list:
        receipt.state = state_of(receipt, now)
    return render(request, "planning/network/inbox.html", {"page": page})


@staff_view(ACKNOWLEDGE)
def receipt_detail(request: HttpRequest, pk: int) -> HttpResponse:
    receipt = access_receipt(request.user, pk)
    form = DoneForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            instructions.receipt_report_done(
                actor=request.user, receipt=receipt, report=form.cleaned_data["report"], link=form.cleaned_data["link"]
            )
        except DomainError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("Reported done. The press service sees it now."))
            return redirect("planning:receipt", receipt.pk)
    receipt.state = state_of(receipt)
    context = {"receipt": receipt, "form": form, "public_from": instructions.public_from(receipt.instruction.material)}
    return render(request, "planning/network/receipt.html", context)


@staff_view(ACKNOWLEDGE)
@require_POST
def receipt_acknowledge(request: HttpRequest, pk: int) -> HttpResponse:
    receipt = access_receipt(request.user, pk)
    return _step(
        request,
        "planning:receipt",
        pk,
        lambda: instructions.receipt_acknowledge(actor=request.user, receipt=receipt),
        lambda _result: _("Acknowledged. The press service sees that your unit has it."),
    )
