"""Wagtail's PostgreSQL backend with a fast ranked search.

Out of the box every search read the whole index table (the match on `title || body`
could not use the per-column GIN indexes) and ranked every match: about a second for a
common word at 100,000 items. Here:

- the match uses a GIN index on `title || body` (migration 0002);
- a page of best hits is found from champion lists (search/models.py): for each word,
  the entries that rank best for it. The threshold algorithm (Fagin, Lotem and Naor
  2001) ranks the few candidates the lists give and proves that no entry outside them
  can rank higher; when it cannot prove that (rare: filters that leave few candidates),
  every match is ranked, as before;
- counting and facets find every match through the GIN index.

An entry's score for a query is, summed over the query's words, ts_rank on its title
plus ts_rank on its body: a word in the title counts about as much as the same word all
through the body. All words must occur (the search is an AND)."""

import heapq
import math
from collections import Counter
from contextlib import contextmanager

from django.core.exceptions import EmptyResultSet
from django.db import connections, router, transaction
from django.db.models import F, Lookup
from modelsearch.backends.database.postgres.postgres import (
    IndexEntry,
    PostgresIndex,
    PostgresSearchQueryCompiler,
    PostgresSearchResults,
)
from modelsearch.backends.database.postgres.postgres import (
    PostgresSearchBackend as WagtailPostgresSearchBackend,
)
from modelsearch.query import PlainText
from modelsearch.utils import get_content_type_pk, get_descendants_content_types_pks

from search.backends.ranking import in_rank_order
from search.models import Champion, ChampionList

# Entries kept per champion list: enough for the first pages of any one-word search and
# for the candidates of a two-word search, small enough to read in a millisecond or two.
# With 1,000, two common words left the bounds so loose that about 800 candidates had
# to be ranked (60 ms at 100,000 items); with 2,000 it is 24 ms.
LIST_SIZE = 2000
# A word in more entries than this gets a list. Ranking every match costs up to about
# 0.15 ms per entry (a report's PDF text makes a long vector), so lists start early.
COMMON = 100
# Candidates checked and ranked in one query.
BATCH = 200
# Serialises list building with index updates, so no update slips past a list being built.
LOCK = 7_060_001

# The planner cannot know what working out `title || body @@ query` costs for an entry
# with a long PDF text, so it reads the whole table whenever it expects more than a few
# matches: 350 ms at 10,000 entries for a common word, where the GIN index answers in
# 20 ms, and 80 ms at 1,000 entries for a word that occurs nowhere. Matching runs in a
# transaction that tells it not to.
MATCH_SETTINGS = "SET LOCAL enable_seqscan = off"

INTEGER_KEYS = {"AutoField", "BigAutoField", "SmallAutoField", "IntegerField", "BigIntegerField"}

ENTRIES = IndexEntry._meta.db_table
CHAMPIONS = Champion._meta.db_table
LISTS = ChampionList._meta.db_table
DOCUMENT = "({table}.title || {table}.body)"


@contextmanager
def matching_by_index(connection):
    """A cursor in a transaction where the planner finds matches through the GIN index
    (MATCH_SETTINGS)."""
    with transaction.atomic(using=connection.alias), connection.cursor() as cursor:
        cursor.execute(MATCH_SETTINGS)
        yield cursor


def tsquery_literal(lexeme):
    """The lexeme as a tsquery constant, quoted so no character in it is an operator."""
    return "'" + lexeme.replace("\\", "\\\\").replace("'", "''") + "'"


def rank_sql(title, body, queries):
    """SQL for an entry's score: for each word, ts_rank on the title plus ts_rank on the
    body. Ranking the columns apart costs a third of ranking `title || body`, which
    PostgreSQL has to put together first. In double precision and in this order, so
    the sum is the same here as in Python."""
    word = f"(ts_rank({title}, %s::tsquery)::float8 + ts_rank({body}, %s::tsquery)::float8)"
    return " + ".join(word for _query in queries)


def rank_params(queries):
    return [query for query in queries for _column in ("title", "body")]


