import factory
import wagtail_factories

from documents.factories import DocumentFactory
from reports.models import ReportIndexPage, ReportPage


class ReportIndexPageFactory(wagtail_factories.PageFactory):
    title = "Rapporter"
    intro = "<p>Rapportene.</p>"

    class Meta:
        model = ReportIndexPage

    class Params:
        full = factory.Trait()  # nothing more to hold


class ReportPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Bærekraftsrapport {n}")
    year = 2024
    report_type = "baerekraftsrapport"
    summary = "<p>Et kort sammendrag av rapporten.</p>"
    report_parts = [1, 3, 5]
    document = None

    class Meta:
        model = ReportPage

    class Params:
        full = factory.Trait(document=factory.SubFactory(DocumentFactory))
