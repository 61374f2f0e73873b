"""The headless API: kommune fields on pages, and the SDGs in each language."""

import pytest

pytestmark = pytest.mark.django_db


def test_kommune_pages_expose_their_fields(client):
    response = client.get(
        "/api/v2/pages/",
        {
            "type": "network.KommunePage",
            "locale": "nb",
            "fields": "kommunenummer,offisielt_navn,samisk_forvaltningsomrade",
            "limit": 100,
        },
    )
    assert response.status_code == 200
    items = response.json()["items"]
    assert len(items) == 39
    snasa = next(item for item in items if item["kommunenummer"] == "5041")
    assert snasa["offisielt_navn"] == "Snåase - Snåsa"
    assert snasa["samisk_forvaltningsomrade"] is True


def test_sdgs_in_nynorsk_carry_the_unconfirmed_flag(client):
    response = client.get("/api/v2/sdgs/", {"locale": "nn", "fields": "*", "limit": 20})
    assert response.status_code == 200
    goals = {item["number"]: item for item in response.json()["items"]}
    assert len(goals) == 17
    assert goals[2]["name"] == "Utrydde svolt"
    assert goals[2]["name_confirmed"] is False
    assert goals[6]["name_confirmed"] is True
    assert goals[13]["colour"] == "#3F7E44"
    assert {item["language_code"] for item in goals.values()} == {"nn"}


def test_theme_pages_expose_their_goals(client):
    response = client.get(
        "/api/v2/pages/",
        {"type": "network.ThemePage", "locale": "nb", "slug": "matsvinn", "fields": "sdgs"},
    )
    [theme] = response.json()["items"]
    assert [goal["number"] for goal in theme["sdgs"]] == [2, 12]


@pytest.mark.parametrize("query", ["limit=abc", "offset=-1", "type=finnes.Ikke", "locale=xx"])
def test_bad_api_parameters_are_a_4xx_not_a_500(client, query):
    assert client.get(f"/api/v2/pages/?{query}").status_code in (400, 404)


def test_a_search_in_english_is_stemmed_in_english(client):
    """?search= with ?locale=en finds «measured» for «measuring», as /en/sok/ does; the
    Norwegian stemmer leaves the two words apart."""
    response = client.get("/api/v2/pages/", {"search": "measuring", "locale": "en"})
    assert response.status_code == 200
    titles = [item["title"] for item in response.json()["items"]]
    assert "Less food waste in nursing homes" in titles
