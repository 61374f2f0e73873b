"""Rendering a kommune's ståstedsanalyse with 50 indicators × 10 years for every area (the
38 kommuner, the county and the country), uncached: no page cache, and (the second
column) nothing remembered for the content generation either, as on the first request
after a publish. The kommune's own page is rendered in the same run as the reference,
so that the ratio means something on a busy machine. Target (issue 14): the profile in
under 100 ms on SQLite.

    .venv/bin/python bench/indicator_profile.py
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/bench_profile \\
        .venv/bin/python bench/indicator_profile.py

Numbers from this machine: bench/results/indicator_profile.txt."""

import os
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(BASE_DIR))
os.environ.setdefault("VAR_DIR", tempfile.mkdtemp(prefix="bench-profile-"))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings.dev")

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402

from indicators.areas import area_codes  # noqa: E402
from indicators.importing import import_file  # noqa: E402
from indicators.reading import Indicator as Figure  # noqa: E402
from indicators.records import Direction, Indicator, Observation  # noqa: E402
from indicators.writing import jsonstat  # noqa: E402
from portal import pagecache  # noqa: E402

INDICATORS, YEARS, RUNS = 50, 10, 30
PROFILE, REFERENCE = "/kommuner/froya/indikatorer/", "/kommuner/froya/"


def load():
    for command in ("load_site", "load_network", "load_areas", "load_indicator_index"):
        call_command(command, verbosity=0)
    Observation.objects.all().delete()
    Indicator.objects.all().delete()
    random.seed(2026)
    areas = sorted(area_codes())
    codes = [f"Bench{n:02}" for n in range(INDICATORS)]
    years = [str(2015 + n) for n in range(YEARS)]
    values = [round(random.uniform(0, 100), 1) for _ in range(len(areas) * INDICATORS * YEARS)]
    figures = [Figure(code=c, name=f"Indikator {c}", unit="prosent", decimals=1) for c in codes]
    import_file("bench.json", jsonstat(areas, figures, years, values, status={5: ".."}))
    directions = [Direction.HIGHER, Direction.LOWER, Direction.NEUTRAL]
    for number, code in enumerate(codes):
        Indicator.objects.filter(code=code).update(
            goals=f"{number % 17 + 1}.{number % 5 + 1}", direction=directions[number % 3]
        )
    print(
        f"{Observation.objects.count()} figures ({INDICATORS} indicators × {YEARS} years × "
        f"{len(areas)} areas)"
    )


def timings(client, path, cold):
    samples = []
    for _ in range(RUNS):
        if cold:
            pagecache.new_generation()  # nothing remembered: areas, indicators read again
        start = time.perf_counter()
        response = client.get(path)
        samples.append((time.perf_counter() - start) * 1000)
        assert response.status_code == 200, (path, response.status_code)
    samples.sort()
    return statistics.median(samples), samples[int(len(samples) * 0.95) - 1]


def main():
    call_command("migrate", verbosity=0)
    load()
    client = Client(HTTP_HOST="127.0.0.1")
    client.get(PROFILE)  # templates compiled, connections open
    print(f"database: {connection.vendor}; {RUNS} runs each, milliseconds")
    print(f"{'page':<34} {'median':>7} {'p95':>7} {'cold median':>12} {'cold p95':>9}")
    results = {}
    for path in (REFERENCE, PROFILE):
        warm, cold = timings(client, path, False), timings(client, path, True)
        results[path] = (warm, cold)
        print(f"{path:<34} {warm[0]:>7.1f} {warm[1]:>7.1f} {cold[0]:>12.1f} {cold[1]:>9.1f}")
    ratio = results[PROFILE][1][0] / results[REFERENCE][1][0]
    print(f"profile / kommune page (cold medians): {ratio:.1f}×")
    target = results[PROFILE][1][1] < 100
    print(f"target: profile p95 under 100 ms, cold: {'met' if target else 'NOT met'}")


if __name__ == "__main__":
    main()
