"""Background tasks of core: thin shells that call the work and return a summary."""

from __future__ import annotations

from django.contrib.sessions.models import Session
from django.utils import timezone
from django_tasks import task


@task()
def clear_expired_sessions(period_start: str) -> int:
    deleted, _detail = Session.objects.filter(expire_date__lt=timezone.now()).delete()
    return deleted


@task()
def prune_worker_heartbeats(period_start: str) -> int:
    from pressdesk.core.models import WorkerHeartbeat

    cutoff = timezone.now() - timezone.timedelta(days=1)
    deleted, _detail = WorkerHeartbeat.objects.filter(seen_at__lt=cutoff).delete()
    return deleted


@task()
def forget_old_submissions(period_start: str) -> int:
    from pressdesk.core.submissions import forget_old

    return forget_old()


@task()
def send_staff_invitation(user_id: int, inviter_id: int, unit_id: int) -> None:
    from pressdesk.core.models import Unit, User
    from pressdesk.core.services import send_invitation

    send_invitation(
        User.objects.get(pk=user_id), inviter=User.objects.get(pk=inviter_id), unit=Unit.objects.get(pk=unit_id)
    )
