"""Search latency at scale: fills a throw-away database with N synthetic good-practice
cases and reports (with PDF text) in Norwegian-like text (Zipf-like word frequencies, so
common words match most items) and
prints p50 and p95 of the first page of 20 results, in relevance order, for common words,
rare words, an inflected form, a word that occurs nowhere and two-word queries.

    .venv/bin/python bench/search_latency.py --sizes 1000,10000
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/bench_search \\
        .venv/bin/python bench/search_latency.py --sizes 1000,10000

It measures the database search backend as configured (SQLite FTS5 by default,
PostgreSQL with the norwegian configuration). Items from an earlier run stay and are
counted, so the sizes can grow run by run; never point it at a database you want to keep.
Numbers from this machine: bench/results/."""

import argparse
import contextlib
import io
import itertools
import os
import random
import statistics
import sys
import tempfile
import time
import uuid
from datetime import date
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(BASE_DIR))
os.environ.setdefault("VAR_DIR", tempfile.mkdtemp(prefix="bench-search-"))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings.dev")

import django  # noqa: E402

django.setup()

from django.contrib.contenttypes.models import ContentType  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from django.test import RequestFactory  # noqa: E402
from django.utils import timezone  # noqa: E402
from wagtail.models import Collection, Locale, Page  # noqa: E402
from wagtail.search.backends import get_search_backend  # noqa: E402

from cases.models import CasePage  # noqa: E402
from core import memo  # noqa: E402
from documents.models import PortalDocument  # noqa: E402
from network.models import KommunePage  # noqa: E402
from portal import pagecache  # noqa: E402
from reports.models import ReportPage  # noqa: E402
from search.views import search_api  # noqa: E402

# Words of PDF text per synthetic report: real reports are longer, but the bench must
# fill 100k items on a 2-core machine in minutes.
PDF_WORDS = 1200

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


class ZipfText:
    """Norwegian-like text: the word at rank r is drawn with weight 1 / r."""

    def __init__(self, words, seed):
        self.rng = random.Random(seed)
        self.words = words
        self.cumulative = list(itertools.accumulate(1 / r for r in range(1, len(words) + 1)))

    def __call__(self, count):
        return " ".join(self.rng.choices(self.words, cum_weights=self.cumulative, k=count))


def insert_rows(model, objects):
    """Inserts the child-table rows of page objects whose wagtailcore_page rows exist:
    Django's bulk_create cannot do that for multi-table inheritance."""
    fields = model._meta.local_concrete_fields
    columns = ", ".join(connection.ops.quote_name(field.column) for field in fields)
    marks = ", ".join(["%s"] * len(fields))
    rows = [
        [field.get_db_prep_save(getattr(obj, field.attname), connection) for field in fields]
        for obj in objects
    ]
    with connection.cursor() as cursor:
        cursor.executemany(f"INSERT INTO {model._meta.db_table} ({columns}) VALUES ({marks})", rows)


def fill(count, words, seed):
    """Bulk-inserts `count` live pages, half good-practice cases and half reports with
    PDF text, spread over the kommune pages, and indexes them with the search backend."""
    rng = random.Random(seed)
    kommuner = list(KommunePage.objects.filter(locale=Locale.get_default()))
    case_type = ContentType.objects.get_for_model(CasePage).pk
    report_type = ContentType.objects.get_for_model(ReportPage).pk
    collection = Collection.get_first_root_node()
    now = timezone.now()
    cases, reports = [], []
    text = ZipfText(words, seed)
    with transaction.atomic():
        pages = []
        for number in range(count):
            owner = kommuner[number % len(kommuner)]
            position = owner.numchild + 1000 + number // len(kommuner)
            title = text(8).capitalize()
            slug = f"bench-{position}"
            pages.append(
                Page(
                    path=Page._get_path(owner.path, owner.depth + 1, position),
                    depth=owner.depth + 1,
                    numchild=0,
                    title=title,
                    draft_title=title,
                    slug=slug,
                    url_path=f"{owner.url_path}{slug}/",
                    content_type_id=case_type if number % 2 else report_type,
                    live=True,
                    has_unpublished_changes=False,
                    first_published_at=now,
                    last_published_at=now,
                    locale_id=owner.locale_id,
                    translation_key=uuid.uuid4(),
                )
            )
        Page.objects.bulk_create(pages, batch_size=1000)
        paths = {page.path: number for number, page in enumerate(pages)}
        saved = Page.objects.filter(path__in=paths).values_list("pk", "path", "title")
        documents = []
        for pk, path, title in sorted(saved, key=lambda row: paths[row[1]]):
            if paths[path] % 2:
                cases.append(
                    CasePage(
                        page_ptr_id=pk,
                        summary=text(40),
                        results="<p>" + text(260) + "</p>",
                        period_start=date(rng.randint(2015, 2026), 1, 1),
                    )
                )
            else:
                documents.append(
                    PortalDocument(
                        title=title,
                        file=f"documents/{uuid.uuid4().hex}.pdf",
                        collection=collection,
                        extracted_text=text(PDF_WORDS),
                        extraction_status="ok",
                    )
                )
                reports.append(
                    ReportPage(
                        page_ptr_id=pk,
                        year=rng.randint(2015, 2026),
                        summary="<p>" + text(60) + "</p>",
                    )
                )
        for report, document in zip(
            reports, PortalDocument.objects.bulk_create(documents), strict=True
        ):
            report.document_id = document.pk
        insert_rows(CasePage, cases)
        insert_rows(ReportPage, reports)
        for owner in kommuner:
            Page.objects.filter(pk=owner.pk).update(
                numchild=owner.numchild + count // len(kommuner) + 1
            )
    backend = get_search_backend()
    for model, made, related in ((CasePage, cases, []), (ReportPage, reports, ["document"])):
        ids = [obj.page_ptr_id for obj in made]
        for offset in range(0, len(ids), 1000):
            batch = model.objects.filter(pk__in=ids[offset : offset + 1000])
            backend.add_bulk(model, list(batch.select_related(*related)))


