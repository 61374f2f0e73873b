"""The indicators, their figures and a kommune's profile at /api/v2/, on the bootstrap's
example figures."""

import pytest

from indicators.records import Observation

pytestmark = pytest.mark.django_db


def test_indicators_are_listed_in_the_language_asked_for(client):
    response = client.get("/api/v2/indicators/?locale=nn&code=EKS-AVFALL&fields=*")
    [item] = response.json()["items"]
    assert item["name"] == "Hushaldsavfall per innbyggjar"
    assert item["language_code"] == "nn"
    assert item["goal_numbers"] == [12]
    assert item["direction"] == "lower"
    assert item["is_example"] is True


def test_observations_are_filtered_by_indicator_area_and_period(client):
    response = client.get(
        "/api/v2/observations/?indicator=EKS-AVFALL&area=5014,50&period=2023,2024&limit=100"
    )
    items = response.json()["items"]
    stored = Observation.objects.filter(
        indicator__code="EKS-AVFALL", area__code__in=["5014", "50"], period__in=["2023", "2024"]
    )
    assert len(items) == stored.count() == 4
    for item in items:
        figure = stored.get(area__code=item["area"], period=item["period"])
        assert item["value"] == float(figure.value)
        assert item["is_example"] is True
        assert item["indicator"] == "EKS-AVFALL"


def test_a_missing_figure_keeps_its_status_mark(client):
    missing = Observation.objects.filter(value=None).select_related("indicator", "area").first()
    response = client.get(
        f"/api/v2/observations/?indicator={missing.indicator.code}&area={missing.area.code}"
        f"&period={missing.period}"
    )
    [item] = response.json()["items"]
    assert item["value"] is None
    assert item["status"] == missing.status == ".."


def test_a_kommunes_profile_has_the_figures_its_page_shows(client):
    profile = client.get("/api/v2/profiles/5014/?locale=en").json()
    assert profile["name"] == "Frøya"
    by_code = {item["code"]: item for item in profile["indicators"]}
    waste = by_code["EKS-AVFALL"]
    assert waste["name"] == "Household waste per inhabitant"
    assert waste["period"] == "2024"
    latest = Observation.objects.get(
        indicator__code="EKS-AVFALL", area__code="5014", period="2024"
    ).value
    assert waste["value"] == int(latest)
    assert 1 <= waste["rank"] <= waste["ranked"] == 38
    assert 0 <= waste["score"] <= 100
    assert len(waste["series"]) == 10
    assert waste["is_example"] is True
    html = client.get("/en/kommuner/froya/indikatorer/").content.decode()
    assert f"Ranked {waste['rank']} of 38" in html  # the page's chart summary, in English


@pytest.mark.parametrize(
    ("url", "status"),
    [
        ("/api/v2/profiles/9999/", 404),
        ("/api/v2/observations/?area=", 400),
        ("/api/v2/observations/?period=" + ",".join(["2020"] * 101), 400),
        ("/api/v2/indicators/?locale=xx", 400),
        ("/api/v2/profiles/5014/?locale=xx", 400),
        ("/api/v2/profiles/5014/?ukjent=1", 400),
    ],
)
def test_bad_parameters_are_a_4xx_with_a_norwegian_message(client, url, status):
    response = client.get(url)
    assert response.status_code == status
    assert response.json()["message"]


def test_every_area_is_listed_with_its_profile_address(client):
    items = client.get("/api/v2/profiles/").json()["items"]
    assert len(items) == 40
    assert items[0]["meta"]["detail_url"].endswith("/api/v2/profiles/5001/")


@pytest.mark.parametrize(
    "url",
    [
        "/api/v2/indicators/?name=abc",
        "/api/v2/indicators/?order=name",
        "/api/v2/observations/?value=abc",
        "/api/v2/observations/?search=x",
        "/api/v2/profiles/?limit=5",
        "/api/v2/profiles/5014/?limit=abc",
    ],
)
def test_a_filter_the_endpoint_does_not_have_is_refused_not_ignored(client, url):
    response = client.get(url)
    assert response.status_code == 400
    assert "Ukjent parameter" in response.json()["message"]
