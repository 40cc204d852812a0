"""Staff pages of events: the calendar, planning and changing, one event, cancelling, venues, absences, the feed."""

from __future__ import annotations

import datetime
import re

from django.contrib import messages
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from ninja.errors import AuthenticationError, HttpError

from pressdesk.api.auth import PersonalToken
from pressdesk.core.audit_display import with_readable_changes
from pressdesk.core.models import AuditEntry, Unit, User
from pressdesk.core.permissions import has_perm, redirect_to_signin, staff_view, units_for
from pressdesk.core.services import DomainError
from pressdesk.core.submissions import once
from pressdesk.events import calendar, ical, resources, services
from pressdesk.events.access import access_event
from pressdesk.events.access import in_sight as in_sight_events
from pressdesk.events.forms import (
    AbsenceForm,
    CancelForm,
    EventForm,
    HeldForm,
    MaterialsForm,
    VenueForm,
    initial_for,
    speaker_rows,
)
from pressdesk.events.models import Event, EventKind, EventStatus
from pressdesk.publications.access import in_sight

VIEW, PLAN = "events.view", services.PLAN
FEED_DAYS_BACK = 90
MATERIAL_CHOICES = 50


def _calendar_query(request: HttpRequest, span: calendar.Period, **changes) -> str:
    params = {"view": span.view, "date": span.anchor.isoformat()}
    params |= {k: request.GET[k] for k in ("unit", "kind") if request.GET.get(k)}
    return "?" + urlencode(params | {k: v for k, v in changes.items()})


@staff_view(VIEW)
def event_list(request: HttpRequest) -> HttpResponse:
    view = request.GET.get("view", "month")
    view = view if view in calendar.VIEWS else "month"
    span = calendar.period(view, calendar.parse_day(request.GET.get("date"), timezone.localdate()))
    units = units_for(request.user, VIEW).with_names().order_by("path")
    events = in_sight_events(request.user).filter(starts_at__gte=span.starts_at, starts_at__lt=span.ends_at)
    unit = request.GET.get("unit", "")
    if re.fullmatch(r"[0-9]{1,12}", unit):  # "²" is a digit to str.isdigit, not to int()
        events = events.filter(unit_id=int(unit))
    kind = request.GET.get("kind", "")
    if kind in EventKind.values:
        events = events.filter(kind=kind)
    events = list(
        events.select_related("venue", "unit").prefetch_related(
            "translations", "venue__translations", "unit__translations"
        )
    )
    context = {
        "span": span,
        "view": view,
        "views": [(key, label, _calendar_query(request, span, view=key)) for key, label in _view_labels().items()],
        "heading": calendar.month_label(span.anchor),
        "events": events,
        "units": units,
        "unit": unit,
        "kinds": EventKind.choices,
        "kind": kind,
        "previous_url": _calendar_query(request, span, date=span.previous.isoformat()),
        "next_url": _calendar_query(request, span, date=span.next.isoformat()),
        "today_url": _calendar_query(request, span, date=timezone.localdate().isoformat()),
        "today": timezone.localdate(),
        "can_plan": has_perm(request.user, PLAN),
    }
    if view == "month":
        context["weeks"] = calendar.month_grid(span, events)
        context["weekdays"] = calendar.weekday_names()
    elif view == "week":
        context["days"] = [(day, calendar.day_label(day.date)) for day in calendar.week_days(span, events)]
        context["hours"] = calendar.week_hours([day for day, _label in context["days"]])
    return render(request, "events/calendar.html", context)


def _view_labels() -> dict[str, str]:
    return {"month": _("Month"), "week": _("Week"), "list": _("List")}


def _plan_page(request: HttpRequest, event: Event | None) -> HttpResponse:
    user = request.user
    units = units_for(user, PLAN).with_names().order_by("path")
    venues = resources.venues_for(user)
    people = resources.people_for(user)
    data = request.POST if request.method == "POST" else None
    initial = initial_for(event) if event else None
    form = EventForm(data, initial=initial, units=units, venues=venues, editing=event is not None)
    rows = speaker_rows(data, people=people, event=event)
    warnings: list[services.Clash] = []
    if data is not None and form.is_valid() & all(row.is_valid() for row in rows):
        plan = form.plan([s for s in (row.speaker() for row in rows) if s is not None])
        confirmed = request.POST.get("confirmed") == "1"
        try:
            if event is None:

                def plan_it() -> str:
                    made = services.plan_event(
                        actor=user, unit=form.cleaned_data["unit"], plan=plan, confirmed=confirmed
                    )
                    return reverse("events:detail", args=[made.pk])

                return redirect(once(request, plan_it, done=_("The event is planned.")))
            services.change_event(actor=user, event=event, plan=plan, confirmed=confirmed)
        except services.NeedsConfirmation as warning:
            warnings = warning.clashes
        except DomainError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("The event is changed."))
            return redirect("events:detail", event.pk)
    context = {"form": form, "rows": rows, "event": event, "warnings": warnings}
    return render(request, "events/form.html", context)


