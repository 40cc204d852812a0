"""Staff pages of the press plan: the year, quarter and month views, one item and its steps, plan against fact,
the iCalendar export. Thin: parse, fetch through ``access``, call one service, render or redirect."""

from __future__ import annotations

from django.contrib import messages
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext as _

from pressdesk.core.audit_display import with_readable_changes
from pressdesk.core.models import AuditEntry, Unit, User
from pressdesk.core.permissions import has_perm, staff_view, units_for
from pressdesk.core.services import DomainError
from pressdesk.core.submissions import once
from pressdesk.events import ical as events_ical
from pressdesk.events import services as event_services
from pressdesk.events.calendar import month_label
from pressdesk.events.forms import EventForm
from pressdesk.events.resources import people_for, venues_for
from pressdesk.planning import ical, plan_links, plan_services
from pressdesk.planning.access import access_item, in_sight
from pressdesk.planning.forms_plan import (
    CancelForm,
    ExportForm,
    FactForm,
    FilterForm,
    ItemForm,
    LinkForm,
    MaterialForm,
    MoveForm,
    item_initial,
    this_year,
)
from pressdesk.planning.models import OPEN_STATUSES, PlanItem, PlanKind
from pressdesk.planning.plan_fact import column_labels, filter_fact, labelled, report, with_fact
from pressdesk.planning.plan_periods import VIEWS, month_end, parse_day, span
from pressdesk.planning.registry import PLAN_KEEP, PLAN_VIEW

FILTERS = ("unit", "kind", "status", "owner")


def _units(user: User, action: str = PLAN_VIEW) -> QuerySet[Unit]:
    return units_for(user, action).with_names().order_by("path")


def _people(user: User) -> QuerySet[User]:
    """Owners to choose from: staff holding a role in a unit whose plan the user sees."""
    return people_for(user, PLAN_VIEW)


def _query(request: HttpRequest, **changes) -> str:
    params = {k: request.GET[k] for k in ("view", "date", *FILTERS) if request.GET.get(k)}
    return "?" + urlencode(params | changes)


@staff_view(PLAN_VIEW)
def plan(request: HttpRequest) -> HttpResponse:
    today = timezone.localdate()
    view = request.GET.get("view") if request.GET.get("view") in VIEWS else "month"
    period = span(view, parse_day(request.GET.get("date"), today))
    units = _units(request.user)
    filters = FilterForm(request.GET, units=units, people=_people(request.user))
    filters.is_valid()  # a value that is not a choice is reported on the page and left out of the filter
    chosen = filters.cleaned_data
    items = with_fact(in_sight(request.user), today).meeting(period.first, period.last)
    if chosen.get("unit"):
        items = items.filter(unit=chosen["unit"])
    if chosen.get("kind"):
        items = items.filter(kind=chosen["kind"])
    if chosen.get("owner"):
        items = items.filter(owner=chosen["owner"])
    items = filter_fact(items, chosen.get("status", ""))
    items = labelled(
        items.select_related("unit", "owner", "campaign")
        .prefetch_related("unit__translations")
        .order_by("-whole_month", "starts_on", "pk")
    )
    months = [
        (month, month_label(month), [i for i in items if i.starts_on <= month_end(month) and i.last_on >= month])
        for month in period.months
    ]
    context = {
        "period": period,
        "view": view,
        "views": [(key, label, _query(request, view=key)) for key, label in _view_labels().items()],
        "months": months,
        "items": items,
        "filters": filters,
        "filtered": any(chosen.get(name) for name in FILTERS),
        "previous_url": _query(request, date=period.previous.isoformat()),
        "next_url": _query(request, date=period.next.isoformat()),
        "today_url": _query(request, date=today.isoformat()),
        "today": today,
        "may_keep": has_perm(request.user, PLAN_KEEP),
    }
    return render(request, "planning/plan.html", context)


def _view_labels() -> dict[str, str]:
    return {"year": _("Year"), "quarter": _("Quarter"), "month": _("Month")}


