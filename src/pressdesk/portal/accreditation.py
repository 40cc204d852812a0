"""Accreditation on the journalists' portal: apply (standing, or for an event), follow the status, withdraw, and
download one's own pass.

The applicant is the directory record behind the account
(``directory.selectors.journalist_of_account``). A journalist not in the
directory yet gets a record with the application, on the consent given in it
(``ConsentBasis.ACCREDITATION``), made by ``services.application_submit`` in
its own transaction; a refused application takes that record back with it. A journalist sees only their own applications and passes; anything
else is "not found".
"""

from __future__ import annotations

import logging

from django.contrib import messages
from django.db.models import Q, QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from pressdesk.accreditation import services, signing
from pressdesk.accreditation.forms import ApplyForm, show_refusal
from pressdesk.accreditation.models import Accreditation, AccreditationStatus, Application, Kind
from pressdesk.accreditation.views_files import pass_response
from pressdesk.core.models import Unit, User
from pressdesk.core.services import DomainError
from pressdesk.directory import selectors
from pressdesk.directory.models import Journalist, Outlet
from pressdesk.events.models import Accreditation as EventAccreditation
from pressdesk.events.models import Event, EventStatus
from pressdesk.portal.events import events_for
from pressdesk.portal.views import journalist_view

log = logging.getLogger(__name__)


def _mine(user: User, record: Journalist | None, account: str = "account") -> Q:
    """Made from the account, or for the journalist behind it."""
    condition = Q(**{account: user})
    return condition | Q(journalist=record) if record is not None else condition


def my_applications(user: User, record: Journalist | None) -> QuerySet[Application]:
    return Application.objects.filter(_mine(user, record)).for_lists().select_related("accreditation")


def my_passes(user: User, record: Journalist | None) -> QuerySet[Accreditation]:
    return Accreditation.objects.filter(_mine(user, record, "application__account")).for_lists()


def open_events(record: Journalist | None) -> QuerySet[Event]:
    """Events the journalist sees that take applications for their own accreditation."""
    return (
        events_for(record)
        .filter(accreditation=EventAccreditation.PER_EVENT, status=EventStatus.PLANNED, ends_at__gt=timezone.now())
        .order_by("starts_at", "pk")
    )


def _form(request: HttpRequest, record: Journalist | None) -> ApplyForm:
    units = Unit.objects.with_names().order_by("path")
    events = open_events(record)
    initial = {"kind": Kind.STANDING, "unit": units.first()}
    if record is not None and (position := next(iter(record.current()), None)):
        initial |= {"outlet": position.outlet, "position": position.title}
    event = request.GET.get("event", "")
    if event.isascii() and event.isdigit() and (chosen := events.filter(pk=int(event)).first()):
        initial |= {"kind": Kind.EVENT, "event": chosen}
    return ApplyForm(
        request.POST or None,
        request.FILES or None,
        units=units,
        events=events,
        outlets=Outlet.objects.active().with_names(),
        initial=initial,
    )


def _submit(user: User, record: Journalist | None, submission: dict) -> Application:
    """The application; a journalist new to the directory (no record) gets one in the service's own transaction."""
    return services.application_submit(journalist=record, account=user, **submission)


@never_cache
@journalist_view
def accreditation_apply(request: HttpRequest) -> HttpResponse:
    record = selectors.journalist_of_account(request.user)
    form = _form(request, record)
    if request.method == "POST" and form.is_valid():
        try:
            application = _submit(request.user, record, form.submission())
        except DomainError as error:
            show_refusal(form, error)
        else:
            messages.success(
                request,
                _("Your application is received. The press service will decide by %(day)s; you will get a letter.")
                % {"day": f"{application.review_due:%d.%m.%Y}"},
            )
            return redirect("portal:accreditation")
    status = 400 if form.errors else 200
    return render(request, "portal/accreditation_apply.html", {"form": form, "record": record}, status=status)


@never_cache
@journalist_view
def accreditation_status(request: HttpRequest) -> HttpResponse:
    record = selectors.journalist_of_account(request.user)
    return render(
        request,
        "portal/accreditation.html",
        {
            "applications": list(my_applications(request.user, record).order_by("-submitted_at", "-pk")),
            "passes": list(my_passes(request.user, record).order_by("-valid_until", "-pk")),
            "events": list(open_events(record)[:10]),
            "today": timezone.localdate(),
        },
    )


@require_POST
@journalist_view
def accreditation_withdraw(request: HttpRequest, pk: int) -> HttpResponse:
    record = selectors.journalist_of_account(request.user)
    application = my_applications(request.user, record).filter(pk=pk).first()
    if application is None:
        raise Http404(_("There is no such application."))
    try:
        services.application_withdraw(account=request.user, application=application)
    except DomainError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("Your application is withdrawn."))
    return redirect("portal:accreditation")


@journalist_view
def accreditation_pass_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    """One's own pass while it is valid, as the PDF to print; never kept by a cache."""
    record = selectors.journalist_of_account(request.user)
    accreditation = my_passes(request.user, record).filter(pk=pk, status=AccreditationStatus.ACTIVE).first()
    if accreditation is None:
        raise Http404(_("There is no such valid pass."))
    try:
        return pass_response(accreditation)
    except signing.KeyUnavailable as error:  # the office's set-up: logged for its staff, not shown to the journalist
        log.error("accreditation: pass %s could not be made: %s", accreditation.number, error)
        messages.error(request, _("Your pass cannot be made just now: the press service has been told. Try later."))
        return redirect("portal:accreditation")
