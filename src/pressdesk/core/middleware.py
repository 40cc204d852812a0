from __future__ import annotations

import time

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.cache import patch_cache_control
from django.utils.http import urlencode
from django.utils.translation import gettext as _

SIGNED_IN_AT = "pressdesk_signed_in_at"
SEEN_AT = "pressdesk_seen_at"


class SessionTimeoutMiddleware:
    """Ends a session after an idle period and after an absolute lifetime."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.user.is_authenticated:
            now = time.time()
            started = request.session.get(SIGNED_IN_AT, now)
            seen = request.session.get(SEEN_AT, now)
            if now - seen > settings.SESSION_IDLE_SECONDS or now - started > settings.SESSION_ABSOLUTE_SECONDS:
                was_journalist = request.user.is_journalist
                logout(request)
                if request.path.startswith("/api/"):
                    return self.get_response(request)  # signed out: the API answers 401 in JSON, not a page
                messages.warning(request, _("Your session has expired. Sign in again to continue."))
                target = "portal:signin" if was_journalist else "core:signin"
                if request.method == "GET":
                    return redirect(f"{reverse(target)}?{urlencode({'next': request.get_full_path()})}")
                return redirect(target)
            if now - seen > 30:  # don't write the session on every request
                request.session[SEEN_AT] = now
        return self.get_response(request)


class PrivateByDefaultMiddleware:
    """A page made for one signed-in person, or answered to an API credential, is kept by no cache.

    Views that are the same for everyone (the newsroom, the public API) say so with their own
    Cache-Control; everything else seen with a session or a token gets ``private, no-store``, so a
    draft or an embargoed text is not left in a shared cache or the browser's back-button history.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if response.has_header("Cache-Control"):
            return response  # the view decided
        if "HTTP_AUTHORIZATION" in request.META or request.user.is_authenticated:
            patch_cache_control(response, private=True, no_store=True)
        return response
