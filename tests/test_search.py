"""The one search: finds cases, themes, meetings, reports and the text of their PDFs, in
the visitor's language, with facets and snippets; never shows what is not public; never
gives a 500, whatever is typed. Runs on the configured database backend (SQLite, or
PostgreSQL with DATABASE_URL)."""

import re
from datetime import date

import pytest
from django.core.files.base import ContentFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from wagtail.models import Collection, CollectionViewRestriction, Locale, Page, PageViewRestriction

from cases.factories import CasePageFactory
from documents.models import PortalDocument
from network.models import SDG, KommuneLookup, KommunePage, ThemePage
from reports.models import ReportPage
from search.query import clean_query
from tests.conftest import froya
from tests.pdfs import text_pdf

pytestmark = pytest.mark.django_db
ON_POSTGRESQL = connection.vendor == "postgresql"


def hits(client, query, **filters):
    response = client.get("/api/v2/search/", {"q": query, **filters})
    assert response.status_code == 200
    return response.json()


def titles(result):
    return [item["title"] for item in result["results"]]


def test_matsvinn_finds_the_theme_cases_and_meetings_with_facets_that_add_up(client):
    result = hits(client, "matsvinn")
    found = titles(result)
    assert "Matsvinn" in found
    assert "Halvert matsvinn i skolekantina" in found
    assert "Matsvinn i barnehagen" in found
    assert sum(option["count"] for option in result["facets"]["type"]) == result["count"]
    types = {option["value"] for option in result["facets"]["type"]}
    assert {"network.themepage", "cases.casepage", "events.eventpage"} <= types


def test_anskaffelser_finds_the_theme(client):
    assert "Bærekraftige anskaffelser" in titles(hits(client, "anskaffelser"))


def test_a_phrase_only_in_the_placeholder_pdfs_finds_the_reports(client):
    result = hits(client, "plassholderteksten")
    assert result["count"] == 26
    first = result["results"][0]
    assert first["type"] == "reports.reportpage"
    assert first["from_pdf"] is True
    assert "<mark>Plassholderteksten</mark>" in first["snippet"]
    report = ReportPage.objects.get(pk=first["id"])
    assert first["url"] == "http://testserver" + report.url


def test_facets_combine_and_live_in_the_url(client):
    both = hits(client, "matsvinn", type="cases.casepage", kommune="5014")
    assert titles(both) == ["Halvert matsvinn i skolekantina"]
    page = client.get("/sok/?q=matsvinn&type=cases.casepage").content.decode()
    assert "?q=matsvinn&amp;type=cases.casepage&amp;kommune=5014" in page
    count = hits(client, "matsvinn", type="cases.casepage")["count"]
    assert count > 1
    assert f">{count} treff</h2>" in page


def test_search_is_in_the_visitors_language(client):
    nynorsk = hits(client, "matsvinn", locale="nn")
    urls = [item["url"] for item in nynorsk["results"]]
    assert urls and all("/nn/" in url for url in urls)
    page = client.get("/nn/sok/?q=matsvinn").content.decode()
    assert '<html lang="nn"' in page and "/nn/tema/matsvinn/" in page


def test_results_are_never_cached_and_not_indexed(client):
    response = client.get("/sok/?q=matsvinn")
    assert "no-store" in response["Cache-Control"] or "no-cache" in response["Cache-Control"]
    assert '<meta name="robots" content="noindex">' in response.content.decode()
    assert "no-cache" in client.get("/api/v2/search/?q=matsvinn")["Cache-Control"]


def test_no_results_offers_to_drop_filters(client):
    html = client.get("/sok/?q=matsvinn&kommune=5056").content.decode()
    assert "Vi fant ingenting som passer til «matsvinn»." in html
    assert 'href="?q=matsvinn"' in html
    assert "Søk uten avgrensningen Kommune: Hitra" in html


def test_facet_labels_are_in_the_language_of_the_page_that_shows_them(client):
    """The labels are remembered per content generation: the JSON for English content,
    asked from a bokmål address, must not leave bokmål labels for the English page."""
    hits(client, "food waste", locale="en")
    page = client.get("/en/sok/", {"q": "food waste"}).content.decode()
    assert "Good-practice example" in page
    assert "Eksempel på god praksis" not in page


