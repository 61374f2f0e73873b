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
# For the rest of a search's transaction on PostgreSQL. The facets group up to every
# match: with the default 4 MB of memory the largest part was sorted on disk (130 ms of
# a 330 ms statement at 100,000 matches). The transaction writes only the temporary
# table, its index and at most a champion list (a cache, built again if lost), so its
# commit need not wait for the disk: creating and dropping the index made it 27 ms.
SEARCH_SETTINGS = ("SET LOCAL work_mem = '32MB'", "SET LOCAL synchronous_commit = off")


@contextmanager
def stored_matches(pages, query):
    """The ids of every page in `pages` that matches the query, in a temporary table for
    as long as the block runs: yields (a filter for those pages, whether every match is
    there). The match runs once; every facet and the count read the table. The database
    backends fill it in SQL; Elasticsearch gives its best MAX_FACET_HITS."""
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(f"CREATE TEMPORARY TABLE IF NOT EXISTS {TABLE} (id integer)")
        empty(cursor)
        if connection.vendor == "postgresql":
            for setting in SEARCH_SETTINGS:
                cursor.execute(setting)
        every_match = insert_matches(cursor, pages, query)
        if connection.vendor == "postgresql":
            # Indexed once it is filled (an index kept up while filling cost more): the
            # facets of small page types then look their few pages up in it, where each
            # would otherwise hash every match.
            cursor.execute(f"CREATE INDEX {TABLE}_id ON {TABLE} (id)")
        yield Q(pk__in=RawSQL(f"SELECT id FROM {TABLE}", [])), every_match
        empty(cursor)


def empty(cursor):
    """Empties the table. On PostgreSQL by TRUNCATE: a connection lives on between
    requests (CONN_MAX_AGE), and the rows DELETE leaves behind for vacuum, which never
    visits temporary tables, made every later search slower."""
    if connection.vendor == "postgresql":
        cursor.execute(f"DROP INDEX IF EXISTS {TABLE}_id")
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
