import factory
from django.core.files.base import ContentFile
from fpdf import FPDF

from documents.models import PortalDocument


def one_page_pdf(title):
    pdf = FPDF()
    pdf.add_page()
    pdf.set_font("Helvetica", size=12)
    pdf.multi_cell(0, 8, f"{title}. Et dokument laget for testene.")
    return bytes(pdf.output())


class DocumentFactory(factory.django.DjangoModelFactory):
    title = factory.Sequence(lambda n: f"Rapport {n}")
    file = factory.LazyAttribute(lambda doc: ContentFile(one_page_pdf(doc.title), name="r.pdf"))

    class Meta:
        model = PortalDocument
        skip_postgeneration_save = True

    @factory.post_generation
    def metadata(document, create, extracted, **kwargs):
        document._set_document_file_metadata()
        if create:
            document.save()
