"""Good-practice cases: filters, the publishing workflow, what the public can see, and the
demo content."""

import datetime
import itertools
import re

import pytest
from wagtail.models import Locale

from cases.demo import DEMO_CASES
from cases.factories import CasePageFactory
from cases.models import CasePage
from network.models import SDG, KommunePage, ThemePage
from tests.conftest import nb
from tests.helpers import all_listed_titles, listed_titles

pytestmark = pytest.mark.django_db


@pytest.fixture
def factory_cases():
    """Cases with known kommune, themes, goals and start years, beside the demo cases."""
    froya, hitra = nb(KommunePage, kommunenummer="5014"), nb(KommunePage, kommunenummer="5056")
    matsvinn, folkehelse = nb(ThemePage, slug="matsvinn"), nb(ThemePage, slug="folkehelse")
    goal = {n: nb(SDG, number=n) for n in (3, 12, 13)}
    specs = [
        (froya, [matsvinn], [12], 2021),
        (froya, [matsvinn, folkehelse], [3, 12], 2022),
        (froya, [folkehelse], [3], 2022),
        (hitra, [matsvinn], [13], 2021),
        (hitra, [], [], 2022),
        (hitra, [folkehelse], [12, 13], 2021),
    ]
    return [
        CasePageFactory(
            parent=kommune,
            themes=themes,
            sdgs=[goal[n] for n in goals],
            period_start=datetime.date(year, 3, 1),
        )
        for kommune, themes, goals, year in specs
    ]


def matches(case, kommune=None, tema=None, mal=None, ar=None):
    """The filters' meaning, written out in Python to check the view against."""
    return (
        (kommune is None or case.get_parent().specific.kommunenummer == kommune)
        and (tema is None or tema in {t.slug for t in case.themes.all()})
        and (mal is None or mal in {g.number for g in case.sdgs.all()})
        and (ar is None or case.period_start.year == ar)
    )


FILTER_VALUES = {
    "kommune": [None, "5014", "5056"],
    "tema": [None, "matsvinn", "folkehelse"],
    "mal": [None, 3, 12],
    "ar": [None, 2021, 2022],
}


def test_filters_and_their_combinations_return_exactly_the_matching_cases(client, factory_cases):
    cases = list(CasePage.listing(Locale.get_default()))
    narrowed = 0
    for values in itertools.product(*FILTER_VALUES.values()):
        chosen = {k: v for k, v in zip(FILTER_VALUES, values, strict=True) if v is not None}
        query = "&".join(f"{k}={v}" for k, v in chosen.items())
        expected = sorted(c.title for c in cases if matches(c, **chosen))
        assert sorted(all_listed_titles(client, f"/god-praksis/?{query}")) == expected, query
        narrowed += 0 < len(expected) < len(cases)
    assert narrowed > 20  # most combinations pick out some cases, not none or all


@pytest.mark.parametrize(
    "query",
    [
        "kommune=9999",
        "tema=finnes-ikke",
        "mal=18",
        "mal=abc",
        "ar=abc",
        "ar=1066",
        "mal=" + "9" * 5000,
        "tema=%3Cscript%3E",
    ],
)
def test_invalid_filters_give_a_norwegian_400_never_a_500(client, query):
    response = client.get(f"/god-praksis/?{query}")
    assert response.status_code == 400
    html = response.content.decode()
    assert "Vi kunne ikke bruke alt du valgte" in html
    assert "Velg et gyldig valg" in html
    assert "<script>" not in html


def test_a_kommune_editor_creates_cases_only_under_their_own_kommune(client, froya_editor):
    froya, hitra = nb(KommunePage, kommunenummer="5014"), nb(KommunePage, kommunenummer="5056")
    assert froya.permissions_for_user(froya_editor).can_add_subpage()
    assert not hitra.permissions_for_user(froya_editor).can_add_subpage()
    hitra_case = CasePage.objects.child_of(hitra).first()
    assert not hitra_case.permissions_for_user(froya_editor).can_edit()

    client.force_login(froya_editor)
    assert client.get(f"/admin/pages/add/cases/casepage/{froya.pk}/").status_code == 200
    assert client.get(f"/admin/pages/add/cases/casepage/{hitra.pk}/").status_code in (302, 403)
    assert client.get(f"/admin/pages/{hitra_case.pk}/edit/").status_code in (302, 403)


def submitted_case(editor):
    froya = nb(KommunePage, kommunenummer="5014")
    case = CasePageFactory(parent=froya, title="Ikke godkjent ennå", live=False)
    case.save_revision(user=editor)
    assert not case.permissions_for_user(editor).can_publish()
    workflow_state = case.get_workflow().start(case, editor)
    return case, workflow_state


