"""Distribution's dashboard card: what needs the press secretary today."""

from __future__ import annotations

from django.http import HttpRequest

from pressdesk.distribution import selectors


def attention(request: HttpRequest) -> dict:
    """Paused mailings, mailings with letters in doubt, and those going out today (Almaty), in the user's units."""
    return {"mailings": selectors.needs_attention(request.user)}
