"""Benchmarks, reported as ratios against a baseline measured in the same run.

    make bench          (or: .venv/bin/python bench/run.py)

dashboard/trivial: server time of the staff dashboard with demo data, signed in as the
demo press secretary, divided by the server time of a view that returns "ok" — both
through the full middleware stack, in the same process, on the same database.

directory search/pk fetch: see bench/directory_search.py.

directory import/bare insert: see bench/directory_import.py.

newsroom page/static file requests per second under wrk: see bench/newsroom.py.

pass verified offline/bare Ed25519, PDF pass/one-line PDF: see bench/accreditation.py.

mailing/bare smtplib loop, letters per second to a local SMTP sink: see bench/distribution.py.

watchlist matching/bare tokenising: see bench/monitoring_match.py.

monitoring pipeline/trafilatura, matching/pyahocorasick, clippings search p50/p95, ingest memory: see
bench/monitoring.py.
"""

from __future__ import annotations

import atexit
import os
import shutil
import statistics
import sys
import tempfile
import time
import uuid
import warnings
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

warnings.filterwarnings("ignore", message="No directory at")

ROUNDS = 300


def setup() -> None:
    var = Path(tempfile.mkdtemp(prefix="pressdesk-bench-"))
    # Gone when the run ends: the search measure alone leaves a database of gigabytes.
    atexit.register(shutil.rmtree, var, ignore_errors=True)
    if urlsplit(os.environ.get("DATABASE_URL", "")).scheme in {"postgres", "postgresql", "pgsql"}:
        os.environ["DATABASE_URL"] = own_database(os.environ["DATABASE_URL"])
    # Always a fresh directory: the Makefile exports the developer's own var/, which a benchmark must not touch.
    os.environ["PRESSDESK_VAR_DIR"] = str(var)
    os.environ["DJANGO_SETTINGS_MODULE"] = "bench.settings"
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    call_command("createcachetable", verbosity=0)
    call_command("demo", quiet=True)


def own_database(url: str) -> str:
    """A new, empty database on the server of the PostgreSQL ``url``, dropped when the run ends; its URL.

    As the SQLite file is the run's own: what a measure writes can be committed and
    vacuumed, as a server's tables are, and nothing is left in the developer's database."""
    import psycopg

    parts = urlsplit(url)
    name = f"pressdesk_bench_{os.getpid()}_{uuid.uuid4().hex[:8]}"
    with psycopg.connect(url, autocommit=True) as connection:
        connection.execute(f'CREATE DATABASE "{name}"')

    def drop() -> None:
        from django.db import connections

        connections.close_all()
        with psycopg.connect(url, autocommit=True) as connection:
            connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')

    atexit.register(drop)
    return urlunsplit(parts._replace(path=f"/{name}"))


def timed(client, path: str, rounds: int) -> list[float]:
    samples = []
    for _ in range(rounds):
        start = time.perf_counter()
        response = client.get(path)
        samples.append(time.perf_counter() - start)
        assert response.status_code == 200, (path, response.status_code)
    return samples


def main() -> int:
    setup()
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext
    from tests.conftest import verified_client

    from pressdesk.core.demo import demo_email
    from pressdesk.core.models import User

    press = User.objects.get(email=demo_email("press"))
    client = verified_client(press)
    anonymous = Client()
    for path, c in (("/kk/desk/", client), ("/bench/trivial", anonymous)):
        timed(c, path, 20)  # warm-up: templates compiled, connections open
    pairs, absolute = [], []
    for _ in range(5):  # interleave so both sides see the same machine load
        trivial = statistics.median(timed(anonymous, "/bench/trivial", ROUNDS // 5))
        dashboard = statistics.median(timed(client, "/kk/desk/", ROUNDS // 5))
        pairs.append(dashboard / trivial)
        absolute.append((dashboard, trivial))
    with CaptureQueriesContext(connection) as queries:
        client.get("/kk/desk/")
    print(
        f"dashboard/trivial server time ratio: {statistics.median(pairs):.1f}x "
        f"(median of 5 interleaved rounds; {len(queries)} queries per dashboard; database: {connection.vendor}; "
        f"for scale only: {statistics.median(d for d, _t in absolute) * 1000:.1f} ms vs "
        f"{statistics.median(t for _d, t in absolute) * 1000:.2f} ms on this machine)"
    )
    from bench import directory_search

    directory_search.run()
    from bench import directory_import

    directory_import.run()
    from bench import newsroom

    newsroom.run()
    from bench import accreditation, distribution, monitoring, monitoring_match, reports

    accreditation.run()
    distribution.run()
    monitoring_match.run()
    monitoring.run()  # a million clippings for the search: the longest part of make bench
    reports.run()  # the monthly report over a million clippings and ten thousand materials
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
