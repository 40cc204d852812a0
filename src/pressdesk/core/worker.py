"""The background worker: heartbeat, periodic jobs, then queued tasks, in a loop."""

from __future__ import annotations

import logging
import os
import signal
import socket
import threading

from django.db import close_old_connections
from django.utils import timezone
from django_tasks_db.management.commands.db_worker import Worker

from pressdesk.core import jobs
from pressdesk.core.models import WorkerHeartbeat

log = logging.getLogger(__name__)


def default_worker_id() -> str:
    return f"{socket.gethostname()}:{os.getpid()}"


def beat(worker_id: str) -> None:
    now = timezone.now()
    updated = WorkerHeartbeat.objects.filter(worker_id=worker_id).update(seen_at=now)
    if not updated:
        WorkerHeartbeat.objects.get_or_create(
            worker_id=worker_id,
            defaults={"seen_at": now, "started_at": now, "hostname": socket.gethostname(), "pid": os.getpid()},
        )


class Loop:
    def __init__(self, *, worker_id: str, interval: float, max_loops: int | None = None):
        self.worker_id = worker_id
        self.interval = interval
        self.max_loops = max_loops
        self.stopping = threading.Event()
        self.tasks = Worker(
            queue_names=["*"],
            interval=0,
            batch=True,
            backend_name="default",
            startup_delay=False,
            max_tasks=25,
            worker_id=worker_id,
            excluded_queue_names=[],
        )

    def stop(self, signum: int, frame) -> None:
        if self.stopping.is_set():
            raise SystemExit(1)  # a second Ctrl-C: stop now
        log.warning("worker %s: stopping after the current task", self.worker_id)
        self.stopping.set()
        self.tasks.running = False

    def run(self) -> None:
        import pressdesk.schedule  # noqa: F401  (declares the periodic jobs)

        signal.signal(signal.SIGINT, self.stop)
        signal.signal(signal.SIGTERM, self.stop)
        loops = 0
        while not self.stopping.is_set():
            close_old_connections()
            beat(self.worker_id)
            jobs.tick(worker_id=self.worker_id)
            self.tasks.running = True
            self.tasks._run_tasks = 0
            self.tasks.run()
            loops += 1
            if self.max_loops is not None and loops >= self.max_loops:
                break
            self.stopping.wait(self.interval)
        close_old_connections()
