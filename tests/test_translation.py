"""Every page type can be translated to nynorsk and English with wagtail-localize and
published. The test walks all page models and their factories (with a body holding every
block kind), so a page type added later is covered, or the test says what is missing."""

import pytest
from wagtail.models import Locale
from wagtail_localize.models import StringTranslation, Translation, TranslationSource

from tests.conftest import a_parent_for, page_factories, project_page_models

pytestmark = pytest.mark.django_db


def translate(page, language_code, on_commit):
    locale = Locale.objects.get(language_code=language_code)
    source, _ = TranslationSource.get_or_create_from_instance(page)
    translation, _ = Translation.objects.get_or_create(source=source, target_locale=locale)
    for segment in source.stringsegment_set.select_related("string", "context"):
        StringTranslation.objects.update_or_create(
            translation_of=segment.string,
            locale=locale,
            context=segment.context,
            defaults={"data": f"[{language_code}] {segment.string.data}"},
        )
    # wagtail-localize publishes once the transaction commits; tests run in one.
    with on_commit(execute=True):
        translation.save_target(publish=True)
    return page.get_translation(locale).specific


def test_every_page_model_has_a_factory():
    missing = set(project_page_models()) - set(page_factories())
    assert not missing, f"Add a factory in <app>/factories.py for: {missing}"


@pytest.mark.parametrize("model", project_page_models(), ids=lambda m: m.__name__)
@pytest.mark.parametrize("language_code", ["nn", "en"])
def test_every_page_type_can_be_translated_and_published(
    client, model, language_code, django_capture_on_commit_callbacks
):
    parent = a_parent_for(model)
    if model.can_create_at(parent):
        page = page_factories()[model](parent=parent, full=True)
        page.save_revision().publish()
    else:  # one per parent (the index pages): translate the one the bootstrap made
        page = model.objects.get(locale=Locale.get_default(), path__startswith=parent.path)

    translated = translate(page, language_code, django_capture_on_commit_callbacks)

    assert translated.live
    assert translated.locale.language_code == language_code
    assert translated.alias_of_id is None
    assert translated.title == f"[{language_code}] {page.title}"
    if translated.url:  # a second home page outside any site has no URL
        response = client.get(translated.url)
        assert response.status_code == 200
        html = response.content.decode()
        assert f'<html lang="{language_code}"' in html
        assert f"[{language_code}] {page.title}" in html


def test_translating_a_synchronised_copy_replaces_it(django_capture_on_commit_callbacks):
    """The nn tree starts as copies of bokmål; translating one turns it into a real
    translation at the same place, under the same URL."""
    from wagtail_localize.synctree import create_aliases_for_new_page

    from cases.factories import CasePageFactory
    from network.models import KommunePage

    froya = KommunePage.objects.get(kommunenummer="5014", locale__language_code="nb")
    case = CasePageFactory(parent=froya, title="Sykkelbibliotek", slug="sykkelbibliotek")
    create_aliases_for_new_page(case)  # as the admin does when an editor creates a page
    alias = case.get_translation(Locale.objects.get(language_code="nn"))
    assert alias.alias_of_id == case.pk

    translated = translate(case, "nn", django_capture_on_commit_callbacks)

    assert translated.pk == alias.pk
    assert translated.alias_of_id is None
    assert translated.url == "/nn/kommuner/froya/sykkelbibliotek/"


def test_the_copies_take_the_slug_the_bokmal_page_is_published_with(client):
    from wagtail_localize.synctree import create_aliases_for_new_page

    from cases.factories import CasePageFactory
    from network.models import KommunePage

    froya = KommunePage.objects.get(kommunenummer="5014", locale__language_code="nb")
    case = CasePageFactory(parent=froya, title="Utkast til tittel", slug="utkast-til-tittel")
    create_aliases_for_new_page(case)  # as the admin does when an editor creates a page
    copies = list(case.get_translations())
    assert {copy.slug for copy in copies} == {"utkast-til-tittel"}
    case.title, case.slug = "Sykkelbibliotek på Sistranda", "sykkelbibliotek-pa-sistranda"
    case.save_revision().publish()
    for copy in copies:
        copy.refresh_from_db()
        assert copy.slug == "sykkelbibliotek-pa-sistranda"
        prefix = copy.locale.language_code
        assert (
            client.get(f"/{prefix}/kommuner/froya/sykkelbibliotek-pa-sistranda/").status_code == 200
        )
