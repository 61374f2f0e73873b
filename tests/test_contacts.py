"""Contact people: a kommune page names them only when they have agreed, as schema.org
Persons; only that kommune's editors (and the coordinators) can edit them; the API gives
only those who agreed; «Om nettverket» lists the member organisations."""

import datetime

import pytest
from wagtail.models import Locale
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text

from network.models import KommuneContact, KommunePage, NetworkContact

pytestmark = pytest.mark.django_db


def froya(language="nb"):
    return KommunePage.objects.get(kommunenummer="5014", locale__language_code=language)


def add_contact(page, **fields):
    values = {
        "name": "Kari Nordmann",
        "role": "Rådgiver, klima og miljø",
        "email": "kari.nordmann@example.no",
        "phone": "72 00 00 00",
        "consent": True,
        "consent_date": datetime.date(2026, 11, 1),
    }
    values.update(fields)
    contact = KommuneContact.objects.create(page=page, **values)
    page.save_revision().publish()
    return contact


def test_a_kommune_without_a_contact_says_so_and_points_to_the_network(client):
    html = client.get("/kommuner/froya/").content.decode()
    assert "Frøya har ikke oppgitt en kontaktperson her ennå." in html
    assert 'href="/om-nettverket/"' in html


def test_a_contact_who_agreed_is_shown_as_a_schema_org_person(client):
    add_contact(froya())
    html = client.get("/kommuner/froya/").content.decode()
    assert 'itemtype="https://schema.org/Person"' in html
    assert '<h3 class="ds-heading" data-size="xs" itemprop="name">Kari Nordmann</h3>' in html
    assert 'href="mailto:kari.nordmann@example.no" itemprop="email"' in html
    assert 'href="tel:72000000" itemprop="telephone"' in html
    assert "har ikke oppgitt en kontaktperson" not in html


def test_a_contact_who_has_not_agreed_is_nowhere(client):
    add_contact(froya(), name="Ola Uten Samtykke", consent=False, consent_date=None)
    for path in ("/kommuner/froya/", "/nn/kommuner/froya/", "/en/kommuner/froya/"):
        html = client.get(path).content.decode()
        assert "Ola Uten Samtykke" not in html, path
    api = client.get("/api/v2/pages/?type=network.KommunePage&fields=listed_contacts").json()
    assert "Ola Uten Samtykke" not in str(api)


def test_the_api_gives_only_the_contacts_who_agreed(client):
    add_contact(froya())
    add_contact(froya(), name="Ola Uten Samtykke", consent=False, consent_date=None)
    response = client.get(
        "/api/v2/pages/?type=network.KommunePage&kommunenummer=5014&locale=nb"
        "&fields=listed_contacts"
    )
    [item] = response.json()["items"]
    assert item["listed_contacts"] == [
        {
            "name": "Kari Nordmann",
            "role": "Rådgiver, klima og miljø",
            "email": "kari.nordmann@example.no",
            "phone": "72 00 00 00",
        }
    ]


def test_a_consent_needs_its_date_and_a_contact_a_way_to_reach_them():
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError, match="når personen sa ja"):
        KommuneContact(name="A", role="B", email="a@example.no", consent=True).clean()
    with pytest.raises(ValidationError, match="e-post eller telefon"):
        KommuneContact(name="A", role="B").clean()


def edit_form(page, contacts):
    return nested_form_data(
        {
            "title": page.title,
            "slug": page.slug,
            "kommunenummer": page.kommunenummer,
            "offisielt_navn": page.offisielt_navn,
            "indicator_url": page.indicator_url,
            # An empty rich text field comes back from the editor as null.
            "intro": rich_text(page.intro) if page.intro else "null",
            "contacts": inline_formset(contacts),
            "comments": inline_formset([]),
        }
    )


