"""The admin's upload paths, used as an editor uses them: *Dokumenter → Legg til
dokumenter* (Wagtail's multiple upload) and the upload tab of the document chooser on a
report page. Every file is stored, whatever state it is in, and gets its status."""

import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from wagtail.models import Collection

from documents.extraction import ExtractionStatus
from documents.models import UPLOAD_COLLECTION, PortalDocument
from tests.pdfs import corrupt_pdf, text_pdf

pytestmark = pytest.mark.django_db

FILES = [
    ("tekst.pdf", lambda: text_pdf(["Kantina kastet halvparten så mye mat."]), ExtractionStatus.OK),
    ("skadet.pdf", corrupt_pdf, ExtractionStatus.CORRUPT),
    ("tom.pdf", lambda: b"", ExtractionStatus.EMPTY),
]


@pytest.fixture(params=["admin", "kommune editor"])
def uploader(request, admin_user, froya_editor, client):
    client.force_login(admin_user if request.param == "admin" else froya_editor)
    return client


def chosen_collection(html):
    """The collection a form's select has chosen (the first one if none is marked), or
    None where the form offers no choice."""
    select = re.search(r'<select[^>]*name="[^"]*collection"[^>]*>(.*?)</select>', html, re.S)
    if not select:
        return None
    options = re.findall(r'<option value="(\d+)"([^>]*)>', select.group(1))
    return next((pk for pk, attrs in options if "selected" in attrs), options[0][0])


@pytest.mark.parametrize(("name", "make", "status"), FILES, ids=[f[0] for f in FILES])
def test_the_multiple_upload_stores_every_file_with_its_status(
    uploader, django_capture_on_commit_callbacks, name, make, status
):
    page = uploader.get("/admin/documents/multiple/add/")
    assert page.status_code == 200
    # As the page's script does: the file, and the collection when there is a choice.
    data = {"files[]": SimpleUploadedFile(name, make(), content_type="application/pdf")}
    if chosen := chosen_collection(page.content.decode()):
        data["collection"] = chosen
    with django_capture_on_commit_callbacks(execute=True):
        response = uploader.post(
            "/admin/documents/multiple/add/",
            data,
            headers={"x-requested-with": "XMLHttpRequest"},
        )
    assert response.status_code == 200, response.content.decode()[:2000]
    answer = response.json()
    assert answer["success"], answer
    document = PortalDocument.objects.get(pk=answer["doc_id"])
    assert document.title == name
    assert document.extraction_status == status
    if status == ExtractionStatus.OK:
        assert "halvparten så mye mat" in document.extracted_text
    # The form that follows, to give the file a better title, saves too.
    edit = uploader.post(
        f"/admin/documents/multiple/{document.pk}/",
        {
            f"doc-{document.pk}-title": f"{name} (ny tittel)",
            f"doc-{document.pk}-collection": document.collection_id,
            f"doc-{document.pk}-language": "nn",
        },
        headers={"x-requested-with": "XMLHttpRequest"},
    )
    assert edit.status_code == 200
    assert edit.json()["success"], edit.content.decode()[:2000]
    document.refresh_from_db()
    assert (document.title, document.language) == (f"{name} (ny tittel)", "nn")


def test_the_chooser_on_a_report_page_uploads_to_the_report_collection(
    uploader, django_capture_on_commit_callbacks
):
    form = uploader.get("/admin/documents/chooser/").json()["html"]
    chosen = chosen_collection(form)
    reports = Collection.objects.get(name=UPLOAD_COLLECTION)
    if chosen:  # someone who may upload to several collections gets a choice
        assert int(chosen) == reports.pk
    data = {
        "document-chooser-upload-title": "Klimabudsjett 2025",
        "document-chooser-upload-file": SimpleUploadedFile("klima.pdf", text_pdf(["Klima."])),
        "document-chooser-upload-language": "nb",
    }
    if chosen:
        data["document-chooser-upload-collection"] = chosen
    with django_capture_on_commit_callbacks(execute=True):
        response = uploader.post("/admin/documents/chooser/create/", data)
    assert response.status_code == 200, response.content.decode()[:2000]
    document = PortalDocument.objects.get(title="Klimabudsjett 2025")
    assert document.collection == reports
    assert document.extraction_status == ExtractionStatus.OK
