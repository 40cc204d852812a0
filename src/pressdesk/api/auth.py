"""Who is calling (a verified staff session or a personal token) and what each endpoint needs.

Authentication says who; it never grants anything. Permission is the one layer
of ``core.permissions``: every endpoint declares its action with ``@requires``,
and ``guard`` (applied by the API to every operation) checks it, so an endpoint
cannot forget the check — an undeclared one stops the URL map from loading.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja.errors import AuthenticationError, AuthorizationError, HttpError
from ninja.security import APIKeyCookie, HttpBearer

from pressdesk.api import services
from pressdesk.core import ratelimit
from pressdesk.core.models import User
from pressdesk.core.permissions import get_action, has_perm
from pressdesk.core.signin import client_ip

# Failed token attempts allowed per client address and minute (a setting may override it).


class TokenRefused(AuthenticationError):
    """A token was sent and is no good; the session is not tried instead, so the caller learns why."""

    def __init__(self) -> None:
        super().__init__(
            message=_(
                "This API token does not work: it is unknown, revoked or expired, or its owner has no staff role."
            )
        )


class TooManyAttempts(HttpError):
    def __init__(self) -> None:
        super().__init__(429, _("Too many attempts with wrong tokens from your network. Wait a minute and try again."))


class PersonalToken(HttpBearer):
    """``Authorization: Bearer pd_…``: a token made on the staff page "API tokens"."""

    def authenticate(self, request: HttpRequest, token: str) -> User:
        user = services.api_token_user(token.strip())
        if user is None:
            limit = settings.API_TOKEN_FAILURES_PER_MINUTE
            if not ratelimit.hit("api.token", client_ip(request) or "-", limit=limit, window_seconds=60):
                raise TooManyAttempts()
            raise TokenRefused()
        return user


class StaffSession(APIKeyCookie):
    """The staff pages' own session, only once the second factor is done (as for any staff page)."""

    param_name = settings.SESSION_COOKIE_NAME

    def authenticate(self, request: HttpRequest, key: str | None) -> User | None:
        user = request.user
        if user.is_authenticated and user.is_staff_member and user.is_verified():
            return user
        return None


def requires(action: str) -> Callable:
    """Declare the action an endpoint needs; ``guard`` checks it before the endpoint runs."""
    get_action(action)

    def mark(endpoint: Callable) -> Callable:
        endpoint.permission_action = action
        return endpoint

    return mark


def guard(endpoint: Callable) -> Callable:
    """Applied to every operation of the API (ninja's operation decorator, after authentication)."""
    action = getattr(endpoint, "permission_action", None)
    if action is None:
        raise ImproperlyConfigured(f"API endpoint {endpoint.__qualname__} declares no permission: add @requires(...)")

    @functools.wraps(endpoint)  # keeps the name ninja uses for the URL, and permission_action
    def guarded(request: HttpRequest, *args: Any, **kwargs: Any) -> Any:
        if not has_perm(request.auth, action):
            raise AuthorizationError(message=_("Your roles do not allow this."))
        return endpoint(request, *args, **kwargs)

    return guarded
