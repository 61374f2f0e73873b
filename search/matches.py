"""A search's matches, found once and shared: the number of hits and every facet are
counted over the same list of page ids (search/facets.py), so the full-text match runs
one time per search, however many facets there are."""

import json

from django.db.models import F, Lookup
from django.db.models.lookups import In

# Elasticsearch gives no queryset of every match: its facets count the best this many.
MAX_FACET_HITS = 1000


class Among(Lookup):
    """`field` is one of a list of integer ids, given as one parameter: tens of thousands
    of ids as separate parameters cost Django more time than the query, and the
    databases take only so many (SQLite 32,766, PostgreSQL 65,535)."""

    lookup_name = "among"
    prepare_rhs = False

    def as_sql(self, compiler, connection):  # SQLite: the ids as a JSON array
        lhs, params = self.process_lhs(compiler, connection)
        return f"{lhs} IN (SELECT value FROM json_each(%s))", [*params, json.dumps(self.rhs)]

    def as_postgresql(self, compiler, connection):
        lhs, params = self.process_lhs(compiler, connection)
        # As the text of an array literal: psycopg adapts a long list item by item. As a
        # constant, PostgreSQL looks the ids up in a hash table rather than one by one.
        array = "{" + ",".join(map(str, self.rhs)) + "}"
        return f"{lhs} = ANY(%s::bigint[])", [*params, array]

    def as_mysql(self, compiler, connection):  # not used by the portal; kept correct
        return In(self.lhs, self.rhs).as_sql(compiler, connection)


def among(ids):
    """A filter for the objects whose primary key is in `ids` (a list of ints)."""
    return Among(F("pk"), [int(pk) for pk in ids])


def matched_ids(pages, query):
    """(the ids of every page in `pages` that matches the query, whether that is every
    match). The database backends match in SQL; Elasticsearch gives its best
    MAX_FACET_HITS."""
    found = pages.search(query, operator="and", order_by_relevance=False)
    if hasattr(found, "get_queryset"):
        return list(found.get_queryset().order_by().values_list("pk", flat=True)), True
    return [page.pk for page in found[:MAX_FACET_HITS]], False
