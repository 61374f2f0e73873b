"""The network's own content in nynorsk and English (core/content_translations.py,
locale_content/): every page the bootstrap makes is translated in nn and en, with the
menu and the `lang` in the visitor's language; loading again changes nothing and keeps
what an editor has translated; a page an editor adds in bokmål stays marked untranslated."""

import re

import polib
import pytest
from wagtail.models import Locale, Page
from wagtail_localize.models import StringSegment, StringTranslation, TranslationSource
from wagtail_localize.synctree import create_aliases_for_new_page

from cases.factories import CasePageFactory
from core import content_translations
from core.content_translations import CATALOGUES, bokmal_objects
from tests.conftest import froya

pytestmark = pytest.mark.django_db

NOTICES = (
    "Denne siden er ikke oversatt ennå",
    "Denne sida er ikkje omsett enno",
    "This page has not been translated yet",
)
MENU = re.compile(r'<nav class="site-header__menu".*?</nav>', re.S)


def menu_labels(html):
    return re.findall(r">([^<]+)</a>", MENU.search(html).group(0))


def public_pages(language):
    locale = Locale.objects.get(language_code=language)
    return Page.objects.filter(locale=locale, live=True, depth__gt=1).public().order_by("path")


@pytest.mark.parametrize("language", ["nn", "en"])
def test_every_page_of_the_networks_own_content_is_translated(client, language):
    bokmal_menu = set(menu_labels(client.get("/").content.decode()))
    pages = list(public_pages(language))
    assert len(pages) == public_pages("nb").count() > 100
    for page in pages:
        response = client.get(page.url)
        assert response.status_code == 200, page.url
        html = response.content.decode()
        assert not any(notice in html for notice in NOTICES), page.url
        assert f'<html lang="{language}"' in html, page.url
        labels = set(menu_labels(html))
        if language == "en":
            assert not labels & bokmal_menu, (page.url, labels & bokmal_menu)


def test_the_catalogues_translate_every_text_the_bootstrap_writes():
    """A loader text changed without its translation fails here, not on the site."""
    catalogues = {code: content_translations.catalogue(code) for code in ("nn", "en")}
    for instance in bokmal_objects():
        source, _ = TranslationSource.get_or_create_from_instance(instance)
        for segment in StringSegment.objects.filter(source=source).select_related("string"):
            for code, catalogue in catalogues.items():
                assert segment.string.data in catalogue, (code, segment.string.data)


def test_the_nynorsk_is_nynorsk():
    """Bokmål words that have a different nynorsk form; names and quotes aside, none of
    them belongs in a nynorsk text."""
    bokmal = re.compile(
        r"\b(ikke|hva|hvordan|hvilke|hvorfor|skole|skolen|bare|jobbe|jobber|fra|noe|noen|"
        r"mye|hverandre|kommunene|bærekraftig\w*|være|deres)\b",
        re.IGNORECASE,
    )
    found = [
        (entry.msgstr, bokmal.findall(entry.msgstr))
        for entry in polib.pofile(str(CATALOGUES / "nn.po"))
        if not entry.msgctxt and bokmal.search(entry.msgstr)
    ]
    assert not found


def test_loading_again_changes_nothing_and_keeps_an_editors_translation(client):
    about = Page.objects.get(locale__language_code="en", url_path__endswith="/om-nettverket/")
    edited = StringTranslation.objects.get(
        locale__language_code="en", translation_of__data="Om nettverket"
    )
    edited.data = "About us"
    edited.save()
    revisions = about.revisions.count()
    assert content_translations.load() == 0
    edited.refresh_from_db()
    assert edited.data == "About us"
    assert about.revisions.count() == revisions
    assert "About the network" in client.get(about.url).content.decode()  # as published


def test_a_page_added_in_bokmal_shows_in_nn_and_en_marked_untranslated(client):
    case = CasePageFactory(parent=froya(), title="Sykkelparkering ved skolen")
    create_aliases_for_new_page(case)  # as the admin does when an editor creates a page
    content_translations.load()
    for language, notice in (("nn", NOTICES[1]), ("en", NOTICES[2])):
        copy = case.get_translation(Locale.objects.get(language_code=language))
        html = client.get(copy.url).content.decode()
        assert notice in html
        assert re.search(r'<(article|div)[^>]* lang="nb"', html)  # the text is bokmål
        assert f'<html lang="{language}"' in html


def test_an_editor_changes_a_translated_text_in_the_translation_editor(client, admin_user):
    """The translation editor saves each text with PUT and reverts it with DELETE: the
    portal refuses those methods outside the admin, and once refused them in it too."""
    from django.urls import reverse
    from wagtail_localize.models import Translation

    about = Page.objects.get(locale__language_code="nb", url_path__endswith="/om-nettverket/")
    translation = Translation.objects.get(
        source__object_id=about.translation_key, target_locale__language_code="en"
    )
    segment = StringSegment.objects.get(source=translation.source, string__data="Om nettverket")
    url = reverse("wagtail_localize:edit_string_translation", args=[translation.pk, segment.pk])
    client.force_login(admin_user)
    body = "value=About+our+network"
    response = client.put(url, body, content_type="application/x-www-form-urlencoded")
    assert response.status_code == 200, response.content
    assert (
        StringTranslation.objects.get(
            locale__language_code="en", translation_of=segment.string, context=segment.context
        ).data
        == "About our network"
    )
    assert client.put("/kommuner/", body).status_code == 405  # not outside the admin
