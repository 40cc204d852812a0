"""Staff pages of the people around an event (invitations, registrations) and the public answer by personal link."""

from __future__ import annotations

from django.contrib import messages
from django.db.models import Count
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from pressdesk.core.permissions import has_perm, public_view, staff_view
from pressdesk.core.services import DomainError
from pressdesk.directory.models import Journalist
from pressdesk.events import invitations, services
from pressdesk.events.access import access_event
from pressdesk.events.forms_people import InviteForm, RegisterForm
from pressdesk.events.models import Invitation, Registration, RegistrationStatus


@staff_view("events.view")
def invitation_list(request: HttpRequest, pk: int) -> HttpResponse:
    event = access_event(request.user, pk)
    may_invite = has_perm(request.user, services.PLAN, event.unit)
    form = InviteForm(request.POST if request.method == "POST" else None, user=request.user)
    if request.method == "POST" and may_invite and form.is_valid():
        data = form.cleaned_data
        chosen = {j.pk for j in data["journalists"]}
        if data["segment"] is not None:
            chosen |= set(invitations.segment_members(request.user, data["segment"]).values_list("pk", flat=True))
        try:
            result = invitations.invite(
                actor=request.user, event=event, journalists=Journalist.objects.filter(pk__in=chosen)
            )
        except DomainError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, result.summary())
            return redirect("events:invitations", event.pk)
    invited = Invitation.objects.filter(event=event).select_related("journalist").order_by("journalist__full_name")
    answers = dict(invited.order_by().values_list("answer").annotate(n=Count("pk")))
    return render(
        request,
        "events/people/invitations.html",
        {
            "event": event,
            "invited": invited,
            "answers": answers,
            "form": form if may_invite else None,
            "Answer": Invitation.Answer,
        },
    )


@staff_view("events.view")
def registration_list(request: HttpRequest, pk: int) -> HttpResponse:
    event = access_event(request.user, pk)
    may_plan = has_perm(request.user, services.PLAN, event.unit)
    form = RegisterForm(request.POST if request.method == "POST" else None, user=request.user)
    if request.method == "POST" and may_plan and form.is_valid():
        journalist = form.cleaned_data["journalist"]
        try:
            taken = invitations.register(
                event=event, journalist=journalist, account=journalist.account, actor=request.user
            )
        except DomainError as error:
            form.add_error("journalist", str(error))
        else:
            text = (
                _("%(name)s is on the waiting list: all places are taken.")
                if taken.waitlisted
                else _("%(name)s is registered.")
            )
            messages.success(request, text % {"name": journalist.display_name})
            return redirect("events:registrations", event.pk)
    rows = list(Registration.objects.filter(event=event).select_related("journalist").order_by("created_at", "pk"))
    groups = {status: [r for r in rows if r.status == status] for status in RegistrationStatus.values}
    return render(
        request,
        "events/people/registrations.html",
        {
            "event": event,
            "registered": groups[RegistrationStatus.REGISTERED],
            "waiting": groups[RegistrationStatus.WAITLISTED],
            "cancelled": groups[RegistrationStatus.CANCELLED],
            "present": sum(1 for r in groups[RegistrationStatus.REGISTERED] if r.checked_in_at),
            "form": form if may_plan else None,
            "may_plan": may_plan,
        },
    )


def _registration(request: HttpRequest, pk: int, registration_pk: int) -> Registration:
    event = access_event(request.user, pk)
    registration = Registration.objects.filter(event=event, pk=registration_pk).select_related("journalist").first()
    if registration is None:
        raise Http404(_("There is no such registration for this event."))
    registration.event = event
    return registration


@require_POST
@staff_view("events.view")
def registration_cancel(request: HttpRequest, pk: int, registration_pk: int) -> HttpResponse:
    registration = _registration(request, pk, registration_pk)
    try:
        moved = invitations.cancel(registration=registration, actor=request.user)
    except DomainError as error:
        messages.error(request, str(error))
    else:
        text = _("The registration of %(name)s is cancelled.") % {"name": registration.journalist.display_name}
        if moved is not None:
            text += " " + _("%(name)s moved up from the waiting list.") % {"name": moved.journalist.display_name}
        messages.success(request, text)
    return redirect("events:registrations", pk)


@require_POST
@staff_view("events.view")
def registration_check_in(request: HttpRequest, pk: int, registration_pk: int) -> HttpResponse:
    registration = _registration(request, pk, registration_pk)
    try:
        services.check_in(actor=request.user, registration=registration)
    except DomainError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("%(name)s is marked present.") % {"name": registration.journalist.display_name})
    return redirect("events:registrations", pk)


@public_view
@never_cache
def rsvp(request: HttpRequest, token: str) -> HttpResponse:
    """The journalist's personal link from the invitation: yes or no, without signing in."""
    invite = (
        Invitation.objects.select_related("event", "event__venue", "journalist")
        .prefetch_related("event__translations", "event__venue__translations")
        .filter(token=token)
        .first()
    )
    if invite is None:
        raise Http404(_("This invitation link is not known. Copy the whole link from the letter."))
    error = ""
    if request.method == "POST":
        try:
            answered = invitations.respond(invitation=invite, answer=request.POST.get("answer", ""))
        except DomainError as problem:
            error = str(problem)
        else:
            messages.success(request, answered.message)
            return redirect("events:rsvp", token)
    registration = invitations.current_registration(invite.event, invite.journalist)
    return render(
        request,
        "events/people/rsvp.html",
        {
            "invite": invite,
            "event": invite.event,
            "registration": registration,
            "place": invitations.waiting_place(registration)
            if registration and registration.status == RegistrationStatus.WAITLISTED
            else None,
            "error": error,
        },
        status=400 if error else 200,
    )
