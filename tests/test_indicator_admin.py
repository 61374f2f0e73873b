"""Importing figures in the admin, as a coordinator does it: upload, see what the file
would do, confirm, and undo; a bad file is explained with a 400 and what was typed is
kept; kommune editors cannot import."""

import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from indicators.models import ImportBatch, Indicator, Observation
from tests.test_indicator_files import ssb_dataset

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def no_figures(request):
    """Each test here starts with no figures (but those about the bootstrap's examples):
    the examples are removed, inside the test's own transaction."""
    if "examples" in request.node.name:
        return
    Observation.objects.all().delete()
    ImportBatch.objects.all().delete()
    Indicator.objects.all().delete()


IMPORT = "/admin/indikatorer/import/"


def upload(client, data, name="rekreasjon.json", **fields):
    return client.post(
        IMPORT, {"file": SimpleUploadedFile(name, data), "source": "SSB, tabell 1", **fields}
    )


def test_the_import_page_lists_the_examples_import_which_no_person_ran(client, coordinator):
    # The bootstrap's examples come in by a command, without a user: the page once
    # failed with a 500 on every fresh `make run` for want of one.
    client.force_login(coordinator)
    response = client.get(IMPORT)
    assert response.status_code == 200
    html = response.content.decode()
    assert "eksempeltall.json" in html and "en kommando" in html


def test_a_coordinator_uploads_previews_confirms_and_undoes(client, coordinator):
    client.force_login(coordinator)
    assert "Importer tall" in client.get("/admin/").content.decode()  # in the menu
    response = upload(client, ssb_dataset())
    batch = ImportBatch.objects.get()
    assert response.status_code == 302 and response["Location"] == f"{IMPORT}{batch.pk}/"
    assert not Observation.objects.exists()  # nothing stored before it is confirmed

    preview = client.get(f"{IMPORT}{batch.pk}/").content.decode()
    assert "rekreasjon.json vil gi 6 nye tall, endre 0 og la 0 være som de er." in preview
    assert "AndelRekr" in preview  # a new indicator, named

    response = client.post(f"{IMPORT}{batch.pk}/", follow=True)
    assert "rekreasjon.json er importert: 6 nye, 0 endrede og 0 uendrede tall." in (
        response.content.decode()
    )
    assert Observation.objects.count() == 6
    batch.refresh_from_db()
    assert batch.applied_at and batch.created_by == coordinator and batch.source == "SSB, tabell 1"
    again = client.post(f"{IMPORT}{batch.pk}/", follow=True)  # a second click
    assert "Denne filen er allerede importert." in again.content.decode()
    assert Observation.objects.count() == 6

    revised = ssb_dataset(value=[71.5, 99.0, 80.1, None, 69.9, 70.2])
    upload(client, revised, name="revidert.json")
    second = ImportBatch.objects.latest("pk")
    preview = client.get(f"{IMPORT}{second.pk}/").content.decode()
    assert "endre 1" in preview
    assert "<td>72</td>" in preview and "<td>99</td>" in preview  # Norwegian figures
    client.post(f"{IMPORT}{second.pk}/")

    response = client.post(reverse("indicator_import_undo", args=[batch.pk]), follow=True)
    assert "revidert.json" in response.content.decode()  # undo that one first
    assert Observation.objects.count() == 6
    client.post(reverse("indicator_import_undo", args=[second.pk]))
    response = client.post(reverse("indicator_import_undo", args=[batch.pk]), follow=True)
    assert "Importen av rekreasjon.json er angret." in response.content.decode()
    assert not Observation.objects.exists()


@pytest.mark.parametrize(
    ("data", "name", "message"),
    [
        (ssb_dataset(value=[1, 2, 3]), "feil.json", "«value» har 3 elementer"),
        (b"indikator;kommunenummer;\xc3\xa5r;verdi\nA;5001;2024;mye\n", "feil.csv", "Ikke et tall"),
        (b"%PDF-1.7", "rapport.pdf", "verken JSON-stat"),
        (json.dumps({"version": "2.0"}).encode(), "tom.json", "«id» og «size»"),
    ],
    ids=["size-mismatch", "text-in-number", "wrong-kind", "not-a-dataset"],
)
def test_a_bad_file_is_explained_with_a_400_and_the_form_kept(
    client, coordinator, data, name, message
):
    client.force_login(coordinator)
    response = upload(client, data, name=name, indicator="KodeJegSkrev")
    html = response.content.decode()
    assert response.status_code == 400
    assert message in html
    assert 'value="SSB, tabell 1"' in html and 'value="KodeJegSkrev"' in html
    assert not ImportBatch.objects.exists() and not Observation.objects.exists()


def test_a_form_without_a_file_says_so(client, coordinator):
    client.force_login(coordinator)
    response = client.post(IMPORT, {"source": "SSB"})
    assert response.status_code == 400
    assert "Dette feltet er påkrevet" in response.content.decode()


def test_kommune_editors_cannot_import_or_undo(client, froya_editor, coordinator):
    client.force_login(froya_editor)
    assert "Importer tall" not in client.get("/admin/").content.decode()
    assert client.get(IMPORT).status_code in (302, 403)
    assert upload(client, ssb_dataset()).status_code in (302, 403)
    assert not ImportBatch.objects.exists()
    client.force_login(coordinator)
    upload(client, ssb_dataset())
    batch = ImportBatch.objects.get()
    client.post(f"{IMPORT}{batch.pk}/")
    client.force_login(froya_editor)
    assert client.post(reverse("indicator_import_undo", args=[batch.pk])).status_code in (302, 403)
    assert Observation.objects.count() == 6


def test_the_indicators_are_listed_for_coordinators(client, coordinator):
    client.force_login(coordinator)
    upload(client, ssb_dataset())
    client.post(f"{IMPORT}{ImportBatch.objects.get().pk}/")
    listing = client.get("/admin/snippets/indicators/indicator/")
    assert listing.status_code == 200
    assert "Andel med tilgang til rekreasjonsareal" in listing.content.decode()


def test_a_coordinator_sets_a_kommunes_kostra_group_and_cannot_rename_it(client, coordinator):
    from indicators.models import Area

    client.force_login(coordinator)
    froya = Area.objects.get(code="5014")
    url = f"/admin/snippets/indicators/area/edit/{froya.pk}/"
    listing = client.get("/admin/snippets/indicators/area/").content.decode()
    assert "Frøya" in listing and "Trøndelag" in listing
    response = client.post(url, {"kostra_group": "K2", "name": "Noe annet"})
    assert response.status_code == 302
    froya.refresh_from_db()
    assert (froya.kostra_group, froya.name) == ("K2", "Frøya")


def test_kommune_editors_cannot_change_areas(client, froya_editor):
    from indicators.models import Area

    client.force_login(froya_editor)
    froya = Area.objects.get(code="5014")
    client.post(f"/admin/snippets/indicators/area/edit/{froya.pk}/", {"kostra_group": "K9"})
    froya.refresh_from_db()
    assert froya.kostra_group == ""
