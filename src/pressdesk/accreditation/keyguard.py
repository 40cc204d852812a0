"""What staff see when passes cannot be signed or checked (``signing.KeyUnavailable``): a page saying what to do.

A missing key is a set-up fault, not a rule: it is logged as an error each
time, and the page answers 503 so nobody takes it for a refusal of the pass.
"""

from __future__ import annotations

import functools
import logging
from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from pressdesk.accreditation import signing

log = logging.getLogger(__name__)


def unavailable(request: HttpRequest, error: signing.KeyUnavailable) -> HttpResponse:
    log.error("accreditation: %s", error)
    return render(request, "accreditation/no_key.html", {"message": str(error)}, status=503)


def needs_key(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """The view, or the page about the key when it cannot sign or check passes."""

    @functools.wraps(view)
    def wrapper(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        try:
            return view(request, *args, **kwargs)
        except signing.KeyUnavailable as error:
            return unavailable(request, error)

    return wrapper