@staff_view(PLAN)
def event_new(request: HttpRequest) -> HttpResponse:
    return _plan_page(request, None)


@staff_view(PLAN)
def event_edit(request: HttpRequest, pk: int) -> HttpResponse:
    event = access_event(request.user, pk, PLAN)
    if event.status != EventStatus.PLANNED:
        messages.error(request, _("Only a planned event can be changed."))
        return redirect("events:detail", event.pk)
    return _plan_page(request, event)


def _material_choices(user: User, event: Event) -> QuerySet:
    """Materials of the event's unit the user may read, the latest first, and those already linked."""
    linked = event.materials.values("pk")
    recent = in_sight(user).filter(unit=event.unit).order_by("-updated_at").values("pk")[:MATERIAL_CHOICES]
    pks = {row["pk"] for row in recent} | {row["pk"] for row in linked}
    return in_sight(user).filter(pk__in=pks).prefetch_related("translations").order_by("-updated_at")


def _history(event: Event) -> list[AuditEntry]:
    entries = AuditEntry.objects.for_object(event).select_related("target_type").order_by("-at", "-pk")[:100]
    return with_readable_changes(entries)


@staff_view(VIEW)
def event_detail(request: HttpRequest, pk: int) -> HttpResponse:
    event = access_event(request.user, pk)
    may_plan = has_perm(request.user, PLAN, event.unit)
    planned = event.status == EventStatus.PLANNED
    materials = event.materials.filter(pk__in=in_sight(request.user).values("pk")).prefetch_related("translations")
    context = {
        "event": event,
        "text": event.translated(),
        "texts": list(event.translations.all()),
        "speakers": list(event.speakers.all()),
        "materials": list(materials),
        "may": {
            "plan": may_plan,
            "change": may_plan and planned,
            "cancel": may_plan and planned,
            "held": may_plan and event.status != EventStatus.CANCELLED and event.starts_at <= timezone.now(),
        },
        "held_form": HeldForm(initial={"attendance": event.attendance_manual}),
        "materials_form": may_plan
        and MaterialsForm(choices=_material_choices(request.user, event), initial={"materials": materials}),
        "history": _history(event),
        "is_announced": Event.objects.public().filter(pk=event.pk).exists(),
    }
    return render(request, "events/detail.html", context)


@staff_view(PLAN)
def event_cancel(request: HttpRequest, pk: int) -> HttpResponse:
    event = access_event(request.user, pk, PLAN)
    form = CancelForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.cancel_event(actor=request.user, event=event, reason=form.cleaned_data["reason"])
        except DomainError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("The event is cancelled."))
            return redirect("events:detail", event.pk)
    return render(request, "events/cancel.html", {"event": event, "form": form})


def _post_step(request: HttpRequest, event: Event, step, success: str) -> HttpResponse:
    """Run one service for a small form on the event's page; its refusal comes back as a message there."""
    try:
        step()
    except DomainError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, success)
    return redirect("events:detail", event.pk)


@staff_view(PLAN)
def event_held(request: HttpRequest, pk: int) -> HttpResponse:
    event = access_event(request.user, pk, PLAN)
    form = HeldForm(request.POST or None)
    if request.method != "POST" or not form.is_valid():
        messages.error(request, _("Give the number of journalists present as a whole number, or leave it empty."))
        return redirect("events:detail", event.pk)
    attendance = form.cleaned_data["attendance"]
    return _post_step(
        request,
        event,
        lambda: services.mark_held(actor=request.user, event=event, attendance=attendance),
        _("The event is marked as held."),
    )


