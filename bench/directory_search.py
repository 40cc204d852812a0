"""Directory name search over 50,000 journalists, as a ratio to fetching the same page by primary key.

    make bench                                  (with the other benchmarks)
    .venv/bin/python bench/directory_search.py  (this one alone)
    DATABASE_URL=postgresql://… …               (on PostgreSQL; SQLite otherwise)

What is measured: the journalists list's search, ``filters.apply(Journalist.objects.present(),
{"q": query})[:50]`` made into a list of model instances, for a mix of what press officers
type: parts of names ("Айгер", "нұрл"), whole first names and surnames, Latin spellings
("Zhuldyz", "Kasymova"), Russian spellings of Kazakh names ("Жулдыз"), and two words
("Айгерім Қасымова", "aigerim kasym"). The rows are 50,000 generated journalists (the
demo's name lists, so namesakes are as common as in a real directory), inserted in bulk
and indexed with ``search.index_many``, on top of the demo data.

Baseline, measured in the same run and interleaved with the searches so both see the same
machine load: the very same page (the same ids, the columns the ORM selects, the same
order) read with raw SQL, ``SELECT … FROM directory_journalist WHERE id IN (…) ORDER BY
full_name, id``, through a bare cursor. It is the floor of any list page that shows those
rows: the ratio is what finding them by name costs on top of merely reading them. A plain
``LIKE`` on an indexed column would be a poorer yardstick: whether it can use the index
depends on the engine and collation (SQLite's case-insensitive LIKE and PostgreSQL's
non-C collations both fall back to a scan), and it cannot find the other spellings this
search exists for.

Everything runs in one transaction that is rolled back, so the 50,000 rows never reach a
shared PostgreSQL database; ANALYZE runs inside it so the planner knows the table's size.
"""

from __future__ import annotations

import random
import sys
import time
from pathlib import Path

TOTAL = 50_000
PASSES = 10
PAGE = 50
QUERIES = [
    # parts of names, as typed before the autocomplete would have helped
    "Айгер",
    "нұрл",
    "Сәрсен",
    "жұма",
    "Иван",
    "Ахмет",
    # whole first names and surnames
    "Айгерім",
    "Ерлан",
    "Смирнова",
    "Қасымова",
    "Ким",
    # Latin spellings
    "aigerim",
    "Zhuldyz",
    "Nurzhanov",
    "Kasymova",
    "tursyn",
    # Russian spellings of Kazakh names
    "Жулдыз",
    "Сарсенбаева",
    "Асель",
    # two words
    "Айгерім Қасымова",
    "aigerim kasym",
    "Ерлан Нұрланұлы",
    "Елена Ким",
    "Жулдыз Ахметова",
    "нұрл ахмет",
]


def populate(total: int) -> float:
    """Insert ``total`` generated journalists and index them; returns the seconds it took."""
    from pressdesk.core import search
    from pressdesk.core.models import Unit
    from pressdesk.directory import demo_data, demo_plan, indexing
    from pressdesk.directory.models import ConsentBasis, Journalist, language_set

    rng = random.Random(50_000)
    unit = Unit.objects.get(code=demo_data.HOME_UNIT)
    start = time.perf_counter()
    rows, emails = [], []
    for number in range(total):
        origin = "kk" if rng.random() < 0.65 else ("ru" if rng.random() < 0.97 else "foreign")
        name = demo_plan.random_name(rng, origin, "kk" if rng.random() < 0.6 else "ru")
        rows.append(
            Journalist(
                unit=unit,
                full_name=name.full_name,
                name_variants="\n".join(name.variants),
                name_key=indexing.name_key(name.full_name),
                languages=language_set(["kk", "ru"] if origin == "kk" else ["ru"]),
                preferred_language="kk" if origin == "kk" else "ru",
                consent_basis=ConsentBasis.PUBLIC_CONTACT,
            )
        )
        emails.append(f"{name.first_latin}.{name.last_latin}{number}@bench.demo".lower())
    Journalist.objects.bulk_create(rows, batch_size=2000)
    search.index_many(
        indexing.JOURNALIST,
        ((row.pk, indexing.journalist_body(row, [email])) for row, email in zip(rows, emails, strict=True)),
    )
    return time.perf_counter() - start


