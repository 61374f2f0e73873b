"""Creates /aktuelt/ and three made-up news articles, flagged as examples, so that the
section, its feeds and the pages that show news can be tried. Part of `manage.py
bootstrap`; creates only what is missing."""

import datetime

from django.core.management.base import BaseCommand
from django.db import transaction

from core.bootstrap import ensure_child_page, find_page, home_page
from network.models import SDG, KommunePage, ThemePage
from news.models import NewsIndexPage, NewsPage

# (key, date, title, slug, lead, paragraphs, themes, goals, kommuner)
DEMO_ARTICLES = [
    (
        "matsvinn-skolene",
        datetime.date(2026, 10, 2),
        "Flere skoler måler matsvinnet",
        "flere-skoler-maler-matsvinnet",
        "Etter at Frøya halverte matsvinnet i skolekantina, vil tre andre kommuner prøve "
        "det samme. Dette er en eksempelnyhet.",
        [
            "Frøya veide maten som ble kastet i skolekantina hver dag i et halvt år. "
            "Da elevene så tallene, ble svinnet mindre.",
            "Nå vil flere kommuner gjøre det samme. Nettverket samler erfaringene, slik at "
            "de som starter nå, slipper å begynne fra null.",
        ],
        ["matsvinn"],
        [12],
        ["5014"],
    ),
    (
        "anskaffelser-veileder",
        datetime.date(2026, 9, 18),
        "Ny veileder om klimakrav i innkjøp",
        "ny-veileder-om-klimakrav-i-innkjop",
        "Nettverket har samlet råd om hvordan kommunene kan stille klimakrav når de "
        "kjøper inn. Dette er en eksempelnyhet.",
        [
            "Veilederen viser hvilke krav som er enkle å følge opp, og hvilke som krever "
            "mer av leverandørene.",
            "Den bygger på det kommunene i nettverket har prøvd de siste årene.",
        ],
        ["baerekraftige-anskaffelser"],
        [12, 13],
        ["5001", "5006"],
    ),
    (
        "indikatorer-stastedsanalyse",
        datetime.date(2026, 8, 28),
        "Nå kan du se hvor kommunen står",
        "na-kan-du-se-hvor-kommunen-star",
        "Hver kommune har fått en egen side med tall som viser hvor den står på "
        "bærekraftsmålene. Dette er en eksempelnyhet.",
        [
            "Sidene viser hvert tall sammen med tallet for Trøndelag og for hele landet, og "
            "hvordan det har endret seg over tid.",
            "Tallene kan lastes ned, slik at kommunene kan bruke dem i egne planer.",
        ],
        ["indikatorer"],
        [11, 17],
        [],
    ),
]


class Command(BaseCommand):
    help = "Oppretter nyhetsoversikten og eksempelnyheter (bare det som mangler)."

    @transaction.atomic
    def handle(self, *args, **options):
        index, _created = ensure_child_page(
            home_page(),
            "aktuelt",
            NewsIndexPage(
                title="Aktuelt",
                slug="aktuelt",
                show_in_menus=True,
                search_description="Nytt fra bærekraftsnettverket og kommunene i Trøndelag.",
                intro="<p>Nyheter fra nettverket og kommunene. Finn saker etter kommune, "
                "tema, bærekraftsmål eller år.</p>",
            ),
        )
        created = 0
        for key, date, title, slug, lead, paragraphs, themes, goals, kommuner in DEMO_ARTICLES:
            name = f"news:{key}"
            if find_page(NewsPage, name):
                continue
            article = NewsPage(
                title=title,
                slug=slug,
                date=date,
                lead=lead,
                search_description=lead,
                body=[("paragraph", f"<p>{text}</p>") for text in paragraphs],
                is_example=True,
            )
            article.themes = [find_page(ThemePage, f"theme:{theme}") for theme in themes]
            article.sdgs = list(SDG.objects.filter(number__in=goals, locale=index.locale))
            article.kommuner = [find_page(KommunePage, f"kommune:{n}") for n in kommuner]
            ensure_child_page(index, name, article)
            created += 1
        self.stdout.write(f"Aktuelt er lastet ({created} nye nyheter).")
