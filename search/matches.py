"""A search's matches, found once and shared: the number of hits and every facet are
counted over the same ids (search/facets.py), kept in a temporary table, so the
full-text match runs one time per search however many facets there are, and the ids
never travel between the database and Python."""

from contextlib import contextmanager

from django.core.exceptions import EmptyResultSet
from django.db import connection, transaction
from django.db.models import Q
from django.db.models.expressions import RawSQL

# Elasticsearch gives no queryset of every match: its facets count the best this many.
MAX_FACET_HITS = 1000
# The temporary table a search's matches are kept in while its facets are counted. Each
# database connection has its own.
TABLE = "portal_search_matches"


@contextmanager
def stored_matches(pages, query):
    """The ids of every page in `pages` that matches the query, in a temporary table for
    as long as the block runs: yields (a filter for those pages, whether every match is
    there). The match runs once; every facet and the count read the table. The database
    backends fill it in SQL; Elasticsearch gives its best MAX_FACET_HITS."""
    with transaction.atomic(), connection.cursor() as cursor:
        # No key: filling an index costs more than the facets gain from it.
        cursor.execute(f"CREATE TEMPORARY TABLE IF NOT EXISTS {TABLE} (id integer)")
        empty(cursor)
        every_match = insert_matches(cursor, pages, query)
        yield Q(pk__in=RawSQL(f"SELECT id FROM {TABLE}", [])), every_match
        empty(cursor)


def empty(cursor):
    """Empties the table. On PostgreSQL by TRUNCATE: a connection lives on between
    requests (CONN_MAX_AGE), and the rows DELETE leaves behind for vacuum, which never
    visits temporary tables, made every later search slower."""
    if connection.vendor == "postgresql":
        cursor.execute(f"TRUNCATE {TABLE}")
    else:
        cursor.execute(f"DELETE FROM {TABLE}")  # SQLite empties a table this way at once


def insert_matches(cursor, pages, query):
    found = pages.search(query, operator="and", order_by_relevance=False)
    compiler = getattr(found, "query_compiler", None)
    insert = getattr(compiler, "insert_matches", None)
    if insert and insert(TABLE, compiler.get_config(found.backend)):
        return True  # the backend has filled the table and its statistics
    every_match = hasattr(found, "get_queryset")  # the database backends match in SQL
    if every_match:
        try:
            sql, params = found.get_queryset().order_by().values("pk").query.sql_with_params()
        except EmptyResultSet:  # a filter no page can pass
            return True
        cursor.execute(f"INSERT INTO {TABLE} (id) {sql}", params)
    else:
        ids = [(page.pk,) for page in found[:MAX_FACET_HITS]]
        cursor.executemany(f"INSERT INTO {TABLE} (id) VALUES (%s)", ids)
    if connection.vendor == "postgresql":
        # A temporary table has no statistics until asked: without them the planner
        # takes a hundred thousand matches for a few hundred and looks each one up.
        cursor.execute(f"ANALYZE {TABLE}")
    return every_match
