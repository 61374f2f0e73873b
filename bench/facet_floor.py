"""How fast could a search's facets be on PostgreSQL at all? A lower bound, measured on
the database bench/search_latency.py fills (100,000 items).

It builds a throw-away table with the facet values of every page kept beside it (one
narrow row per page: language, live, path, type, theme, year; 10 MB), the most a
denormalised design could give, and times, as medians of repeated runs:

- the full-text match of a common word into a temporary table, as the search does;
- counting type, kommune, theme page and year over the matches in one statement on the
  narrow table (no view restrictions, no linked themes or goals: less than the search
  must do);
- the bare join of the matches with the narrow table.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/bench_search \\
        .venv/bin/python bench/facet_floor.py

The table is dropped again at the end."""

import os
import statistics
import sys
import time

import psycopg

QUERY = "kommun"  # the stem of the most common content word of the bench's texts
RUNS = 10


def timed(cursor, sql, params=(), before=None):
    timings = []
    for _run in range(RUNS):
        if before:
            cursor.execute(before)
        start = time.perf_counter()
        cursor.execute(sql, params)
        if cursor.description:
            cursor.fetchall()
        timings.append((time.perf_counter() - start) * 1000)
    return statistics.median(timings)


def main():
    url = os.environ.get("DATABASE_URL")
    if not url or not url.startswith("postgres"):
        sys.exit("Set DATABASE_URL to the PostgreSQL database bench/search_latency.py filled.")
    with psycopg.connect(url, autocommit=True) as connection, connection.cursor() as cursor:
        cursor.execute("SELECT id FROM django_content_type WHERE model = 'themepage'")
        theme_type = cursor.fetchone()[0]
        cursor.execute("DROP TABLE IF EXISTS bench_facet_floor")
        cursor.execute(
            "CREATE TABLE bench_facet_floor AS "
            "SELECT p.id AS page_id, p.locale_id, p.live, p.depth, p.path, p.content_type_id, "
            " CASE WHEN p.content_type_id = %s THEN p.slug END AS theme_slug, "
            " COALESCE(EXTRACT(year FROM c.period_start)::int, r.year) AS year "
            "FROM wagtailcore_page p "
            "LEFT JOIN cases_casepage c ON c.page_ptr_id = p.id "
            "LEFT JOIN reports_reportpage r ON r.page_ptr_id = p.id",
            [theme_type],
        )
        cursor.execute("ALTER TABLE bench_facet_floor ADD PRIMARY KEY (page_id)")
        cursor.execute("VACUUM ANALYZE bench_facet_floor")
        try:
            cursor.execute("SET work_mem = '32MB'")
            cursor.execute("CREATE TEMPORARY TABLE matches (id int)")
            match = (
                "INSERT INTO matches SELECT object_id::int FROM (SELECT object_id FROM "
                "wagtailsearch_indexentry WHERE (title || body) @@ %s::tsquery OFFSET 0) m"
            )
            cursor.execute("SET enable_seqscan = off")  # as the search matches (scoring.py)
            match_ms = timed(cursor, match, [f"'{QUERY}'"], before="TRUNCATE matches")
            cursor.execute("SET enable_seqscan = on")
            cursor.execute("ANALYZE matches")
            cursor.execute("SELECT count(*) FROM matches")
            matches = cursor.fetchone()[0]
            count_ms = timed(
                cursor,
                "SELECT content_type_id, substring(path, 1, 16), theme_slug, year, count(*) "
                "FROM bench_facet_floor f JOIN matches m ON f.page_id = m.id "
                "WHERE f.locale_id = 1 AND f.live AND f.depth > 1 GROUP BY GROUPING SETS "
                "((content_type_id, substring(path, 1, 16), theme_slug), (year))",
            )
            join_ms = timed(
                cursor,
                "SELECT count(*) FROM bench_facet_floor f JOIN matches m ON f.page_id = m.id",
            )
        finally:
            cursor.execute("DROP TABLE IF EXISTS bench_facet_floor")
    print(f"matches of «{QUERY}»: {matches}; medians of {RUNS} runs")
    print(f"  match into a temporary table          {match_ms:7.1f} ms")
    print(f"  facets on the narrow table, one pass  {count_ms:7.1f} ms")
    print(f"  the bare join, for comparison         {join_ms:7.1f} ms")
    print(f"  floor of match + facets               {match_ms + count_ms:7.1f} ms")


if __name__ == "__main__":
    main()
