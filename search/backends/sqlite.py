"""Wagtail's SQLite FTS5 backend with Norwegian stemming and relevance ranking done by
FTS5 itself.

Out of the box, Wagtail scores each matching row with a separate FTS5 query (a
correlated subquery), so a common word took 55 s at 10,000 pages. Here one FTS5 query
matches, scores with bm25() and sorts, and only the requested page of ids comes back.

The full-text table holds the stems of the words, each page's in its language and in
Norwegian (migrations 0003 and 0005), so the query's words are stemmed too before they
are matched, in the language the search is made in (search/stemming.py)."""

from django.db.models import FloatField, TextField
from django.db.models.expressions import RawSQL
from django.db.models.functions import Cast
from modelsearch.backends.database.sqlite.query import MatchExpression, normalize
from modelsearch.backends.database.sqlite.sqlite import (
    SQLiteFTSIndexEntry,
    SQLiteIndex,
    SQLiteSearchQueryCompiler,
)
from modelsearch.backends.database.sqlite.sqlite import (
    SQLiteSearchBackend as WagtailSQLiteSearchBackend,
)
from modelsearch.query import MatchAll, Not, PlainText
from modelsearch.utils import get_descendants_content_types_pks

from search.backends.ranking import in_rank_order
from search.stemming import by_language, indexing_in, search_config, stem_text

# bm25() weights for the FTS5 columns (autocomplete, body, title): a word in the title
# counts twice. bm25() is lower for better matches.
BM25 = f"bm25({SQLiteFTSIndexEntry._meta.db_table}, 0.0, 1.0, 2.0)"


class RankedQueryCompiler(SQLiteSearchQueryCompiler):
    def build_search_query_content(self, query, config=None):
        if isinstance(query, PlainText):
            query = PlainText(
                stem_text(query.query_string, search_config()), operator=query.operator
            )
        return super().build_search_query_content(query, config=config)

    def search(self, config, start, stop, score_field=None):
        query = normalize(self.query)
        if not self.order_by_relevance or stop is None or isinstance(query, (MatchAll, Not)):
            return super().search(config, start, stop, score_field=score_field)
        search_query = self.build_search_query(query, config=config)
        ranked = (
            SQLiteFTSIndexEntry.objects.filter(
                MatchExpression(self.fields or self.FTS_TABLE_FIELDS, search_query),
                index_entry__content_type__in=get_descendants_content_types_pks(
                    self.queryset.model
                ),
                index_entry__object_id__in=self.queryset.order_by()
                .annotate(_object_id=Cast("pk", TextField()))
                .values("_object_id"),
            )
            .annotate(score=RawSQL(BM25, [], output_field=FloatField()))
            .order_by("score", "-index_entry__object_id")
            .values_list("index_entry__object_id", "score")[start:stop]
        )
        return in_rank_order(self.queryset, [(pk, -score) for pk, score in ranked], score_field)


class LanguageIndex(SQLiteIndex):
    """Wagtail's index, with each object's words stemmed in its language by the
    full-text table's triggers (search/stemming.py, migration 0005)."""

    def add_items(self, model, objs):
        for config, group in by_language(objs):
            with indexing_in(config):
                super().add_items(model, group)


class SQLiteSearchBackend(WagtailSQLiteSearchBackend):
    query_compiler_class = RankedQueryCompiler
    index_class = LanguageIndex
