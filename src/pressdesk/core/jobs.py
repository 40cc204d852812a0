"""Periodic jobs, declared in one place and run once per period.

Apps declare jobs with ``periodic(...)`` in their ``tasks.py``; the worker
calls ``tick()`` on every loop. For each job whose period has started, the
worker tries to insert a JobRun row for (job, period_start); the unique
constraint lets exactly one worker win, and that worker enqueues the task.
After downtime, missed periods are caught up (at most ``catch_up`` of them,
so a week offline does not replay every minute of it).
"""

from __future__ import annotations

import datetime
import logging
from dataclasses import dataclass

from django.db import IntegrityError, transaction
from django.utils import timezone

from pressdesk.core.models import JobRun

log = logging.getLogger(__name__)

EPOCH = datetime.datetime(2024, 1, 1, tzinfo=datetime.UTC)


@dataclass(frozen=True)
class PeriodicJob:
    name: str
    task: object  # a django_tasks Task taking ``period_start`` (ISO string)
    every: datetime.timedelta
    offset: datetime.timedelta = datetime.timedelta(0)
    catch_up: int = 1

    def period_starts(self, now: datetime.datetime, last: datetime.datetime | None) -> list[datetime.datetime]:
        """The period starts due at ``now``, oldest first, after the ``last`` one run."""
        step = self.every
        # Floor division: the start of the period that contains ``now``.
        current = EPOCH + self.offset + ((now - EPOCH - self.offset) // step) * step
        if last is None:
            return [current]  # a new job starts from now, not from the epoch
        return sorted(start for i in range(self.catch_up) if (start := current - i * step) > last)


_JOBS: dict[str, PeriodicJob] = {}


def periodic(
    name: str,
    task: object,
    *,
    every: datetime.timedelta,
    offset: datetime.timedelta = datetime.timedelta(0),
    catch_up: int = 1,
) -> PeriodicJob:
    if every <= datetime.timedelta(0):
        raise ValueError("a period must be positive")
    job = PeriodicJob(name=name, task=task, every=every, offset=offset, catch_up=catch_up)
    _JOBS[name] = job
    return job


def registered() -> dict[str, PeriodicJob]:
    return dict(_JOBS)


def tick(
    *, worker_id: str, now: datetime.datetime | None = None, jobs: dict[str, PeriodicJob] | None = None
) -> list[tuple[str, datetime.datetime]]:
    """Claim and enqueue every due period of every job; return what this worker claimed."""
    now = now or timezone.now()
    claimed = []
    for job in (jobs if jobs is not None else _JOBS).values():
        last = (
            JobRun.objects.filter(job=job.name).order_by("-period_start").values_list("period_start", flat=True).first()
        )
        for start in job.period_starts(now, last):
            try:
                with transaction.atomic():
                    run = JobRun.objects.create(job=job.name, period_start=start, claimed_by=worker_id)
                    result = job.task.enqueue(period_start=start.isoformat())
                    run.task_id = str(result.id)
                    run.save(update_fields=["task_id"])
            except IntegrityError:
                continue  # another worker claimed this period first
            claimed.append((job.name, start))
            log.info("periodic job %s for %s claimed by %s", job.name, start.isoformat(), worker_id)
    return claimed
