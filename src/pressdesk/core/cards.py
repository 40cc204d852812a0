"""The dashboard cards core itself provides. Later modules register their own."""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest
from django.utils import timezone

from pressdesk.core import ui
from pressdesk.core.models import AuditEntry, SignInAttempt, WorkerHeartbeat
from pressdesk.core.models.accounts import SignInOutcome
from pressdesk.core.permissions import memberships, units_for


def _my_roles(request: HttpRequest) -> dict:
    return {"memberships": memberships(request.user)}


def _recent_changes(request: HttpRequest) -> dict:
    units = units_for(request.user, "core.view_audit")
    return {"entries": list(AuditEntry.objects.filter(unit__in=units)[:8])}


def _my_security(request: HttpRequest) -> dict | None:
    previous = (
        SignInAttempt.objects.filter(user=request.user, outcome=SignInOutcome.SUCCESS)
        .order_by("-at")
        .values_list("at", flat=True)[1:2]
    )
    since = previous[0] if previous else None
    failures = SignInAttempt.objects.filter(user=request.user).exclude(outcome=SignInOutcome.SUCCESS)
    if since:
        failures = failures.filter(at__gt=since)
    return {"previous_sign_in": since, "failures": failures.count()}


def _background(request: HttpRequest) -> dict:
    from django_tasks_db.models import DBTaskResult

    last = WorkerHeartbeat.objects.order_by("-seen_at").values_list("seen_at", flat=True).first()
    healthy = last is not None and (timezone.now() - last).total_seconds() <= settings.WORKER_HEARTBEAT_MAX_AGE
    return {
        "last_heartbeat": last,
        "healthy": healthy,
        "pending": DBTaskResult.objects.ready().count(),
        "failed": DBTaskResult.objects.failed().count(),
    }


ui.register_card(ui.Card(key="core.roles", render=_my_roles, template="core/cards/roles.html", order=10))
ui.register_card(ui.Card(key="core.security", render=_my_security, template="core/cards/security.html", order=90))
ui.register_card(
    ui.Card(
        key="core.changes",
        render=_recent_changes,
        template="core/cards/changes.html",
        order=80,
        action="core.view_audit",
    )
)
ui.register_card(
    ui.Card(
        key="core.background",
        render=_background,
        template="core/cards/background.html",
        order=95,
        action="core.view_security",
    )
)
