import datetime

import factory
import wagtail_factories
from wagtail.rich_text import RichText

from cases.models import CaseIndexPage, CasePage
from core.factories import plain_body
from documents.factories import DocumentFactory


def case_body():
    """One block of every kind a case can hold."""
    image = wagtail_factories.ImageFactory(title="Sorteringsstasjon")
    return [
        ("heading", {"text": "Slik startet det", "level": "h2"}),
        ("paragraph", RichText("<p>Elevrådet tok initiativet.</p>")),
        ("image", {"image": image, "alt_text": "Elever ved sorteringsstasjonen", "caption": ""}),
        ("quote", {"quote": "Vi så hvor mye som ble kastet.", "attribution": "Elev"}),
        ("key_figure", {"figure": "48 %", "label": "mindre matsvinn"}),
        ("document", {"document": DocumentFactory(), "label": "Målingene"}),
        ("video", {"url": "https://video.example.no/matsvinn", "title": "Matsvinn i kantina"}),
    ]


class CaseIndexPageFactory(wagtail_factories.PageFactory):
    title = "God praksis"
    intro = "<p>Eksemplene.</p>"

    class Meta:
        model = CaseIndexPage

    class Params:
        full = factory.Trait()  # nothing more to hold


class CasePageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Testeksempel {n}")
    summary = "Et kort sammendrag av eksemplet."
    body = factory.LazyFunction(plain_body)
    period_start = datetime.date(2024, 1, 1)
    objectives = "<p>Kaste mindre mat.</p>"
    results = "<p>Halvparten så mye matsvinn.</p>"
    contact_name = "Kari Nordmann"
    contact_role = "Rådgiver"
    contact_email = "kari.nordmann@kommune.example"

    class Meta:
        model = CasePage
        skip_postgeneration_save = True

    class Params:
        full = factory.Trait(body=factory.LazyFunction(case_body))

    @factory.post_generation
    def themes(page, create, extracted, **kwargs):
        if extracted:
            page.themes.set(extracted)
            page.save()

    @factory.post_generation
    def sdgs(page, create, extracted, **kwargs):
        if extracted:
            page.sdgs.set(extracted)
            page.save()
