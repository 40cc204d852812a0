"""The publishing robot in a real `pressdesk worker` process, stopped and started again."""

from __future__ import annotations

import datetime
import subprocess
import sys

import pytest
from django.utils import timezone

from pressdesk.core.models import AuditEntry, JobRun
from pressdesk.publications.models import Material, Status
from tests.core.test_jobs import database_env

JOB = "publications.publish_due"


def run_worker(worker_id: str) -> None:
    command = [sys.executable, "-m", "pressdesk.cli", "worker", "--loops", "3", "--interval", "0.2"]
    proc = subprocess.run([*command, "--worker-id", worker_id], env=database_env(), capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr


@pytest.mark.django_db(transaction=True)
def test_a_material_due_while_the_worker_was_down_is_published_once_when_it_comes_back(desk):
    material = desk.scheduled(embargo=True)
    run_worker("before")  # the worker runs: nothing is due yet
    material.refresh_from_db()
    assert material.status == Status.SCHEDULED

    # The worker stops; the material's time comes and goes while it is down.
    due = timezone.now() - datetime.timedelta(minutes=10)
    Material.objects.filter(pk=material.pk).update(publish_at=due, embargo_until=due)
    JobRun.objects.filter(job=JOB).update(period_start=due - datetime.timedelta(minutes=1))
    assert Material.objects.public().filter(pk=material.pk).exists()  # public at its time all the same

    run_worker("after")  # started again: the overdue publication is recorded
    run_worker("again")  # and a further start does not record it twice
    material.refresh_from_db()
    assert material.status == Status.PUBLISHED and material.published_at == due
    published = AuditEntry.objects.filter(action="publications.material.published", target_id=str(material.pk))
    assert published.count() == 1 and published.get().actor is None