# Facets, counted in the database, against a count made page by page in Python.


def facet_values_of(page, owners, theme_slugs):
    """The facet values one page has, read from the page itself."""
    owner = owners.owner_of(page)
    values = {
        "type": {page._meta.label_lower},
        "kommune": {owner.kommunenummer} if owner else set(),
        "tema": {page.slug} if isinstance(page, ThemePage) else set(),
        "mal": {str(goal.number) for goal in page.sdgs.all()} if hasattr(page, "sdgs") else set(),
        "ar": set(),
    }
    if hasattr(page, "themes"):
        keys = [theme.translation_key for theme in page.themes.all()]
        values["tema"] |= {theme_slugs[key] for key in keys if key in theme_slugs}
    if page.year_facet:
        value = page
        for part in page.year_facet.split("__"):
            value = getattr(value, part, None)
        if value:
            values["ar"].add(str(value))
    return values


def expected_facets(query, chosen, locale):
    pages = Page.objects.live().public().filter(locale=locale, depth__gt=1)
    found = pages.search(query, operator="and", order_by_relevance=False)
    owners = KommuneLookup(locale)
    slugs = dict(ThemePage.objects.filter(locale=locale).values_list("translation_key", "slug"))
    values = [facet_values_of(page.specific, owners, slugs) for page in found]
    facets = {}
    for name in ("type", "kommune", "tema", "mal", "ar"):
        counts = {}
        for page in values:
            if all(value in page[other] for other, value in chosen.items() if other != name):
                for value in page[name]:
                    counts[value] = counts.get(value, 0) + 1
        facets[name] = counts
    total = sum(all(value in page[n] for n, value in chosen.items()) for page in values)
    return facets, total


def a_varied_archive():
    """Cases in two kommuner with themes, goals and years, so every facet has values."""
    hitra = KommunePage.objects.get(kommunenummer="5056", locale=Locale.get_default())
    themes = list(ThemePage.objects.filter(locale=Locale.get_default())[:3])
    goals = list(SDG.objects.filter(locale=Locale.get_default())[:4])
    for number in range(8):
        case = CasePageFactory(
            parent=froya() if number % 2 else hitra,
            title=f"Matsvinn og gjenbruk {number}",
            period_start=date(2020 + number % 3, 3, 1),
        )
        case.themes.set(themes[: number % 4])
        case.sdgs.set(goals[number % 3 : number % 3 + 2])
        case.save_revision().publish()


@pytest.mark.parametrize(
    "chosen",
    [
        {},
        {"type": "cases.casepage"},
        {"kommune": "5014"},
        {"tema": "matsvinn"},
        {"mal": "2"},
        {"ar": "2021"},
        {"type": "cases.casepage", "kommune": "5056", "ar": "2022"},
        {"kommune": "9999"},
    ],
    ids=str,
)
@pytest.mark.parametrize("query", ["matsvinn", "gjenbruk", "plassholderteksten", "kommune"])
def test_facets_and_the_count_agree_with_a_page_by_page_count(client, query, chosen):
    a_varied_archive()
    result = hits(client, query, **chosen)
    facets, total = expected_facets(query, chosen, Locale.get_default())
    assert result["count"] == total
    for name, counts in facets.items():
        assert {o["value"]: o["count"] for o in result["facets"][name]} == counts, name


def test_the_facets_cost_the_same_queries_for_two_hits_and_for_forty(client):
    def queries_for(query):
        with CaptureQueriesContext(connection) as context:
            assert hits(client, query, page="1")["count"]
        return len(context)

    for number in range(40):
        CasePageFactory(parent=froya(), title=f"Solcelleanlegg {number}", summary="Solceller.")
    CasePageFactory(parent=froya(), title="Vindkraft på kaia", summary="Vindturbin.")
    CasePageFactory(parent=froya(), title="Vindkraft på taket", summary="Vindturbin.")
    queries_for("vindturbin")  # what every request shares is read once (core/memo.py)
    assert queries_for("solcelleanlegg") == queries_for("vindkraft")


