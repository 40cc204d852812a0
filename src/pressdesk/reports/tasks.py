"""Scheduled reports, sent by the worker: a thin shell around ``delivery.send_due``."""

from __future__ import annotations

import datetime

from django_tasks import task

from pressdesk.reports import delivery


@task()
def send_due_reports(period_start: str) -> int:
    """Every weekly and monthly report due at the period's start, each schedule and period once."""
    return delivery.send_due(datetime.datetime.fromisoformat(period_start))
