"""Importing 50,000 journalists from a CSV file, as a ratio to inserting the same rows with bare SQL.

    make bench                                  (with the other benchmarks)
    .venv/bin/python bench/directory_import.py  (this one alone)
    DATABASE_URL=postgresql://… …               (on PostgreSQL; SQLite otherwise)

What is measured: ``importing.import_commit`` over a generated 50,000-row CSV, the
way the worker runs it: decoding and reading the file, checking every row (the name;
emails; phones written in the half-dozen ways people here write them; the outlet by
its name in Kazakh, Russian or English; beats and languages by their names; the same
email or phone twice in the file; people already in the directory), then writing the
journalists, contacts, positions and beats in batches, indexing them for search and
writing one audit entry, all in one transaction. The check alone (``import_check``,
what the preview page waits for) is measured too. The rows are the demo's name lists,
so namesakes are as common as in a real directory, at the demo's outlets.

Baseline, measured in the same run: the very same 50,000 rows, already split into
tuples of strings, inserted with one ``executemany`` into a plain table with a text
column per CSV column and no index, through a bare cursor: the floor of putting these
rows into this database at all. The ratio is what reading, checking and building the
directory's records and search index costs on top. The baseline runs before and after
the import and the median of its runs is used, so both see the same machine load.

Everything runs in one transaction that is rolled back, so the rows never reach a
shared PostgreSQL database. The target: 50,000 rows imported in under a minute.
"""

from __future__ import annotations

import csv
import io
import random
import statistics
import sys
import time
from pathlib import Path

TOTAL = 50_000
BASELINE_RUNS = 3
HEADER = ["ФИО", "Email", "Телефон", "СМИ", "Должность", "Тақырыптар", "Тілдер", "Материал тілі"]
PHONE_FORMATS = [
    "+7 {p} {d[0]}{d[1]}{d[2]} {d[3]}{d[4]} {d[5]}{d[6]}",
    "8 ({p}) {d[0]}{d[1]}{d[2]}-{d[3]}{d[4]}-{d[5]}{d[6]}",
    "8{p}{d}",
    "+7{p}{d}",
    "{p} {d[0]}{d[1]}{d[2]} {d[3]}{d[4]}{d[5]}{d[6]}",
]
TITLES = ["тілші", "корреспондент", "редактор", "шолушы", "продюсер", "ведущий", "обозреватель", ""]
LANGUAGE_CELLS = ["kk, ru", "қазақша", "русский", "Қазақша, Русский", "ru", "kk; en"]


def generate(total: int) -> bytes:
    """A CSV as a press service would send it: ";"-separated UTF-8 with a BOM, headings in two languages."""
    from pressdesk.directory import demo_data, demo_plan
    from pressdesk.directory.models import Beat, Outlet

    rng = random.Random(2026)
    outlet_names = [[row.name for row in outlet.translations.all()] for outlet in Outlet.objects.active().with_names()]
    beat_names = [
        [row.name for row in beat.translations.all()] for beat in Beat.objects.prefetch_related("translations")
    ]
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    writer.writerow(HEADER)
    for number in range(total):
        origin = "kk" if rng.random() < 0.65 else ("ru" if rng.random() < 0.97 else "foreign")
        name = demo_plan.random_name(rng, origin, "kk" if rng.random() < 0.6 else "ru")
        prefix = demo_data.MOBILE_PREFIXES[number % len(demo_data.MOBILE_PREFIXES)]
        phone = rng.choice(PHONE_FORMATS).format(p=prefix, d=f"{number + 1_000_000:07d}"[-7:])
        writer.writerow(
            [
                name.full_name,
                f"{name.first_latin}.{name.last_latin}{number}@bench.demo".lower(),
                phone,
                rng.choice(rng.choice(outlet_names)) if outlet_names else "",
                rng.choice(TITLES),
                ", ".join(rng.choice(names) for names in rng.sample(beat_names, rng.randint(0, 2))),
                rng.choice(LANGUAGE_CELLS),
                rng.choice(["kk", "ru", "қазақша", "русский", ""]),
            ]
        )
    return b"\xef\xbb\xbf" + out.getvalue().encode("utf-8")


def bare_insert(rows: list[list[str]]) -> float:
    """Seconds to executemany ``rows`` into a plain table that is emptied again afterwards."""
    from django.db import connection

    columns = ", ".join(f"c{i} TEXT" for i in range(len(HEADER)))
    marks = ", ".join(["%s"] * len(HEADER))
    with connection.cursor() as cursor:
        cursor.execute(f"CREATE TEMPORARY TABLE IF NOT EXISTS bench_plain_import ({columns})")
        start = time.perf_counter()
        cursor.executemany(f"INSERT INTO bench_plain_import VALUES ({marks})", rows)  # noqa: S608 (our own SQL)
        seconds = time.perf_counter() - start
        cursor.execute("DELETE FROM bench_plain_import")
    return seconds


def run(total: int = TOTAL) -> None:
    from django.db import connection, transaction

    from pressdesk.core.models import Unit
    from pressdesk.directory import demo_data, importing
    from pressdesk.directory.models import ConsentBasis

    unit = Unit.objects.with_names().get(code=demo_data.HOME_UNIT)
    with transaction.atomic():
        data = generate(total)
        rows = list(csv.reader(io.StringIO(data[3:].decode("utf-8")), delimiter=";"))[1:]
        baseline = [bare_insert(rows) for _ in range(BASELINE_RUNS - 1)]
        start = time.perf_counter()
        preview = importing.import_check(file=io.BytesIO(data), name="bench.csv", unit=unit, actor=None)
        check_seconds = time.perf_counter() - start
        assert preview.ok, preview.errors[:5]
        start = time.perf_counter()
        outcome = importing.import_commit(
            file=io.BytesIO(data), name="bench.csv", unit=unit, actor=None, consent_basis=ConsentBasis.PUBLIC_CONTACT
        )
        import_seconds = time.perf_counter() - start
        baseline.append(bare_insert(rows))
        transaction.set_rollback(True)
    floor = statistics.median(baseline)
    print(
        f"directory import/bare insert ratio: {import_seconds / floor:.0f}x, check alone {check_seconds / floor:.0f}x "
        f"({outcome.imported} of {len(rows)} CSV rows imported, {preview.known} already in the directory, "
        f"{len(preview.duplicates)} likely duplicates shown; database: {connection.vendor}; for scale only: "
        f"import {import_seconds:.1f} s (target < 60 s), check {check_seconds:.1f} s, bare insert {floor:.2f} s)"
    )


def main() -> int:
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    from bench.run import setup

    setup()
    run()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
