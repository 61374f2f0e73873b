"""What renders remember for the content generation (core/memo.py, core/routing.py): with
no page cache in front (a logged-in editor, a visitor with a session), a change shows on
the very next request, and a private page never reaches a menu or a listing."""

import pytest
from wagtail.models import Locale, PageViewRestriction

from cases.models import CasePage
from core import memo
from core.memo import remembered
from home.models import HomePage, StandardPage
from network.models import KommunePage
from tests.conftest import froya, nb

pytestmark = pytest.mark.django_db
CASE = "/kommuner/froya/halvert-matsvinn-i-skolekantina/"


def publish(page, **changes):
    for name, value in changes.items():
        setattr(page, name, value)
    page.save_revision().publish()


def menu(client, path="/"):
    html = client.get(path).content.decode()
    start = html.index('class="site-header__menu"')
    return html[start : html.index("</nav>", start)]


def html(client, path):
    return client.get(path).content.decode()


def the_case():
    return nb(CasePage, url_path__endswith="/halvert-matsvinn-i-skolekantina/")


def test_remembered_once_per_generation_and_never_outside_one():
    calls = []

    def compute():
        calls.append(1)
        return len(calls)

    assert remembered("answer", compute) == 1
    assert remembered("answer", compute) == 2  # outside a request: read every time
    with memo.generation("a"):
        assert remembered("answer", compute) == 3
        assert remembered("answer", compute) == 3
        memo.content_changed()  # this request changed the content: read it again
        assert remembered("answer", compute) == 4
    with memo.generation("b"):
        assert remembered("answer", compute) == 5


def test_a_page_published_into_the_menu_shows_on_the_next_request_and_leaves_with_unpublish(
    client,
):
    assert "Nyheter" not in menu(client) and "Nyheter" not in menu(client, CASE)
    page = StandardPage(title="Nyheter", slug="nyheter", show_in_menus=True, live=False)
    nb(HomePage).add_child(instance=page)
    assert "Nyheter" not in menu(client)  # a draft
    page.save_revision().publish()
    assert "Nyheter" in menu(client) and "Nyheter" in menu(client, CASE)
    assert client.get("/nyheter/").status_code == 200
    page.refresh_from_db()
    page.unpublish()
    assert "Nyheter" not in menu(client) and "Nyheter" not in menu(client, CASE)
    assert client.get("/nyheter/").status_code == 404


def test_a_section_made_private_leaves_the_menu_at_once(client):
    section = froya().get_parent().specific  # /kommuner/
    assert section.url in menu(client)
    PageViewRestriction.objects.create(page=section, restriction_type=PageViewRestriction.LOGIN)
    assert section.url not in menu(client)
    assert section.url not in menu(client, "/nn/")  # its copies follow it (core/privacy.py)
    assert client.get(section.url).status_code == 302  # to the login page
    PageViewRestriction.objects.filter(page__translation_key=section.translation_key).delete()
    assert section.url in menu(client)


def test_a_case_made_private_leaves_its_kommune_page_and_turns_private_itself(client):
    case = the_case()
    assert case.title in html(client, "/kommuner/froya/")
    assert "public" in client.get(CASE)["Cache-Control"]
    PageViewRestriction.objects.create(page=case, restriction_type=PageViewRestriction.LOGIN)
    assert case.title not in html(client, "/kommuner/froya/")
    assert client.get(CASE).status_code == 302


def test_a_moved_or_unpublished_page_answers_where_it_is_now(client):
    case = the_case()
    assert client.get(CASE).status_code == 200
    case.move(nb(KommunePage, kommunenummer="5056"), "last-child")
    case.refresh_from_db()
    assert client.get(CASE)["Location"] == case.url  # Wagtail's redirect from the old address
    assert client.get(case.url).status_code == 200
    case.unpublish()
    assert client.get(case.url).status_code == 404


def test_a_renamed_kommune_shows_in_the_breadcrumbs_on_the_next_request(client):
    assert "Frøya kommune" not in html(client, CASE)
    publish(froya(), title="Frøya kommune")
    assert "Frøya kommune" in html(client, CASE)


def test_an_unpublished_translation_leaves_the_language_links_on_the_next_request(client):
    assert 'hreflang="nn"' in html(client, CASE)
    the_case().get_translation(Locale.objects.get(language_code="nn")).unpublish()
    assert 'hreflang="nn"' not in html(client, CASE)


def test_a_preview_leaves_nothing_of_the_draft_for_visitors(client, django_user_model):
    """Wagtail renders a preview through the middleware; the edit form's data, never
    saved, must not be remembered as the section's title."""
    from django.test import RequestFactory

    from cases.models import CaseIndexPage
    from portal import pagecache

    section = nb(CaseIndexPage)
    editor = django_user_model.objects.create_superuser("redaktor", "r@example.org", "x")
    before = pagecache.generation()
    edit = RequestFactory().get(f"/admin/pages/{section.pk}/edit/preview/")
    edit.user = editor
    section.title = "Hemmelig utkast"  # the edit form's data, as PreviewOnEdit has it
    section.make_preview_request(edit, section.default_preview_mode)
    assert pagecache.generation() == before  # a preview purges nothing
    assert "Hemmelig utkast" not in html(client, section.url)


def test_remembered_values_are_worked_out_again_after_five_minutes(monkeypatch):
    calls = []
    now = [1000.0]
    monkeypatch.setattr(memo.time, "monotonic", lambda: now[0])
    with memo.generation("g"):
        remembered("answer", lambda: calls.append(1) or 42)
        remembered("answer", lambda: calls.append(1) or 42)
        assert len(calls) == 1
        now[0] += memo.MAX_AGE + 1
        remembered("answer", lambda: calls.append(1) or 42)
    assert len(calls) == 2


def test_a_port_in_the_host_header_is_not_a_site_of_its_own(client):
    for port in range(1000, 1040):
        assert client.get("/", HTTP_HOST=f"testserver:{port}").status_code == 200
    _generation, _since, values = memo._remembered
    assert len([name for name in values if name.startswith("site:")]) == 1
