"""Text extraction from real generated PDFs: every kind of file gets the text or a clear
status, and a bad file never stops an upload."""

import csv
import datetime
import io
import logging
import re
from html.parser import HTMLParser

import pytest
from django.contrib.auth.models import Group
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


REPORT = "/admin/reports/tekstuttrekk/"
# Statuses an editor has to do something about: the message says what.
PROBLEMS = [
    ExtractionStatus.EMPTY,
    ExtractionStatus.CORRUPT,
    ExtractionStatus.ENCRYPTED,
    ExtractionStatus.NO_TEXT,
]


class ReportRows(HTMLParser):
    """The rows of the report's table: each cell's text, and the link in the first one."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.rows, self._cell = [], None

    def handle_starttag(self, tag, attrs):
        if tag == "tr":
            self.rows.append({"cells": [], "link": None})
        elif tag == "td" and self.rows:
            self._cell = ""
        elif tag == "a" and self._cell is not None and not self.rows[-1]["cells"]:
            self.rows[-1]["link"] = dict(attrs).get("href")

    def handle_endtag(self, tag):
        if tag == "td" and self._cell is not None:
            self.rows[-1]["cells"].append(" ".join(self._cell.split()))
            self._cell = None

    def handle_data(self, data):
        if self._cell is not None:
            self._cell += data


def report_row(html, title):
    parser = ReportRows()
    parser.feed(html)
    return next(row for row in parser.rows if row["cells"] and row["cells"][0] == title)


def upload(client, name, data):
    response = client.post(
        "/admin/documents/add/",
        {
            "title": name,
            "file": SimpleUploadedFile(name, data),
            "collection": Collection.get_first_root_node().pk,
            "language": "nb",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    return PortalDocument.objects.get(title=name)


@pytest.mark.django_db
@pytest.mark.parametrize(("name", "make", "status"), UPLOADS, ids=[u[0] for u in UPLOADS])
def test_every_upload_is_stored_with_a_status_the_editor_sees(
    admin_client, django_capture_on_commit_callbacks, name, make, status
):
    with django_capture_on_commit_callbacks(execute=True):
        document = upload(admin_client, name, make())
    document.refresh_from_db()
    assert document.extraction_status == status
    row = report_row(admin_client.get(REPORT).content.decode(), name)
    assert row["link"] == f"/admin/documents/edit/{document.pk}/"
    assert row["cells"][1] == str(status.label)
    message = row["cells"][3]
    if status in PROBLEMS:
        assert message, "a file that could not be read tells the editor what to do"
    # In Norwegian: what the PDF library said is for the log, not for editors.
    assert not re.search(r"PDFium|[Ff]ailed|[Ee]rror|[Pp]assword", message), message
    if document.extraction_detail:
        assert document.extraction_detail not in message


@pytest.mark.django_db
def test_the_pdf_librarys_own_words_go_to_the_log(
    admin_client, django_capture_on_commit_callbacks, caplog
):
    with caplog.at_level(logging.WARNING, logger="documents.tasks"):
        with django_capture_on_commit_callbacks(execute=True):
            document = upload(admin_client, "skadet.pdf", corrupt_pdf())
    logged = [r.getMessage() for r in caplog.records if r.name == "documents.tasks"]
    assert any(str(document.pk) in line and "PDFium" in line for line in logged), logged


@pytest.mark.django_db
def test_an_editor_can_open_the_documents_they_may_edit_from_the_report(
    client, admin_client, django_user_model, django_capture_on_commit_callbacks
):
    """A kommune editor may edit the documents they uploaded, not the others: the report
    links the first to their edit page and shows the others' titles without a link
    that would only end in «no access»."""
    editor = django_user_model.objects.create_user("froya-rapport", "r@froya.example", "x")
    editor.groups.add(Group.objects.get(name__startswith="Kommuneredaktør 5014 "))
    client.force_login(editor)
    with django_capture_on_commit_callbacks(execute=True):
        own = upload(client, "egen.pdf", corrupt_pdf())
        others = upload(admin_client, "andres.pdf", corrupt_pdf())
    html = client.get(REPORT).content.decode()
    assert report_row(html, "egen.pdf")["link"] == f"/admin/documents/edit/{own.pk}/"
    assert report_row(html, "andres.pdf")["link"] is None
    assert client.get(f"/admin/documents/edit/{own.pk}/").status_code == 200
    assert client.get(f"/admin/documents/edit/{others.pk}/").status_code != 200


@pytest.mark.django_db
def test_the_exported_report_speaks_norwegian_and_oslo_time(
    admin_client, django_capture_on_commit_callbacks, time_machine
):
    time_machine.move_to(datetime.datetime(2024, 6, 3, 12, 0, tzinfo=datetime.UTC), tick=False)
    with django_capture_on_commit_callbacks(execute=True):
        upload(admin_client, "skadet.pdf", corrupt_pdf())
    response = admin_client.get(REPORT + "?export=csv")
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode())))
    assert rows[0] == ["Dokument", "Status", "Sider", "Melding", "Sist lest"]
    row = next(row for row in rows if row[0] == "skadet.pdf")
    html_row = report_row(admin_client.get(REPORT).content.decode(), "skadet.pdf")
    assert row[1:4] == html_row["cells"][1:4]
    assert row[4] == "2024-06-03 14:00"


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
