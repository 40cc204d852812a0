"""Staff pages of core: dashboard, units and their people, audit trail, security log."""

from __future__ import annotations

import datetime

from django.contrib import messages
from django.contrib.contenttypes.models import ContentType
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from pressdesk.core import services, ui
from pressdesk.core.audit_display import with_readable_changes
from pressdesk.core.forms import AuditFilterForm, GrantRoleForm
from pressdesk.core.models import AuditEntry, Membership, SignInAttempt, Unit, User
from pressdesk.core.permissions import has_perm, staff_view, unit_view, units_for
from pressdesk.core.signin import client_ip, locked_emails


@staff_view("core.view_dashboard")
def dashboard(request: HttpRequest) -> HttpResponse:
    cards = []
    for card in ui.cards():
        if card.action and not has_perm(request.user, card.action):
            continue
        context = card.render(request)
        if context is not None:
            cards.append({"template": card.template, "context": context})
    return render(request, "core/dashboard.html", {"cards": cards})


@staff_view("core.view_dashboard")
def planned_module(request: HttpRequest, key: str) -> HttpResponse:
    module = ui.get_module(key)
    if module is None:
        raise Http404(_("There is no such module."))
    if module.landed:
        return redirect(module.url())
    return render(request, "core/planned_module.html", {"module": module})


@staff_view("core.view_unit")
def unit_list(request: HttpRequest) -> HttpResponse:
    units = units_for(request.user, "core.view_unit").with_names().order_by("path")
    return render(request, "core/unit_list.html", {"units": units})


@unit_view("core.view_unit")
def unit_detail(request: HttpRequest, unit: Unit) -> HttpResponse:
    members = Membership.objects.active().filter(unit=unit).select_related("user").order_by("role", "user__full_name")
    children = unit.children.with_names().order_by("path")
    ancestors = Unit.objects.with_names().filter(pk__in=_ancestor_ids(unit)).order_by("path")
    can_manage = has_perm(request.user, "core.manage_staff", unit)
    return render(
        request,
        "core/unit_detail.html",
        {
            "unit": unit,
            "members": members,
            "children": children,
            "ancestors": ancestors,
            "can_manage": can_manage,
            "form": GrantRoleForm() if can_manage else None,
            "can_audit": has_perm(request.user, "core.view_audit", unit),
        },
    )


def _ancestor_ids(unit: Unit) -> list[int]:
    paths = [unit.path[: i + 7] for i in range(0, len(unit.path) - 7, 7)]
    return list(Unit.objects.filter(path__in=paths).values_list("pk", flat=True))


@unit_view("core.manage_staff")
def unit_grant_role(request: HttpRequest, unit: Unit) -> HttpResponse:
    form = GrantRoleForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        role = {"unit": unit, "role": data["role"], "valid_until": data["valid_until"], "ip": client_ip(request)}
        try:
            if data["user"] is None:
                services.staff_invite(
                    actor=request.user,
                    email=data["email"],
                    full_name=data["full_name"],
                    language=data["language"],
                    **role,
                )
                messages.success(request, _("The account is created and the invitation is on its way."))
            else:
                services.membership_grant(actor=request.user, user=data["user"], **role)
                messages.success(request, _("The role has been given."))
        except services.DomainError as exc:
            form.add_error(None, str(exc))
        else:
            return redirect("core:unit_detail", unit_id=unit.pk)
    return render(
        request, "core/unit_grant_role.html", {"unit": unit, "form": form}, status=400 if form.errors else 200
    )


@require_POST
@unit_view("core.manage_staff")
def unit_revoke_role(request: HttpRequest, unit: Unit, membership_id: int) -> HttpResponse:
    membership = get_object_or_404(Membership.objects.select_related("unit", "user"), pk=membership_id, unit=unit)
    try:
        services.membership_revoke(actor=request.user, membership=membership, ip=client_ip(request))
    except services.DomainError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, _("The role has been taken away."))
    return redirect("core:unit_detail", unit_id=unit.pk)


@staff_view("core.view_audit")
def audit_list(request: HttpRequest) -> HttpResponse:
    form = AuditFilterForm(request.GET or None)
    units = units_for(request.user, "core.view_audit")
    entries = AuditEntry.objects.filter(Q(unit__in=units) | Q(unit__isnull=True, actor=request.user)).select_related(
        "target_type"
    )
    target = None
    if form.is_valid():
        data = form.cleaned_data
        if q := data.get("q"):
            entries = entries.filter(
                Q(actor_label__icontains=q)
                | Q(target_repr__icontains=q)
                | Q(action__icontains=q)
                | Q(note__icontains=q)
            )
        if data.get("action"):
            entries = entries.filter(action__startswith=data["action"])
        if data.get("since"):
            entries = entries.filter(at__gte=_day_start(data["since"]))
        if data.get("until"):
            entries = entries.filter(at__lt=_day_start(data["until"] + datetime.timedelta(days=1)))
        if data.get("type") and data.get("id"):
            app_label, _sep, model = data["type"].partition(".")
            content_type = ContentType.objects.filter(app_label=app_label, model=model).first()
            entries = entries.filter(target_type=content_type, target_id=data["id"])
            target = {"type": data["type"], "id": data["id"]}
    page = Paginator(entries, 50).get_page(request.GET.get("page"))
    page.object_list = with_readable_changes(page.object_list)
    return render(request, "core/audit_list.html", {"form": form, "page": page, "target": target})


def _day_start(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))


@staff_view("core.view_security")
def security(request: HttpRequest) -> HttpResponse:
    units = units_for(request.user, "core.view_security")
    people = User.objects.staff().filter(memberships__unit__in=units).distinct().order_by("full_name")
    locked_now = locked_emails([u.email for u in people])
    locked = [u for u in people if u.email in locked_now]
    attempts = SignInAttempt.objects.filter(Q(user__in=people) | Q(user__isnull=True)).select_related("user")[:100]
    return render(request, "core/security.html", {"attempts": attempts, "locked": locked, "people": people})


def _access_staff_member(request: HttpRequest, user_id: int) -> User:
    """A staff member in the units where the requester may manage sign-in security."""
    units = units_for(request.user, "core.view_security")
    return get_object_or_404(User.objects.staff().filter(memberships__unit__in=units).distinct(), pk=user_id)


@require_POST
@staff_view("core.view_security")
def security_unlock(request: HttpRequest, user_id: int) -> HttpResponse:
    user = _access_staff_member(request, user_id)
    services.account_unlock(actor=request.user, user=user, ip=client_ip(request))
    messages.success(request, _("%(name)s can sign in again.") % {"name": user.full_name})
    return redirect("core:security")


@require_POST
@staff_view("core.view_security")
def security_reset_factor(request: HttpRequest, user_id: int) -> HttpResponse:
    user = _access_staff_member(request, user_id)
    try:
        services.second_factor_reset(actor=request.user, user=user, ip=client_ip(request))
    except services.DomainError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(
            request, _("%(name)s will set up a new authenticator at the next sign-in.") % {"name": user.full_name}
        )
    return redirect("core:security")