def test_every_facet_is_counted_in_one_statement(client):
    """Ten facet parts (type, kommune, themes, goals and years of each page type) go to
    the database together; with a facet chosen, the parts for the others as well."""
    a_varied_archive()
    for chosen in ({}, {"kommune": "5014", "ar": "2021"}):
        with CaptureQueriesContext(connection) as context:
            assert hits(client, "matsvinn", **chosen)["count"]
        statements = [q["sql"] for q in context.captured_queries if "part0" in q["sql"]]
        assert len(statements) == 1, chosen
        assert all(
            "GROUP BY" not in q["sql"] for q in context.captured_queries if "part0" not in q["sql"]
        )


# What must never be found.


def test_drafts_private_pages_and_private_pdfs_are_never_found(client):
    CasePageFactory(parent=froya(), title="Hemmelig utkast om sykkelveier", live=False)
    private = CasePageFactory(parent=froya(), title="Internt om sykkelveier")
    PageViewRestriction.objects.create(page=private, restriction_type="login")
    public = CasePageFactory(parent=froya(), title="Åpent om sykkelveier")
    assert titles(hits(client, "sykkelveier")) == [public.title]

    closed = Collection.get_first_root_node().add_child(name="Lukket")
    CollectionViewRestriction.objects.create(collection=closed, restriction_type="login")
    report = ReportPage.objects.get(
        title="Bærekraftsrapport Hitra 2024", locale=Locale.get_default()
    )
    document = PortalDocument(title="Internt", collection=closed)
    document.file = ContentFile(
        text_pdf(["Fortrolig budsjettforslag om fergesamband."]), name="i.pdf"
    )
    document._set_document_file_metadata()
    document.save()
    report.document = document
    report.save_revision().publish()
    assert hits(client, "fergesamband")["count"] == 0
    assert report.title in titles(hits(client, "hitra"))  # the page itself is public


# Freshness: what editors do shows at once.


def test_publishing_unpublishing_moving_and_deleting_show_at_once(client):
    case = CasePageFactory(parent=froya(), title="Solceller på rådhuset", live=False)
    assert hits(client, "solceller")["count"] == 0
    case.save_revision().publish()
    assert titles(hits(client, "solceller")) == [case.title]

    hitra = KommunePage.objects.get(kommunenummer="5056", locale=Locale.get_default())
    case.move(hitra, pos="last-child")
    [moved] = hits(client, "solceller")["results"]
    assert moved["kommune"] == "5056" and "/kommuner/hitra/" in moved["url"]

    case.refresh_from_db()
    case.specific.unpublish()
    assert hits(client, "solceller")["count"] == 0
    case.specific.save_revision().publish()
    PageViewRestriction.objects.create(page=case, restriction_type="login")
    assert hits(client, "solceller")["count"] == 0
    case.delete()
    assert hits(client, "solceller")["count"] == 0


def test_replacing_a_reports_pdf_shows_at_once(client, django_capture_on_commit_callbacks):
    report = ReportPage.objects.get(
        title="Bærekraftsrapport Frøya 2024", locale=Locale.get_default()
    )
    document = report.document
    with django_capture_on_commit_callbacks(execute=True):
        document.file = ContentFile(
            text_pdf(["Havvind og taretråling i Frøyas farvann."]), name="ny.pdf"
        )
        document._set_document_file_metadata()
        document.save()
    assert titles(hits(client, "taretråling")) == [report.title]
    assert hits(client, "plassholderteksten", kommune="5014")["count"] == 0


# Robustness.

NASTY = [
    '"',
    '""',
    "'",
    'matsvinn"',
    "AND",
    "OR",
    "NOT",
    "NEAR",
    "matsvinn AND",
    "NEAR(a b)",
    "*",
    "^",
    ":",
    "title:matsvinn",
    "(",
    ")",
    "-",
    "+",
    "\\",
    "%",
    "_",
    "a*b",
    "^matsvinn",
    "x" * 10_000,
    "matsvinn " * 2000,
    "\u202e",
    "\ufeff",
    "漢字",
    "Ωμέγα",
    "🌍🌱",
    "æøå ÆØÅ",
    "\u0000",
    "\x1b[31m",
    "<script>alert(1)</script>",
    "' OR 1=1 --",
    "%00",
    "   ",
    "",
]


