"""Start the web server and the worker together; Ctrl-C stops both."""

from __future__ import annotations

import signal
import subprocess
import sys
import time

from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Run the web server (gunicorn) and the background worker; Ctrl-C stops both."

    def add_arguments(self, parser):
        parser.add_argument("--bind", default="127.0.0.1:8000")
        parser.add_argument("--web-workers", type=int, default=2)

    def handle(self, *args, bind: str, web_workers: int, **options):
        python = sys.executable
        children = [
            subprocess.Popen(
                [
                    python,
                    "-m",
                    "gunicorn",
                    "pressdesk.wsgi:application",
                    "--bind",
                    bind,
                    "--workers",
                    str(web_workers),
                    "--threads",
                    "4",
                    "--access-logfile",
                    "-",
                    "--graceful-timeout",
                    "10",
                ]
            ),
            subprocess.Popen([python, "-m", "pressdesk.cli", "worker"]),
        ]
        stopping = False

        def stop(signum, frame):
            nonlocal stopping
            stopping = True

        signal.signal(signal.SIGINT, stop)
        signal.signal(signal.SIGTERM, stop)
        code = 0
        while not stopping:
            for child in children:
                if child.poll() is not None:
                    self.stderr.write(f"pressdesk: a process exited with code {child.returncode}; stopping the others")
                    stopping, code = True, 1
            time.sleep(0.3)
        for child in children:
            if child.poll() is None:
                child.send_signal(signal.SIGTERM)
        deadline = time.monotonic() + 15
        for child in children:
            try:
                child.wait(timeout=max(0.1, deadline - time.monotonic()))
            except subprocess.TimeoutExpired:
                child.kill()
        self.stdout.write("pressdesk: stopped.")
        if code:
            raise SystemExit(code)
