"""Wagtail's PostgreSQL backend with a fast ranked search.

Out of the box every search read the whole index table (the match on `title || body`
could not use the per-column GIN indexes) and ranked every match: about a second for a
common word at 100,000 items. Here:

- the match uses a GIN index on `title || body` (migration 0002);
- a page of best hits is found from champion lists (champions.py, search/models.py): for each word,
  the entries that rank best for it. The threshold algorithm (Fagin, Lotem and Naor
  2001) ranks the few candidates the lists give and proves that no entry outside them
  can rank higher; when it cannot prove that (rare: filters that leave few candidates),
  every match is ranked, as before;
- counting and facets find every match through the GIN index.

An entry's score for a query is, summed over the query's words, ts_rank on its title
plus ts_rank on its body: a word in the title counts about as much as the same word all
through the body. All words must occur (the search is an AND).

Each entry is stemmed in its own language (an English page with the `english`
configuration) and, if that is not Norwegian, in Norwegian too; a search is stemmed in
the language it is made in, Norwegian if none (search/stemming.py).
The champion lists hold entries of every language: a list is about an entry's score for
a lexeme, and the language filter is applied as the candidates are scored."""

import copy
import heapq
import math
from collections import Counter

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

from search.backends.champions import ChampionLists
from search.backends.ranking import in_rank_order
from search.backends.scoring import (
    DOCUMENT,
    ENTRIES,
    UNPACKED_BODY,
    contains_sql,
    matching_by_index,
    rank_params,
    rank_sql,
    tsquery_literal,
)
from search.models import Champion, ChampionList
from search.stemming import DEFAULT, by_language, search_config

# Candidates checked and ranked in one query.
BATCH = 200
INTEGER_KEYS = {"AutoField", "BigAutoField", "SmallAutoField", "IntegerField", "BigIntegerField"}


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
    def get_config(self, backend):
        return search_config(default=backend.config)

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
        if stop is not None and stop <= start:  # an empty slice: a page past the last hit
            return self.queryset.none()
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

    def insert_matches(self, table, config):
        """Puts the ids of every matching object into `table` (search/matches.py), in the
        database: at 100,000 items a common word matches most of them, and sending the
        ids to Python and back cost more than the match. False if the search is not one
        this backend matches in SQL."""
        if not self.takes_fast_path():
            return False
        connection = connections[router.db_for_read(IndexEntry)]
        lexemes = self.lexemes(ChampionLists(connection), config)
        try:
            source_sql, source_params = self.source_sql()
        except EmptyResultSet:
            return True
        if not lexemes:
            return True
        match_sql, match_params = self.match_sql(lexemes)
        with matching_by_index(connection) as cursor:
            cursor.execute(
                f"INSERT INTO {table} (id) SELECT object_id::bigint FROM ({match_sql}) m",
                match_params,
            )
        # Then only the objects the searched queryset holds (live, public, the language),
        # with the planner free again: the queryset's own indexes serve it best.
        with connection.cursor() as cursor:
            cursor.execute(f"ANALYZE {table}")  # so it can choose between lookups and a scan
            cursor.execute(
                f"DELETE FROM {table} t WHERE NOT EXISTS "
                f"(SELECT 1 FROM ({source_sql}) source WHERE source.pk = t.id)",
                source_params,
            )
        return True

    def match_sql(self, lexemes):
        """SQL for the ids of the matching objects. OFFSET 0 keeps the content type test
        out of the scan, so the GIN index is its only way in (see MATCH_SETTINGS)."""
        sql = (
            "SELECT object_id FROM ("
            f"  SELECT object_id, content_type_id FROM {ENTRIES} "
            f"   WHERE {DOCUMENT.format(table=ENTRIES)} @@ %s::tsquery OFFSET 0"
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
        sizes = Counter(lexeme for lexeme, _entry, _score in rows)
        shrunk = [
            lexeme for lexeme in lexemes if champions.has_shrunk(floors[lexeme], sizes[lexeme])
        ]
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
            f"  SELECT * FROM {ENTRIES} WHERE {DOCUMENT.format(table=ENTRIES)} @@ %s::tsquery "
            "OFFSET 0"
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
    """Wagtail's index, stemming each object in its language and keeping the champion
    lists up to date as entries change."""

    def add_items(self, model, objs):
        if not objs:
            return
        with transaction.atomic(using=self.write_connection.alias):
            champions = ChampionLists(self.write_connection)
            champions.lock()
            for config, group in by_language(objs):
                self.in_config(config).add_plain_items(model, group)
                if config != DEFAULT:
                    self.add_norwegian_stems(model, group)
            entry_ids = list(self.entries_for(model, objs))
            if entry_ids:
                champions.refresh(entry_ids)

    def in_config(self, config):
        """This index, writing vectors with another text search configuration (Wagtail's
        indexer takes it from the backend)."""
        if config == self.backend.config:
            return self
        index = copy.copy(self)
        index.backend = copy.copy(self.backend)
        index.backend.config = config
        return index

    def add_plain_items(self, model, objs):
        super().add_items(model, objs)

    def add_norwegian_stems(self, model, objs):
        """Adds the Norwegian stems of the entries' texts to their vectors, so a search
        made in no language (stemmed in Norwegian) finds them too."""
        with self.write_connection.cursor() as cursor:
            cursor.execute(
                f"UPDATE {ENTRIES} SET "
                f"title = title || setweight(to_tsvector(%s::regconfig, title_text), 'A'), "
                f"body = body || to_tsvector(%s::regconfig, body_text) "
                "WHERE content_type_id = %s AND object_id = ANY(%s)",
                [DEFAULT, DEFAULT, get_content_type_pk(model), [str(obj.pk) for obj in objs]],
            )

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
