"""Events on the journalists' portal: what is open for registration, and one's own places.

A journalist sees the public events still planned, and any event they were
invited to or registered for; everything else is "not found".
"""

from __future__ import annotations

from django.contrib import messages
from django.db import transaction
from django.db.models import Q, QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from pressdesk.core.models import User
from pressdesk.core.services import DomainError
from pressdesk.directory import selectors
from pressdesk.directory.models import Journalist
from pressdesk.events import invitations
from pressdesk.events.forms_work import portal_form
from pressdesk.events.models import Event, EventStatus, Registration, RegistrationStatus
from pressdesk.portal.views import journalist_view


def directory_record(user: User) -> Journalist | None:
    """The journalist's record without making one."""
    return selectors.journalist_of_account(user)


def events_for(record: Journalist | None) -> QuerySet[Event]:
    """Public events, and those the journalist was invited to or registered for."""
    mine = Q(pk__in=[])
    if record is not None:
        mine = Q(invitations__journalist=record) | Q(registrations__journalist=record)
    public = Event.objects.public().values("pk")
    return (
        Event.objects.filter(Q(pk__in=public) | mine)
        .distinct()
        .select_related("venue")
        .prefetch_related("translations", "venue__translations")
    )


@never_cache
@journalist_view
def event_list(request: HttpRequest) -> HttpResponse:
    record = directory_record(request.user)
    now = timezone.now()
    upcoming = events_for(record).filter(status=EventStatus.PLANNED, starts_at__gt=now).order_by("starts_at", "pk")
    registrations = []
    if record is not None:
        registrations = list(
            Registration.objects.filter(journalist=record, event__starts_at__gt=now, event__status=EventStatus.PLANNED)
            .exclude(status=RegistrationStatus.CANCELLED)
            .select_related("event")
            .prefetch_related("event__translations")
            .order_by("event__starts_at")
        )
    mine = {r.event_id for r in registrations}
    return render(
        request,
        "events/people/portal_events.html",
        {"events": [e for e in upcoming if e.pk not in mine], "registrations": registrations, "now": now},
    )


@never_cache
@journalist_view
def event_detail(request: HttpRequest, pk: int) -> HttpResponse:
    record = directory_record(request.user)
    event = events_for(record).filter(pk=pk).first()
    if event is None:
        raise Http404(_("There is no such event for you."))
    if request.method == "POST":
        try:
            text = _act(request, event, record)
        except DomainError as error:
            messages.error(request, str(error))
        else:
            messages.success(request, text)
        return redirect("portal:event", event.pk)
    registration = invitations.current_registration(event, record) if record is not None else None
    place = None
    if registration is not None and registration.status == RegistrationStatus.WAITLISTED:
        place = invitations.waiting_place(registration)
    return render(
        request,
        "events/people/portal_event.html",
        {
            "event": event,
            "registration": registration,
            "place": place,
            # The questions part of the module owns this form and its page section.
            "question_form": portal_form(event, request.user),
        },
    )


@transaction.atomic
def _act(request: HttpRequest, event: Event, record: Journalist | None) -> str:
    """Register or cancel; a directory record made for a new journalist is kept only if the registration is."""
    if request.POST.get("action") == "cancel":
        registration = invitations.current_registration(event, record) if record is not None else None
        if registration is None:
            raise DomainError(_("You are not registered for this event."))
        invitations.cancel(registration=registration, actor=request.user)
        return _("Your registration is cancelled.")
    record = record or invitations.journalist_for_account(request.user, event)
    return invitations.taken_message(invitations.register(event=event, journalist=record, account=request.user))
