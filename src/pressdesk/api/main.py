"""The one JSON API (django-ninja) under /api/, its schema at /api/openapi.json.

Error bodies are always ``{"detail": "…"}`` in the caller's language
(Accept-Language, Kazakh by default; LocaleMiddleware has already chosen it),
so a client shows ``detail`` as it is.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.urls import URLPattern
from django.utils.translation import gettext as _
from ninja import NinjaAPI, Router
from ninja.errors import AuthenticationError, HttpError, Throttled, ValidationError

from pressdesk.api import directory, materials, newsroom
from pressdesk.api.auth import PersonalToken, StaffSession, TokenRefused, guard
from pressdesk.core.services import DomainError

DESCRIPTION = """The press service's media directory and materials, for staff; published materials, for anyone.

**Staff** (`/api/directory/…`, `/api/materials/…`): authenticate with a personal
token (`Authorization: Bearer pd_…`, made on the staff page "API tokens" or with
`pressdesk token create --user NAME`) or a staff session that has passed the
second factor. Every list and record is limited to what your roles let you see;
a record out of your sight answers 404 as if it did not exist. Materials are
written, submitted, approved, scheduled and corrected through the same steps and
rules as on the staff pages: a refused step answers 400 with the reason, a role
that does not reach the material's unit 403, and a text someone else saved while
you edited it 409 with both texts (`current` and `yours`), so you keep yours.
Times are ISO 8601 with a time zone.

**Public** (`/api/public/…`, no token): materials as the newsroom shows them,
only once published and out of embargo; anything else answers 404 exactly like a
number that does not exist. Answers may be cached for a short time.

Lists take `limit` (at most 200) and `offset` and say how many records there are in `count`.
Errors come as `{"detail": "…"}` in the language of `Accept-Language` (kk, ru, en).
"""


def _guard_unless_public(endpoint: Callable) -> Callable:
    """``guard`` for every endpoint except those marked public on purpose (``public_view``: the mark is None)."""
    if _is_public(endpoint):
        return endpoint
    return guard(endpoint)


def _is_public(endpoint: Callable) -> bool:
    return hasattr(endpoint, "permission_action") and endpoint.permission_action is None


class StaffAPI(NinjaAPI):
    """A NinjaAPI whose URL patterns carry ``permission_action`` like every other staff view.

    The permission layer's test walks the URL map and refuses a view without
    the mark. ninja makes one Django view per path, so the mark is copied onto
    it from the endpoints (``@requires``) that the path serves; the schema,
    ninja's root path and endpoints marked ``@public_view`` (the public
    newsroom, mounted without authentication) are public.
    """

    def __init__(self, **kwargs: Any) -> None:
        self.mounted: list[Router] = []
        super().__init__(**kwargs)
        self.add_decorator(_guard_unless_public, mode="operation")

    def add_router(self, prefix: str, router: Router | str, **kwargs: Any) -> None:
        super().add_router(prefix, router, **kwargs)
        if isinstance(router, Router):
            self.mounted.append(router)

    def permission_actions(self) -> dict[str, str | None]:
        """URL name → the action its endpoint requires (None: public)."""
        found: dict[str, str | None] = {}
        for router in self.mounted:
            for path_view in router.path_operations.values():
                for operation in path_view.operations:
                    name = getattr(operation, "url_name", None) or operation.view_func.__name__
                    if hasattr(operation.view_func, "permission_action"):
                        found[name] = operation.view_func.permission_action
                    # one without is left unmarked, and the URL test names it
        return found

    @property
    def urls(self) -> tuple[list[URLPattern], str, str]:
        patterns, app_name, namespace = super().urls
        return list(self._marked(patterns)), app_name, namespace

    def _marked(self, patterns: Iterable[URLPattern]) -> Iterable[URLPattern]:
        actions = self.permission_actions()
        for pattern in patterns:
            if pattern.name in actions:
                pattern.callback.permission_action = actions[pattern.name]
            elif pattern.name in {"openapi-json", "api-root"}:
                # The schema describes shapes, not data; clients and fuzzers read it before they have a token.
                pattern.callback.permission_action = None
            yield pattern


api = StaffAPI(
    title="pressdesk",
    version="1",
    description=DESCRIPTION,
    docs_url=None,  # ninja's docs page loads scripts from a CDN; state networks are closed
    urls_namespace="api",
    auth=[PersonalToken(), StaffSession()],
)
api.add_router("/directory/", directory.router)
api.add_router("/materials", materials.router)
api.add_router("/public/", newsroom.router)


def _error(request: HttpRequest, detail: str, status: int, **extra: Any) -> HttpResponse:
    return api.create_response(request, {"detail": detail, **extra}, status=status)


@api.exception_handler(AuthenticationError)
def _unauthenticated(request: HttpRequest, exc: AuthenticationError) -> HttpResponse:
    detail = (
        exc.message
        if isinstance(exc, TokenRefused)
        else _("Send a personal API token, or sign in to the staff pages with your second factor.")
    )
    response = _error(request, detail, 401)
    response["WWW-Authenticate"] = 'Bearer realm="pressdesk"'
    return response


@api.exception_handler(Throttled)
def _throttled(request: HttpRequest, exc: Throttled) -> HttpResponse:
    return _error(request, _("Too many requests. Wait a little and try again."), 429)


@api.exception_handler(HttpError)
def _http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
    # Ours carry a translated message; ninja's own (CSRF) only English words, which we keep.
    return _error(request, exc.message, exc.status_code)


@api.exception_handler(Http404)
def _not_found(request: HttpRequest, exc: Http404) -> HttpResponse:
    return _error(request, str(exc) or _("There is nothing at this address."), 404)


@api.exception_handler(PermissionDenied)
def _forbidden(request: HttpRequest, exc: PermissionDenied) -> HttpResponse:
    # The staff pages' fetch helpers (access_unit, access_material) say why in the exception.
    return _error(request, str(exc) or _("Your roles do not allow this."), 403)


@api.exception_handler(DomainError)
def _domain_error(request: HttpRequest, exc: DomainError) -> HttpResponse:
    return _error(request, str(exc), 422)


@api.exception_handler(ValidationError)
def _invalid(request: HttpRequest, exc: ValidationError) -> HttpResponse:
    fields = dict.fromkeys(str(error["loc"][-1]) for error in exc.errors if error.get("loc"))
    detail = _("These parameters have values that are not allowed: %(names)s.") % {"names": ", ".join(fields)}
    return _error(request, detail, 422, errors=exc.errors)