@staff_view(PLAN)
def event_materials(request: HttpRequest, pk: int) -> HttpResponse:
    event = access_event(request.user, pk, PLAN)
    form = MaterialsForm(request.POST or None, choices=_material_choices(request.user, event))
    if request.method != "POST" or not form.is_valid():
        messages.error(request, _("Choose materials from the list."))
        return redirect("events:detail", event.pk)
    # Links to materials this user cannot see stay as they are.
    hidden = event.materials.exclude(pk__in=in_sight(request.user).values("pk"))
    chosen = [*form.cleaned_data["materials"], *hidden]
    return _post_step(
        request,
        event,
        lambda: services.link_materials(actor=request.user, event=event, materials=chosen),
        _("The materials are linked."),
    )


@staff_view(PLAN)
def venues(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    user = request.user
    units = units_for(user, PLAN).with_names().order_by("path")
    venue = None
    initial = None
    if pk is not None:
        venue = resources.venues_for(user, PLAN).filter(pk=pk).first()
        if venue is None:
            raise Http404(_("There is no such venue."))
        initial = {"unit": venue.unit_id, "address": venue.address, "capacity": venue.capacity}
        initial |= {f"name_{row.language}": row.name for row in venue.translations.all()}
    form = VenueForm(request.POST or None, units=units, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            resources.venue_save(
                actor=user,
                unit=data["unit"],
                names=form.names(),
                address=data["address"],
                capacity=data["capacity"],
                venue=venue,
            )
        except DomainError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("The venue is saved."))
            return redirect("events:venues")
    listed = resources.venues_for(user).select_related("unit").prefetch_related("unit__translations")
    return render(request, "events/venues.html", {"form": form, "venue": venue, "venues": listed})


@staff_view(PLAN)
def absences(request: HttpRequest) -> HttpResponse:
    user = request.user
    form = AbsenceForm(request.POST or None, people=resources.people_for(user, PLAN))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            resources.absence_add(
                actor=user,
                person=data["user"],
                starts_at=data["starts_at"],
                ends_at=data["ends_at"],
                reason=data["reason"],
            )
        except DomainError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("The absence is recorded."))
            return redirect("events:absences")
    listed = resources.absences_for(user).filter(ends_at__gte=timezone.now())
    return render(request, "events/absences.html", {"form": form, "absences": listed})


@staff_view(PLAN)
def absence_remove(request: HttpRequest, pk: int) -> HttpResponse:
    absence = resources.absences_for(request.user).filter(pk=pk).first()
    if absence is None:
        raise Http404(_("There is no such absence."))
    if request.method != "POST":
        return redirect("events:absences")
    try:
        resources.absence_remove(actor=request.user, absence=absence)
    except DomainError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("The absence is removed."))
    return redirect("events:absences")


def _feed_user(request: HttpRequest) -> User | HttpResponse:
    """A verified staff session, or the owner of the personal API token in ``?token=`` (calendar programs)."""
    token = request.GET.get("token", "").strip()
    if not token:
        user = request.user
        if user.is_authenticated and user.is_staff_member and user.is_verified():
            return user
        return redirect_to_signin(request)
    try:
        return PersonalToken().authenticate(request, token)
    except AuthenticationError as refused:
        return HttpResponse(str(refused.message), status=401, content_type="text/plain; charset=utf-8")
    except HttpError as error:
        return HttpResponse(str(error), status=error.status_code, content_type="text/plain; charset=utf-8")


def ical_feed(request: HttpRequest, unit_id: int) -> HttpResponse:
    """The unit's events as iCalendar: the last three months and everything ahead, cancelled ones marked."""
    user = _feed_user(request)
    if isinstance(user, HttpResponse):
        return user
    unit = Unit.objects.with_names().filter(pk=unit_id).first()
    if unit is None or not has_perm(user, VIEW, unit):
        raise Http404(_("There is no such unit."))
    since = timezone.now() - datetime.timedelta(days=FEED_DAYS_BACK)
    events = (
        ical.with_sequence(Event.objects.filter(unit=unit, ends_at__gte=since))
        .select_related("venue")
        .prefetch_related("translations", "venue__translations")
    )
    urls = {event.pk: request.build_absolute_uri(reverse("events:detail", args=[event.pk])) for event in events}
    body = ical.calendar(events, name=_("Events: %(unit)s") % {"unit": unit.name}, urls=urls)
    answer = ical.response(body, f"events-{unit.pk}.ics")
    answer["Cache-Control"] = "private, no-store"
    return answer


# The feed checks its own caller (a session or a token) and the unit: see _feed_user and has_perm above.
ical_feed.permission_action = VIEW
ical_feed.permission_scope = "unit"
