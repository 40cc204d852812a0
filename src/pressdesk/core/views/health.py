from __future__ import annotations

from django.conf import settings
from django.db import connection
from django.http import HttpRequest, JsonResponse
from django.utils import timezone
from django.views.decorators.cache import never_cache

from pressdesk.core.permissions import public_view


@public_view
@never_cache
def healthz(request: HttpRequest) -> JsonResponse:
    """Database reachable, worker alive, queue length. 200 when healthy, 503 when not."""
    status: dict = {"database": "ok", "worker_heartbeat_age_seconds": None, "pending_tasks": None}
    healthy = True
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
        from django_tasks_db.models import DBTaskResult

        from pressdesk.core.models import WorkerHeartbeat

        last = WorkerHeartbeat.objects.order_by("-seen_at").values_list("seen_at", flat=True).first()
        status["pending_tasks"] = DBTaskResult.objects.ready().count()
        if last is None:
            status["worker"] = "never seen"
            healthy = False
        else:
            age = (timezone.now() - last).total_seconds()
            status["worker_heartbeat_age_seconds"] = round(age, 1)
            status["worker"] = "ok" if age <= settings.WORKER_HEARTBEAT_MAX_AGE else "stale"
            healthy = healthy and age <= settings.WORKER_HEARTBEAT_MAX_AGE
    except Exception as exc:  # any database failure means unhealthy, whatever its class
        status["database"] = f"error: {exc.__class__.__name__}"
        healthy = False
    status["status"] = "ok" if healthy else "unhealthy"
    return JsonResponse(status, status=200 if healthy else 503)
