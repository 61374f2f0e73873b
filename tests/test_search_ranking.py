"""Relevance and speed work of the database search backends (search/backends/): the best
match ranks first on every backend; on PostgreSQL, the champion lists give exactly the
order that ranking every match gives, stay right as pages change, and the match uses the
GIN index."""

import pytest
from django.contrib.contenttypes.models import ContentType
from django.db import connection, transaction
from wagtail.models import Locale, Page
from wagtail.search.backends import get_search_backend
from wagtail.search.models import IndexEntry

from cases.factories import CasePageFactory
from search.backends.scoring import MATCH_SETTINGS
from search.models import Champion, ChampionList
from tests.conftest import froya

pytestmark = pytest.mark.django_db
ON_POSTGRESQL = connection.vendor == "postgresql"
postgresql_only = pytest.mark.skipif(not ON_POSTGRESQL, reason="PostgreSQL backend only")


def ranked(query, count=20):
    """(page id, score) of the best `count` public pages, best first."""
    pages = Page.objects.live().public().filter(locale=Locale.get_default())
    results = pages.search(query, operator="and").annotate_score("_score")[:count]
    return [(page.pk, page._score) for page in results]


def use_lists(monkeypatch, size=3):
    """Champion lists for any word in more than 2 entries, `size` entries each."""
    monkeypatch.setattr("search.backends.champions.LIST_SIZE", size)
    monkeypatch.setattr("search.backends.champions.COMMON", 2)


def no_lists(monkeypatch):
    monkeypatch.setattr("search.backends.champions.COMMON", 10**6)
    ChampionList.objects.all().delete()


@pytest.fixture
def klima_cases():
    """Cases where 'klima' and 'vann' occur a different number of times each."""
    return [
        CasePageFactory(
            parent=froya(),
            title=f"Tiltak {number}",
            summary=" ".join(["klima"] * (number % 5 + 1) + ["vann"] * (number % 3 + 1)),
        )
        for number in range(14)
    ]


def test_the_best_match_ranks_first(client):
    best = CasePageFactory(
        parent=froya(), title="Klimaregnskap", summary="Klimaregnskap for klimaregnskapet."
    )
    CasePageFactory(parent=froya(), title="Budsjett", summary="Også et klimaregnskap.")
    assert ranked("klimaregnskap")[0][0] == best.pk
    result = client.get("/api/v2/search/", {"q": "klimaregnskap"}).json()
    assert result["results"][0]["id"] == best.pk


@postgresql_only
@pytest.mark.parametrize("size", [3, 100], ids=["top-lists", "complete-lists"])
def test_champion_lists_give_the_order_of_ranking_every_match(klima_cases, monkeypatch, size):
    queries = ["klima", "vann", "klima vann", "tiltak klima", "kommune"]
    no_lists(monkeypatch)
    every_match = {
        (query, count): ranked(query, count) for query in queries for count in (1, 5, 20)
    }
    assert not ChampionList.objects.exists()
    use_lists(monkeypatch, size)
    for (query, count), expected in every_match.items():
        assert ranked(query, count) == expected, (query, count)
    assert ChampionList.objects.exists()  # …and they were used


@postgresql_only
def test_a_filter_nothing_passes_gives_no_hits_from_the_lists(klima_cases, monkeypatch):
    use_lists(monkeypatch)
    ranked("klima")
    assert ChampionList.objects.exists()
    assert list(Page.objects.filter(pk__in=[]).search("klima", operator="and")[:20]) == []


@postgresql_only
def test_champion_lists_follow_publishing_unpublishing_and_deleting(klima_cases, monkeypatch):
    use_lists(monkeypatch)
    ranked("klima")  # builds the list
    champions = ChampionList.objects.get()
    in_list = Champion.objects.filter(lexeme=champions.lexeme)
    assert in_list.count() == 3

    new = CasePageFactory(parent=froya(), title="Klima", summary="klima " * 30, live=False)
    assert new.pk not in dict(ranked("klima"))
    new.save_revision().publish()
    assert ranked("klima")[0][0] == new.pk
    assert in_list.count() == 4  # it ranks above the floor, so it joined the list

    new.refresh_from_db()
    new.unpublish()
    assert new.pk not in dict(ranked("klima"))
    new.delete()
    assert in_list.count() == 3

    # What the lists give is still what ranking every match gives.
    from_lists = ranked("klima")
    no_lists(monkeypatch)
    assert ranked("klima") == from_lists


@postgresql_only
def test_a_list_that_lost_half_its_entries_is_built_anew(klima_cases, monkeypatch):
    use_lists(monkeypatch, size=4)
    ranked("klima")
    in_list = Champion.objects.filter(lexeme=ChampionList.objects.get().lexeme)
    entry_ids = list(in_list.order_by("-score").values_list("entry_id", flat=True)[:3])
    for object_id in IndexEntry.objects.filter(pk__in=entry_ids).values_list(
        "object_id", flat=True
    ):
        Page.objects.get(pk=object_id).delete()
    assert in_list.count() == 1

    from_lists = ranked("klima")
    assert in_list.count() == 4
    no_lists(monkeypatch)
    assert ranked("klima") == from_lists


@postgresql_only
def test_a_list_that_doubled_is_cut_back(klima_cases, monkeypatch):
    use_lists(monkeypatch)
    ranked("klima")
    in_list = Champion.objects.filter(lexeme=ChampionList.objects.get().lexeme)
    for number in range(7):
        CasePageFactory(parent=froya(), title=f"Klima {number}", summary="klima " * (20 + number))
    assert in_list.count() <= 6

    from_lists = ranked("klima")
    no_lists(monkeypatch)
    assert ranked("klima") == from_lists


@postgresql_only
def test_the_match_uses_the_gin_index_on_title_and_body():
    # Enough entries that reading them all would be slow; of some other model, so they
    # never count as pages.
    other = ContentType.objects.get_for_model(ContentType).pk
    with connection.cursor() as cursor:
        cursor.execute(
            "INSERT INTO wagtailsearch_indexentry "
            "(content_type_id, object_id, title, autocomplete, body, title_norm, "
            " title_text, body_text) "
            "SELECT %s, n, to_tsvector('norwegian', 'plan ' || n), ''::tsvector, "
            " to_tsvector('norwegian', 'ord' || (n %% 5000) || ' tekst'), 1.0, '', '' "
            "FROM generate_series(1, 20000) n",
            [other],
        )
        cursor.execute("ANALYZE wagtailsearch_indexentry")
        cursor.execute("ANALYZE wagtailcore_page")
    pages = Page.objects.live().public().filter(locale=Locale.get_default())
    compiler = get_search_backend().search("ord17", pages, operator="and").query_compiler
    # The match: which objects have the word (for counts and facets), run as the
    # backend runs it.
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(MATCH_SETTINGS)
        plan = explain(*compiler.match_sql(["ord17"]))
        assert "Bitmap Index Scan on search_entry_document_gin" in plan, plan
        # Ranking every match (for words in few entries) finds them the same way.
        plan = explain(*compiler.every_match_sql(["ord17"], 20))
    assert "Bitmap Index Scan on search_entry_document_gin" in plan, plan
    assert "Seq Scan on wagtailsearch_indexentry" not in plan, plan


def explain(sql, params):
    with connection.cursor() as cursor:
        cursor.execute("EXPLAIN " + sql, params)
        return "\n".join(row[0] for row in cursor.fetchall())
