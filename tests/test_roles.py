"""Roles from the bootstrap: a kommune's editors work inside their own kommune and send
pages for approval; network coordinators approve and publish anywhere."""

import io

import pytest
from django.contrib.auth.models import Group
from django.test import override_settings
from wagtail.models import GroupPagePermission

from network.models import KommunePage, ThemePage
from tests.conftest import nb

pytestmark = pytest.mark.django_db


def test_there_is_one_editor_group_per_kommune_and_for_the_county():
    assert Group.objects.filter(name__startswith="Kommuneredaktør ").count() == 39


def test_a_kommune_editor_edits_only_their_own_kommune_and_cannot_publish(froya_editor):
    froya = nb(KommunePage, kommunenummer="5014").permissions_for_user(froya_editor)
    hitra = nb(KommunePage, kommunenummer="5056").permissions_for_user(froya_editor)
    theme = nb(ThemePage, slug="matsvinn").permissions_for_user(froya_editor)
    assert froya.can_edit()
    assert not froya.can_publish()
    assert not hitra.can_edit()
    assert not theme.can_edit()
    assert froya_editor.has_perm("wagtailadmin.access_admin")


def test_a_coordinator_publishes_anywhere(coordinator):
    for page in (nb(KommunePage, kommunenummer="5056"), nb(ThemePage, slug="matsvinn")):
        permissions = page.permissions_for_user(coordinator)
        assert permissions.can_edit()
        assert permissions.can_publish()


def test_every_page_goes_through_the_coordinators_approval():
    workflow = nb(KommunePage, kommunenummer="5014").get_workflow()
    assert workflow.name == "Godkjenning i nettverket"
    task = workflow.tasks.get().specific
    assert list(task.groups.values_list("name", flat=True)) == ["Nettverkskoordinator"]


def test_no_group_but_the_coordinators_reaches_beyond_one_kommune():
    """Wagtail's default Editors and Moderators groups could edit every page; the
    bootstrap retires them, and no other group may reach outside a single kommune."""
    assert not Group.objects.filter(name__in=["Editors", "Moderators"]).exists()
    kommuner = list(KommunePage.objects.all())
    for group in Group.objects.exclude(name="Nettverkskoordinator"):
        reached = set()
        for grant in GroupPagePermission.objects.filter(group=group).select_related("page"):
            owners = [k for k in kommuner if grant.page.path.startswith(k.path)]
            assert owners, f"{group.name} may {grant.permission.codename} {grant.page.url_path}"
            reached.add(owners[0].pk)
        assert len(reached) <= 1, f"{group.name} reaches {len(reached)} kommuner"


def test_a_default_group_with_members_is_emptied_not_deleted(django_user_model):
    from django.core.management import call_command
    from wagtail.models import Page

    editors = Group.objects.create(name="Editors")
    GroupPagePermission.objects.create(
        group=editors, page=Page.get_first_root_node(), permission_type="change"
    )
    django_user_model.objects.create_user("feil-gruppe", "f@example.no", "x").groups.add(editors)
    call_command("load_network", verbosity=0, stderr=io.StringIO())
    editors.refresh_from_db()
    assert not GroupPagePermission.objects.filter(group=editors).exists()
    assert editors.user_set.count() == 1


@override_settings(WAGTAILADMIN_BASE_URL="https://baerekraft.example.no")
def test_the_coordinators_are_told_by_e_mail_with_a_link_to_base_url(
    froya_editor, coordinator, mailoutbox
):
    from cases.factories import CasePageFactory

    froya = nb(KommunePage, kommunenummer="5014")
    case = CasePageFactory(parent=froya, live=False, body=[])
    case.save_revision(user=froya_editor)
    case.get_workflow().start(case, froya_editor)
    sent = [mail for mail in mailoutbox if coordinator.email in mail.to]
    assert sent, [mail.subject for mail in mailoutbox]
    assert f"https://baerekraft.example.no/admin/pages/{case.pk}/" in sent[0].body


def test_make_run_gives_links_the_port_it_serves():
    import subprocess

    from tests.conftest import BASE_DIR

    printed = subprocess.run(
        ["make", "-n", "run", "PORT=8123"], cwd=BASE_DIR, capture_output=True, text=True
    ).stdout
    assert "BASE_URL=http://127.0.0.1:8123 .venv/bin/python manage.py bootstrap" in printed
    assert "BASE_URL=http://127.0.0.1:8123 .venv/bin/python manage.py runserver" in printed
    assert "runserver --nostatic 127.0.0.1:8123" in printed


def test_the_site_follows_base_url_so_full_links_name_the_port_served(client):
    """Full URLs (the sitemap, hreflang, the API's html_url) come from the Site record,
    which the bootstrap keeps at BASE_URL's address."""
    from django.core.management import call_command
    from wagtail.models import Site

    try:
        with override_settings(WAGTAILADMIN_BASE_URL="http://127.0.0.1:8131"):
            call_command("load_site", verbosity=0)
        sitemap = client.get("/sitemap.xml").content.decode()
        assert "<loc>http://127.0.0.1:8131/kommuner/froya/</loc>" in sitemap
        html = client.get("/kommuner/froya/").content.decode()
        assert 'hreflang="nn" href="http://127.0.0.1:8131/nn/kommuner/froya/"' in html
        api = client.get("/api/v2/pages/", {"slug": "froya", "locale": "nb"}).json()
        assert api["items"][0]["meta"]["html_url"] == "http://127.0.0.1:8131/kommuner/froya/"
    finally:
        # The Site's change is rolled back with the test; the cached root paths are not.
        Site.clear_site_root_paths_cache()
