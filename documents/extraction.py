"""Text extraction from PDF files, with a clear status for every file that cannot be read.

pypdfium2 was chosen by measurement: about four times as fast as pypdf on a 100-page
report (bench/pdf_extraction.py, numbers in bench/results/pdf_extraction.txt)."""

from dataclasses import dataclass

import pypdfium2
from django.db import models
from django.utils.translation import gettext_lazy as _

# The text kept per document. PostgreSQL refuses a tsvector over 1 MB; half a million
# characters stays below that even when every word is different (a test checks it), and
# holds a report of about 170 dense pages.
MAX_EXTRACTED_CHARACTERS = 500_000


class ExtractionStatus(models.TextChoices):
    PENDING = "pending", _("Venter på tekstuttrekk")
    OK = "ok", _("Teksten er hentet ut")
    TRUNCATED = "truncated", _("Teksten er hentet ut, men kortet ned fordi den var svært lang")
    NO_TEXT = "no_text", _("Fant ingen tekst: PDF-en er trolig skannet eller består av bilder")
    ENCRYPTED = "encrypted", _("PDF-en er passordbeskyttet, så teksten kan ikke leses")
    CORRUPT = "corrupt", _("Filen er skadet eller er ikke en PDF")
    EMPTY = "empty", _("Filen er tom")
    NOT_PDF = "not_pdf", _("Ikke en PDF: ingen tekst hentet ut")
    FAILED = "failed", _("Tekstuttrekket feilet")


# What an editor can do about a status, for the «Melding» column of the report. The PDF
# library's own words (English, technical) go to the log instead.
WHAT_TO_DO = {
    ExtractionStatus.PENDING: _("Teksten blir hentet ut om litt."),
    ExtractionStatus.TRUNCATED: _(
        "Bare begynnelsen av teksten blir søkbar. Del gjerne rapporten i flere PDF-er."
    ),
    ExtractionStatus.NO_TEXT: _(
        "Lag PDF-en på nytt fra originalen (for eksempel Word), eller kjør tekstgjenkjenning "
        "(OCR) på den, og last den opp igjen. Da blir teksten søkbar."
    ),
    ExtractionStatus.ENCRYPTED: _(
        "Lagre en kopi av PDF-en uten passord, og last den opp i stedet for denne."
    ),
    ExtractionStatus.CORRUPT: _(
        "Sjekk at du kan åpne filen på maskinen din. Lagre den som PDF på nytt, og last den "
        "opp igjen."
    ),
    ExtractionStatus.EMPTY: _("Filen kom fram uten innhold. Last den opp på nytt."),
    ExtractionStatus.NOT_PDF: _("Bare teksten i PDF-er blir søkbar."),
    ExtractionStatus.FAILED: _(
        "Noe gikk galt hos oss. Last opp filen på nytt. Skjer det igjen, si fra til dem som "
        "drifter portalen."
    ),
}


@dataclass
class Extraction:
    status: str
    text: str = ""
    page_count: int | None = None
    # What the PDF library said about a file it could not read: for the log, not editors.
    detail: str = ""


def clean(text):
    # PostgreSQL text columns cannot hold NUL; pdfium marks line ends with \r\n.
    return text.replace("\x00", "").replace("\r\n", "\n")


def extract_pdf(data: bytes) -> Extraction:
    """Extracts the text of a PDF given as bytes. Never raises for a bad file."""
    if not data:
        return Extraction(ExtractionStatus.EMPTY)
    try:
        document = pypdfium2.PdfDocument(data)
    except pypdfium2.PdfiumError as error:
        if "password" in str(error).lower():
            return Extraction(ExtractionStatus.ENCRYPTED, detail=str(error))
        return Extraction(ExtractionStatus.CORRUPT, detail=str(error))
    try:
        page_count = len(document)
        parts, length = [], 0
        for page in document:
            text = clean(page.get_textpage().get_text_range())
            parts.append(text)
            length += len(text) + 2
            if length > MAX_EXTRACTED_CHARACTERS:
                break
    finally:
        document.close()
    text = "\n\n".join(parts).strip()
    if not text:
        return Extraction(ExtractionStatus.NO_TEXT, page_count=page_count)
    if len(text) > MAX_EXTRACTED_CHARACTERS:
        return Extraction(
            ExtractionStatus.TRUNCATED, text=text[:MAX_EXTRACTED_CHARACTERS], page_count=page_count
        )
    return Extraction(ExtractionStatus.OK, text=text, page_count=page_count)
