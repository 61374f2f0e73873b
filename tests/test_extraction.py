"""Text extraction from real generated PDFs: every kind of file gets the text or a clear
status, and a bad file never stops an upload."""

import pytest
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from wagtail.models import Collection

from documents.extraction import MAX_EXTRACTED_CHARACTERS, ExtractionStatus, extract_pdf
from documents.models import PortalDocument
from tests.pdfs import corrupt_pdf, image_only_pdf, text_pdf


def test_a_multi_page_pdf_gives_the_text_of_every_page_with_norwegian_letters():
    pages = ["Matsvinn i skolen.", "Bærekraftige anskaffelser.", "Økt gjenbruk på Åfjord."]
    result = extract_pdf(text_pdf(pages))
    assert result.status == ExtractionStatus.OK
    assert result.page_count == 3
    for page in pages:
        assert page in result.text
    assert "måler framgang på bærekraftsmålene" in result.text


def test_an_empty_file():
    assert extract_pdf(b"").status == ExtractionStatus.EMPTY


def test_a_corrupt_file():
    result = extract_pdf(corrupt_pdf())
    assert result.status == ExtractionStatus.CORRUPT
    assert result.text == ""


def test_a_file_that_is_not_a_pdf_at_all():
    assert extract_pdf(b"<html><script>alert(1)</script></html>").status == (
        ExtractionStatus.CORRUPT
    )


def test_a_password_protected_pdf():
    result = extract_pdf(text_pdf(["Hemmelig innhold."], password="hemmelig"))
    assert result.status == ExtractionStatus.ENCRYPTED
    assert "Hemmelig" not in result.text


def test_an_image_only_pdf():
    result = extract_pdf(image_only_pdf())
    assert result.status == ExtractionStatus.NO_TEXT
    assert result.page_count == 2


def test_a_pdf_over_the_text_cap_is_cut_to_the_cap():
    page = "Bærekraft " * 400  # about 4,000 characters a page
    pages = MAX_EXTRACTED_CHARACTERS // len(page) + 20
    result = extract_pdf(text_pdf([page] * pages, lines=()))
    assert result.status == ExtractionStatus.TRUNCATED
    assert len(result.text) == MAX_EXTRACTED_CHARACTERS
    assert result.page_count == pages


@pytest.mark.django_db
@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's tsvector limit")
def test_text_at_the_cap_fits_in_a_postgresql_tsvector():
    # The worst case for a tsvector: every word different, so nothing is shared.
    words, number = [], 0
    while sum(len(w) + 1 for w in words) < MAX_EXTRACTED_CHARACTERS:
        words.append(f"ord{number:x}æ")
        number += 1
    text = " ".join(words)[:MAX_EXTRACTED_CHARACTERS]
    with connection.cursor() as cursor:
        cursor.execute("SELECT length(to_tsvector('norwegian', %s))", [text])
        assert cursor.fetchone()[0] > 50_000


UPLOADS = [
    ("rapport.pdf", lambda: text_pdf(["Folkehelse og bærekraft."]), ExtractionStatus.OK),
    ("tom.pdf", lambda: b"", ExtractionStatus.EMPTY),
    ("skadet.pdf", corrupt_pdf, ExtractionStatus.CORRUPT),
    ("last.pdf", lambda: text_pdf(["x"], password="hemmelig"), ExtractionStatus.ENCRYPTED),
    ("skannet.pdf", image_only_pdf, ExtractionStatus.NO_TEXT),
    ("tall.csv", lambda: b"kommune;andel\nFroya;12\n", ExtractionStatus.NOT_PDF),
]


@pytest.mark.django_db
@pytest.mark.parametrize(("name", "make", "status"), UPLOADS, ids=[u[0] for u in UPLOADS])
def test_every_upload_is_stored_with_a_status_the_editor_sees(
    admin_client, django_capture_on_commit_callbacks, name, make, status
):
    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(
            "/admin/documents/add/",
            {
                "title": name,
                "file": SimpleUploadedFile(name, make()),
                "collection": Collection.get_first_root_node().pk,
                "language": "nb",
            },
        )
    assert response.status_code == 302, response.content.decode()[:2000]
    document = PortalDocument.objects.get(title=name)
    assert document.extraction_status == status
    report = admin_client.get("/admin/reports/tekstuttrekk/").content.decode()
    assert name in report
    assert str(status.label) in report


@pytest.mark.django_db
def test_replacing_the_file_extracts_the_new_text(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        document = PortalDocument(title="Utkast")
        document.file = ContentFile(text_pdf(["Første utgave."]), name="utkast.pdf")
        document._set_document_file_metadata()
        document.save()
    assert "Første utgave" in PortalDocument.objects.get(pk=document.pk).extracted_text
    with django_capture_on_commit_callbacks(execute=True):
        document.file = ContentFile(text_pdf(["Andre utgave."]), name="utkast2.pdf")
        document._set_document_file_metadata()
        document.save()
    document.refresh_from_db()
    assert "Andre utgave" in document.extracted_text
    assert "Første" not in document.extracted_text


@pytest.mark.django_db(transaction=True)  # the worker opens its own transactions
def test_in_production_a_worker_extracts_the_text_after_the_upload():
    """With the database task queue that production uses, the upload only queues the
    work; `manage.py db_worker` does it."""
    from django.core.management import call_command
    from django.test import override_settings

    # A transactional test may start from an emptied database: make the root collection.
    root = Collection.get_first_root_node() or Collection.add_root(name="Root")
    with override_settings(TASKS={"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}):
        document = PortalDocument(title="Køet", collection=root)
        document.file = ContentFile(text_pdf(["Gjort av arbeideren."]), name="ko.pdf")
        document._set_document_file_metadata()
        document.save()
        document.refresh_from_db()
        assert document.extraction_status == ExtractionStatus.PENDING
        call_command("db_worker", "--batch", "--no-reload", verbosity=0)
    document.refresh_from_db()
    assert document.extraction_status == ExtractionStatus.OK
    assert "Gjort av arbeideren" in document.extracted_text
