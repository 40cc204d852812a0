from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest
from django.urls import translate_url
from django.utils import translation

from pressdesk.core import ui
from pressdesk.core.permissions import has_perm, memberships


def shell(request: HttpRequest) -> dict:
    """What every page's frame needs: navigation, language links, the user's roles."""
    current = translation.get_language() or settings.LANGUAGE_CODE
    path = request.get_full_path()
    languages = [
        {"code": code, "name": name, "url": translate_url(path, code), "current": code == current}
        for code, name in settings.LANGUAGES
    ]
    user = getattr(request, "user", None)
    nav = []
    if user is not None and user.is_authenticated and user.is_staff_member:
        nav = [m for m in ui.modules() if m.action is None or has_perm(user, m.action)]
    return {
        "shell_languages": languages,
        "shell_nav": nav,
        "shell_memberships": memberships(user) if user is not None else [],
        "demo_mode": settings.DEMO_MODE,
    }
