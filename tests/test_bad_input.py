"""Input that once gave HTTP 500, found by trying the portal as an attacker would. Each
gets a 4xx or a normal answer, in Norwegian where a person reads it, and never a stack
trace."""

import importlib
import logging

import pytest
from django.test import Client
from django.urls import clear_url_caches

pytestmark = pytest.mark.django_db

HUGE = "999999999999999999999"
API_ENDPOINTS = ["pages", "documents", "images"]


def no_trace(response):
    body = response.content.decode(errors="replace")
    assert "Traceback" not in body
    return body


@pytest.mark.parametrize(
    "url",
    [
        "/sok/?q=plast&ar=0",
        "/sok/?q=plast&ar=0000",
        "/api/v2/search/?q=x&ar=00",
        "/api/v2/search/?q=x&mal=0",
    ],
)
def test_a_year_or_goal_of_zero_finds_nothing_instead_of_failing(client, url):
    response = client.get(url)
    assert response.status_code == 200
    if "/api/" in url:
        assert response.json()["count"] == 0


@pytest.mark.parametrize("endpoint", [*API_ENDPOINTS, "sdgs", "indicators", "observations"])
@pytest.mark.parametrize("query", [f"offset={HUGE}", f"limit={HUGE}", f"id={HUGE}", f"id=-{HUGE}"])
def test_api_numbers_no_database_can_hold_are_a_400(client, endpoint, query):
    response = client.get(f"/api/v2/{endpoint}/?{query}")
    assert response.status_code == 400, no_trace(response)
    assert response.json()["message"]


@pytest.mark.parametrize("endpoint", API_ENDPOINTS)
@pytest.mark.parametrize(
    "query",
    [
        "search=x&search_operator=xor",
        "search=x&search_operator=",
        f"search=x&offset={HUGE}&limit=1",
        "offset=1e3",
    ],
)
def test_api_parameters_out_of_range_are_a_400(client, endpoint, query):
    response = client.get(f"/api/v2/{endpoint}/?{query}")
    assert response.status_code == 400, no_trace(response)
    assert response.json()["message"]


@pytest.mark.parametrize(
    "url",
    [
        "/api/v2/pages/?first_published_at=x",
        "/api/v2/pages/?type=cases.CasePage&period_start=ikke-en-dato",
        "/api/v2/pages/?type=events.EventPage&start=x",
        "/api/v2/pages/?type=events.EventPage&end=2024-13-45",
        "/api/v2/pages/?type=reports.ReportPage&year=tjue",
        "/api/v2/pages/?type=network.KommunePage&samisk_forvaltningsomrade=kanskje",
        "/api/v2/pages/find/?id=abc",
        "/api/v2/documents/find/?id=abc",
        "/api/v2/documents/?created_at=igår",
    ],
)
def test_api_filters_with_values_their_field_cannot_hold_are_a_400(client, url):
    response = client.get(url)
    assert response.status_code == 400, no_trace(response)
    assert response.json()["message"]


@pytest.mark.parametrize(
    "query",
    [f"child_of={HUGE}", f"descendant_of={HUGE}", f"ancestor_of={HUGE}", f"translation_of={HUGE}"],
)
def test_api_page_ids_out_of_range_are_a_400(client, query):
    response = client.get(f"/api/v2/pages/?{query}")
    assert response.status_code == 400, no_trace(response)


@pytest.mark.parametrize("endpoint", [*API_ENDPOINTS, "sdgs", "indicators", "observations"])
def test_an_api_detail_id_out_of_range_is_a_404(client, endpoint):
    assert client.get(f"/api/v2/{endpoint}/{HUGE}/").status_code == 404


@pytest.mark.parametrize("endpoint", API_ENDPOINTS)
@pytest.mark.parametrize(
    "search",
    ['"', '"plast', 'body:"plast', "plast OR", "NEAR(a b)", "*", "(", "^plast", "\\"],
)
def test_api_search_is_cleaned_like_the_search_page(client, endpoint, search):
    response = client.get(f"/api/v2/{endpoint}/", {"search": search})
    assert response.status_code == 200, no_trace(response)


def test_api_search_finds_what_the_search_page_finds(client):
    found = client.get("/api/v2/pages/", {"search": '"matsvinn', "locale": "nb"}).json()
    assert "Matsvinn" in [item["title"] for item in found["items"]]


@pytest.mark.parametrize("endpoint", API_ENDPOINTS)
def test_api_search_with_thousands_of_words_is_answered(client, endpoint):
    words = " ".join(f"ord{number}" for number in range(2000))
    response = client.get(f"/api/v2/{endpoint}/", {"search": words})
    assert response.status_code == 200, no_trace(response)
    assert response.json()["meta"]["total_count"] == 0


