"""A page made private in bokmål is private in nynorsk and English too: its copies are
nowhere public (listings, search, the API, feeds, calendars, the sitemap), and serving
one asks for a login. Lifting the restriction makes them public again."""

import pytest
from django.contrib.auth.models import Group
from wagtail.models import Locale, PageViewRestriction

from cases.models import CasePage
from events.models import EventPage
from tests.conftest import nb

pytestmark = pytest.mark.django_db
TITLE = "Mindre matsvinn på sykehjem"


def public_places(client, language):
    prefix = "" if language == "nb" else f"/{language}"
    found = []
    for url in [
        f"{prefix}/god-praksis/",
        f"{prefix}/god-praksis/rss/",
        f"{prefix}/kommuner/trondheim/",
        f"{prefix}/sok/?q=sykehjem",
        f"/api/v2/search/?q=sykehjem&locale={language}",
        f"/api/v2/pages/?search=sykehjem&locale={language}&limit=100",
        f"/api/v2/pages/?type=cases.CasePage&locale={language}&limit=100",
        "/sitemap.xml",
    ]:
        if (
            TITLE in client.get(url).content.decode()
            or "sykehjem/" in client.get(url).content.decode()
        ):
            found.append(url)
    return found


@pytest.mark.parametrize("kind", ["login", "password", "groups"])
def test_a_restriction_on_the_bokmal_page_holds_for_its_copies(client, kind):
    case = nb(CasePage, title=TITLE)
    copies = list(case.get_translations())
    assert {copy.locale.language_code for copy in copies} == {"nn", "en"}
    for language in ("nb", "nn", "en"):
        assert public_places(client, language), language  # public to begin with

    restriction = PageViewRestriction.objects.create(
        page=case,
        restriction_type=getattr(PageViewRestriction, kind.upper()),
        password="hemmelig" if kind == "password" else "",
    )
    if kind == "groups":
        restriction.groups.set([Group.objects.get(name="Nettverkskoordinator")])

    for language in ("nb", "nn", "en"):
        assert not public_places(client, language), (language, public_places(client, language))
    for copy in copies:
        response = client.get(copy.url)
        assert response.status_code in (200, 302)  # a login or password form, not the case
        assert case.summary not in response.content.decode()

    restriction.delete()
    for language in ("nb", "nn", "en"):
        assert public_places(client, language), language


def test_a_private_meeting_is_in_no_calendar_in_any_language(client):
    meeting = EventPage.objects.filter(locale=Locale.get_default(), end__isnull=False)
    meeting = max(meeting, key=lambda m: m.start)  # an upcoming one
    PageViewRestriction.objects.create(page=meeting, restriction_type=PageViewRestriction.LOGIN)
    for prefix in ("", "/nn", "/en"):
        calendar = client.get(f"{prefix}/baerekraftfredag/kalender/").content.decode()
        assert meeting.title not in calendar, prefix


def test_the_bootstrap_gives_copies_the_restrictions_set_before_they_followed():
    from django.core.management import call_command

    case = nb(CasePage, title=TITLE)
    # As a database from before: a restriction on the bokmål page only (no signals).
    PageViewRestriction.objects.bulk_create(
        [PageViewRestriction(page=case, restriction_type=PageViewRestriction.LOGIN)]
    )
    assert not PageViewRestriction.objects.filter(page__in=case.get_translations()).exists()
    call_command("bootstrap", verbosity=0)
    for copy in case.get_translations():
        assert copy.get_view_restrictions().exists(), copy.locale
