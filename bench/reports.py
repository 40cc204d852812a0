"""Reports over many clippings and materials (issue 10), as ratios to the bare aggregate SQL in the same run.

    .venv/bin/python bench/reports.py                                  (SQLite; 1,000,000 clippings, 10,000 materials)
    .venv/bin/python bench/reports.py --clippings 100000 --materials 1000   (a quick run)
    DATABASE_URL=postgresql://… …                                      (on PostgreSQL)

On top of the demo data, in a transaction rolled back at the end: N clippings spread
evenly over the twelve months before this one, each mentioning one of ten watch entries
of the demo's home unit (five organisations, five topics; a tenth of them a second),
and M materials of the unit published over the same year, a third of them picked up by
a story of a few clippings — all inserted with the engine's bulk path
(bench/monitoring_corpus.py's ``insert``).

page: the server time of the monthly report page (last month, the home unit), signed in
as the demo press secretary, through the full middleware stack. PDF: the same report as
PDF. Baseline, interleaved round by round: the bare aggregate SQL — the very statements
the report runs, captured once and replayed with a cursor (every row fetched). Goal: the
page under 2 s on SQLite.
"""

from __future__ import annotations

import argparse
import datetime
import random
import statistics
import sys
import time
from pathlib import Path

CLIPPINGS = 1_000_000
MATERIALS = 10_000
BATCH = 20_000
ROUNDS = 5
PDF_ROUNDS = 3
ROOT = Path(__file__).resolve().parent.parent


def _watches(unit) -> list[int]:
    from pressdesk.monitoring.models import Watch, WatchKind

    made = Watch.objects.bulk_create(
        Watch(unit=unit, kind=kind, label=f"Bench {kind} {n}", names=[f"Bench {kind} {n}"])
        for kind in (WatchKind.ORGANISATION, WatchKind.TOPIC)
        for n in range(5)
    )
    return [watch.pk for watch in made]


def _year() -> tuple[datetime.datetime, float]:
    """The start of the twelve months before this one (Almaty) and their length in seconds."""
    from django.utils import timezone

    from pressdesk.reports.period import day_start

    this_month = timezone.localdate().replace(day=1)
    start = day_start(this_month.replace(year=this_month.year - 1))
    return start, (day_start(this_month) - start).total_seconds()


def populate(clippings: int, materials: int) -> float:
    """Insert the corpus (see the module's docstring); the seconds it took."""
    from django.db.models import Max

    from pressdesk.core.demo import demo_email
    from pressdesk.core.models import Unit, User
    from pressdesk.directory import demo_data
    from pressdesk.directory.models import Outlet
    from pressdesk.monitoring.models import Clipping, Mention, Story
    from pressdesk.publications.models import Material
    from pressdesk.publications.models.materials import Status

    started = time.perf_counter()
    rng = random.Random(10)
    unit = Unit.objects.get(code=demo_data.HOME_UNIT)
    author = User.objects.get(email=demo_email("press"))
    watches = _watches(unit)
    outlets = list(Outlet.objects.values_list("pk", flat=True))
    start, seconds = _year()
    first_material = (Material.objects.aggregate(m=Max("pk"))["m"] or 0) + 1
    material_rows = [
        {
            "id": first_material + n,
            "kind": "press_release",
            "unit_id": unit.pk,
            "status": Status.PUBLISHED,
            "author_id": author.pk,
            "published_at": start + datetime.timedelta(seconds=rng.uniform(0, seconds)),
        }
        for n in range(materials)
    ]
    for first in range(0, materials, BATCH):
        monitoring_corpus.insert(Material, material_rows[first : first + BATCH])
    first_story = (Story.objects.aggregate(m=Max("pk"))["m"] or 0) + 1
    picked = material_rows[::3]
    story_rows = [
        {"id": first_story + n, "title": "Bench", "material_id": row["id"], "created_at": row["published_at"]}
        for n, row in enumerate(picked)
    ]
    monitoring_corpus.insert(Story, story_rows)
    first_clipping = (Clipping.objects.aggregate(m=Max("pk"))["m"] or 0) + 1
    tones = ["neutral"] * 6 + ["positive"] * 2 + ["negative"] * 2
    kinds = ["article"] * 8 + ["video", "post"]
    for first in range(0, clippings, BATCH):
        rows, mentions = [], []
        for pk in range(first_clipping + first, first_clipping + min(first + BATCH, clippings)):
            story = story_rows[pk % len(story_rows)] if story_rows and pk % 20 == 0 else None
            at = start + datetime.timedelta(seconds=rng.uniform(0, seconds))
            rows.append(
                {
                    "id": pk,
                    "outlet_id": rng.choice(outlets),
                    "title": "Bench item",
                    "published_at": max(at, story["created_at"]) if story else at,
                    "fetched_at": at,
                    "language": "kk" if rng.random() < 0.6 else "ru",
                    "tone": rng.choice(tones),
                    "kind": rng.choice(kinds),
                    "story_id": story["id"] if story else None,
                }
            )
            named = rng.sample(watches, 2 if rng.random() < 0.1 else 1)
            published = rows[-1]["published_at"]
            mentions.extend({"clipping_id": pk, "watch_id": watch, "published_at": published} for watch in named)
        monitoring_corpus.insert(Clipping, rows)
        monitoring_corpus.insert(Mention, mentions)
    return time.perf_counter() - started