def analyze() -> None:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")


def searched(query: str) -> list:
    from pressdesk.directory import filters
    from pressdesk.directory.models import Journalist

    return list(filters.apply(Journalist.objects.present(), filters.clean_criteria({"q": query}))[:PAGE])


def fetched_by_pk(sql: str, ids: list[int]) -> list:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(sql % ", ".join(["%s"] * len(ids)), ids)
        return cursor.fetchall()


def page_sql() -> str:
    """The ORM's own column list and order for the page, by primary key instead of by search."""
    from django.db import connection

    from pressdesk.directory.models import Journalist

    table = Journalist._meta.db_table
    columns = ", ".join(connection.ops.quote_name(f.column) for f in Journalist._meta.concrete_fields)
    return f"SELECT {columns} FROM {table} WHERE id IN (%s) ORDER BY full_name, id"  # noqa: S608 (our own names)


def percentile(samples: list[float], share: float) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def measure() -> dict[str, object]:
    sql = page_sql()
    pages = {query: [row.pk for row in searched(query)] for query in QUERIES}  # also the warm-up
    for ids in pages.values():
        fetched_by_pk(sql, ids or [0])
    search_times, baseline_times = [], []
    by_query: dict[str, list[float]] = {query: [] for query in QUERIES}
    for _ in range(PASSES):
        for query in QUERIES:
            start = time.perf_counter()
            rows = searched(query)
            search_times.append(time.perf_counter() - start)
            by_query[query].append(search_times[-1])
            ids = pages[query] or [0]
            start = time.perf_counter()
            fetched_by_pk(sql, ids)
            baseline_times.append(time.perf_counter() - start)
            assert [row.pk for row in rows] == pages[query], query
    return {
        "search": search_times,
        "baseline": baseline_times,
        "empty": [query for query, ids in pages.items() if not ids],
        "full": sum(1 for ids in pages.values() if len(ids) == PAGE),
        "slowest": max(by_query, key=lambda query: percentile(by_query[query], 0.5)),
        "slowest_p50": max(percentile(samples, 0.5) for samples in by_query.values()),
    }


def run(total: int = TOTAL) -> None:
    from django.db import connection, transaction

    from pressdesk.directory.models import Journalist

    with transaction.atomic():
        seconds = populate(total)
        analyze()
        count = Journalist.objects.present().count()
        result = measure()
        transaction.set_rollback(True)
    search, baseline = result["search"], result["baseline"]
    p50, p95 = percentile(search, 0.5), percentile(search, 0.95)
    b50, b95 = percentile(baseline, 0.5), percentile(baseline, 0.95)
    print(
        f"directory search/pk fetch ratio: p50 {p50 / b50:.1f}x, p95 {p95 / b95:.1f}x "
        f"({len(QUERIES)} queries x {PASSES} passes over {count} journalists, {result['full']} of them fill a page "
        f"of {PAGE}; database: {connection.vendor}; for scale only: search p50 {p50 * 1000:.1f} ms, "
        f"p95 {p95 * 1000:.1f} ms (target p95 < 100 ms), baseline p50 {b50 * 1000:.2f} ms, p95 {b95 * 1000:.2f} ms; "
        f"{total} rows inserted and indexed in {seconds:.1f} s)"
    )
    print(f"  slowest query: {result['slowest']!r}, p50 {result['slowest_p50'] * 1000:.1f} ms")
    if result["empty"]:
        print(f"  note: no match for {', '.join(result['empty'])}")


def main() -> int:
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    from bench.run import setup

    setup()
    run()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