@pytest.mark.parametrize("query", NASTY, ids=range(len(NASTY)))
def test_any_query_gives_a_page_never_a_500(client, query):
    for url in ("/sok/", "/api/v2/search/"):
        response = client.get(url, {"q": query})
        assert response.status_code in (200, 400), (url, response.status_code)
        if response.status_code == 200 and url == "/sok/":
            assert "<script>alert(1)</script>" not in response.content.decode()


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(query=st.text(max_size=300), facet=st.text(max_size=20))
def test_property_any_text_in_any_parameter_is_answered(client, query, facet):
    response = client.get(
        "/api/v2/search/", {"q": query, "kommune": facet, "ar": facet, "page": facet or "1"}
    )
    assert response.status_code in (200, 400, 404)


@given(st.text(max_size=500))
@settings(max_examples=200, deadline=None)
def test_property_a_cleaned_query_holds_only_lower_case_words(raw):
    cleaned = clean_query(raw)
    assert re.fullmatch(r"(?:[^\W_A-Z]+(?: [^\W_A-Z]+)*)?", cleaned, re.UNICODE)
    assert len(cleaned.split()) <= 10
    assert not any(op in cleaned.split() for op in ("AND", "OR", "NOT", "NEAR"))


# Base form finds inflected forms and back, with the same expectations on SQLite (Snowball
# through PyStemmer) and PostgreSQL (its norwegian configuration, also Snowball).
INFLECTED = [
    ("barnehage", ["barnehagen", "barnehager", "barnehagene"]),
    ("anskaffelse", ["anskaffelser", "anskaffelsene"]),
    ("indikator", ["indikatorer", "indikatorene"]),
    ("kantine", ["kantina", "kantiner"]),
    ("sykkel", ["sykkelen"]),
    ("skule", ["skular", "skulen"]),  # nynorsk
    ("kommune", ["kommunane", "kommunene"]),
]
RECALL = [
    pair for base, forms in INFLECTED for form in forms for pair in ((form, base), (base, form))
]


@pytest.mark.parametrize(("indexed", "query"), RECALL, ids=[f"{i}<-{q}" for i, q in RECALL])
def test_inflected_forms_find_each_other(client, indexed, query):
    CasePageFactory(parent=froya(), title=f"Om {indexed} i Frøya", summary=f"Tekst om {indexed}.")
    assert f"Om {indexed} i Frøya" in titles(hits(client, query))


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("barnehage", "Matsvinn i barnehagen"),
        ("indikator", "Indikatorer"),
        ("anskaffelse", "Bærekraftige anskaffelser"),
        ("kantine", "Halvert matsvinn i skolekantina"),
    ],
)
def test_the_demo_content_is_found_by_the_base_form(client, query, expected):
    """What a newcomer types first on a fresh `make run`."""
    assert expected in titles(hits(client, query))


@pytest.mark.parametrize(
    ("typed", "title"),
    [
        ("baerekraftige anskaffelser", "Bærekraftige anskaffelser"),
        ("froya", "Frøya"),
        ("froeya", "Frøya"),
        ("aafjord", "Åfjord"),
        ("afjord", "Åfjord"),
        ("naeroysund", "Nærøysund"),
    ],
)
def test_norwegian_letters_typed_without_them_still_find_the_word(client, typed, title):
    result = hits(client, typed)
    assert title in titles(result), titles(result)


# Each language searched with its own word forms: nynorsk with the Norwegian stemmer (as
# bokmål), English with the English one. The forms are from the translated demo content;
# the English ones are forms the Norwegian stemmer does not join (halve/halved,
# measuring/measured, municipality/municipalities).
IN_LANGUAGE = [
    ("nn", "skule", "Lokal mat i felles innkjøpsavtale"),  # «skular»
    ("nn", "kommunane", "Kommunar"),
    ("nn", "berekraftig", "Berekraftige anskaffingar"),
    ("en", "halve", "Food waste halved in the school canteen"),
    ("en", "measuring", "Less food waste in nursing homes"),  # «measured»
    ("en", "municipality", "Municipalities"),  # «municipalities»
]


@pytest.mark.parametrize(("language", "query", "expected"), IN_LANGUAGE)
def test_each_language_is_searched_with_its_own_word_forms(client, language, query, expected):
    found = titles(hits(client, query, locale=language))
    assert expected in found, found


