"""Background work of materials: the publishing robot."""

from __future__ import annotations

from django_tasks import task


@task()
def publish_due(period_start: str) -> int:
    """Every minute, and on the first tick after downtime: record the publication of what is due."""
    from pressdesk.publications.services import publish_due as run

    return len(run())
