import factory
import wagtail_factories

from core.factories import body_with_every_block, plain_body
from home.models import HomePage, StandardPage


class HomePageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Forside {n}")
    intro = "Velkommen til nettverket."
    body = factory.LazyFunction(plain_body)

    class Params:
        full = factory.Trait(body=factory.LazyFunction(body_with_every_block))

    class Meta:
        model = HomePage


class StandardPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Side {n}")
    intro = "En kort innledning."
    body = factory.LazyFunction(plain_body)

    class Params:
        full = factory.Trait(body=factory.LazyFunction(body_with_every_block))

    class Meta:
        model = StandardPage