@pytest.mark.parametrize("host", ["evil.example", "", "[::1", "a" * 300])
def test_a_foreign_or_empty_host_gets_the_400_page(host):
    response = Client().get("/kommuner/", HTTP_HOST=host)
    assert response.status_code == 400
    body = no_trace(response)
    assert "Noe er galt med adressen" in body
    assert "evil.example" not in body


def test_a_nul_byte_in_the_session_cookie_is_a_new_visitor(client):
    response = client.get("/", HTTP_COOKIE="sessionid=abcdefgh\x00ijklmnopqrstuvwxyz0123456")
    assert response.status_code == 200


@pytest.mark.parametrize("cookie", ["'; DROP TABLE x", "ø" * 40, "x" * 5000, ""])
def test_odd_session_cookies_are_a_new_visitor(client, cookie):
    assert client.get("/kommuner/", HTTP_COOKIE=f"sessionid={cookie}").status_code == 200


@pytest.mark.parametrize("method", ["TRACE", "PUT", "DELETE", "PATCH", "CONNECT", "PROPFIND"])
@pytest.mark.parametrize(
    "url", ["/", "/kommuner/froya/", "/god-praksis/foresla/", "/god-praksis/rss/", "/sok/"]
)
def test_only_get_head_and_post_to_a_form_are_allowed(client, method, url):
    response = client.generic(method, url)
    assert response.status_code == 405
    assert "TRACE" not in response["Allow"]
    assert {"GET", "HEAD"} <= set(response["Allow"].replace(" ", "").split(","))


@pytest.mark.parametrize("url", ["/", "/kommuner/froya/", "/sok/?q=x", "/api/v2/pages/"])
def test_post_where_there_is_no_form_is_refused(client, url):
    assert client.post(url).status_code in (403, 405)


def test_head_and_options_are_answered(client):
    assert client.head("/kommuner/").status_code == 200
    assert client.options("/kommuner/").status_code in (200, 405)


def test_a_4xx_is_logged_in_one_line_without_a_traceback(client):
    """What the console (the server's log) shows for a visitor's mistake."""
    import io

    [console] = [
        handler
        for handler in logging.getLogger().handlers
        if isinstance(handler, logging.StreamHandler)
        and any(type(f).__name__ == "OneLineForClientErrors" for f in handler.filters)
    ]
    written = io.StringIO()
    previous = console.setStream(written)
    try:
        client.get("/kommuner/?page=abc")
        client.get("/kommuner/finnes-ikke/")
        Client().get("/", HTTP_HOST="evil.example")
        client.generic("TRACE", "/sok/")
    finally:
        console.setStream(previous)
    lines = written.getvalue().splitlines()
    assert len(lines) == 4, lines
    assert not any("Traceback" in line for line in lines)


@pytest.fixture
def dev_urls(settings):
    """The URLs as `make run` (SERVE_FILES) has them: static and media served by Django."""
    import portal.urls

    settings.SERVE_FILES = True
    importlib.reload(portal.urls)
    clear_url_caches()
    yield
    settings.SERVE_FILES = False
    importlib.reload(portal.urls)
    clear_url_caches()


@pytest.mark.parametrize(
    "path",
    [
        "/static/../portal/settings/base.py",
        "/static/..%2fportal/settings/base.py",
        "/static/%2e%2e/portal/settings/base.py",
        "/static/css/../../manage.py",
        "/media/../portal/settings/base.py",
    ],
)
def test_make_run_serves_nothing_outside_its_static_folders(client, dev_urls, path):
    response = client.get(path)
    assert response.status_code in (400, 404)
    body = no_trace(response)
    assert "SECRET_KEY" not in body and "django" not in body.lower()[:200]


def test_make_run_serves_documents_only_through_the_serve_view(client, dev_urls):
    from documents.models import PortalDocument

    document = PortalDocument.objects.exclude(file="").first()
    direct = client.get(f"/media/{document.file.name}")
    assert direct.status_code == 404
    served = client.get(document.url)
    assert served.status_code == 200


@pytest.mark.parametrize(("page", "status"), [("abc", 400), ("99999", 404)])
def test_the_search_api_answers_a_bad_page_in_json(client, page, status):
    response = client.get("/api/v2/search/", {"q": "matsvinn", "page": page})
    assert response.status_code == status
    assert response["Content-Type"].startswith("application/json")
    assert response.json()["message"]
