"""Mailings' background work: a runner per mailing, and the minute's look at what is due."""

from __future__ import annotations

from django_tasks import task

from pressdesk.distribution import sending, services


@task()
def send_mailing(mailing_id: int) -> int:
    """Send what is left of a mailing; nothing when another runner holds it. Returns the letters sent."""
    return sending.run(mailing_id).sent


@task()
def run_due(period_start: str) -> list[int]:
    """Start scheduled mailings whose time has come, and take over mailings whose runner died or that wait."""
    services.begin_due()
    due = sending.due()
    for mailing_id in due:
        send_mailing.enqueue(mailing_id)
    return due
