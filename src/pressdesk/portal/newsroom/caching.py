"""Newsroom answers that a shared cache (a proxy, a CDN) may keep and hand to anyone.

Newsroom pages are rendered without the request (see ``views.page``), so no
context processor can put a user, a message or a CSRF token into them: the
same address gives the same bytes to everyone. Two middlewares would still mark
them as per-user: the session timeout check reads the session on every request,
which makes ``SessionMiddleware`` add ``Vary: Cookie``. The page did not read
it, so the mark is taken off. A request that carries a session cookie, or whose
session or CSRF cookie is being rewritten, may be answered with ``Set-Cookie``;
that answer is made ``private`` so a shared cache never stores someone's cookie.
"""

from __future__ import annotations

import functools
from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.utils.cache import get_conditional_response, patch_cache_control, set_response_etag

from pressdesk.core.permissions import public_view


def _may_set_cookie(request: HttpRequest) -> bool:
    session = getattr(request, "session", None)
    return (
        settings.SESSION_COOKIE_NAME in request.COOKIES
        or (session is not None and session.modified)
        or bool(request.META.get("CSRF_COOKIE_NEEDS_UPDATE"))
    )


def shareable(request: HttpRequest, response: HttpResponse) -> HttpResponse:
    """Cache headers and a content ETag for a newsroom answer; 304 when the client's copy is current."""
    if hasattr(response, "render") and not response.is_rendered:
        response.render()
    shared = not _may_set_cookie(request)
    if shared and hasattr(request, "session"):
        request.session.accessed = False  # the answer does not depend on the session: no Vary: Cookie
    audience = {"public": True} if shared else {"private": True}
    if response.status_code != 200:
        # "Not found" and "withdrawn" may change as soon as a material goes public: ask again each time.
        patch_cache_control(response, max_age=0, must_revalidate=True, **audience)
        return response
    patch_cache_control(response, max_age=settings.NEWSROOM_CACHE_SECONDS, **audience)
    set_response_etag(response)
    return get_conditional_response(request, etag=response.get("ETag"), response=response)


def newsroom_view(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """A public newsroom page, feed or file that every visitor gets alike."""

    @functools.wraps(view)
    def wrapper(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        return shareable(request, view(request, *args, **kwargs))

    return public_view(wrapper)
