import factory
import wagtail_factories

from indicators.models import IndicatorIndexPage


class IndicatorIndexPageFactory(wagtail_factories.PageFactory):
    title = "Indikatorer"
    intro = "<p>Tallene.</p>"

    class Meta:
        model = IndicatorIndexPage

    class Params:
        full = factory.Trait()  # nothing more to hold
