"""What holds for the whole site: no third-party resources, a Norwegian admin."""

import re
from pathlib import Path

import pytest
from django.contrib.auth.models import Group
from django.contrib.staticfiles import finders

from tests.conftest import project_page_models

pytestmark = pytest.mark.django_db


def test_pages_load_nothing_from_other_sites(client):
    for model in project_page_models():
        page = model.objects.live().first()
        html = client.get(page.url).content.decode()
        resources = re.findall(r'<(?:link|script|img|iframe)[^>]+(?:href|src)="([^"]+)"', html)
        stylesheets = re.findall(r'<link rel="stylesheet" href="([^"]+)"', html)
        assert stylesheets, page.url
        for url in stylesheets + [u for u in resources if "alternate" not in u]:
            if url.startswith(("http://", "https://", "//")):
                # hreflang alternates name this site itself; nothing else may be absolute.
                assert url.startswith("http://testserver/"), f"{page.url} loads {url}"


def test_stylesheets_load_no_web_fonts_or_remote_files(client):
    html = client.get("/").content.decode()
    for href in re.findall(r'<link rel="stylesheet" href="/static/([^"]+)"', html):
        css = Path(finders.find(href)).read_text()
        assert "@font-face" not in css, href
        assert not re.search(r"@import|url\(\s*['\"]?(https?:)?//", css), href


def test_the_admin_speaks_bokmal(client):
    html = client.get("/admin/login/").content.decode()
    assert '<html lang="nb"' in html
    assert "Logg inn" in html


def test_the_admin_shows_no_avatars_from_other_sites(client, django_user_model):
    """Wagtail would ask gravatar.com for a picture of everyone with an e-mail address, and
    so tell it who works in the admin: every avatar is Wagtail's own default instead."""
    user = django_user_model.objects.create_user("avatar", "kari.nordmann@kommune.example", "x")
    user.groups.add(Group.objects.get(name="Nettverkskoordinator"))
    client.force_login(user)
    for url in ("/admin/", "/admin/account/"):
        html = client.get(url).content.decode()
        images = re.findall(r'<img[^>]+src="([^"]+)"', html)
        assert any("default-user-avatar" in src for src in images), url
        assert "gravatar" not in html, url
        assert all(src.startswith("/") and not src.startswith("//") for src in images), url


def test_the_footer_links_to_privacy_and_accessibility(client):
    html = client.get("/nn/").content.decode()
    assert 'href="/nn/personvern/"' in html
    assert 'href="/nn/tilgjengelighetserklaering/"' in html
    assert "Om nettstaden" in html


@pytest.mark.parametrize("language", ["nn", "en"])
def test_every_interface_text_is_translated(language):
    import polib

    catalogue = polib.pofile(
        str(Path(__file__).parent.parent / f"locale/{language}/LC_MESSAGES/django.po")
    )
    # The network's own name is a proper name and stays as it is.
    missing = [
        entry.msgid
        for entry in catalogue.untranslated_entries() + catalogue.fuzzy_entries()
        if entry.msgid != "Bærekraftsnettverket i Trøndelag"
    ]
    assert not missing, f"Translate these in locale/{language}/LC_MESSAGES/django.po: {missing}"


def test_bokmal_needs_no_translation_of_its_own():
    """The texts are written in bokmål: a msgstr in nb would only hide the real text."""
    import polib

    catalogue = polib.pofile(str(Path(__file__).parent.parent / "locale/nb/LC_MESSAGES/django.po"))
    assert not [e.msgid for e in catalogue if e.msgstr or any(e.msgstr_plural.values())]


def test_robots_txt_points_to_the_sitemap_and_keeps_search_results_out(client):
    response = client.get("/robots.txt")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain")
    text = response.content.decode()
    assert "Sitemap: http://testserver/sitemap.xml" in text
    assert "Disallow: /sok/" in text and "Disallow: /admin/" in text
    assert client.get("/sitemap.xml").status_code == 200


def test_the_favicon_is_where_browsers_look_for_it(client):
    response = client.get("/favicon.ico")
    assert response.status_code == 200
    assert response["Content-Type"] == "image/x-icon"
    assert b"".join(response.streaming_content).startswith(b"\x00\x00\x01\x00")  # an ICO file
    html = client.get("/").content.decode()
    assert 'rel="icon"' in html


@pytest.mark.parametrize("prefix", ["", "/nn", "/en"])
def test_the_home_page_and_sections_advertise_their_feeds(client, prefix):
    """Feed readers find the feeds from the address people know. Every page type with a
    feed is covered, and the home page points to all of them."""
    import feedparser

    from core.models import FeedMixin

    sections = [m for m in project_page_models() if issubclass(m, FeedMixin)]
    assert sections
    home = client.get(prefix + "/").content.decode()
    advertised = re.findall(r'<link rel="alternate" type="application/rss\+xml"[^>]*>', home)
    assert len(advertised) == len(sections), advertised
    for model in sections:
        page = model.objects.live().get(locale__language_code=prefix.strip("/") or "nb")
        html = client.get(page.url).content.decode()
        [link] = re.findall(
            r'<link rel="alternate" type="application/rss\+xml" title="[^"]+" href="([^"]+)"', html
        )
        assert link in " ".join(advertised)
        feed = feedparser.parse(client.get(link).content)
        assert not feed.bozo, (link, feed.bozo_exception)


def test_no_other_catalogue_translates_our_bokmal_texts():
    """Our msgids are bokmål and need no nb translation, but one that happens to be an
    English msgid of Django or Wagtail gets their bokmål instead («Form» became
    «Skjema» on the meeting page)."""
    import polib
    from django.utils import translation

    catalogue = polib.pofile(str(Path(__file__).parent.parent / "locale/nb/LC_MESSAGES/django.po"))
    with translation.override("nb"):
        changed = {
            entry.msgid: translation.gettext(entry.msgid)
            for entry in catalogue
            if not entry.msgid_plural and translation.gettext(entry.msgid) != entry.msgid
        }
    assert not changed, changed


def test_editors_see_no_collection_named_in_english(admin_client):
    from wagtail.models import Collection

    assert Collection.get_first_root_node().name == "Felles"
    html = admin_client.get("/admin/documents/multiple/add/").content.decode()
    assert ">Root<" not in html and "Felles" in html


def test_page_slugs_are_ascii(admin_client):
    """The address of a page typed with æ, ø or å is refused with a message; the admin's
    slug field writes them as ae, o and a by itself."""
    from network.models import KommunePage

    froya = KommunePage.objects.get(kommunenummer="5014", locale__language_code="nb")
    response = admin_client.post(
        f"/admin/pages/add/cases/casepage/{froya.pk}/",
        {
            "title": "Sykkel på Frøya",
            "slug": "sykkel-på-frøya",
            "summary": "Kort.",
            "period_start": "2024-01-01",
            "body-count": "0",
        },
    )
    assert response.status_code == 200  # the form again, with the reason
    assert "sykkel-på-frøya" in response.content.decode()  # what was typed is kept
    assert not froya.get_children().filter(slug="sykkel-på-frøya").exists()