def measure(clippings: int, materials: int) -> None:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext
    from tests.conftest import verified_client

    from pressdesk.core.demo import demo_email
    from pressdesk.core.models import Unit, User
    from pressdesk.directory import demo_data
    from pressdesk.reports.period import last_month

    inserted = populate(clippings, materials)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    client = verified_client(User.objects.get(email=demo_email("press")))
    unit = Unit.objects.get(code=demo_data.HOME_UNIT)
    since, _until = last_month(datetime.date.today())
    query = f"?unit={unit.pk}&period=month&month={since:%Y-%m}"
    page, pdf = f"/ru/reports/{query}", f"/ru/reports/report.pdf{query}"

    def served(path: str) -> float:
        start = time.perf_counter()
        response = client.get(path)
        assert response.status_code == 200, (path, response.status_code)
        return time.perf_counter() - start

    served(page)  # warm-up: templates compiled, caches filled
    with CaptureQueriesContext(connection) as captured:
        served(page)
    statements = [q["sql"] for q in captured.captured_queries if "GROUP BY" in q["sql"] or "COUNT(" in q["sql"]]
    per_page = len(captured.captured_queries)  # read now: the next request empties the connection's log

    def bare() -> float:
        start = time.perf_counter()
        with connection.cursor() as cursor:
            for sql in statements:
                cursor.execute(sql)
                cursor.fetchall()
        return time.perf_counter() - start

    sides: dict[str, list[float]] = {"page": [], "pdf": [], "bare": []}
    for round_ in range(ROUNDS):
        sides["bare"].append(bare())
        sides["page"].append(served(page))
        if round_ < PDF_ROUNDS:
            sides["pdf"].append(served(pdf))
    median = {side: statistics.median(samples) for side, samples in sides.items()}
    slowest = sorted(((_timed_statement(sql), sql) for sql in statements), reverse=True)[:3]
    from pressdesk.monitoring.models import Clipping

    in_month = Clipping.objects.filter(published_at__date__gte=since).count()
    print(
        f"reports page/bare aggregate SQL ratio: {median['page'] / median['bare']:.1f}x, "
        f"PDF/bare aggregate SQL ratio: {median['pdf'] / median['bare']:.1f}x "
        f"({per_page} queries per page, {len(statements)} of them aggregates; ~{in_month} clippings in the month "
        f"of {clippings} inserted, {materials} materials; median of {ROUNDS} interleaved rounds ({PDF_ROUNDS} for "
        f"the PDF); database: {connection.vendor}; for scale only: page {median['page'] * 1000:.0f} ms "
        f"(goal < 2 s: {'met' if median['page'] < 2 else 'NOT met'}), PDF {median['pdf'] * 1000:.0f} ms, bare SQL "
        f"{median['bare'] * 1000:.0f} ms; corpus inserted in {inserted:.0f} s)"
    )
    for seconds, sql in slowest:
        print(f"  {seconds * 1000:.0f} ms: {sql[:160]}…")


def _timed_statement(sql: str) -> float:
    from django.db import connection

    start = time.perf_counter()
    with connection.cursor() as cursor:
        cursor.execute(sql)
        cursor.fetchall()
    return time.perf_counter() - start


def run(clippings: int = CLIPPINGS, materials: int = MATERIALS) -> None:
    from bench.monitoring import rolled_back

    rolled_back(lambda: measure(clippings, materials))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--clippings", type=int, default=CLIPPINGS, help="clippings over the last twelve months")
    parser.add_argument("--materials", type=int, default=MATERIALS, help="materials published over the same year")
    args = parser.parse_args()
    from bench.run import setup

    setup()
    run(args.clippings, args.materials)
    return 0


sys.path.insert(0, str(ROOT))
from bench import monitoring_corpus  # noqa: E402 (the path above first, when run as a script)

if __name__ == "__main__":
    raise SystemExit(main())
