"""Champion lists (search/models.py) for the PostgreSQL backend: for each common word,
the index entries that rank best for it, built on first use and kept up to date as
entries change."""

from core.memo import recall, remember, remembered
from search.backends.scoring import (
    DOCUMENT,
    ENTRIES,
    matching_by_index,
    rank_params,
    rank_sql,
    tsquery_literal,
    word_rank_sql,
)
from search.models import Champion, ChampionList

# Entries kept per champion list: enough for the first pages of any one-word search and
# for the candidates of a two-word search, small enough to read in a millisecond or two.
# With 1,000, two common words left the bounds so loose that about 800 candidates had
# to be ranked (60 ms at 100,000 items); with 2,000 it is 24 ms.
LIST_SIZE = 2000
# A word in more entries than this gets a list. Ranking every match costs up to about
# 0.15 ms per entry (a report's PDF text makes a long vector), so lists start early.
COMMON = 100
# Serialises list building with index updates, so no update slips past a list being built.
LOCK = 7_060_001

CHAMPIONS = Champion._meta.db_table
LISTS = ChampionList._meta.db_table


class ChampionLists:
    """Finds the best entries for a set of words, from their champion lists."""

    def __init__(self, connection):
        self.connection = connection

    def lexemes(self, text, config):
        """The words of `text` as the text search configuration stems them; stop words
        are left out, as in every search. Asked once per content generation and text: a
        search asks twice (its matches, then its best hits)."""
        return remembered(f"lexemes:{config}:{text}", lambda: self.read_lexemes(text, config))

    def read_lexemes(self, text, config):
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

    def lock(self):
        """Holds LOCK to the end of the transaction (list building and index updates)."""
        with self.connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [LOCK])

    @staticmethod
    def has_shrunk(floor, size):
        """A list that is not complete only shrinks as entries are deleted or change: one
        that has lost half its entries proves too little and must be built anew."""
        return bool(floor) and size < LIST_SIZE // 2

    def is_common(self, lexeme):
        """Whether the word is in more than COMMON entries. That a word is not is
        remembered for the content generation: if it has become common since, its best
        hits are still right (every match is ranked), only found more slowly."""
        key = f"rare-word:{lexeme}"
        if recall(key):
            return False
        common = self.count_to_common(lexeme)
        if not common:
            remember(key, True)
        return common

    def count_to_common(self, lexeme):
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
            self.lock()
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
                           {word_rank_sql("e.title", "e.body", "l.query::tsquery")} AS score
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
