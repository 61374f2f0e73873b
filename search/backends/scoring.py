"""The SQL of a PostgreSQL search, each piece defined once: what an entry is matched on
(the expression the GIN index of migration 0002 is built on), how an entry scores for a
word, and how a match is made to go through the GIN index. The ranked search and the
champion lists must score alike to the last bit, or the threshold algorithm could stop
too early, so both use these."""

from contextlib import contextmanager

from django.db import transaction
from modelsearch.backends.database.postgres.postgres import IndexEntry

ENTRIES = IndexEntry._meta.db_table
# What a search matches, as in the GIN index: the title and body vectors together.
DOCUMENT = "({table}.title || {table}.body)"

# The planner cannot know what working out `title || body @@ query` costs for an entry
# with a long PDF text, so it reads the whole table whenever it expects more than a few
# matches: 350 ms at 10,000 entries for a common word, where the GIN index answers in
# 20 ms, and 80 ms at 1,000 entries for a word that occurs nowhere. Matching runs in a
# transaction that tells it not to.
MATCH_SETTINGS = "SET LOCAL enable_seqscan = off"
MATCH_SETTINGS_END = "SET LOCAL enable_seqscan TO DEFAULT"


@contextmanager
def matching_by_index(connection):
    """A cursor in a transaction where the planner finds matches through the GIN index
    (MATCH_SETTINGS). The setting ends with the block: inside a longer transaction (a
    search counting its facets) it would otherwise hold until that ends."""
    # No savepoint inside a search's own transaction (search/matches.py): it would only
    # cost two more round trips to the database.
    with transaction.atomic(using=connection.alias, savepoint=False), connection.cursor() as cursor:
        cursor.execute(MATCH_SETTINGS)
        yield cursor
        cursor.execute(MATCH_SETTINGS_END)


def tsquery_literal(lexeme):
    """The lexeme as a tsquery constant, quoted so no character in it is an operator."""
    return "'" + lexeme.replace("\\", "\\\\").replace("'", "''") + "'"


def word_rank_sql(title, body, query):
    """SQL for an entry's score for one word (`query`, SQL for a tsquery): ts_rank on the
    title plus ts_rank on the body. Ranking the columns apart costs a third of ranking
    `title || body`, which PostgreSQL has to put together first. In double precision and
    in this order, so the sum is the same here as in Python."""
    return f"(ts_rank({title}, {query})::float8 + ts_rank({body}, {query})::float8)"


def rank_sql(title, body, queries):
    """SQL for an entry's score for the query's words (each a parameter): the sum of
    its scores for each word."""
    return " + ".join(word_rank_sql(title, body, "%s::tsquery") for _query in queries)


def rank_params(queries):
    return [query for query in queries for _column in ("title", "body")]


def contains_sql(title, body, queries):
    """SQL that is true when the entry has every word, in its title or its body."""
    return " AND ".join(f"({title} @@ %s::tsquery OR {body} @@ %s::tsquery)" for _query in queries)


# Joined to entries `e`: `d.body`, the body vector unpacked once. Each function that is
# given `e.body` unpacks (detoasts) it anew, and with several words that is most of the
# work of ranking an entry with a long PDF text.
UNPACKED_BODY = "CROSS JOIN LATERAL (SELECT e.body || ''::tsvector AS body OFFSET 0) d"
