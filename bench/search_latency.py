"""Search latency at scale: fills a throw-away database with N synthetic pages of
Norwegian-like text (Zipf-like word frequencies, so common words match most pages) and
prints p50 and p95 of the first page of 20 results, in relevance order, for common words,
rare words, an inflected form, a word that occurs nowhere and two-word queries.

    .venv/bin/python bench/search_latency.py --sizes 1000,10000
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/bench_search \\
        .venv/bin/python bench/search_latency.py --sizes 1000,10000

It measures the database search backend as configured (SQLite FTS5 by default,
PostgreSQL with the norwegian configuration). The database is emptied and filled anew:
never point it at one you want to keep. Numbers from this machine: bench/results/."""

import argparse
import os
import random
import statistics
import sys
import tempfile
import time
import uuid
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(BASE_DIR))
os.environ.setdefault("VAR_DIR", tempfile.mkdtemp(prefix="bench-search-"))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings.dev")

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from django.utils import timezone  # noqa: E402
from wagtail.models import Locale, Page  # noqa: E402
from wagtail.search.backends import get_search_backend  # noqa: E402

from home.models import HomePage, StandardPage  # noqa: E402

STEMS = (
    "kommune skole barnehage matsvinn anskaffelse klima bærekraft folkehelse plan budsjett "
    "rapport indikator gevinst innbygger ungdom eldre helse omsorg avfall energi bygg vei "
    "sykkel buss natur vann hav fisk landbruk mat kantine kjøkken sykehjem frivillig lag "
    "forening samarbeid nettverk region fylke økonomi arbeid næring turisme kultur bibliotek "
    "idrett friluftsliv sti tur areal skog myr strand fjord havn ferge bolig sentrum"
).split()
ENDINGS = ["", "en", "er", "ene"]
SMALL_WORDS = "og i på for med som til av at det er en et de vi har om fra".split()


def inflect(stem, ending):
    """Bokmål noun forms: anskaffelse, anskaffelsen, anskaffelser, anskaffelsene."""
    return stem + (ending[1:] if stem.endswith("e") and ending else ending)


def vocabulary(size, seed):
    rng = random.Random(seed)
    words = list(SMALL_WORDS)
    words += [inflect(stem, ending) for stem in STEMS for ending in ENDINGS]
    while len(words) < size:
        words.append(inflect(rng.choice(STEMS) + rng.choice(STEMS), rng.choice(ENDINGS)))
    return list(dict.fromkeys(words))[:size]


def texts(count, words, seed, length=300):
    rng = random.Random(seed)
    # Zipf-like: the word at rank r is drawn with weight 1 / r.
    weights = [1 / rank for rank in range(1, len(words) + 1)]
    for _ in range(count):
        yield " ".join(rng.choices(words, weights, k=length))


def fill(count, words, seed):
    """Bulk-inserts `count` live StandardPages under the home page and indexes them."""
    home = HomePage.objects.get(locale=Locale.get_default(), depth=2)
    content_type_id = StandardPage().get_content_type().pk
    start = home.numchild + 1000  # tree positions after the pages the bootstrap made
    now = timezone.now()
    created = []
    with transaction.atomic():
        pages = []
        for number, text in enumerate(texts(count, words, seed)):
            title = " ".join(text.split()[:6]).capitalize()
            slug = f"bench-{start + number}"
            pages.append(
                Page(
                    path=Page._get_path(home.path, home.depth + 1, start + number),
                    depth=home.depth + 1,
                    numchild=0,
                    title=title,
                    draft_title=title,
                    slug=slug,
                    url_path=f"{home.url_path}{slug}/",
                    content_type_id=content_type_id,
                    live=True,
                    has_unpublished_changes=False,
                    first_published_at=now,
                    last_published_at=now,
                    locale_id=home.locale_id,
                    translation_key=uuid.uuid4(),
                )
            )
        Page.objects.bulk_create(pages, batch_size=1000)
        ids = list(
            Page.objects.filter(
                depth=home.depth + 1, path__gte=pages[0].path, path__lte=pages[-1].path
            )
            .order_by("path")
            .values_list("pk", flat=True)
        )
        bodies = texts(count, words, seed + 1)
        with connection.cursor() as cursor:
            cursor.executemany(
                "INSERT INTO home_standardpage (page_ptr_id, intro, body) VALUES (%s, %s, %s)",
                [(pk, body, "[]") for pk, body in zip(ids, bodies, strict=False)],
            )
        Page.objects.filter(pk=home.pk).update(numchild=home.numchild + count)
        created = ids
    backend = get_search_backend()
    for offset in range(0, len(created), 1000):
        batch = StandardPage.objects.filter(pk__in=created[offset : offset + 1000])
        backend.add_bulk(StandardPage, list(batch))


def measure(query, repeat, budget_seconds=30):
    pages = Page.objects.live().public().filter(locale=Locale.get_default())
    timings = []
    deadline = time.perf_counter() + budget_seconds
    for _ in range(repeat):
        start = time.perf_counter()
        list(pages.search(query, operator="and")[:20])
        timings.append((time.perf_counter() - start) * 1000)
        if time.perf_counter() > deadline:
            break
    timings.sort()
    p95 = timings[min(len(timings) - 1, round(0.95 * (len(timings) - 1)))]
    matches = pages.search(query, operator="and", order_by_relevance=False).count()
    return statistics.median(timings), p95, len(timings), matches


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000,10000")
    parser.add_argument("--repeat", type=int, default=20)
    parser.add_argument("--seed", type=int, default=2026)
    args = parser.parse_args()
    sizes = [int(size) for size in args.sizes.split(",")]

    words = vocabulary(5000, args.seed)
    common = words[len(SMALL_WORDS)]  # the most frequent content word
    queries = {
        "common word": common,
        "rare word": words[2000],
        "inflected form": "anskaffelsene",
        "word nowhere": "qwzxyvokt",
        "two words": f"{common} {words[60]}",
    }
    call_command("migrate", verbosity=0)
    call_command("bootstrap", verbosity=0)
    Page.objects.filter(slug__startswith="bench-").delete()
    # Only after migrating: asked before its tables exist, the database backend settles on
    # its slow fallback (no FTS) for the rest of the process.
    backend = get_search_backend()
    print(f"database: {connection.vendor}; search backend: {type(backend).__name__}")
    print(f"{'items':>8}  {'query':<16} {'p50 ms':>8} {'p95 ms':>8} {'runs':>5} {'matches':>8}")
    filled = 0
    for size in sizes:
        fill(size - filled, words, args.seed + size)
        filled = size
        for name, query in queries.items():
            p50, p95, runs, matches = measure(query, args.repeat)
            print(
                f"{size:>8}  {name:<16} {p50:>8.1f} {p95:>8.1f} {runs:>5} {matches:>8}",
                flush=True,
            )


if __name__ == "__main__":
    main()
