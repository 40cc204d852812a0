from django.core.management.base import BaseCommand

from pressdesk.core.worker import Loop, default_worker_id


class Command(BaseCommand):
    help = "Run the background worker: periodic jobs and queued tasks."

    def add_arguments(self, parser):
        parser.add_argument("--interval", type=float, default=1.0, help="seconds to wait when idle")
        parser.add_argument("--loops", type=int, default=None, help="stop after this many loops (for tests)")
        parser.add_argument("--worker-id", default=None)

    def handle(self, *args, interval: float, loops: int | None, worker_id: str | None, **options):
        Loop(worker_id=worker_id or default_worker_id(), interval=interval, max_loops=loops).run()
