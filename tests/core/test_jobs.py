"""Periodic jobs run once per period, even with two workers, and catch up after downtime."""

from __future__ import annotations

import datetime
import os
import subprocess
import sys
import threading
from collections import Counter

import pytest
from django.db import connection, connections
from django_tasks_db.models import DBTaskResult

from pressdesk.core import jobs
from pressdesk.core.models import JobRun, WorkerHeartbeat
from pressdesk.core.tasks import clear_expired_sessions

UTC = datetime.UTC
HOURLY = {
    "test.hourly": jobs.PeriodicJob(
        name="test.hourly", task=clear_expired_sessions, every=datetime.timedelta(hours=1), catch_up=3
    )
}


def at(hour: int, minute: int = 0) -> datetime.datetime:
    return datetime.datetime(2026, 11, 26, hour, minute, tzinfo=UTC)


@pytest.mark.django_db
def test_a_job_runs_once_per_period():
    assert jobs.tick(worker_id="a", now=at(9, 5), jobs=HOURLY) == [("test.hourly", at(9))]
    assert jobs.tick(worker_id="b", now=at(9, 40), jobs=HOURLY) == []
    assert jobs.tick(worker_id="b", now=at(10, 1), jobs=HOURLY) == [("test.hourly", at(10))]
    assert DBTaskResult.objects.count() == 2


@pytest.mark.django_db
def test_missed_periods_are_caught_up_within_the_limit():
    jobs.tick(worker_id="a", now=at(1, 5), jobs=HOURLY)
    claimed = jobs.tick(worker_id="a", now=at(9, 5), jobs=HOURLY)  # down from 02:00 to 09:05
    assert [start for _name, start in claimed] == [at(7), at(8), at(9)]  # at most catch_up=3


@pytest.mark.django_db
def test_a_new_job_starts_from_now_not_from_the_epoch():
    claimed = jobs.tick(worker_id="a", now=at(9, 5), jobs=HOURLY)
    assert len(claimed) == 1


@pytest.mark.django_db(transaction=True)
def test_two_workers_racing_claim_each_period_once():
    barrier = threading.Barrier(2)
    results: dict[str, list] = {}

    def worker(name: str) -> None:
        try:
            for hour in range(6, 12):
                barrier.wait()
                results.setdefault(name, []).extend(jobs.tick(worker_id=name, now=at(hour, 1), jobs=HOURLY))
        finally:
            connections.close_all()

    threads = [threading.Thread(target=worker, args=(n,)) for n in ("a", "b")]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    claimed = results.get("a", []) + results.get("b", [])
    assert sorted(start for _n, start in claimed) == [at(h) for h in range(6, 12)]
    assert JobRun.objects.count() == 6
    assert DBTaskResult.objects.count() == 6


def database_env() -> dict[str, str]:
    """Environment that points a child process at this test's database."""
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "pressdesk.settings"}
    settings_dict = connection.settings_dict
    if connection.vendor == "sqlite":
        env["DATABASE_URL"] = f"sqlite:///{settings_dict['NAME']}"
    else:
        from urllib.parse import quote

        env["DATABASE_URL"] = (
            f"postgresql://{quote(settings_dict['USER'])}:{quote(settings_dict['PASSWORD'])}@{settings_dict['HOST'] or '127.0.0.1'}:{settings_dict['PORT'] or 5432}/{settings_dict['NAME']}"
        )
    return env


@pytest.mark.django_db(transaction=True)
def test_two_real_worker_processes_run_each_periodic_job_once():
    """Two `pressdesk worker` processes against the same database: each job of the schedule
    is claimed once for the current period and its task runs once."""
    name = str(connection.settings_dict["NAME"])
    assert not (connection.vendor == "sqlite" and "memory" in name), "the SQLite test database must be a file"
    import pressdesk.schedule

    env = database_env()
    command = [sys.executable, "-m", "pressdesk.cli", "worker", "--loops", "3", "--interval", "0.2"]
    procs = [
        subprocess.Popen([*command, "--worker-id", f"w{i}"], env=env, stderr=subprocess.PIPE, text=True) for i in (1, 2)
    ]
    for proc in procs:
        _out, err = proc.communicate(timeout=60)
        assert proc.returncode == 0, err

    every = {job.name: job.every for job in pressdesk.schedule.SCHEDULE}
    runs = list(JobRun.objects.values_list("job", "period_start"))
    assert {job for job, _start in runs} == set(every)
    # One run per job and period, not one per worker. A job runs again only in a new period: the workers'
    # few seconds may cross the start of a minute (or of five), never of an hour or a day.
    again = [job for job, n in Counter(job for job, _start in runs).items() if n > 1]
    assert all(n == 1 for n in Counter(runs).values()) and all(
        every[job] <= datetime.timedelta(minutes=5) for job in again
    )
    assert DBTaskResult.objects.count() == len(runs)
    failed = [(r.task_path, r.traceback) for r in DBTaskResult.objects.exclude(status="SUCCESSFUL")]
    assert DBTaskResult.objects.successful().count() == len(runs), failed  # and the tasks ran
    assert set(WorkerHeartbeat.objects.values_list("worker_id", flat=True)) == {"w1", "w2"}
