"""Every text a page type holds can be searched for, unless the page type names it as
left out on purpose (`BasePage.unsearched_fields`). A field added later is covered
without anyone editing this test."""

import pytest
from django.db import models
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.search import index

from tests.conftest import project_page_models

# Fields that hold codes, addresses or choices, not text people search for.
NOT_PROSE = (models.URLField, models.EmailField, models.SlugField)


def text_fields(model):
    page_fields = {field.name for field in Page._meta.get_fields()}
    for field in model._meta.get_fields():
        if field.name in page_fields or not getattr(field, "concrete", False):
            continue
        if isinstance(field, RichTextField | StreamField | models.TextField):
            yield field.name
        elif isinstance(field, models.CharField) and not isinstance(field, NOT_PROSE):
            if not field.choices:
                yield field.name


@pytest.mark.parametrize("model", project_page_models(), ids=lambda m: m.__name__)
def test_every_text_field_is_searchable_or_left_out_on_purpose(model):
    searched = {
        field.field_name
        for field in model.get_search_fields()
        if isinstance(field, index.SearchField)
    }
    left_out = set(model.unsearched_fields)
    missing = [name for name in text_fields(model) if name not in searched | left_out]
    assert not missing, (
        f"{model.__name__}: add {missing} to search_fields, or to unsearched_fields with "
        "the reason in a comment"
    )
    assert not left_out & searched, f"{model.__name__}: {left_out & searched} is both"


@pytest.mark.django_db
def test_words_only_in_who_took_part_and_challenges_are_found(client):
    from cases.factories import CasePageFactory
    from network.models import KommunePage

    froya = KommunePage.objects.get(kommunenummer="5014", locale__language_code="nb")
    CasePageFactory(
        parent=froya,
        title="Trygg skolevei",
        stakeholders="<p>FAU og elevrådet</p>",
        challenges="<p>Tyveri fra sykkelstativet</p>",
    )
    for word in ("FAU", "tyveri"):
        found = client.get("/api/v2/search/", {"q": word}).json()["results"]
        assert "Trygg skolevei" in [hit["title"] for hit in found], word


@pytest.mark.django_db
def test_a_meetings_speakers_and_place_are_found(client):
    from events.factories import EventPageFactory
    from events.models import EventIndexPage

    index = EventIndexPage.objects.get(locale__language_code="nb")
    EventPageFactory(
        parent=index,
        title="Bærekraftfredag om vann",
        place="Rådhuset i Steinkjer",
        speakers=[("speaker", {"name": "Ingrid Vannbakken", "role": "", "organisation": ""})],
    )
    for word in ("Vannbakken", "Steinkjer"):
        found = client.get("/api/v2/search/", {"q": word}).json()["results"]
        assert "Bærekraftfredag om vann" in [hit["title"] for hit in found], word
