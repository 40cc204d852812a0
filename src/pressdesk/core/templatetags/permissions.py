"""``{% can "directory.edit" as allowed %}`` — the permission layer in templates, for links and buttons."""

from __future__ import annotations

from django import template

from pressdesk.core.permissions import has_perm

register = template.Library()


@register.simple_tag(takes_context=True)
def can(context, action: str, unit=None) -> bool:
    request = context.get("request")
    return bool(request is not None and has_perm(request.user, action, unit))