def _item_page(request: HttpRequest, item: PlanItem | None) -> HttpResponse:
    user = request.user
    campaigns = in_sight(user).filter(kind=PlanKind.CAMPAIGN, status__in=OPEN_STATUSES).order_by("-starts_on")
    data = request.POST if request.method == "POST" else None
    initial = item_initial(item) if item else {k: request.GET[k] for k in ("kind", "starts_on") if k in request.GET}
    if item is None and request.GET.get("campaign", "").isascii() and request.GET.get("campaign", "").isdigit():
        initial["campaign"] = request.GET["campaign"]
    form = ItemForm(
        data,
        initial=initial,
        units=_units(user, PLAN_KEEP),
        people=_people(user),
        campaigns=campaigns.exclude(pk=item.pk) if item else campaigns,
        editing=item is not None,
    )
    if data is not None and form.is_valid():
        try:
            if item is None:

                def add() -> str:
                    made = plan_services.item_create(actor=user, unit=form.cleaned_data["unit"], draft=form.draft())
                    return reverse("planning:plan_item", args=[made.pk])

                return redirect(once(request, add, done=_("The item is added to the plan.")))
            plan_services.item_change(actor=user, item=item, draft=form.draft())
        except DomainError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("The item is changed."))
            return redirect("planning:plan_item", item.pk)
    return render(request, "planning/plan_form.html", {"form": form, "item": item})


@staff_view(PLAN_KEEP)
def item_new(request: HttpRequest) -> HttpResponse:
    return _item_page(request, None)


@staff_view(PLAN_KEEP)
def item_edit(request: HttpRequest, pk: int) -> HttpResponse:
    item = access_item(request.user, pk, PLAN_KEEP)
    if item.status not in OPEN_STATUSES:
        messages.error(request, _("Only a planned item or one in work can be changed."))
        return redirect("planning:plan_item", item.pk)
    return _item_page(request, item)


@staff_view(PLAN_VIEW)
def item_detail(request: HttpRequest, pk: int) -> HttpResponse:
    item = access_item(request.user, pk)
    may_keep = has_perm(request.user, PLAN_KEEP, item.unit)
    unlinked = item.status in OPEN_STATUSES and not (item.event_id or item.material_id)
    history = AuditEntry.objects.for_object(item).select_related("target_type").order_by("-at", "-pk")[:100]
    context = {
        "item": labelled([item])[0],
        "parts": labelled(with_fact(item.parts.all(), timezone.localdate()).select_related("owner")),
        "may": {
            "keep": may_keep,
            "change": may_keep and item.status in OPEN_STATUSES,
            "realise": may_keep and unlinked and plan_links.realisable(item),
        },
        "material_form": MaterialForm(initial={"language": plan_links.language_of(item)}),
        "history": with_readable_changes(history),
    }
    return render(request, "planning/plan_item.html", context)


def _reason_step(request: HttpRequest, pk: int, form_class, step, success: str, template: str) -> HttpResponse:
    item = access_item(request.user, pk, PLAN_KEEP)
    form = form_class(request.POST or None, initial={"starts_on": item.starts_on, "ends_on": item.ends_on})
    if request.method == "POST" and form.is_valid():
        try:
            result = step(item, form.cleaned_data)
        except DomainError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, success)
            return redirect("planning:plan_item", result.pk)
    return render(request, template, {"item": item, "form": form})


@staff_view(PLAN_KEEP)
def item_move(request: HttpRequest, pk: int) -> HttpResponse:
    def step(item, data):
        return plan_services.item_move(
            actor=request.user, item=item, starts_on=data["starts_on"], ends_on=data["ends_on"], reason=data["reason"]
        )

    return _reason_step(request, pk, MoveForm, step, _("The item is moved."), "planning/plan_move.html")


@staff_view(PLAN_KEEP)
def item_cancel(request: HttpRequest, pk: int) -> HttpResponse:
    def step(item, data):
        return plan_services.item_cancel(actor=request.user, item=item, reason=data["reason"])

    return _reason_step(request, pk, CancelForm, step, _("The item is cancelled."), "planning/plan_cancel.html")


