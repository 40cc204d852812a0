"""A journalist sends a question before an event, from the event's page on the portal."""

from __future__ import annotations

from django.contrib import messages
from django.db.models import Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from pressdesk.core.services import DomainError
from pressdesk.events import questions
from pressdesk.events.forms_work import portal_form
from pressdesk.events.models import Event
from pressdesk.portal.views import journalist_view


def _event_page(event: Event) -> str:
    """The portal's page of the event (another part of the portal); the account page until it exists."""
    try:
        return reverse("portal:event", args=[event.pk])
    except NoReverseMatch:
        return reverse("portal:account")


@require_POST
@journalist_view
def event_question(request: HttpRequest, pk: int) -> HttpResponse:
    record = questions.journalist_of(request.user)
    # A journalist asks at a public event, or at one they were invited to or registered for.
    reach = Q(pk__in=Event.objects.public().values("pk"))
    if record is not None:
        reach |= Q(invitations__journalist=record) | Q(registrations__journalist=record)
    event = Event.objects.filter(reach, pk=pk).distinct().first()
    if event is None:
        raise Http404(_("There is no such event."))
    form = portal_form(event, request.user, request.POST)
    if form is None:
        if record is None:
            messages.error(
                request, _("Your account is not linked to a directory record yet: the press service links it.")
            )
        else:
            messages.error(request, _("Questions for this event are closed: send them before it starts."))
        return redirect(_event_page(event))
    if form.is_valid():
        try:
            questions.submit(event=event, journalist=record, account=request.user, **form.cleaned_data)
        except DomainError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("Your question is sent; the press service passes it to the speakers."))
            return redirect(_event_page(event))
    return render(
        request,
        "events/work/portal_question.html",
        {"event": event, "question_form": form, "back": _event_page(event)},
        status=400,
    )
