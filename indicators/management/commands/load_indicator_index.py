"""Creates the indicator section, /indikatorer/. Part of `manage.py bootstrap`; creates it
only if it is missing."""

from django.core.management.base import BaseCommand
from django.db import transaction

from core.bootstrap import ensure_child_page, home_page
from indicators.models import IndicatorIndexPage

INTRO = (
    "<p>Her ser du tallene som viser hvor kommunene i Trøndelag står på veien mot "
    "bærekraftsmålene. Hver indikator har en side med alle kommunene, og hver kommune "
    "har en ståstedsanalyse med alle indikatorene.</p>"
)


class Command(BaseCommand):
    help = "Oppretter oversikten over indikatorer (bare om den mangler)."

    @transaction.atomic
    def handle(self, *args, **options):
        _page, created = ensure_child_page(
            home_page(),
            "indikatorer",
            IndicatorIndexPage(
                title="Indikatorer",
                slug="indikatorer",
                show_in_menus=True,
                search_description="Tall som viser hvor kommunene i Trøndelag står på "
                "bærekraftsmålene.",
                intro=INTRO,
            ),
        )
        self.stdout.write(f"Oversikten over indikatorer er lastet ({int(created)} ny).")
