"""Importing a large JSON-stat file: 100 indicators × 40 areas × 25 years = 100,000 cells,
into a throw-away database (SQLite in a temporary directory unless DATABASE_URL is set).
Prints the time to read the file, to compare it with what is stored (the preview), and
to store it (which reads and compares again, under the importers' lock, as a confirm in
the admin does), and the sum of the three; then the same for the same file again
(nothing changes) and for a revision that changes every tenth figure. Target (issue 14):
under 10 s for the first import.

    .venv/bin/python bench/indicator_import.py
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/bench_indicators \\
        .venv/bin/python bench/indicator_import.py

Numbers from this machine: bench/results/indicator_import.txt."""

import os
import random
import sys
import tempfile
import time
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(BASE_DIR))
os.environ.setdefault("VAR_DIR", tempfile.mkdtemp(prefix="bench-indicators-"))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings.dev")

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402

from indicators.areas import area_codes  # noqa: E402
from indicators.importing import apply, preview  # noqa: E402
from indicators.models import ImportBatch, Observation  # noqa: E402
from indicators.reading import Indicator, read_jsonstat  # noqa: E402
from indicators.writing import jsonstat  # noqa: E402

INDICATORS, YEARS = 100, 25


def dataset(seed, changed_every=0):
    random.seed(seed)
    areas = sorted(area_codes())
    codes = [f"Bench{n:03}" for n in range(INDICATORS)]
    years = [str(2000 + n) for n in range(YEARS)]
    total = len(areas) * len(codes) * len(years)
    values = [round(random.uniform(0, 1000), 1) for _cell in range(total)]
    if changed_every:
        values = [v + 1 if n % changed_every == 0 else v for n, v in enumerate(values)]
    indicators = [
        Indicator(code=code, name=f"Indikator {code}", unit="prosent", decimals=1) for code in codes
    ]
    return jsonstat(areas, indicators, years, values, status={7: ".."})


def timed(action):
    start = time.perf_counter()
    result = action()
    return result, time.perf_counter() - start


def run(name, data):
    cells, read_s = timed(lambda: read_jsonstat(data, area_codes()))
    plan, preview_s = timed(lambda: preview(cells))
    batch = ImportBatch.objects.create(file_name="bench.json", content=data)
    _batch, store_s = timed(lambda: apply(batch))  # reads and compares again, then stores
    total = read_s + preview_s + store_s
    print(
        f"{name:<22} {len(cells):>8} {read_s:>7.2f} {preview_s:>8.2f} {store_s:>7.2f} "
        f"{total:>7.2f}   {len(plan.added)} new, {len(plan.changed)} changed, "
        f"{plan.unchanged} unchanged",
        flush=True,
    )


def main():
    call_command("migrate", verbosity=0)
    call_command("load_site", verbosity=0)
    call_command("load_network", verbosity=0)
    call_command("load_areas", verbosity=0)
    Observation.objects.filter(indicator__code__startswith="Bench").delete()
    print(f"database: {connection.vendor}")
    print(f"{'import':<22} {'cells':>8} {'read s':>7} {'compare':>8} {'store':>7} {'total':>7}")
    run("first", dataset(2026))
    run("same file again", dataset(2026))
    run("every 10th changed", dataset(2026, changed_every=10))


if __name__ == "__main__":
    main()
