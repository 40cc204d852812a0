"""Staff pages of the review: the queue by review deadline, one application, and the decisions on it."""

from __future__ import annotations

from collections.abc import Callable

from django import forms
from django.contrib import messages
from django.core.exceptions import ObjectDoesNotExist
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from pressdesk.accreditation import services
from pressdesk.accreditation.forms import ApproveForm, RejectForm, WithdrawForm, show_refusal
from pressdesk.accreditation.models import Application, ApplicationStatus
from pressdesk.accreditation.selectors_staff import QUEUE_VIEWS, VIEW, access_application, review_queue
from pressdesk.core.audit_display import with_readable_changes
from pressdesk.core.models import AuditEntry
from pressdesk.core.permissions import has_perm, staff_view
from pressdesk.core.services import DomainError

REVIEW = "accreditation.review"
VIEW_LABELS = {
    "open": gettext_lazy("To review"),
    "decided": gettext_lazy("Decided"),
    "all": gettext_lazy("All"),
}


@staff_view(VIEW)
def queue(request: HttpRequest) -> HttpResponse:
    view = request.GET.get("view", "open")
    view = view if view in QUEUE_VIEWS else "open"
    page = Paginator(review_queue(request.user, view), 50).get_page(request.GET.get("page"))
    return render(
        request,
        "accreditation/queue.html",
        {
            "page": page,
            "view": view,
            "views": VIEW_LABELS,
            "today": timezone.localdate(),
            "query": f"view={view}",
        },
    )


def _history(application: Application) -> list[AuditEntry]:
    entries = AuditEntry.objects.for_object(application).select_related("target_type").order_by("-at", "-pk")
    return with_readable_changes(entries[:100])


def _issued(application: Application):
    try:
        return application.accreditation
    except ObjectDoesNotExist:
        return None


def _application_page(request: HttpRequest, application: Application, *, status: int = 200, **bound) -> HttpResponse:
    may_review = has_perm(request.user, REVIEW, application.unit)
    context = {
        "application": application,
        "journalist": application.journalist,
        "issued": _issued(application),
        "may_review": may_review and application.is_open,
        "may_start": may_review and application.status == ApplicationStatus.SUBMITTED,
        "today": timezone.localdate(),
        "approve_form": bound.get("approve_form") or ApproveForm(application=application),
        "reject_form": bound.get("reject_form") or RejectForm(),
        "withdraw_form": bound.get("withdraw_form") or WithdrawForm(),
        "history": _history(application),
    }
    return render(request, "accreditation/application.html", context, status=status)


@staff_view(VIEW)
def application_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return _application_page(request, access_application(request.user, pk))


def _decide(
    request: HttpRequest, application: Application, key: str, form: forms.Form, step: Callable[[dict], str]
) -> HttpResponse:
    """Run ``step`` on a valid form (it returns where to go next); a refusal goes back next to its field."""
    if form.is_valid():
        try:
            target = step(form.cleaned_data)
        except DomainError as error:
            show_refusal(form, error)
        else:
            return redirect(target)
    return _application_page(request, application, status=400, **{key: form})


@staff_view(REVIEW)
@require_POST
def application_start(request: HttpRequest, pk: int) -> HttpResponse:
    application = access_application(request.user, pk, REVIEW)
    try:
        services.application_start_review(actor=request.user, application=application)
    except DomainError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("You are reviewing this application."))
    return redirect("accreditation:application", application.pk)


@staff_view(REVIEW)
@require_POST
def application_approve(request: HttpRequest, pk: int) -> HttpResponse:
    application = access_application(request.user, pk, REVIEW)

    def approve(data: dict) -> str:
        accreditation = services.application_approve(actor=request.user, application=application, **data)
        messages.success(
            request,
            _("Accreditation granted: pass %(number)s. The holder receives it by email.")
            % {"number": accreditation.number},
        )
        return reverse("accreditation:pass", args=[accreditation.pk])

    return _decide(request, application, "approve_form", ApproveForm(request.POST, application=application), approve)


@staff_view(REVIEW)
@require_POST
def application_reject(request: HttpRequest, pk: int) -> HttpResponse:
    application = access_application(request.user, pk, REVIEW)

    def reject(data: dict) -> str:
        services.application_reject(actor=request.user, application=application, **data)
        messages.success(request, _("The application is refused. The applicant is told why by email."))
        return reverse("accreditation:application", args=[application.pk])

    return _decide(request, application, "reject_form", RejectForm(request.POST), reject)


@staff_view(REVIEW)
@require_POST
def application_withdraw(request: HttpRequest, pk: int) -> HttpResponse:
    """Staff record a withdrawal the applicant asked for on paper or by phone."""
    application = access_application(request.user, pk, REVIEW)

    def withdraw(data: dict) -> str:
        services.application_withdraw(actor=request.user, application=application, note=data["note"])
        messages.success(request, _("The withdrawal is recorded."))
        return reverse("accreditation:application", args=[application.pk])

    return _decide(request, application, "withdraw_form", WithdrawForm(request.POST), withdraw)
