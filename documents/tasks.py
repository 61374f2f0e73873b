"""Text extraction as background work (django-tasks: immediate in development and tests,
a worker in production)."""

import hashlib
import logging

from django.utils import timezone
from django_tasks import task
from wagtail.documents import get_document_model

from documents.changes import document_changed
from documents.extraction import Extraction, ExtractionStatus, extract_pdf

logger = logging.getLogger(__name__)

EXTRACTION_FIELDS = [
    "extracted_text",
    "page_count",
    "extraction_status",
    "extraction_detail",
    "extracted_hash",
    "extracted_at",
]


@task()
def extract_document_text(document_id):
    """Reads the document's file and stores its text, page count and a status. A file
    that cannot be read gets a status, never an exception: the upload itself stands."""
    document = get_document_model().objects.filter(pk=document_id).first()
    if document is None:
        return
    try:
        with document.file.open("rb") as handle:
            data = handle.read()
        if document.file_extension.lower() != "pdf":
            result = Extraction(ExtractionStatus.NOT_PDF)
        else:
            result = extract_pdf(data)
    except Exception as error:  # noqa: BLE001 - any failure becomes a status editors see
        logger.exception("Text extraction failed for document %s", document_id)
        data = b""
        result = Extraction(ExtractionStatus.FAILED, detail=str(error))
    else:
        if result.detail:
            # Editors see what they can do (documents.extraction.WHAT_TO_DO); the library's
            # own words are for whoever runs the portal.
            logger.warning(
                "Text extraction of document %s (%r): %s: %s",
                document_id,
                document.title,
                result.status,
                result.detail,
            )

    document.extracted_text = result.text
    document.page_count = result.page_count
    document.extraction_status = result.status
    document.extraction_detail = result.detail[:300]
    document.extracted_hash = document.file_hash or hashlib.sha1(data).hexdigest()
    document.extracted_at = timezone.now()
    document.save(update_fields=EXTRACTION_FIELDS)
    document_changed.send(sender=type(document), document=document)
