"""Champion lists for the PostgreSQL search backend (search/backends/champions.py).

A word that occurs in most pages matches tens of thousands of index entries, and ranking
all of them on every search takes about a second at 100,000 items. A champion list keeps,
for one word, the entries that rank best for it (Manning, Raghavan and Schütze,
Introduction to Information Retrieval, section 7.1.3), so a search ranks a few hundred
entries instead. The lists only make search faster: what is found, and in what order,
is the same as ranking every match."""

from django.db import models


class ChampionList(models.Model):
    """The best entries for one common word (a lexeme, as the text search configuration
    stems it). Every entry that contains the word and scores above `floor` is in the
    list. Words in fewer than LIST_SIZE entries get no list: ranking all their matches
    is fast."""

    lexeme = models.TextField(primary_key=True)
    query = models.TextField(help_text="The lexeme as a tsquery literal.")
    floor = models.FloatField()
    built_at = models.DateTimeField(auto_now=True)

    def __str__(self):
        return self.lexeme


class Champion(models.Model):
    """One entry in a champion list, with its rank for the list's word."""

    pk = models.CompositePrimaryKey("lexeme", "entry_id")
    lexeme = models.TextField()
    # Wagtail's search index entry. No foreign key: Wagtail deletes its index entries
    # with raw deletes, so the backend removes champions itself.
    entry_id = models.IntegerField(db_index=True)
    score = models.FloatField()

    class Meta:
        indexes = [models.Index(fields=["lexeme", "-score"], name="champion_by_score")]

    def __str__(self):
        return f"{self.lexeme}: {self.entry_id} ({self.score:.3f})"
