"""`manage.py bootstrap` creates the network from network/data once, and only once."""

import pytest
from django.contrib.auth.models import Group
from django.core.management import call_command
from wagtail.models import GroupPagePermission, Page, Workflow

from network.models import SDG, KommunePage, ThemePage

pytestmark = pytest.mark.django_db


def counts():
    return {
        "pages": Page.objects.count(),
        "sdgs": SDG.objects.count(),
        "groups": Group.objects.count(),
        "page permissions": GroupPagePermission.objects.count(),
        "workflows": Workflow.objects.count(),
    }


def test_a_second_run_creates_nothing_and_keeps_an_editors_title():
    call_command("bootstrap", verbosity=0)
    before = counts()
    froya = KommunePage.objects.get(kommunenummer="5014", locale__language_code="nb")
    froya.title = "Frøya kommune"
    froya.slug = "froya-kommune"
    froya.save_revision().publish()

    call_command("bootstrap", verbosity=0)

    assert counts() == before
    froya.refresh_from_db()
    assert froya.title == "Frøya kommune"


def test_the_network_is_complete(kommuner_data):
    nb = KommunePage.objects.filter(locale__language_code="nb")
    assert nb.count() == 39
    assert set(nb.values_list("kommunenummer", flat=True)) == {"50"} | {
        k["kommunenummer"] for k in kommuner_data
    }
    assert ThemePage.objects.filter(locale__language_code="nb").count() == 7
    for code in ("nb", "nn", "en"):
        assert SDG.objects.filter(locale__language_code=code).count() == 17
        # Each locale's tree is a full copy of the bokmål one.
        assert KommunePage.objects.filter(locale__language_code=code).count() == 39


def test_slugs_are_ascii_and_titles_keep_the_real_spelling():
    afjord = KommunePage.objects.get(kommunenummer="5058", locale__language_code="nb")
    assert (afjord.slug, afjord.title) == ("afjord", "Åfjord")
    assert KommunePage.objects.get(kommunenummer="5060", locale__language_code="nb").slug == (
        "naeroysund"
    )
    for slug in Page.objects.values_list("slug", flat=True):
        assert slug.isascii(), slug


def test_sami_names_and_language_area_come_from_the_data():
    roros = KommunePage.objects.get(kommunenummer="5025", locale__language_code="nb")
    assert roros.offisielt_navn == "Røros - Rosse"
    assert roros.samisk_forvaltningsomrade
    assert not KommunePage.objects.get(
        kommunenummer="5014", locale__language_code="nb"
    ).samisk_forvaltningsomrade


def test_unconfirmed_nynorsk_goal_names_keep_their_flag():
    nynorsk = SDG.objects.filter(locale__language_code="nn")
    assert set(nynorsk.filter(name_confirmed=True).values_list("number", flat=True)) == {6, 16}
    assert nynorsk.get(number=2).name == "Utrydde svolt"
    assert SDG.objects.get(locale__language_code="en", number=13).name == "Climate action"
    assert (
        SDG.objects.filter(locale__language_code__in=["nb", "en"], name_confirmed=False).count()
        == 0
    )
