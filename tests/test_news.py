"""Aktuelt: articles in the listing with its filters, in RSS and Atom, on the home page and
on the theme, kommune and goal pages they are tagged with, and in search; drafts nowhere."""

import datetime
import re

import feedparser
import pytest
from django.core.exceptions import ValidationError
from wagtail.models import Locale, get_page_models

from core.models import FeedMixin
from news.factories import NewsPageFactory
from news.management.commands.load_news import DEMO_ARTICLES
from news.models import NewsIndexPage, NewsPage
from tests.helpers import CARD_TITLE

pytestmark = pytest.mark.django_db
DEMO_TITLES = [article[2] for article in sorted(DEMO_ARTICLES, key=lambda a: a[1], reverse=True)]


@pytest.fixture
def index():
    return NewsIndexPage.objects.get(locale=Locale.get_default())


def article(index, **fields):
    page = NewsPageFactory(parent=index, **fields)
    page.save_revision().publish()
    return page


def test_the_listing_has_the_examples_newest_first_marked_as_examples(client):
    html = client.get("/aktuelt/").content.decode()
    titles = CARD_TITLE.findall(html)
    assert titles == DEMO_TITLES
    assert html.count(">Eksempel</span>") == len(DEMO_TITLES)


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("tema=matsvinn", ["Flere skoler måler matsvinnet"]),
        ("kommune=5001", ["Ny veileder om klimakrav i innkjøp"]),
        ("mal=13", ["Ny veileder om klimakrav i innkjøp"]),
        ("ar=2026&mal=12", ["Flere skoler måler matsvinnet", "Ny veileder om klimakrav i innkjøp"]),
    ],
)
def test_the_filters_combine_and_live_in_the_address(client, query, expected):
    html = client.get(f"/aktuelt/?{query}").content.decode()
    titles = CARD_TITLE.findall(html)
    assert titles == expected


def test_a_filter_that_cannot_be_is_a_400_with_the_listing_kept(client):
    response = client.get("/aktuelt/?mal=99&tema=matsvinn")
    assert response.status_code == 400
    assert "Flere skoler måler matsvinnet" in response.content.decode()


@pytest.mark.parametrize("prefix", ["", "/nn", "/en"])
@pytest.mark.parametrize("kind", ["rss", "atom"])
def test_the_feeds_carry_the_articles_in_their_language(client, prefix, kind):
    response = client.get(f"{prefix}/aktuelt/{kind}/")
    assert response.status_code == 200
    feed = feedparser.parse(response.content)
    assert not feed.bozo, feed.bozo_exception
    assert len(feed.entries) == len(DEMO_ARTICLES)
    assert all(
        entry.link.startswith(f"http://testserver{prefix}/aktuelt/") for entry in feed.entries
    )
    if prefix == "/en":
        assert feed.entries[0].title == "More schools measure their food waste"


def test_every_section_with_a_feed_has_it_in_atom_too(client):
    for model in get_page_models():
        if not issubclass(model, FeedMixin) or model._meta.abstract:
            continue
        section = model.objects.live().filter(locale=Locale.get_default()).first()
        response = client.get(section.url + "atom/")
        assert response.status_code == 200, model
        assert not feedparser.parse(response.content).bozo, model


def test_the_home_page_shows_the_latest_three(client, index):
    article(index, title="Det aller nyeste", date=datetime.date(2026, 11, 20))
    html = client.get("/").content.decode()
    section = html[html.index('id="news-heading"') :].split("</section>")[0]
    assert CARD_TITLE.findall(section)[:3] == ["Det aller nyeste", *DEMO_TITLES[:2]]
    assert len(CARD_TITLE.findall(section)) == 3


def test_tagged_pages_show_their_articles(client):
    theme = client.get("/tema/matsvinn/").content.decode()
    assert "Flere skoler måler matsvinnet" in theme[theme.index('id="news-heading"') :]
    kommune = client.get("/kommuner/trondheim/").content.decode()
    assert "Ny veileder om klimakrav i innkjøp" in kommune[kommune.index('id="news-heading"') :]
    goal = client.get("/god-praksis/?mal=13").content.decode()
    section = goal[goal.index('id="goal-news-heading"') :].split("</section>")[0]
    assert re.findall(r'<a class="ds-link" href="/aktuelt/[^"]+">([^<]+)</a>', section) == [
        "Ny veileder om klimakrav i innkjøp"
    ]
    assert 'id="news-heading"' not in client.get("/kommuner/snasa/").content.decode()


def test_the_search_finds_an_article_by_a_word_of_its_lead(client):
    html = client.get("/sok/?q=leverandørene").content.decode()
    assert "/aktuelt/ny-veileder-om-klimakrav-i-innkjop/" in html


def test_a_draft_or_private_article_is_nowhere(client, index):
    draft = NewsPageFactory(parent=index, title="Hemmelig utkast", date=datetime.date(2026, 11, 21))
    draft.save_revision()  # saved, never published
    draft.unpublish()
    for path in ("/aktuelt/", "/aktuelt/rss/", "/aktuelt/atom/", "/", "/sok/?q=hemmelig"):
        assert "Hemmelig utkast" not in client.get(path).content.decode(), path
    api = client.get("/api/v2/pages/?type=news.NewsPage&fields=lead").json()
    assert "Hemmelig utkast" not in {item["title"] for item in api["items"]}


def test_an_image_needs_a_text_saying_what_it_shows(index):
    from wagtail.images.models import Image
    from wagtail.images.tests.utils import get_test_image_file

    image = Image.objects.create(title="Kantine", file=get_test_image_file())
    page = NewsPage(title="Med bilde", slug="med-bilde", lead="Ingress.", image=image)
    with pytest.raises(ValidationError, match="hva bildet viser"):
        page.clean()
    page.image_alt = "Elever som veier matavfall"
    page.clean()


def test_the_api_has_the_articles_with_their_goals(client):
    items = client.get("/api/v2/pages/?type=news.NewsPage&fields=lead,sdgs,is_example").json()
    found = {item["title"]: item for item in items["items"] if item["meta"]["locale"] == "nb"}
    assert [g["number"] for g in found["Ny veileder om klimakrav i innkjøp"]["sdgs"]] == [12, 13]
    assert found["Ny veileder om klimakrav i innkjøp"]["is_example"] is True
