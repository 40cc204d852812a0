from __future__ import annotations

from django.db import models
from django.utils import timezone


class JobRun(models.Model):
    """One run of a periodic job for one period.

    The unique (job, period_start) pair is the claim: whichever worker inserts
    it first runs the job; every other worker's insert fails and it moves on.
    """

    job = models.CharField(max_length=100)
    period_start = models.DateTimeField()
    claimed_by = models.CharField(max_length=100)
    claimed_at = models.DateTimeField(default=timezone.now)
    task_id = models.CharField(max_length=64, blank=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["job", "period_start"], name="core_jobrun_once_per_period")]
        ordering = ["-period_start"]


class WorkerHeartbeat(models.Model):
    worker_id = models.CharField(max_length=100, unique=True)
    seen_at = models.DateTimeField(default=timezone.now, db_index=True)
    started_at = models.DateTimeField(default=timezone.now)
    hostname = models.CharField(max_length=200, blank=True)
    pid = models.IntegerField(default=0)