def test_a_kommune_editor_adds_a_contact_that_shows_once_a_coordinator_approves(
    client, froya_editor, coordinator
):
    page = froya()
    client.force_login(froya_editor)
    contact = {
        "name": "Kari Nordmann",
        "role": "Rådgiver",
        "email": "kari@example.no",
        "phone": "",
        "consent": "on",
        "consent_date": "2026-11-01",
    }
    response = client.post(
        f"/admin/pages/{page.pk}/edit/", {**edit_form(page, [contact]), "action-submit": "1"}
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    assert "Kari Nordmann" not in client.get("/kommuner/froya/").content.decode()  # not yet
    # The coordinator approves from the admin's dashboard, as «Venter på godkjenning»
    # offers it (the button posts to Wagtail's workflow action).
    client.force_login(coordinator)
    page.refresh_from_db()
    task_state = page.current_workflow_task_state
    dashboard = client.get("/admin/").content.decode()
    action = f"/admin/pages/workflow/action/{page.pk}/approve/{task_state.pk}/"
    assert f'data-workflow-action-url="{action}"' in dashboard
    assert client.post(action, {"next": "/admin/"}).status_code == 302
    assert "Kari Nordmann" in client.get("/kommuner/froya/").content.decode()


def test_a_coordinator_can_approve_a_new_contact_from_the_edit_view(
    client, froya_editor, coordinator
):
    """The contact exists only in the draft; approving it from the page editor once
    counted as an edit, and the review started over each time."""
    page = froya()
    contact = {
        "name": "Kari Nordmann",
        "role": "Rådgiver",
        "email": "kari@example.no",
        "phone": "",
        "consent": "on",
        "consent_date": "2026-11-01",
        "ORDER": "1",
    }
    client.force_login(froya_editor)
    client.post(
        f"/admin/pages/{page.pk}/edit/", {**edit_form(page, [contact]), "action-submit": "1"}
    )
    client.force_login(coordinator)
    page.refresh_from_db()
    revisions = page.revisions.count()
    response = client.post(
        f"/admin/pages/{page.pk}/edit/",
        {
            **edit_form(page, [contact]),
            "action-workflow-action": "true",
            "workflow-action-name": "approve",
        },
    )
    assert response.status_code == 302
    page.refresh_from_db()
    assert page.revisions.count() == revisions  # not taken for an edit
    assert page.current_workflow_state is None  # approved, the workflow is done
    assert "Kari Nordmann" in client.get("/kommuner/froya/").content.decode()


def test_a_kommune_editor_cannot_edit_another_kommunes_contacts(client, froya_editor):
    hitra = KommunePage.objects.get(kommunenummer="5056", locale=Locale.get_default())
    client.force_login(froya_editor)
    response = client.post(
        f"/admin/pages/{hitra.pk}/edit/",
        {**edit_form(hitra, [{"name": "X", "role": "Y", "email": "x@example.no"}])},
    )
    assert response.status_code in (302, 403)
    assert not KommuneContact.objects.filter(page=hitra).exists()
    assert not hitra.get_latest_revision() or "X" not in str(
        hitra.get_latest_revision().content.get("contacts", "")
    )


def test_om_nettverket_lists_the_member_organisations(client):
    html = client.get("/om-nettverket/").content.decode()
    for name in (
        "Statsforvalteren i Trøndelag",
        "KS",
        "Næringsalliansen",
        "Trøndelag fylkeskommune",
    ):
        assert f'<strong itemprop="name">{name}</strong>' in html
    assert html.count('itemtype="https://schema.org/Organization"') == 5
    english = client.get("/en/om-nettverket/").content.decode()
    assert "Trøndelag County Council" in english


def test_a_withdrawn_yes_is_withdrawn_in_every_language_at_once(client):
    contact = add_contact(froya())
    for prefix in ("", "/nn", "/en"):
        assert "Kari Nordmann" in client.get(f"{prefix}/kommuner/froya/").content.decode()
    contact.consent = False
    contact.save()
    for prefix in ("", "/nn", "/en"):
        assert "Kari Nordmann" not in client.get(f"{prefix}/kommuner/froya/").content.decode()
    api = client.get("/api/v2/pages/?type=network.KommunePage&fields=listed_contacts").json()
    assert "Kari Nordmann" not in str(api)


def test_the_networks_coordinators_show_on_om_nettverket_only_with_a_yes(client):
    NetworkContact.objects.create(
        name="Nora Koordinator",
        role="Nettverkskoordinator",
        email="nora@example.no",
        consent=True,
        consent_date=datetime.date(2026, 11, 1),
    )
    NetworkContact.objects.create(name="Uten Ja", role="Koordinator", email="uten@example.no")
    for prefix in ("", "/nn", "/en"):
        html = client.get(f"{prefix}/om-nettverket/").content.decode()
        assert '<h3 class="ds-heading" data-size="xs" itemprop="name">Nora Koordinator</h3>' in html
        assert "Uten Ja" not in html
    assert "Nora Koordinator" not in client.get("/personvern/").content.decode()
    # Not in the API or search either: the people are not part of any page's content.
    assert "Nora" not in str(client.get("/api/v2/pages/?fields=*&limit=100").json())
    assert "Nora Koordinator" not in client.get("/sok/?q=Nora").content.decode()