def contains_sql(title, body, queries):
    """SQL that is true when the entry has every word, in its title or its body."""
    return " AND ".join(f"({title} @@ %s::tsquery OR {body} @@ %s::tsquery)" for _query in queries)


# Joined to entries `e`: `d.body`, the body vector unpacked once. Each function that is
# given `e.body` unpacks (detoasts) it anew, and with several words that is most of the
# work of ranking an entry with a long PDF text.
UNPACKED_BODY = "CROSS JOIN LATERAL (SELECT e.body || ''::tsvector AS body OFFSET 0) d"


class ChampionLists:
    """Finds the best entries for a set of words, from their champion lists."""

    def __init__(self, connection):
        self.connection = connection

    def lexemes(self, text, config):
        """The words of `text` as the text search configuration stems them; stop words
        are left out, as in every search."""
        with self.connection.cursor() as cursor:
            if config:
                cursor.execute(
                    "SELECT lexeme FROM unnest(to_tsvector(%s::regconfig, %s))", [config, text]
                )
            else:
                cursor.execute("SELECT lexeme FROM unnest(to_tsvector(%s))", [text])
            return sorted(row[0] for row in cursor.fetchall())

    def floors(self, lexemes):
        """{lexeme: floor} for the words in more than COMMON entries, building the lists
        such words do not have yet. A floor of 0 marks a complete list: it holds every
        entry with the word."""
        floors = dict(
            ChampionList.objects.using(self.connection.alias)
            .filter(lexeme__in=lexemes)
            .values_list("lexeme", "floor")
        )
        for lexeme in lexemes:
            if lexeme not in floors and self.is_common(lexeme):
                floor = self.build(lexeme)
                if floor is not None:
                    floors[lexeme] = floor
        return floors

    def is_common(self, lexeme):
        with matching_by_index(self.connection) as cursor:
            cursor.execute(
                f"SELECT count(*) FROM (SELECT 1 FROM {ENTRIES} e "
                f"WHERE {DOCUMENT.format(table='e')} @@ %s::tsquery LIMIT %s) found",
                [tsquery_literal(lexeme), COMMON + 1],
            )
            return cursor.fetchone()[0] > COMMON

    def build(self, lexeme):
        """Ranks every entry with the word once and keeps the best LIST_SIZE of them;
        returns the list's floor (0 if it holds them all), or None (and keeps no list)
        for a word in COMMON entries or fewer."""
        query = tsquery_literal(lexeme)
        with matching_by_index(self.connection) as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [LOCK])
            cursor.execute(
                f"SELECT e.id, {rank_sql('e.title', 'e.body', [query])} AS score FROM {ENTRIES} e "
                f"WHERE {DOCUMENT.format(table='e')} @@ %s::tsquery "
                "ORDER BY score DESC LIMIT %s",
                [*rank_params([query]), query, LIST_SIZE + 1],
            )
            rows = cursor.fetchall()
            cursor.execute(f"DELETE FROM {CHAMPIONS} WHERE lexeme = %s", [lexeme])
            if len(rows) <= COMMON:
                cursor.execute(f"DELETE FROM {LISTS} WHERE lexeme = %s", [lexeme])
                return None
            floor = rows[LIST_SIZE - 1][1] if len(rows) > LIST_SIZE else 0.0
            rows = rows[:LIST_SIZE]
            Champion.objects.using(self.connection.alias).bulk_create(
                Champion(lexeme=lexeme, entry_id=entry_id, score=score) for entry_id, score in rows
            )
            ChampionList.objects.using(self.connection.alias).update_or_create(
                lexeme=lexeme, defaults={"query": query, "floor": floor}
            )
        return floor

    def refresh(self, entry_ids):
        """After entries changed: each goes into the lists of its words where it ranks
        above the floor, and into complete lists always. Call inside the transaction
        that changed them, holding LOCK."""
        with self.connection.cursor() as cursor:
            cursor.execute(f"DELETE FROM {CHAMPIONS} WHERE entry_id = ANY(%s)", [entry_ids])
            cursor.execute(
                f"""
                INSERT INTO {CHAMPIONS} (lexeme, entry_id, score)
                SELECT lexeme, id, score FROM (
                    SELECT l.lexeme, e.id, l.floor,
                           ts_rank(e.title, l.query::tsquery)::float8
                           + ts_rank(e.body, l.query::tsquery)::float8 AS score
                    FROM {ENTRIES} e
                    CROSS JOIN LATERAL unnest(tsvector_to_array({DOCUMENT.format(table="e")}))
                        AS word(lexeme)
                    JOIN {LISTS} l ON l.lexeme = word.lexeme
                    WHERE e.id = ANY(%s)
                ) ranked
                WHERE floor = 0 OR score > floor
                """,
                [entry_ids],
            )
            # Lists grow as better entries come; one that has doubled is cut back to
            # LIST_SIZE, its floor raised to the lowest score it keeps.
            cursor.execute(
                f"SELECT lexeme FROM {CHAMPIONS} WHERE lexeme IN "
                f"(SELECT lexeme FROM {CHAMPIONS} WHERE entry_id = ANY(%s)) "
                "GROUP BY lexeme HAVING count(*) > %s",
                [entry_ids, 2 * LIST_SIZE],
            )
            for (lexeme,) in cursor.fetchall():
                cursor.execute(
                    f"SELECT score FROM {CHAMPIONS} WHERE lexeme = %s "
                    "ORDER BY score DESC OFFSET %s LIMIT 1",
                    [lexeme, LIST_SIZE - 1],
                )
                floor = cursor.fetchone()[0]
                cursor.execute(
                    f"DELETE FROM {CHAMPIONS} WHERE lexeme = %s AND score < %s", [lexeme, floor]
                )
                cursor.execute(f"UPDATE {LISTS} SET floor = %s WHERE lexeme = %s", [floor, lexeme])

    def forget(self, entry_ids):
        with self.connection.cursor() as cursor:
            cursor.execute(f"DELETE FROM {CHAMPIONS} WHERE entry_id = ANY(%s)", [entry_ids])


