import factory
import wagtail_factories
from django.core.files.base import ContentFile

from reports.models import ReportDocument, ReportIndexPage, ReportPage
from reports.placeholder import placeholder_pdf


class ReportDocumentFactory(factory.django.DjangoModelFactory):
    title = factory.Sequence(lambda n: f"Rapport {n}")
    file = factory.LazyAttribute(
        lambda doc: ContentFile(placeholder_pdf(doc.title, "Testkommune", 2024), name="r.pdf")
    )

    class Meta:
        model = ReportDocument
        skip_postgeneration_save = True

    @factory.post_generation
    def metadata(document, create, extracted, **kwargs):
        document._set_document_file_metadata()
        if create:
            document.save()


class ReportIndexPageFactory(wagtail_factories.PageFactory):
    title = "Rapporter"
    intro = "<p>Rapportene.</p>"

    class Meta:
        model = ReportIndexPage


class ReportPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Bærekraftsrapport {n}")
    year = 2024
    report_type = "baerekraftsrapport"
    summary = "<p>Et kort sammendrag av rapporten.</p>"
    report_parts = [1, 3, 5]
    document = factory.SubFactory(ReportDocumentFactory)

    class Meta:
        model = ReportPage
