"""Newsroom pages under load from wrk, as a ratio to a static file served by the same server in the same run.

    make bench                            (with the other benchmarks; installs wrk when missing and root)
    .venv/bin/python bench/newsroom.py    (this one alone; needs the Debian package wrk)
    DATABASE_URL=postgresql://… …         (on PostgreSQL; SQLite otherwise)

What is measured: requests per second that ``wrk`` (2 threads, 16 connections, 5 s) gets
over loopback from the real server, ``pressdesk serve`` (gunicorn with its worker processes
and threads, and the background worker beside it, as ``make run`` starts it), for the
newsroom home page ``/kk/`` and the page of the latest public demo material
``/kk/news/<pk>/``, anonymous, on the demo database built by ``bench/run.py``.

Baseline, measured in the same run against the same server: a static file
(``/static/pressdesk/site.css``) served by WhiteNoise, the floor of anything this server
answers. Pages and baseline are interleaved over several rounds so they see the same
machine load; the ratio page/static is the median over the rounds.

A page that answers anything but 2xx, before or during the load, stops the benchmark
with its status: errors are not measured.
"""

from __future__ import annotations

import http.client
import os
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import time
from pathlib import Path

STATIC = "/static/pressdesk/site.css"
HOME = "/kk/"
ROUNDS = 3
THREADS, CONNECTIONS, SECONDS = 2, 16, 5
TIMEOUT = 10  # seconds; a slower answer counts as a socket error and stops the bench
STARTUP_SECONDS = 60


class BenchError(SystemExit):
    """The benchmark cannot measure what it is meant to: said plainly, exit code 1."""

    def __init__(self, message: str) -> None:
        super().__init__(f"newsroom bench: {message}")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def fetch(port: int, path: str) -> tuple[int, bytes]:
    """One GET without following redirects: a redirect is not the page."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    try:
        connection.request("GET", path)
        response = connection.getresponse()
        return response.status, response.read()
    finally:
        connection.close()


def start_server(port: int) -> subprocess.Popen:
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "pressdesk.settings"}
    server = subprocess.Popen(
        [sys.executable, "-m", "pressdesk.cli", "serve", "--bind", f"127.0.0.1:{port}"],
        env=env,
        stdout=subprocess.DEVNULL,  # gunicorn's access log: one line per request
        stderr=subprocess.PIPE,
        text=True,
    )
    deadline = time.monotonic() + STARTUP_SECONDS
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise BenchError(f"the server exited with code {server.returncode}:\n{server.stderr.read()[-2000:]}")
        try:
            if fetch(port, "/healthz")[0] == 200:
                return server
        except OSError:
            pass
        time.sleep(0.2)
    stop_server(server)
    raise BenchError(f"the server did not answer /healthz within {STARTUP_SECONDS} s")


def stop_server(server: subprocess.Popen) -> None:
    if server.poll() is None:
        server.send_signal(signal.SIGTERM)  # serve stops gunicorn and the worker, then exits
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()


def check(port: int, path: str) -> int:
    status, body = fetch(port, path)
    if not 200 <= status < 300:
        raise BenchError(f"GET {path} answered {status}, not 2xx: nothing to measure")
    return len(body)


def wrk(port: int, path: str, seconds: int = SECONDS) -> float:
    """Requests per second wrk reached on ``path``; any non-2xx answer or socket error stops the bench."""
    command = [
        "wrk",
        f"-t{THREADS}",
        f"-c{CONNECTIONS}",
        f"-d{seconds}s",
        f"--timeout={TIMEOUT}s",
        f"http://127.0.0.1:{port}{path}",
    ]
    result = subprocess.run(command, capture_output=True, text=True, check=False)
    output = result.stdout + result.stderr
    if result.returncode != 0:
        raise BenchError(f"wrk failed on {path} (exit {result.returncode}):\n{output}")
    bad = re.search(r"Non-2xx or 3xx responses:\s*(\d+)", output)
    if bad:
        raise BenchError(f"{bad.group(1)} answers to {path} under load were not 2xx:\n{output}")
    errors = re.search(r"Socket errors:.*", output)
    if errors:
        raise BenchError(f"socket errors under load on {path}: {errors.group(0)}")
    rate = re.search(r"Requests/sec:\s*([\d.]+)", output)
    if rate is None:
        raise BenchError(f"could not read requests/sec from wrk on {path}:\n{output}")
    return float(rate.group(1))


def material_path() -> tuple[str, str]:
    """The newest material the public may read, and its title."""
    from pressdesk.publications.models import Material

    material = Material.objects.public().exclude(published_at=None).order_by("-published_at", "-pk").first()
    if material is None:
        raise BenchError("the demo database has no public material: did the materials' demo loader run?")
    return f"/kk/news/{material.pk}/", material.title


def run() -> None:
    if shutil.which("wrk") is None:
        raise BenchError("needs wrk, the HTTP load generator: apt-get install wrk (as root), or run `make bench`")
    from django.db import connection

    page, title = material_path()
    paths = {"static file": STATIC, "home": HOME, "material": page}
    port = free_port()
    server = start_server(port)
    try:
        sizes = {name: check(port, path) for name, path in paths.items()}
        for path in paths.values():
            wrk(port, path, seconds=1)  # warm-up: every worker process has loaded the code and its templates
        rates: dict[str, list[float]] = {name: [] for name in paths}
        for _ in range(ROUNDS):  # interleaved, so every path sees the same machine load
            for name, path in paths.items():
                rates[name].append(wrk(port, path))
        for path in paths.values():
            check(port, path)  # still answering after the load
    finally:
        stop_server(server)
    ratios = {
        name: statistics.median(r / s for r, s in zip(rates[name], rates["static file"], strict=True))
        for name in ("home", "material")
    }
    median = {name: statistics.median(values) for name, values in rates.items()}
    print(
        f"newsroom page/static file requests per second: home {ratios['home']:.3f} "
        f"(a static file is {1 / ratios['home']:.0f}x faster), material {ratios['material']:.3f} "
        f"({1 / ratios['material']:.0f}x) (wrk -t{THREADS} -c{CONNECTIONS} -d{SECONDS}s over loopback to "
        f"`pressdesk serve`, median of {ROUNDS} interleaved rounds; database: {connection.vendor}; for scale only: "
        f"home {median['home']:.0f} req/s, material {median['material']:.0f} req/s, "
        f"static {median['static file']:.0f} req/s on this machine with {os.cpu_count()} CPUs)"
    )
    print(
        f"  pages: {HOME} ({sizes['home']} bytes), {page} ({sizes['material']} bytes, {title!r}), "
        f"{STATIC} ({sizes['static file']} bytes)"
    )


def main() -> int:
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    from bench.run import setup

    setup()
    run()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
