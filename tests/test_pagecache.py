"""The page cache in front of Django (portal/pagecache.py), driven through the WSGI
application as the app server drives it: a change shows on the very next request, and
nothing private, personal or per-visitor ever enters the cache."""

import pickle
import time

import pytest
from django.core.cache import caches
from wagtail.models import PageViewRestriction

from cases.models import CasePage
from core.models import PUBLIC_MAX_AGE
from documents.models import PortalDocument
from network.models import SDG, ThemePage
from tests.conftest import froya, nb
from tests.helpers import fetch, from_cache

pytestmark = pytest.mark.django_db
CASE = "/kommuner/froya/halvert-matsvinn-i-skolekantina/"


@pytest.fixture(autouse=True)
def page_cache_on(settings):
    settings.PAGE_CACHE = True
    caches["pages"].clear()


@pytest.mark.parametrize(
    "path", ["/", "/kommuner/froya/", CASE, "/rapporter/", "/nn/tema/matsvinn/", "/robots.txt"]
)
def test_the_second_anonymous_visitor_gets_the_page_from_the_cache(path):
    first, second = fetch(path), fetch(path)
    assert not from_cache(first) and from_cache(second)
    assert first["body"] == second["body"] and first["status"] == second["status"]
    head = fetch(path, method="HEAD")
    assert from_cache(head) and head["body"] == ""


def test_listings_with_filters_are_cached_and_other_query_strings_are_not():
    assert from_cache(fetch("/god-praksis/", tema="matsvinn", page="1")) is False
    assert from_cache(fetch("/god-praksis/", tema="matsvinn", page="1"))
    fetch("/god-praksis/", utm_source="nyhetsbrev")
    assert not from_cache(fetch("/god-praksis/", utm_source="nyhetsbrev"))


def publish(page, **changes):
    for name, value in changes.items():
        setattr(page, name, value)
    page.save_revision().publish()


def rename(goal, name):
    goal.name = name
    goal.save()  # as the snippet editor saves it


CHANGES = {
    "publish": lambda case: publish(case, title="Matsvinnet er halvert i kantina"),
    "unpublish": lambda case: case.unpublish(),
    "delete": lambda case: case.delete(),
    "move": lambda case: case.move(nb(type(froya()), kommunenummer="5056"), "last-child"),
    "goal renamed": lambda case: rename(nb(SDG, number=12), "Ansvarlig forbruk"),
    "theme renamed": lambda case: publish(nb(ThemePage, slug="matsvinn"), title="Mindre matsvinn"),
}


@pytest.mark.parametrize("change", CHANGES)
def test_a_change_shows_on_the_very_next_request(change):
    case = nb(CasePage, url_path__endswith="/halvert-matsvinn-i-skolekantina/")
    listing_before = fetch("/god-praksis/")
    page_before = fetch(CASE)
    assert from_cache(fetch("/god-praksis/")) and from_cache(fetch(CASE))
    CHANGES[change](case)
    listing_after, page_after = fetch("/god-praksis/"), fetch(CASE)
    assert not from_cache(listing_after) and not from_cache(page_after)
    assert listing_after["body"] != listing_before["body"] or page_after != page_before


def test_a_document_or_a_translation_purges_too(django_capture_on_commit_callbacks):
    from tests.test_translation import translate

    report = "/kommuner/froya/baerekraftsrapport-2024/"
    fetch(report)
    assert from_cache(fetch(report))
    document = PortalDocument.objects.exclude(file="").first()
    document.title = "Ny tittel"
    document.save()
    assert not from_cache(fetch(report))
    fetch("/nn/tema/matsvinn/")
    assert from_cache(fetch("/nn/tema/matsvinn/"))
    translate(nb(ThemePage, slug="matsvinn"), "nn", django_capture_on_commit_callbacks)
    assert "[nn] Matsvinn" in fetch("/nn/tema/matsvinn/")["body"]


def test_nothing_private_personal_or_per_visitor_enters_the_cache(client, admin_user):
    secret = "Internt: budsjettet er ikke vedtatt"
    case = nb(CasePage, url_path__endswith="/halvert-matsvinn-i-skolekantina/")
    publish(case, summary=secret)
    PageViewRestriction.objects.create(page=case, restriction_type=PageViewRestriction.LOGIN)
    client.force_login(admin_user)
    session = f"sessionid={client.cookies['sessionid'].value}"
    for _ in range(2):
        assert fetch(CASE)["status"].startswith("302")  # anonymous: to the login page
        logged_in = fetch(CASE, cookie=session)
        assert logged_in["status"].startswith("200") and secret in logged_in["body"]
        assert not from_cache(logged_in)
        assert not from_cache(fetch("/kommuner/froya/", cookie=session))  # the user bar
        assert not from_cache(fetch("/god-praksis/foresla/"))  # a form with a CSRF token
        assert not from_cache(fetch("/sok/", q="matsvinn"))  # search results
        assert not from_cache(fetch("/api/v2/search/", q="matsvinn"))
        fetch("/kommuner/froya/")  # public, and stored: the case is not listed on it
        fetch("/god-praksis/")
    stored = [pickle.loads(value) for value in caches["pages"]._cache.values()]
    texts = [entry[4].decode() for entry in stored if isinstance(entry, tuple)]
    assert texts, "something public was stored"
    for text in texts:
        assert secret not in text
        assert "csrfmiddlewaretoken" not in text
        assert "wagtail-userbar" not in text


def test_a_page_is_served_from_the_cache_for_at_most_five_minutes(monkeypatch):
    """Also from the copy an app server process keeps of the pages it served last."""
    fetch("/kommuner/froya/")
    assert from_cache(fetch("/kommuner/froya/"))
    later = time.time() + PUBLIC_MAX_AGE + 1
    monkeypatch.setattr(time, "time", lambda: later)
    assert not from_cache(fetch("/kommuner/froya/"))


def test_the_page_cache_is_off_unless_production_turns_it_on(settings):
    settings.PAGE_CACHE = False
    fetch("/")
    assert not from_cache(fetch("/"))