class AnyOf(Lookup):
    """`field = ANY(array)`: a list of ids as one parameter. As separate parameters, a
    thousand ids cost Django more time than the query, and PostgreSQL takes at most
    65,535 of them."""

    lookup_name = "any_of"
    prepare_rhs = False

    def as_sql(self, compiler, connection):
        lhs, params = self.process_lhs(compiler, connection)
        # As the text of an array literal: psycopg adapts a long list item by item.
        array = "{" + ",".join(map(str, self.rhs)) + "}"
        return f"{lhs} = ANY(%s::bigint[])", [*params, array]


class Candidate:
    __slots__ = ("entry_id", "scores", "bound")

    def __init__(self, entry_id):
        self.entry_id = entry_id
        self.scores = {}
        self.bound = 0.0


class RankedQueryCompiler(PostgresSearchQueryCompiler):
    def takes_fast_path(self):
        """The search the portal makes: all the words of plain text, over the whole
        index entry, for objects with integer keys. Anything else goes to Wagtail."""
        query = self.query
        key = self.queryset.model._meta.pk
        while key.is_relation:
            key = key.target_field
        return (
            self.fields is None
            and isinstance(query, PlainText)
            and query.operator == "and"
            and key.get_internal_type() in INTEGER_KEYS
        )

    def search(self, config, start, stop, score_field=None, backend=None):
        if not self.takes_fast_path() or (self.order_by_relevance and stop is None):
            return super().search(config, start, stop, score_field=score_field, backend=backend)
        connection = connections[router.db_for_read(IndexEntry)]
        champions = ChampionLists(connection)
        lexemes = self.lexemes(champions, config)
        if not lexemes:
            return self.queryset.none()
        if not self.order_by_relevance:
            matches = self.matches(lexemes)
            return (matches if matches.query.order_by else matches.order_by("-pk"))[start:stop]
        floors = champions.floors(lexemes)
        ranked = None
        if len(floors) == len(lexemes):
            ranked = self.from_champions(champions, lexemes, floors, stop)
        # A word without a list is in few entries, so few entries match: rank them all.
        if ranked is None:
            ranked = self.rank_every_match(connection, lexemes, stop)
        return in_rank_order(self.queryset, ranked[start:stop], score_field)

    def count(self, config):
        champions = ChampionLists(connections[router.db_for_read(IndexEntry)])
        lexemes = self.lexemes(champions, config)
        return self.matches(lexemes).count() if lexemes else 0

    def lexemes(self, champions, config):
        return champions.lexemes(self.query.query_string.replace("-", " "), config)

    def source_sql(self):
        """SQL for the ids of the objects the searched queryset holds. Raises
        EmptyResultSet for a filter that no object can pass."""
        return self.queryset.order_by().values("pk").query.sql_with_params()

    def matches(self, lexemes):
        """The objects that match, unranked, for counting and facets."""
        with matching_by_index(connections[router.db_for_read(IndexEntry)]) as cursor:
            cursor.execute(*self.match_sql(lexemes))
            ids = [int(object_id) for (object_id,) in cursor.fetchall()]
        return self.queryset.filter(AnyOf(F("pk"), ids))

    def match_sql(self, lexemes):
        """SQL for the ids of the matching objects. OFFSET 0 keeps the content type test
        out of the scan, so the GIN index is its only way in (see MATCH_SETTINGS)."""
        sql = (
            "SELECT object_id FROM ("
            f"  SELECT object_id, content_type_id FROM {ENTRIES} "
            "   WHERE (title || body) @@ %s::tsquery OFFSET 0"
            ") matched WHERE content_type_id = ANY(%s)"
        )
        query = " & ".join(tsquery_literal(lexeme) for lexeme in lexemes)
        return sql, [query, self.content_types()]

    def content_types(self):
        return list(get_descendants_content_types_pks(self.queryset.model))

    def from_champions(self, champions, lexemes, floors, count):
        """The best `count` (object id, score) pairs, or None if the champion lists cannot
        prove them the best."""
        queries = [tsquery_literal(lexeme) for lexeme in lexemes]
        rows = list(
            Champion.objects.using(champions.connection.alias)
            .filter(lexeme__in=lexemes)
            .values_list("lexeme", "entry_id", "score")
        )
        # A list that is not complete only shrinks as entries are deleted or change: one
        # that has lost half its entries proves too little and is built anew.
        sizes = Counter(lexeme for lexeme, _entry, _score in rows)
        shrunk = [lexeme for lexeme in lexemes if floors[lexeme] and sizes[lexeme] < LIST_SIZE // 2]
        if shrunk:
            for lexeme in shrunk:
                floors[lexeme] = champions.build(lexeme)
            if None in floors.values():  # no longer a common word: rank every match
                return None
            return self.from_champions(champions, lexemes, floors, count)
        candidates = {}
        for lexeme, entry_id, score in rows:
            candidates.setdefault(entry_id, Candidate(entry_id)).scores[lexeme] = score
        complete = [lexeme for lexeme in lexemes if not floors[lexeme]]
        if complete:
            # Every match is in the complete lists: nothing else can match.
            candidates = {
                entry_id: candidate
                for entry_id, candidate in candidates.items()
                if all(lexeme in candidate.scores for lexeme in complete)
            }
            unseen = -math.inf
        else:
            unseen = sum(floors.values())  # the best an entry in no list can score
        for candidate in candidates.values():
            candidate.bound = sum(
                candidate.scores.get(lexeme, floors[lexeme]) for lexeme in lexemes
            )
        queue = sorted(candidates.values(), key=lambda c: -c.bound)
        best = []  # a heap of (score, object id): the best `count` so far
        position = 0
        while position < len(queue):
            # Strictly better: an entry that ties could still win on its id.
            threshold = max(queue[position].bound, unseen)
            if len(best) >= count and best[0][0] > threshold:
                break
            # Candidates in batches, best bound first: most searches need only the first.
            batch = queue[position : position + BATCH]
            position += len(batch)
            for object_id, score in self.score_batch(champions.connection, batch, queries):
                item = (score, int(object_id))
                if len(best) < count:
                    heapq.heappush(best, item)
                elif item > best[0]:
                    heapq.heapreplace(best, item)
        else:
            if not complete and (len(best) < count or best[0][0] <= unseen):
                return None
        return [(object_id, score) for score, object_id in sorted(best, reverse=True)]

    def score_batch(self, connection, batch, queries):
        """(object id, score) for the candidates that contain every word and whose
        object the searched queryset holds, in one query."""
        try:
            source_sql, source_params = self.source_sql()
        except EmptyResultSet:
            return []
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT e.object_id, {rank_sql('e.title', 'd.body', queries)} "
                f"FROM {ENTRIES} e {UNPACKED_BODY} "
                "WHERE e.id = ANY(%s) AND e.content_type_id = ANY(%s) "
                f"AND {contains_sql('e.title', 'd.body', queries)} "
                f"AND e.object_id::bigint IN ({source_sql})",
                [
                    *rank_params(queries),
                    [candidate.entry_id for candidate in batch],
                    self.content_types(),
                    *rank_params(queries),
                    *source_params,
                ],
            )
            return cursor.fetchall()

    def rank_every_match(self, connection, lexemes, count):
        """The best `count` matches, ranking every one: the GIN index finds them."""
        try:
            sql, params = self.every_match_sql(lexemes, count)
        except EmptyResultSet:
            return []
        with matching_by_index(connection) as cursor:
            cursor.execute(sql, params)
            return cursor.fetchall()

    def every_match_sql(self, lexemes, count):
        queries = [tsquery_literal(lexeme) for lexeme in lexemes]
        source_sql, source_params = self.source_sql()
        # OFFSET 0 keeps the other conditions out of the scan, so the planner finds the
        # matches through the GIN index rather than testing every entry some other index
        # gives it (MATCH_SETTINGS). Ties go to the newest object: ids are compared as
        # numbers, as the champion lists compare them.
        sql = (
            f"SELECT e.object_id, {rank_sql('e.title', 'd.body', queries)} AS score FROM ("
            f"  SELECT * FROM {ENTRIES} WHERE (title || body) @@ %s::tsquery OFFSET 0"
            f") e {UNPACKED_BODY} "
            f"WHERE e.content_type_id = ANY(%s) AND e.object_id::bigint IN ({source_sql}) "
            "ORDER BY score DESC, length(e.object_id) DESC, e.object_id DESC LIMIT %s"
        )
        params = [
            *rank_params(queries),
            " & ".join(queries),
            self.content_types(),
            *source_params,
            count,
        ]
        return sql, params


