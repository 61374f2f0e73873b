"""PortalDocument security: privacy of collections holds for downloads and the API, only
allowed file types are accepted, and no uploaded file can run in the portal's origin."""

import pytest
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from wagtail.models import Collection, CollectionViewRestriction

from documents.models import PortalDocument
from tests.pdfs import text_pdf

pytestmark = pytest.mark.django_db
SECRET_TEXT = "Internt utkast som ikke er klart."


def make_document(title, collection, name="fil.pdf", data=None):
    document = PortalDocument(title=title, collection=collection)
    document.file = ContentFile(data or text_pdf([SECRET_TEXT]), name=name)
    document._set_document_file_metadata()
    document.save()
    return document


@pytest.fixture
def private_collections():
    root = Collection.get_first_root_node()
    private = root.add_child(name="Internt")
    CollectionViewRestriction.objects.create(
        collection=private, restriction_type=CollectionViewRestriction.LOGIN
    )
    # A collection inside a private one is private too.
    return private, private.add_child(name="Internt / utkast")


def test_a_private_document_is_not_served_to_anonymous_visitors(client, private_collections):
    for collection in private_collections:
        document = make_document(f"Utkast i {collection.name}", collection)
        response = client.get(document.url)
        assert response.status_code in (302, 403)
        assert b"%PDF" not in b"".join(getattr(response, "streaming_content", [response.content]))


def test_a_private_document_is_served_to_a_logged_in_user(admin_client, private_collections):
    document = make_document("Utkast", private_collections[0])
    response = admin_client.get(document.url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content).startswith(b"%PDF")


def test_a_private_document_is_absent_from_the_api(client, private_collections):
    public = make_document("Offentlig rapport", Collection.get_first_root_node())
    hidden = [make_document(f"Utkast {c.name}", c) for c in private_collections]
    listed = {item["id"] for item in client.get("/api/v2/documents/?limit=100").json()["items"]}
    assert public.pk in listed
    for document in hidden:
        assert document.pk not in listed
        assert client.get(f"/api/v2/documents/{document.pk}/").status_code == 404


def test_documents_are_sent_so_they_cannot_run_in_our_origin(client):
    root = Collection.get_first_root_node()
    pdf = make_document("Rapport", root)
    csv = make_document("Tall", root, name="tall.csv", data=b"a;b\n1;2\n")
    for document in (pdf, csv):
        response = client.get(document.url)
        assert response.status_code == 200
        assert response["Content-Security-Policy"] == "default-src 'none'"
        assert response["X-Content-Type-Options"] == "nosniff"
    assert client.get(pdf.url)["Content-Disposition"].startswith("inline")
    assert client.get(csv.url)["Content-Disposition"].startswith("attachment")


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("side.html", b"<script>alert(document.cookie)</script>"),
        ("bilde.svg", b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>'),
        ("program.exe", b"MZ"),
        ("rapport.pdf.html", b"<html></html>"),
    ],
)
def test_file_types_outside_the_allow_list_are_refused(admin_client, name, data):
    response = admin_client.post(
        "/admin/documents/add/",
        {
            "title": name,
            "file": SimpleUploadedFile(name, data),
            "collection": Collection.get_first_root_node().pk,
            "language": "nb",
        },
    )
    assert response.status_code == 200  # the form again, with the reason
    assert not PortalDocument.objects.filter(title=name).exists()
    extension = name.rsplit(".", 1)[-1]
    assert f"Filendelsen &quot;{extension}&quot; er ikke tillatt" in response.content.decode()


@override_settings(WAGTAILDOCS_MAX_UPLOAD_SIZE=1024)
def test_files_over_the_size_limit_are_refused(admin_client):
    response = admin_client.post(
        "/admin/documents/add/",
        {
            "title": "Stor",
            "file": SimpleUploadedFile("stor.pdf", text_pdf(["x" * 2000] * 3)),
            "collection": Collection.get_first_root_node().pk,
            "language": "nb",
        },
    )
    assert response.status_code == 200
    assert not PortalDocument.objects.filter(title="Stor").exists()


def test_a_report_whose_pdf_is_private_neither_links_nor_describes_it(
    client, admin_client, private_collections
):
    from reports.models import ReportPage

    report = ReportPage.objects.get(
        title="Bærekraftsrapport Frøya 2024", locale__language_code="nb"
    )
    report.document.collection = private_collections[0]
    report.document.save()
    html = client.get(report.url).content.decode()
    assert report.document.url not in html
    assert "Les rapporten (PDF)" not in html
    assert report.document.url not in client.get("/kommuner/froya/").content.decode()
    assert report.document.url not in client.get("/rapporter/?kommune=5014").content.decode()
    api = client.get(f"/api/v2/pages/{report.pk}/?fields=document_url").json()
    assert api["document_url"] is None
    # Someone who may see the collection still gets the link.
    assert report.document.url in admin_client.get(report.url).content.decode()
