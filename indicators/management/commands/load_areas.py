"""The areas figures can be imported for: every kommune in the network's data, the
county (50) and the country (0). Part of `manage.py bootstrap`; creates only what is
missing and changes nothing an editor has set (such as a KOSTRA group)."""

from django.core.management.base import BaseCommand
from django.db import transaction

from indicators.areas import COUNTY
from indicators.models import Area
from indicators.reading import NORWAY
from network.facts import read_csv


class Command(BaseCommand):
    help = "Oppretter områdene tall kan importeres for (bare de som mangler)."

    @transaction.atomic
    def handle(self, *args, **options):
        areas = [
            (row["kommunenummer"], row["navn"], Area.Kind.KOMMUNE)
            for row in read_csv("kommuner.csv")
        ]
        areas += [(COUNTY, "Trøndelag", Area.Kind.COUNTY), (NORWAY, "Norge", Area.Kind.COUNTRY)]
        created = 0
        for code, name, kind in areas:
            _area, new = Area.objects.get_or_create(
                code=code, defaults={"name": name, "kind": kind}
            )
            created += new
        self.stdout.write(f"Områdene for tall er lastet ({created} nye).")
