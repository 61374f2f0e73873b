"""Five made-up indicators with made-up figures for every area, 2015–2024, so that the
indicator pages can be tried before real data is imported. Each is flagged as an
example («Eksempel») and its figures come in as one import batch, like any file, so they
can be undone from the admin. Part of `manage.py bootstrap`; loads nothing if the
examples are there already."""

import random

from django.core.management.base import BaseCommand
from django.db import transaction
from wagtail.models import Locale

from indicators.importing import import_file
from indicators.models import Area, Direction, Indicator
from indicators.reading import Indicator as Figure
from indicators.writing import jsonstat

YEARS = range(2015, 2025)
SOURCE = "Oppdiktede eksempeltall"
# code: (name, unit, decimals, direction, goals, start, yearly change, spread,
#        explanation, why it matters)
EXAMPLES = {
    "EKS-AVFALL": (
        "Husholdningsavfall per innbygger",
        "kg",
        0,
        Direction.LOWER,
        "12.5",
        420,
        -4,
        60,
        "Hvor mange kilo avfall husholdningene leverer i løpet av et år, delt på antall "
        "innbyggere. Tallene er oppdiktet.",
        "Mindre avfall betyr at vi bruker mindre av jordas ressurser.",
    ),
    "EKS-SYKKEL": (
        "Innbyggere som bor nær sykkelvei",
        "prosent",
        1,
        Direction.HIGHER,
        "11.2",
        35,
        1.5,
        15,
        "Andelen innbyggere som har under 500 meter til nærmeste sykkelvei. Tallene er oppdiktet.",
        "Trygge sykkelveier gjør det lettere å velge sykkel framfor bil.",
    ),
    "EKS-ENERGI": (
        "Fornybar energi i kommunale bygg",
        "prosent",
        1,
        Direction.HIGHER,
        "7.2",
        55,
        2.5,
        15,
        "Hvor stor del av energien i kommunens egne bygg som kommer fra fornybare kilder. "
        "Tallene er oppdiktet.",
        "Kommunen kan selv bestemme hvordan egne bygg varmes opp.",
    ),
    "EKS-FULLFORT": (
        "Elever som fullfører videregående skole",
        "prosent",
        1,
        Direction.HIGHER,
        "4.1",
        72,
        0.8,
        8,
        "Andelen elever som har fullført videregående skole fem år etter at de begynte. "
        "Tallene er oppdiktet.",
        "Utdanning gir flere muligheter i arbeidslivet og bedre helse.",
    ),
    "EKS-UTSLIPP": (
        "Klimagassutslipp per innbygger",
        "tonn",
        1,
        Direction.LOWER,
        "13.2",
        6.5,
        -0.15,
        2,
        "Utslipp av klimagasser i kommunen i løpet av et år, regnet om til tonn CO₂ og delt "
        "på antall innbyggere. Tallene er oppdiktet.",
        "Lavere utslipp bremser klimaendringene.",
    ),
}


def figures(areas):
    """A JSON-stat dataset with every example's figures: a level per area and a steady
    trend with some noise, the same on every run. One figure is missing, with SSB's
    mark for «not available», as real files have."""
    rng = random.Random(2026)
    codes = list(EXAMPLES)
    values = []
    for _area in areas:  # in the order of the dataset's dimensions
        for code in codes:
            _n, _u, decimals, _d, _g, start, change, spread, *_texts = EXAMPLES[code]
            level = start + rng.uniform(-spread, spread)
            for step, _year in enumerate(YEARS):
                value = max(0, level + change * step + rng.uniform(-spread, spread) / 10)
                values.append(round(value, decimals))
    values[3] = None
    indicators = [
        Figure(
            code=code, name=EXAMPLES[code][0], unit=EXAMPLES[code][1], decimals=EXAMPLES[code][2]
        )
        for code in codes
    ]
    return jsonstat(
        areas, indicators, YEARS, values, status={3: ".."}, label="Eksempeltall (oppdiktet)"
    )


class Command(BaseCommand):
    help = "Laster fem oppdiktede eksempelindikatorer med tall (bare om de mangler)."

    @transaction.atomic
    def handle(self, *args, **options):
        locale = Locale.get_default()
        if Indicator.objects.filter(locale=locale, code__in=EXAMPLES).exists():
            self.stdout.write("Eksempelindikatorene er lastet (0 nye).")
            return
        areas = list(Area.objects.order_by("code").values_list("code", flat=True))
        batch, _plan = import_file("eksempeltall.json", figures(areas), source=SOURCE)
        for code, example in EXAMPLES.items():
            name, _u, _d, direction, goals, *_numbers, explanation, why = example
            Indicator.objects.filter(locale=locale, code=code).update(
                direction=direction,
                goals=goals,
                explanation=explanation,
                why_it_matters=why,
                is_example=True,
            )
        self.stdout.write(
            f"Eksempelindikatorene er lastet ({len(EXAMPLES)} nye, {batch.added} tall)."
        )
