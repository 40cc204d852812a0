"""``{% once_key %}`` — the hidden one-time key of a form that makes something (see core/submissions.py)."""

from __future__ import annotations

from django import template
from django.utils.html import format_html

from pressdesk.core.submissions import FIELD, key_for

register = template.Library()


@register.simple_tag(takes_context=True)
def once_key(context, sent: bool = True) -> str:
    """``sent``: whether this is the form that was sent (on a page of several, only that one keeps its key)."""
    request = context.get("request") if sent else None
    return format_html('<input type="hidden" name="{}" value="{}">', FIELD, key_for(request))
