"""Staff pages of media inquiries: the list on the clock, intake, and one request with its next steps."""

from __future__ import annotations

from collections.abc import Callable

from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models import Q, QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from pressdesk.core import workdays
from pressdesk.core.models import Membership, Unit, User
from pressdesk.core.permissions import UnitForbidden, has_perm, staff_view, units_for
from pressdesk.core.services import DomainError
from pressdesk.directory import access as directory_access
from pressdesk.directory.models import Journalist, Outlet
from pressdesk.inquiries import services
from pressdesk.inquiries.forms import (
    AssignForm,
    DraftForm,
    ExtendForm,
    NoteForm,
    NoticeForm,
    RefuseForm,
    SendForm,
    StaffIntakeForm,
)
from pressdesk.inquiries.models import OPEN, Inquiry, Status

VIEWS = {
    "open": gettext_lazy("Open"),
    "due_soon": gettext_lazy("Due soon"),
    "overdue": gettext_lazy("Overdue"),
    "closed": gettext_lazy("Closed"),
    "all": gettext_lazy("All"),
}


def in_sight(user: User) -> QuerySet[Inquiry]:
    """Requests of the units the user reaches, and those given to the user to answer."""
    return Inquiry.objects.filter(Q(unit__in=units_for(user, "inquiries.view")) | Q(assignee=user))


def access_inquiry(user: User, pk: int, action: str = "inquiries.view", *, assignee_may: bool = False) -> Inquiry:
    """The request if the user sees it and may take ``action`` there; its expert may also draft and note."""
    inquiry = (
        in_sight(user).select_related("unit", "assignee", "assigned_unit", "outlet", "journalist").filter(pk=pk).first()
    )
    if inquiry is None:
        raise Http404(_("There is no such request."))
    own_draft = assignee_may and inquiry.assignee_id == user.pk
    if action != "inquiries.view" and not own_draft and not has_perm(user, action, inquiry.unit):
        raise UnitForbidden(_("Your role in this unit does not allow this step."))
    return inquiry


@staff_view("inquiries.view")
def inquiry_list(request: HttpRequest) -> HttpResponse:
    today = timezone.localdate()
    view = request.GET.get("view", "open")
    inquiries = in_sight(request.user).select_related("unit", "assignee")
    if view == "open":
        inquiries = inquiries.open()
    elif view == "due_soon":
        inquiries = inquiries.open().filter(due_on__gte=today, due_on__lte=workdays.add_working_days(today, 2))
    elif view == "overdue":
        inquiries = inquiries.overdue(today)
    elif view == "closed":
        inquiries = inquiries.exclude(status__in=[*OPEN, Status.MERGED]).order_by("-closed_on", "-pk")
    page = Paginator(inquiries, 50).get_page(request.GET.get("page"))
    for inquiry in page.object_list:
        inquiry.days_left = workdays.working_days_between(today, inquiry.due_on) if inquiry.due_on >= today else None
    return render(
        request,
        "inquiries/list.html",
        {
            "page": page,
            "view": view,
            "views": VIEWS,
            "today": today,
            "query": f"view={view}",
            "can_log": has_perm(request.user, "inquiries.handle"),
        },
    )


@staff_view("inquiries.handle")
def inquiry_new(request: HttpRequest) -> HttpResponse:
    form = StaffIntakeForm(
        request.POST or None,
        request.FILES or None,
        initial={"received_at": timezone.localtime().replace(second=0, microsecond=0)},
    )
    units = units_for(request.user, "inquiries.handle").with_names().order_by("path")
    form.fields["unit"].queryset = units
    form.fields["unit"].initial = units.first()
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            received = services.inquiry_receive(
                actor=request.user,
                unit=data["unit"],
                channel=data["channel"],
                received_at=data["received_at"],
                attachments=data["attachments"],
                **{key: data[key] for key in _REQUEST_KEYS},
            )
        except DomainError as error:
            form.add_error(None, str(error))
        else:
            if received.duplicate:
                messages.warning(request, _("The same request is already registered: this is it."))
            else:
                messages.success(request, _("Registered as %(number)s.") % {"number": received.inquiry.number})
            return redirect("inquiries:detail", received.inquiry.pk)
    return render(request, "inquiries/new.html", {"form": form})


_REQUEST_KEYS = [
    "requester_name",
    "outlet_name",
    "requester_email",
    "requester_phone",
    "language",
    "answer_form",
    "subject",
    "question",
]


def _experts(user: User) -> tuple[QuerySet[User], QuerySet[Unit]]:
    units = units_for(user, "inquiries.handle").with_names().order_by("path")
    people = User.objects.filter(
        pk__in=Membership.objects.active().filter(unit__in=units).values("user"), is_active=True
    ).order_by("full_name")
    return people, units


