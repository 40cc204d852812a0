"""The unsubscribe address of every letter: one-click POST (RFC 8058) and a page for people.

No session and no CSRF token: the signed token in the address is the authority
(whoever holds the letter may stop its letters). A GET never unsubscribes —
mail scanners open links — it shows a button; the POST unsubscribes at once.
"""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from pressdesk.core.permissions import public_view
from pressdesk.distribution import unsubscribe as rules
from pressdesk.distribution.models import ALL_CATEGORIES, Category, SuppressionSource


@public_view
@csrf_exempt
@never_cache
@require_http_methods(["GET", "POST"])
def unsubscribe(request: HttpRequest, token: str) -> HttpResponse:
    found = rules.read(token)
    if found is None:
        raise Http404(_("This unsubscribe link is damaged. Copy the whole link from the letter."))
    address, category = found
    if request.method == "POST":
        one_click = request.POST.get("List-Unsubscribe") == "One-Click"
        scope = ALL_CATEGORIES if request.POST.get("scope") == ALL_CATEGORIES else category
        source = SuppressionSource.ONE_CLICK if one_click else SuppressionSource.LINK
        rules.suppress(address, scope, source)
        if one_click:
            return HttpResponse(_("Unsubscribed."), content_type="text/plain; charset=utf-8")
        return render(
            request, "distribution/unsubscribed.html", {"address": address, "everything": scope == ALL_CATEGORIES}
        )
    return render(
        request,
        "distribution/unsubscribe.html",
        {
            "address": address,
            "category": Category(category).label if category in Category.values else "",
            "already": rules.suppressed(address, category),
        },
    )