@staff_view(PLAN_KEEP)
def item_make_event(request: HttpRequest, pk: int) -> HttpResponse:
    """The event form filled in from the plan; saving plans the event and links it."""
    item = access_item(request.user, pk, PLAN_KEEP)
    if item.event_id or item.material_id:
        messages.error(request, _("This plan item is already linked to the real thing: nothing new was made."))
        return redirect("planning:plan_item", item.pk)
    if item.kind not in plan_links.AS_EVENT or item.status not in OPEN_STATUSES:
        messages.error(request, _("Only a planned event or interview turns into an event."))
        return redirect("planning:plan_item", item.pk)
    data = request.POST if request.method == "POST" else None
    units = Unit.objects.with_names().filter(pk=item.unit_id)
    form = EventForm(data, initial=plan_links.event_initial(item), units=units, venues=venues_for(request.user))
    warnings: list[event_services.Clash] = []
    if data is not None and form.is_valid():
        try:
            event = plan_links.item_make_event(
                actor=request.user, item=item, plan=form.plan([]), confirmed=request.POST.get("confirmed") == "1"
            )
        except event_services.NeedsConfirmation as warning:
            warnings = warning.clashes
        except DomainError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("The event is planned and linked to the plan item. Add its speakers here."))
            return redirect("events:edit", event.pk)
    return render(request, "planning/plan_event.html", {"item": item, "form": form, "warnings": warnings})


@staff_view(PLAN_KEEP)
def item_make_material(request: HttpRequest, pk: int) -> HttpResponse:
    item = access_item(request.user, pk, PLAN_KEEP)
    form = MaterialForm(request.POST or None)
    if request.method != "POST" or not form.is_valid():
        return redirect("planning:plan_item", item.pk)
    data = form.cleaned_data
    try:
        material = plan_links.item_make_material(
            actor=request.user, item=item, kind=data["kind"], language=data["language"]
        )
    except DomainError as error:
        messages.error(request, str(error))
        return redirect("planning:plan_item", item.pk)
    messages.success(request, _("A draft material is made and linked to the plan item: write its text."))
    return redirect("publications:edit", material.pk, data["language"])


@staff_view(PLAN_KEEP)
def item_link(request: HttpRequest, pk: int) -> HttpResponse:
    item = access_item(request.user, pk, PLAN_KEEP)
    as_event = item.kind in plan_links.AS_EVENT
    choices = (plan_links.events_to_link if as_event else plan_links.materials_to_link)(request.user, item)
    label = _("Event") if as_event else _("Material")
    form = LinkForm(request.POST or None, choices=choices, label=label)
    if request.method == "POST" and form.is_valid():
        chosen = form.cleaned_data["choice"]
        try:
            plan_links.item_link(
                actor=request.user, item=item, **({"event": chosen} if as_event else {"material": chosen})
            )
        except DomainError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("The plan item is linked."))
            return redirect("planning:plan_item", item.pk)
    return render(request, "planning/plan_link.html", {"item": item, "form": form, "as_event": as_event})


@staff_view(PLAN_VIEW)
def fact(request: HttpRequest) -> HttpResponse:
    today = timezone.localdate()
    units = _units(request.user)
    form = FactForm({"year": today.year, **request.GET.dict()}, units=units)
    result = None
    if form.is_valid():
        items = in_sight(request.user)
        if form.cleaned_data["unit"]:
            items = items.filter(unit=form.cleaned_data["unit"])
        year = span("year", today.replace(year=form.cleaned_data["year"], month=1, day=1))
        result = report(items, year.months, today)
        result.months = [(month, month_label(month), tally) for month, tally in result.months]
    context = {"form": form, "result": result, "columns": column_labels()}
    return render(request, "planning/plan_fact.html", context)


@staff_view(PLAN_VIEW)
def export(request: HttpRequest) -> HttpResponse:
    """The export form; once it is filled in correctly, the plan of those days as an iCalendar file."""
    units = _units(request.user)
    form = ExportForm(request.GET or None, units=units, initial=this_year(timezone.localdate()))
    if not form.is_valid():
        return render(request, "planning/plan_export.html", {"form": form}, status=400 if form.is_bound else 200)
    data = form.cleaned_data
    items = with_fact(in_sight(request.user), timezone.localdate()).meeting(data["first"], data["last"])
    if data["unit"]:
        items = items.filter(unit=data["unit"])
    items = items.select_related("unit", "owner").prefetch_related("unit__translations")
    urls = {i.pk: request.build_absolute_uri(reverse("planning:plan_item", args=[i.pk])) for i in items}
    name = _("Press plan: %(unit)s") % {"unit": data["unit"].name} if data["unit"] else _("Press plan")
    filename = f"plan-{data['unit'].pk if data['unit'] else 'all'}-{data['first']:%Y%m%d}-{data['last']:%Y%m%d}.ics"
    answer = events_ical.response(ical.calendar(items, name=name, urls=urls), filename)
    answer["Cache-Control"] = "private, no-store"
    return answer