def test_an_unapproved_case_is_invisible_to_the_public(client, froya_editor):
    case, _state = submitted_case(froya_editor)
    assert not CasePage.objects.get(pk=case.pk).live
    assert "Ikke godkjent ennå" not in all_listed_titles(client, "/god-praksis/")
    assert "Ikke godkjent ennå" not in client.get("/kommuner/froya/").content.decode()
    api = client.get("/api/v2/pages/?type=cases.CasePage&limit=100").json()["items"]
    assert case.pk not in {item["id"] for item in api}
    assert client.get(f"/api/v2/pages/{case.pk}/").status_code == 404
    assert case.slug not in client.get("/sitemap.xml").content.decode()
    assert client.get("/kommuner/froya/" + case.slug + "/").status_code == 404


def test_a_coordinator_approves_and_the_case_is_published(client, froya_editor, coordinator):
    case, state = submitted_case(froya_editor)
    task_state = state.current_task_state
    task_state.task.specific.on_action(task_state, coordinator, "approve", comment="Fint!")
    case.refresh_from_db()
    assert case.live
    assert "Ikke godkjent ennå" in all_listed_titles(client, "/god-praksis/")
    assert case.slug in client.get("/sitemap.xml").content.decode()


def test_a_coordinator_rejects_with_a_comment(froya_editor, coordinator):
    case, state = submitted_case(froya_editor)
    task_state = state.current_task_state
    task_state.task.specific.on_action(
        task_state, coordinator, "reject", comment="Legg til resultatene."
    )
    case.refresh_from_db()
    state.refresh_from_db()
    assert not case.live
    assert state.status == state.STATUS_NEEDS_CHANGES
    assert state.current_task_state.comment == "Legg til resultatene."


# What the public sees.


def test_the_demo_cases_cover_every_theme_and_at_least_8_kommuner(client):
    assert len(DEMO_CASES) >= 12
    demo = CasePage.objects.live().filter(locale=Locale.get_default(), is_example=True)
    assert demo.count() == len(DEMO_CASES)
    assert len({case.get_parent().pk for case in demo}) >= 8
    themes = {theme.slug for case in demo for theme in case.themes.all()}
    assert themes == set(
        ThemePage.objects.filter(locale=Locale.get_default()).values_list("slug", flat=True)
    )


def test_example_content_carries_a_visible_label(client):
    html = client.get("/kommuner/froya/halvert-matsvinn-i-skolekantina/").content.decode()
    assert '<span class="ds-tag" data-color="warning">Eksempel</span>' in html
    assert "Det er ikke et ekte eksempel." in html
    listing = client.get("/god-praksis/").content.decode()
    assert listing.count(">Eksempel</span>") == len(listed_titles(client.get("/god-praksis/")))


def test_kommune_and_theme_pages_list_their_cases_and_a_case_shows_related_ones(client):
    assert "Halvert matsvinn i skolekantina" in client.get("/kommuner/froya/").content.decode()
    assert "Gode eksempler" in client.get("/kommuner/tydal/").content.decode()
    frosta = client.get("/kommuner/frosta/").content.decode()
    assert "Frosta har ikke delt noen eksempler her ennå." in frosta
    theme = client.get("/tema/matsvinn/").content.decode()
    assert "Mindre matsvinn på sykehjem" in theme
    case = client.get("/kommuner/froya/halvert-matsvinn-i-skolekantina/").content.decode()
    related = case.split('id="related-heading"')[1]
    assert "Mindre matsvinn på sykehjem" in related
    assert "Halvert matsvinn i skolekantina" not in related


def test_the_contact_address_is_not_a_plain_email_address(client):
    froya = nb(KommunePage, kommunenummer="5014")
    case = CasePageFactory(parent=froya, contact_email="kari.nordmann@froya.example")
    html = client.get(case.url).content.decode()
    assert "kari.nordmann@froya.example" not in html
    assert "mailto:" not in html
    assert re.search(r"kari\.nordmann <span>\(krøllalfa\)</span> froya\.example", html)


def test_cases_in_the_api_carry_kommune_themes_goals_and_summary(client):
    response = client.get(
        "/api/v2/pages/",
        {
            "type": "cases.CasePage",
            "locale": "nb",
            "fields": "kommune,theme_slugs,sdgs,summary",
            "slug": "halvert-matsvinn-i-skolekantina",
        },
    )
    [case] = response.json()["items"]
    assert case["kommune"] == {"kommunenummer": "5014", "name": "Frøya"}
    assert case["theme_slugs"] == ["matsvinn"]
    assert sorted(goal["number"] for goal in case["sdgs"]) == [2, 12]
    assert case["summary"].startswith("Elevrådet veide maten")