@staff_view("inquiries.view")
def inquiry_detail(request: HttpRequest, pk: int) -> HttpResponse:
    inquiry = access_inquiry(request.user, pk)
    user, unit = request.user, inquiry.unit
    may_handle = has_perm(user, "inquiries.handle", unit)
    assign_form = None
    if may_handle and inquiry.is_open:
        assign_form = AssignForm(initial={"assignee": inquiry.assignee_id, "department": inquiry.assigned_unit_id})
        assign_form.fields["assignee"].queryset, assign_form.fields["department"].queryset = _experts(user)
    today = timezone.localdate()
    return render(
        request,
        "inquiries/detail.html",
        {
            "inquiry": inquiry,
            "notes": inquiry.notes.select_related("author"),
            "today": today,
            "days_left": workdays.working_days_between(today, inquiry.due_on) if inquiry.due_on >= today else None,
            "may_handle": may_handle,
            "may_draft": inquiry.is_open and (may_handle or inquiry.assignee_id == user.pk),
            "may_answer": inquiry.is_open and has_perm(user, "inquiries.answer", unit),
            "may_record_notice": has_perm(user, "inquiries.extend", unit),
            # Link the directory records only where this user may open them.
            "journalist_link": inquiry.journalist_id
            and directory_access.visible(user, Journalist.objects.filter(pk=inquiry.journalist_id)).exists(),
            "outlet_link": inquiry.outlet_id
            and directory_access.visible(user, Outlet.objects.filter(pk=inquiry.outlet_id)).exists(),
            "may_extend": inquiry.is_open and not inquiry.extended_on and has_perm(user, "inquiries.extend", unit),
            "assign_form": assign_form,
            "note_form": NoteForm(),
            "draft_form": DraftForm(
                initial={"answer": inquiry.answer_text, "language": inquiry.answer_language or inquiry.language}
            ),
            "extend_form": ExtendForm(),
            "notice_form": NoticeForm(),
            "refuse_form": RefuseForm(),
            "send_form": SendForm(),
            "language_differs": bool(inquiry.answer_text) and inquiry.answer_language != inquiry.language,
        },
    )


def _assign_form(request: HttpRequest) -> AssignForm:
    form = AssignForm(request.POST if request.method == "POST" else None)
    form.fields["assignee"].queryset, form.fields["department"].queryset = _experts(request.user)
    return form


def _posted(form_class):
    return lambda request: form_class(request.POST)


def _step(action: str, make_form, run: Callable[[HttpRequest, Inquiry, dict], object], done, assignee_may=False):
    """A POST that validates one small form and calls one service; errors come back as messages on the request."""

    @require_POST
    @staff_view("inquiries.view")
    def view(request: HttpRequest, pk: int) -> HttpResponse:
        inquiry = access_inquiry(request.user, pk, action, assignee_may=assignee_may)
        form = make_form(request) if make_form else None
        if form is not None and not form.is_valid():
            for errors in form.errors.values():
                for error in errors:
                    messages.error(request, error)
            return redirect("inquiries:detail", inquiry.pk)
        try:
            run(request, inquiry, form.cleaned_data if form else {})
        except DomainError as error:
            messages.error(request, str(error))
        else:
            messages.success(request, done)
        return redirect("inquiries:detail", inquiry.pk)

    return view


inquiry_assign = _step(
    "inquiries.handle",
    _assign_form,
    lambda r, i, d: services.inquiry_assign(
        actor=r.user, inquiry=i, assignee=d["assignee"], department=d["department"]
    ),
    gettext_lazy("The request is with the expert."),
)
inquiry_note = _step(
    "inquiries.handle",
    _posted(NoteForm),
    lambda r, i, d: services.inquiry_note(actor=r.user, inquiry=i, message=d["message"]),
    gettext_lazy("Note added."),
    assignee_may=True,
)
inquiry_draft = _step(
    "inquiries.handle",
    _posted(DraftForm),
    lambda r, i, d: services.inquiry_draft(
        actor=r.user, inquiry=i, answer=d["answer"], language=d["language"], submit="submit" in r.POST
    ),
    gettext_lazy("The answer is saved."),
    assignee_may=True,
)
inquiry_escalate = _step(
    "inquiries.handle",
    None,
    lambda r, i, d: services.inquiry_escalate(actor=r.user, inquiry=i),
    gettext_lazy("The request is with the head."),
)
inquiry_extend = _step(
    "inquiries.extend",
    _posted(ExtendForm),
    lambda r, i, d: services.inquiry_extend(actor=r.user, inquiry=i, days=d["days"], reason=d["reason"]),
    gettext_lazy("The term is extended. Tell the outlet within two working days and record it here."),
)
inquiry_notice = _step(
    "inquiries.extend",
    _posted(NoticeForm),
    lambda r, i, d: services.inquiry_notice_sent(actor=r.user, inquiry=i, how=d["how"]),
    gettext_lazy("Recorded: the outlet was told."),
)
inquiry_send = _step(
    "inquiries.answer",
    _posted(SendForm),
    lambda r, i, d: services.inquiry_answer(actor=r.user, inquiry=i, other_language_confirmed=d["other_language"]),
    gettext_lazy("The answer is sent to the journalist."),
)
inquiry_refuse = _step(
    "inquiries.answer",
    _posted(RefuseForm),
    lambda r, i, d: services.inquiry_refuse(actor=r.user, inquiry=i, ground=d["ground"], explanation=d["explanation"]),
    gettext_lazy("The refusal is sent to the journalist."),
)
