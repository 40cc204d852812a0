"""Background tasks of the portal: thin shells that load by id and call the service."""

from __future__ import annotations

from django_tasks import task

from pressdesk.core.models import User


@task()
def send_confirmation_email(user_id: int) -> None:
    from pressdesk.portal.services import send_confirmation

    user = User.objects.filter(pk=user_id, email_confirmed_at__isnull=True).first()
    if user is not None:  # confirmed meanwhile: nothing to send
        send_confirmation(user)
