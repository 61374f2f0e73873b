import factory
import wagtail_factories

from core.factories import body_with_every_block, plain_body
from network.models import KommuneIndexPage, KommunePage, ThemeIndexPage, ThemePage


class KommuneIndexPageFactory(wagtail_factories.PageFactory):
    title = "Kommuner"
    intro = "<p>Alle kommunene.</p>"

    class Meta:
        model = KommuneIndexPage

    class Params:
        full = factory.Trait()  # nothing more to hold


class KommunePageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Testkommune {n}")
    # 9xxx is not a real kommunenummer in Trøndelag, so it never collides with the data.
    kommunenummer = factory.Sequence(lambda n: f"{9000 + n % 1000}")
    offisielt_navn = factory.LazyAttribute(lambda page: page.title)
    intro = "<p>En kommune i testene.</p>"

    class Meta:
        model = KommunePage

    class Params:
        full = factory.Trait(coat_of_arms=factory.SubFactory(wagtail_factories.ImageFactory))


class ThemeIndexPageFactory(wagtail_factories.PageFactory):
    title = "Tema"
    intro = "<p>Temaene.</p>"

    class Meta:
        model = ThemeIndexPage

    class Params:
        full = factory.Trait()  # nothing more to hold


class ThemePageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Testtema {n}")
    intro = "Et tema i testene."
    body = factory.LazyFunction(plain_body)

    class Params:
        full = factory.Trait(body=factory.LazyFunction(body_with_every_block))

    class Meta:
        model = ThemePage
