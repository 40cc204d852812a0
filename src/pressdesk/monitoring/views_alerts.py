"""The alerts of the user's units: the list, and marking them seen (the dashboard card counts the unseen ones)."""

from __future__ import annotations

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from pressdesk.core.permissions import staff_view
from pressdesk.monitoring import alerts
from pressdesk.monitoring.registry import ALERTS

PAGE_SIZE = 50


@staff_view(ALERTS)
def alert_list(request: HttpRequest) -> HttpResponse:
    rows = (
        alerts.for_user(request.user)
        .select_related("clipping__outlet", "watch", "unit")
        .prefetch_related("clipping__outlet__translations", "unit__translations")
        .order_by("-created_at", "-pk")
    )
    page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))
    unseen = alerts.for_user(request.user).filter(seen_at__isnull=True).count()
    return render(request, "monitoring/alerts.html", {"page": page, "unseen": unseen, "query": ""})


@staff_view(ALERTS)
@require_POST
def alerts_seen(request: HttpRequest) -> HttpResponse:
    count = alerts.mark_seen(actor=request.user)
    messages.success(request, ngettext("%(n)d alert marked seen.", "%(n)d alerts marked seen.", count) % {"n": count})
    return redirect("monitoring:alerts")