def test_the_search_page_searches_in_its_language_and_marks_the_english_form(client):
    html = client.get("/en/sok/", {"q": "measuring"}).content.decode()
    assert "Less food waste in nursing homes" in html
    assert "<mark>measured</mark>" in html
    nynorsk = client.get("/nn/sok/", {"q": "skule"}).content.decode()
    assert "<mark>skular</mark>" in nynorsk


@pytest.mark.parametrize("word", ["canteen", "homes", "measured"])
def test_a_search_in_no_language_still_finds_english_pages(client, word):
    """The admin and the API without ?locale= stem in Norwegian: English pages carry the
    Norwegian stems too, so their own words still find them («canteen» is «cante» to
    the Norwegian stemmer, «canteen» to the English one)."""
    english = Page.objects.live().filter(locale=Locale.objects.get(language_code="en"))
    assert english.search(word, operator="and").count() > 0
    response = client.get("/api/v2/pages/", {"search": word})
    assert any(item["meta"]["locale"] == "en" for item in response.json()["items"])


def test_the_index_triggers_name_no_other_table():
    """SQLite checks a trigger against every table it names whenever a later migration
    rebuilds a table; a trigger that named wagtailcore_page would make any change to
    Wagtail's page table fail to migrate."""
    if connection.vendor != "sqlite":
        pytest.skip("the full-text triggers are SQLite's")
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' "
            "AND tbl_name = 'wagtailsearch_indexentry'"
        )
        found = cursor.fetchall()
    assert len(found) >= 2
    for name, sql in found:
        named = set(re.findall(r"\b(wagtail\w+)\b", sql))
        assert named <= {"wagtailsearch_indexentry", "wagtailsearch_indexentry_fts"}, name


def test_snippets_mark_the_real_spelling_of_a_word_typed_without_norwegian_letters(client):
    CasePageFactory(
        parent=froya(), title="Felles avtale", summary="Kommunene gjorde bærekraftige innkjøp."
    )
    [hit] = hits(client, "baerekraftige innkjop")["results"]
    assert hit["title"] == "Felles avtale"
    assert "<mark>bærekraftige</mark> <mark>innkjøp</mark>" in hit["snippet"]


def test_snippets_mark_the_form_of_the_word_the_page_uses(client):
    CasePageFactory(
        parent=froya(), title="Uteområdet", summary="Barna i barnehagen sorterte maten selv."
    )
    [hit] = hits(client, "barnehagene sorterer")["results"]
    assert "<mark>barnehagen</mark> <mark>sorterte</mark>" in hit["snippet"]


def test_demo_items_carry_their_label_in_search_results(client):
    html = client.get("/sok/", {"q": "matsvinn barnehagen"}).content.decode()
    hit = html.split("Matsvinn i barnehagen</a></h3>", 1)[1].split("</li>", 1)[0]
    assert ">Eksempel</span>" in hit
    found = {item["title"]: item for item in hits(client, "matsvinn")["results"]}
    assert found["Matsvinn i barnehagen"]["is_example"] is True
    assert found["Matsvinn"]["is_example"] is False  # the theme page is real


def test_placeholder_pdfs_say_so_on_the_report_page_in_listings_and_in_search(client):
    report = ReportPage.objects.get(
        title="Bærekraftsrapport Frøya 2024", locale__language_code="nb"
    )
    assert "PDF-en her er en plassholder" in client.get(report.url).content.decode()
    listing = client.get("/rapporter/", {"kommune": "5014"}).content.decode()
    assert "Plassholder-PDF" in listing
    [item] = [i for i in hits(client, "plassholderteksten frøya 2024")["results"]]
    assert item["placeholder_pdf"] is True
    html = client.get("/sok/", {"q": "plassholderteksten frøya 2024"}).content.decode()
    assert "Plassholder-PDF" in html
    # A real PDF in its place is not a placeholder.
    document = report.document
    document.file = ContentFile(text_pdf(["Den ekte rapporten."]), name="ekte.pdf")
    document._set_document_file_metadata()
    document.save()
    assert "plassholder" not in client.get(report.url).content.decode()
