"""The one permission layer: what each role may do, and where.

An *action* is a namespaced code ("core.view_unit", later
"publications.approve_material") granted to a set of roles. A role is held
in a unit; the centre's roles reach the whole subtree below their unit, the
others only their own unit. Every staff view goes through ``staff_view`` or
``unit_view`` below, and every API call through ``has_perm``; a test walks
the URL map and fails on a staff page that skipped them.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext_lazy as _

from pressdesk.core.models import Membership, Role, Unit, User

# Roles whose reach is the subtree below their unit ("the centre").
SUBTREE_ROLES = frozenset({Role.HEAD, Role.PRESS_SECRETARY, Role.PRESS_OFFICER, Role.ANALYST})


@dataclass(frozen=True)
class Action:
    code: str
    label: str
    roles: frozenset[str]


_ACTIONS: dict[str, Action] = {}


def register_action(code: str, label: str, roles: Iterable[str]) -> Action:
    """Declare an action and the roles that may do it. Apps call this when they start."""
    action = Action(code, label, frozenset(roles))
    existing = _ACTIONS.get(code)
    if existing is not None and existing != action:
        raise ValueError(f"action {code!r} declared twice with different roles")
    _ACTIONS[code] = action
    return action


def actions() -> dict[str, Action]:
    return dict(_ACTIONS)


def get_action(code: str) -> Action:
    try:
        return _ACTIONS[code]
    except KeyError:
        raise LookupError(f"unknown action {code!r}: declare it with register_action()") from None


ALL_ROLES = [r.value for r in Role]
register_action("core.view_dashboard", _("See the dashboard"), ALL_ROLES)
register_action("core.view_unit", _("See a unit and its people"), ALL_ROLES)
register_action(
    "core.view_audit", _("Read the audit trail"), [Role.HEAD, Role.PRESS_SECRETARY, Role.UNIT_PRESS_SECRETARY]
)
register_action("core.manage_staff", _("Give and take away roles"), [Role.PRESS_SECRETARY])
register_action("core.view_security", _("Read the sign-in log and unlock accounts"), [Role.PRESS_SECRETARY])


def memberships(user: User) -> list[Membership]:
    """The user's active roles, loaded once per request."""
    if not getattr(user, "is_authenticated", False) or not user.is_active or not user.is_staff_member:
        return []
    cached = getattr(user, "_pressdesk_memberships", None)
    if cached is None:
        cached = list(
            Membership.objects.active().filter(user=user).select_related("unit").prefetch_related("unit__translations")
        )
        user._pressdesk_memberships = cached
    return cached


def _reaches(membership: Membership, unit: Unit) -> bool:
    if membership.unit_id == unit.pk:
        return True
    return membership.role in SUBTREE_ROLES and unit.path.startswith(membership.unit.path)


def has_perm(user: User, action: str, unit: Unit | None = None) -> bool:
    """May ``user`` do ``action`` in ``unit`` (or, with no unit, anywhere)?"""
    allowed = get_action(action).roles
    for membership in memberships(user):
        if membership.role in allowed and (unit is None or _reaches(membership, unit)):
            return True
    return False


def units_for(user: User, action: str):
    """Every unit where ``user`` may do ``action``, as a queryset."""
    allowed = get_action(action).roles
    condition = Q(pk__in=[])
    for membership in memberships(user):
        if membership.role not in allowed:
            continue
        if membership.role in SUBTREE_ROLES:
            condition |= Q(path__startswith=membership.unit.path)
        else:
            condition |= Q(pk=membership.unit_id)
    return Unit.objects.filter(condition)


def holders(action: str, unit: Unit):
    """The active staff who may do ``action`` in ``unit``: those to tell when it is their turn."""
    allowed = get_action(action).roles
    above = [unit.path[:end] for end in range(7, len(unit.path) + 1, 7)]
    reach = Q(unit=unit) | Q(role__in=SUBTREE_ROLES, unit__path__in=above)
    held = Membership.objects.active().filter(reach, role__in=allowed)
    return User.objects.filter(pk__in=held.values("user"), is_active=True).order_by("full_name")


class UnitForbidden(PermissionDenied):
    """Raised when the unit exists but is not the user's; the 403 page explains."""


def access_unit(user: User, unit_id: int | str, action: str) -> Unit:
    """Fetch a unit the user may act on, or raise 404 (no such unit) / 403 (not yours)."""
    try:
        unit = Unit.objects.with_names().get(pk=int(unit_id))
    except (Unit.DoesNotExist, ValueError, TypeError):
        raise Http404(_("There is no such unit.")) from None
    if not has_perm(user, action, unit):
        raise UnitForbidden(_("This unit is not yours: you have no role there that allows this."))
    return unit


def _signed_in_staff(request: HttpRequest) -> HttpResponse | None:
    """A redirect to the staff sign-in when the request is not a verified staff session."""
    user = request.user
    if not user.is_authenticated or not user.is_staff_member or not user.is_verified():
        return redirect_to_signin(request)
    return None


def redirect_to_signin(request: HttpRequest) -> HttpResponse:
    from django.urls import reverse
    from django.utils.http import urlencode

    return redirect(f"{reverse('core:signin')}?{urlencode({'next': request.get_full_path()})}")


def staff_view(action: str) -> Callable:
    """A staff page not tied to one unit: needs a verified staff session and ``action`` somewhere."""
    get_action(action)

    def decorator(view: Callable) -> Callable:
        @functools.wraps(view)
        def wrapper(request: HttpRequest, *args, **kwargs) -> HttpResponse:
            if (response := _signed_in_staff(request)) is not None:
                return response
            if not has_perm(request.user, action):
                raise PermissionDenied(_("Your roles do not allow this page."))
            return view(request, *args, **kwargs)

        wrapper.permission_action = action
        return wrapper

    return decorator


def unit_view(action: str) -> Callable:
    """A staff page about one unit (``unit_id`` in the URL): the view receives ``unit``."""
    get_action(action)

    def decorator(view: Callable) -> Callable:
        @functools.wraps(view)
        def wrapper(request: HttpRequest, unit_id: int, *args, **kwargs) -> HttpResponse:
            if (response := _signed_in_staff(request)) is not None:
                return response
            unit = access_unit(request.user, unit_id, action)
            return view(request, unit, *args, **kwargs)

        wrapper.permission_action = action
        wrapper.permission_scope = "unit"
        return wrapper

    return decorator


def public_view(view: Callable) -> Callable:
    """Marks a page that anyone may open (sign-in, portal, health); the URL test requires a mark."""
    view.permission_action = None
    return view
