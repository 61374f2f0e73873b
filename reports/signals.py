"""Report pages are searched by the text of their PDF: they are indexed again when the
document app says a document's text, or who may see it, has changed."""

from django.dispatch import receiver
from wagtail.search import index

from documents.changes import document_changed
from reports.models import ReportPage


@receiver(document_changed)
def reindex_reports_using(sender, document, **kwargs):
    for page in ReportPage.objects.filter(document=document):
        index.insert_or_update_object(page)