class ChampionIndex(PostgresIndex):
    """Wagtail's index, keeping the champion lists up to date as entries change."""

    def add_items(self, model, objs):
        if not objs:
            return
        with transaction.atomic(using=self.write_connection.alias):
            with self.write_connection.cursor() as cursor:
                cursor.execute("SELECT pg_advisory_xact_lock(%s)", [LOCK])
            super().add_items(model, objs)
            entry_ids = list(self.entries_for(model, objs))
            if entry_ids:
                ChampionLists(self.write_connection).refresh(entry_ids)

    def delete_item(self, item):
        ChampionLists(self.write_connection).forget(
            list(item.index_entries.values_list("pk", flat=True))
        )
        super().delete_item(item)

    def reset(self):
        super().reset()
        Champion.objects.using(self.write_connection.alias).all().delete()
        ChampionList.objects.using(self.write_connection.alias).all().delete()

    def entries_for(self, model, objs):
        return self.entries.filter(
            content_type_id=get_content_type_pk(model),
            object_id__in=[str(obj.pk) for obj in objs],
        ).values_list("pk", flat=True)


class RankedResults(PostgresSearchResults):
    def _do_count(self):
        if self.query_compiler.takes_fast_path():
            return self.query_compiler.count(self.query_compiler.get_config(self.backend))
        return super()._do_count()


class PostgresSearchBackend(WagtailPostgresSearchBackend):
    query_compiler_class = RankedQueryCompiler
    results_class = RankedResults
    index_class = ChampionIndex
