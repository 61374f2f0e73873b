"""The report library: /rapporter/ with filters, reports on kommune pages, the API."""

import re

import pytest

from network.facts import read_csv
from network.models import KommunePage
from reports.models import ReportPage
from tests.helpers import all_listed_titles, listed_titles

pytestmark = pytest.mark.django_db
REPORTS = read_csv("rapporter.csv")


def test_the_library_lists_every_report_newest_first(client):
    titles = all_listed_titles(client, "/rapporter/")
    assert sorted(titles) == sorted(row["tittel"] for row in REPORTS)
    years = [ReportPage.objects.get(title=t, locale__language_code="nb").year for t in titles]
    dated = [year for year in years if year]
    assert dated == sorted(dated, reverse=True)
    assert years[-1] is None  # the survey without a year comes last
    assert "26 rapporter" in client.get("/rapporter/").content.decode()


def test_filter_on_kommune(client):
    assert listed_titles(client.get("/rapporter/?kommune=5014")) == ["Bærekraftsrapport Frøya 2024"]


def test_filter_on_year(client):
    titles = listed_titles(client.get("/rapporter/?year=2023"))
    expected = [row["tittel"] for row in REPORTS if row["aar"] == "2023"]
    assert len(expected) == 9
    assert sorted(titles) == sorted(expected)


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        (
            "kommune=50&type=innbyggerundersokelse",
            ["Innbyggerundersøkelse Fylkesrapport Trøndelag"],
        ),
        ("kommune=50&year=2024", ["Bærekraftsrapport Trøndelag 2024"]),
        ("kommune=5014&year=2023", []),
        ("year=2024&type=innbyggerundersokelse", []),
        ("kommune=5049&year=2023&type=baerekraftsrapport", ["Bærekraftsrapport Flatanger 2023"]),
    ],
)
def test_filters_combine(client, query, expected):
    response = client.get(f"/rapporter/?{query}")
    assert response.status_code == 200
    assert listed_titles(response) == expected


@pytest.mark.parametrize(
    ("query", "field"),
    [
        ("year=abc", "År"),
        ("year=1800", "År"),
        ("year=" + "9" * 5000, "År"),
        ("kommune=9999", "Kommune"),
        ("kommune=froya", "Kommune"),
        ("type=%3Cscript%3E", "Type"),
    ],
)
def test_an_invalid_filter_is_explained_in_norwegian_and_the_rest_still_applies(
    client, query, field
):
    # Alongside the invalid value, a valid filter that matches Frøya's report only.
    valid = "year=2024&type=baerekraftsrapport" if field == "Kommune" else "kommune=5014"
    response = client.get(f"/rapporter/?{query}&{valid}")
    assert response.status_code == 400
    html = response.content.decode()
    assert "Vi kunne ikke bruke alt du valgte" in html
    assert f"{field}: Velg et gyldig valg" in html
    assert "<script>" not in html
    titles = listed_titles(response)
    assert "Bærekraftsrapport Frøya 2024" in titles
    assert 0 < len(titles) < 26


def test_pagination_keeps_the_filters(client):
    html = client.get("/rapporter/?type=baerekraftsrapport").content.decode()
    assert "25 rapporter" in html
    assert 'href="?type=baerekraftsrapport&amp;page=2"' in html


def test_every_owner_shows_its_reports_and_links_back(client):
    for row in REPORTS:
        kommune = KommunePage.objects.get(
            kommunenummer=row["kommunenummer"], locale__language_code="nb"
        )
        html = client.get(kommune.url).content.decode()
        assert row["tittel"] in html, kommune.title
        report = ReportPage.objects.get(title=row["tittel"], locale__language_code="nb")
        report_html = client.get(report.url).content.decode()
        assert f'href="{kommune.url}">{kommune.title}</a>' in report_html


def test_a_kommune_without_reports_says_so(client):
    html = client.get("/kommuner/tydal/").content.decode()
    assert "Tydal har ikke lagt ut noen rapporter her ennå." in html


def test_a_report_page_shows_size_pages_language_and_date(client):
    html = client.get("/kommuner/froya/baerekraftsrapport-2024/").content.decode()
    assert re.search(r"1 side, [\d,.]+\s(KB|kB|byte)", html.replace("\xa0", " "))
    assert "på bokmål" in html
    assert "Sist oppdatert" in html
    assert "Les rapporten (PDF)" in html


def test_reports_in_the_api_carry_owner_year_type_and_document(client):
    response = client.get(
        "/api/v2/pages/",
        {
            "type": "reports.ReportPage",
            "locale": "nb",
            "fields": "kommune,year,report_type,document_url",
            "limit": 50,
        },
    )
    items = response.json()["items"]
    assert len(items) == 26
    froya = next(item for item in items if item["title"] == "Bærekraftsrapport Frøya 2024")
    assert froya["kommune"] == {"kommunenummer": "5014", "name": "Frøya"}
    assert froya["year"] == 2024
    assert froya["report_type"] == "baerekraftsrapport"
    assert froya["document_url"].startswith("http://testserver/documents/")
    assert client.get(froya["document_url"]).status_code == 200


def test_bootstrap_adds_no_second_report_or_document():
    from django.core.management import call_command

    from documents.models import PortalDocument

    before = (ReportPage.objects.count(), PortalDocument.objects.count())
    call_command("bootstrap", verbosity=0)
    assert (ReportPage.objects.count(), PortalDocument.objects.count()) == before
    assert before == (26 * 3, 26)


def test_every_listing_names_its_filters_in_norwegian_and_old_links_still_filter(client):
    """The year filter is `ar` in the report library as in the other listings and the
    search; `?year=` from links made before still filters."""
    for url in ("/rapporter/", "/god-praksis/", "/baerekraftfredag/", "/sok/?q=matsvinn"):
        html = client.get(url).content.decode()
        assert 'name="year"' not in html, url
    assert 'name="ar"' in client.get("/rapporter/").content.decode()
    new = listed_titles(client.get("/rapporter/?ar=2023&kommune=5049"))
    old = listed_titles(client.get("/rapporter/?year=2023&kommune=5049"))
    assert new == old == ["Bærekraftsrapport Flatanger 2023"]
