import datetime

import factory
import wagtail_factories

from news.models import NewsIndexPage, NewsPage


class NewsIndexPageFactory(wagtail_factories.PageFactory):
    title = "Aktuelt"
    intro = "<p>Nyhetene.</p>"

    class Meta:
        model = NewsIndexPage

    class Params:
        full = factory.Trait()  # nothing more to hold


class NewsPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Testnyhet {n}")
    date = datetime.date(2026, 10, 1)
    lead = "En nyhet i testene."
    body = factory.LazyFunction(lambda: [("paragraph", "<p>Brødtekst.</p>")])

    class Meta:
        model = NewsPage

    class Params:
        full = factory.Trait(image_alt="Et bilde")
