from __future__ import annotations

import re

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

# Django's own 404s say which model was looked up, in English: not for the reader.
_DJANGO_LOOKUP = re.compile(r"^No .* matches the given query\.$")


def forbidden(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    message = str(exception) if exception is not None and str(exception) else ""
    return render(request, "403.html", {"message": message}, status=403)


def not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    """The page, with the reason a view gave (``Http404(_("…"))``); an address nothing answers has none."""
    reason = exception.args[0] if exception is not None and exception.args else None
    message = reason if isinstance(reason, str) and not _DJANGO_LOOKUP.match(reason) else ""
    return render(request, "404.html", {"message": message}, status=404)


def server_error(request: HttpRequest) -> HttpResponse:
    return render(request, "500.html", {}, status=500)


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    return render(request, "403_csrf.html", {}, status=403)
