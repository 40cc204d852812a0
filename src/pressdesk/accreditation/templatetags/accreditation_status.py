"""``{% accreditation_status journalist %}``: a journalist's accreditation on pages of other modules.

The directory's journalist page shows it without importing accreditation: the
page loads this library by name, and the block renders only for staff who may
see accreditation, with the passes and open applications of the units they
reach.
"""

from __future__ import annotations

from django import template
from django.utils import timezone

from pressdesk.accreditation.selectors_staff import VIEW, applications_in_sight, passes_in_sight
from pressdesk.core.permissions import has_perm

register = template.Library()


@register.inclusion_tag("accreditation/_journalist_status.html", takes_context=True)
def accreditation_status(context, journalist) -> dict:
    request = context.get("request")
    user = getattr(request, "user", None)
    if journalist is None or user is None or not has_perm(user, VIEW):
        return {"shown": False}
    passes = passes_in_sight(user).filter(journalist=journalist).for_lists().order_by("-valid_until", "-pk")
    applications = applications_in_sight(user).open().filter(journalist=journalist).for_lists()
    today = timezone.localdate()
    passes = list(passes[:10])
    return {
        "shown": True,
        "passes": passes,
        "valid": [p for p in passes if p.is_valid_on(today)],
        "applications": list(applications.order_by("review_due")),
        "today": today,
    }