def timed(action):
    start = time.perf_counter()
    action()
    return (time.perf_counter() - start) * 1000


def percentiles(action, repeat, budget_seconds=30):
    """p50 and p95 in ms of `repeat` runs (fewer if they use up the budget)."""
    timings = []
    deadline = time.perf_counter() + budget_seconds
    while len(timings) < repeat and (not timings or time.perf_counter() < deadline):
        timings.append(timed(action))
    timings.sort()
    p95 = timings[min(len(timings) - 1, round(0.95 * (len(timings) - 1)))]
    return statistics.median(timings), p95, len(timings)


def measure(query, repeat):
    """The first run, then p50/p95 of the first page of 20 hits in relevance order, and
    of the whole search response (/api/v2/search/: hits with snippets, the number of
    hits and every facet)."""
    pages = Page.objects.live().public().filter(locale=Locale.get_default())
    request = RequestFactory().get("/api/v2/search/", {"q": query}, HTTP_HOST="localhost")

    def first_page():
        list(pages.search(query, operator="and")[:20])

    def response():
        # Inside the content generation, as ContentGenerationMiddleware runs every
        # request: what the site shares (locales, restrictions, the facet statement) is
        # worked out once per generation, not on every search.
        with memo.generation(pagecache.generation()):
            assert search_api(request).status_code == 200

    first = timed(first_page)
    p50, p95, runs = percentiles(first_page, repeat)
    page_p50, page_p95, _runs = percentiles(response, repeat)
    matches = pages.search(query, operator="and", order_by_relevance=False).count()
    return first, p50, p95, page_p50, page_p95, runs, matches


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
    filled = Page.objects.filter(slug__startswith="bench-").count()
    if not filled:
        # Only into an empty database: bootstrap copies every bokmål page into the nn
        # and en trees, which would copy the bench items too.
        with contextlib.redirect_stdout(io.StringIO()):
            call_command("bootstrap")
    # Only after migrating: asked before its tables exist, the database backend settles on
    # its slow fallback (no FTS) for the rest of the process.
    backend = get_search_backend()
    kind = type(backend)
    print(f"database: {connection.vendor}; search backend: {kind.__module__}.{kind.__name__}")
    print(
        f"{'':>8}  {'':<16} {'first page of 20 hits, ms':^26}  {'whole response, ms':^17}\n"
        f"{'items':>8}  {'query':<16} {'first':>8} {'p50':>8} {'p95':>8}  {'p50':>8} {'p95':>8}"
        f" {'runs':>5} {'matches':>8}"
    )
    for size in sizes:
        if size > filled:
            started = time.perf_counter()
            fill(size - filled, words, args.seed + size)
            print(f"filled {size - filled} items in {time.perf_counter() - started:.0f} s")
            filled = size
        if connection.vendor == "postgresql":
            # Fresh planner statistics, as autovacuum keeps them on a running server (it
            # is switched off on this machine's PostgreSQL).
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE")
        for name, query in queries.items():
            first, p50, p95, page_p50, page_p95, runs, matches = measure(query, args.repeat)
            print(
                f"{size:>8}  {name:<16} {first:>8.1f} {p50:>8.1f} {p95:>8.1f}  "
                f"{page_p50:>8.1f} {page_p95:>8.1f} {runs:>5} {matches:>8}",
                flush=True,
            )


if __name__ == "__main__":
    main()
