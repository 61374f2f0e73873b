"""Creates /baerekraftfredag/ and demo meetings: twelve past ones in 2023–2025 and two
upcoming ones, dated from the day the command runs. Made up for the demo and flagged as
example content. Part of `manage.py bootstrap`; creates only what is missing."""

import datetime

from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone

from core.bootstrap import ensure_child_page, find_page, home_page
from core.dates import OSLO
from core.text import ascii_slug
from events.models import EventFormat, EventIndexPage, EventPage, Organiser, last_friday
from network.models import SDG, KommunePage, ThemePage

# (year, month, title, theme slugs, goals, kommuner with a speaker, what it was about)
PAST_MEETINGS = [
    (
        2023,
        3,
        "Slik måler vi framgang på bærekraftsmålene",
        ["indikatorer"],
        [17],
        ["5025"],
        "Hvordan kommunene velger indikatorer, og hvordan tallene brukes i planene.",
    ),
    (
        2023,
        5,
        "Mindre matsvinn i kommunale kjøkken",
        ["matsvinn"],
        [12],
        ["5001"],
        "Erfaringer fra sykehjem og skoler som har målt og kuttet matsvinnet.",
    ),
    (
        2023,
        9,
        "Klimakrav i innkjøp",
        ["baerekraftige-anskaffelser"],
        [12, 13],
        ["5006"],
        "Hvordan små og store kommuner stiller krav til klima i anbud.",
    ),
    (
        2023,
        11,
        "Bærekraft i saksframlegg",
        ["baerekraft-i-politiske-saker"],
        [16],
        ["5052"],
        "Maler og erfaringer med bærekraftsvurderinger i politiske saker.",
    ),
    (
        2024,
        1,
        "Gevinster som faktisk blir tatt ut",
        ["gevinstrealisering"],
        [8],
        ["5041"],
        "Hvordan kommunene planlegger, måler og følger opp gevinster.",
    ),
    (
        2024,
        3,
        "Folkehelse og bærekraft henger sammen",
        ["folkehelse"],
        [3],
        ["5033"],
        "Folkehelseoversikten som grunnlag for arbeidet med bærekraftsmålene.",
    ),
    (
        2024,
        5,
        "Rød tråd fra plan til budsjett",
        ["plan-og-styringssystem"],
        [17],
        ["5056"],
        "Hvordan målene i samfunnsdelen følges i økonomiplan og årsrapport.",
    ),
    (
        2024,
        10,
        "Lokale leverandører og innkjøp",
        ["baerekraftige-anskaffelser"],
        [8, 12],
        ["5020"],
        "Hvordan dele opp avtaler slik at små leverandører kan være med.",
    ),
    (
        2025,
        1,
        "Ungdommens stemme i bærekraftsarbeidet",
        ["folkehelse", "indikatorer"],
        [4],
        ["5061"],
        "Ungdomsråd som velger egne indikatorer og følger dem opp.",
    ),
    (
        2025,
        3,
        "Matsvinn i barnehagen",
        ["matsvinn"],
        [2, 12],
        ["5014"],
        "Små grep i barnehagen som gir mindre matsvinn.",
    ),
    (
        2025,
        6,
        "Nye kommunestyrer og bærekraftsmålene",
        ["baerekraft-i-politiske-saker"],
        [16, 17],
        ["5059"],
        "Opplæring av folkevalgte i bærekraftsmålene.",
    ),
    (
        2025,
        10,
        "Indikatorer i årsrapporten",
        ["indikatorer", "plan-og-styringssystem"],
        [17],
        ["5025", "5056"],
        "Hvordan kommunene rapporterer på indikatorene hvert år.",
    ),
]
UPCOMING_MEETINGS = [
    ("Bærekraftige anskaffelser i små kommuner", ["baerekraftige-anskaffelser"], [12], 21),
    ("Matsvinn: fra måling til handling", ["matsvinn"], [12, 2], 56),
]


def next_friday_after(days):
    day = timezone.localdate() + datetime.timedelta(days=days)
    return day + datetime.timedelta(days=(4 - day.weekday()) % 7)


def at(day, hour, minute=0):
    return datetime.datetime.combine(day, datetime.time(hour, minute), tzinfo=OSLO)


class Command(BaseCommand):
    help = "Oppretter møteoversikten og eksempelmøter (bare det som mangler)."

    @transaction.atomic
    def handle(self, *args, **options):
        home = home_page()
        index, _ = ensure_child_page(
            home,
            "baerekraftfredag",
            EventIndexPage(
                title="Bærekraftfredag og møter",
                slug="baerekraftfredag",
                show_in_menus=True,
                search_description="Bærekraftfredag og nettverkets møter, med opptak og "
                "presentasjoner.",
                intro="<p>Bærekraftfredag er et digitalt møte om et tema hver måned, åpent for "
                "alle. Her finner du de neste møtene og opptak fra de tidligere.</p>",
            ),
        )
        created = 0
        for year, month, title, themes, goals, kommuner, intro in PAST_MEETINGS:
            day = last_friday(year, month)
            created += self.ensure_meeting(
                index,
                f"event:{year}-{month:02d}",
                title,
                day,
                themes,
                goals,
                kommuner,
                intro,
                recording=True,
            )
        for number, (title, themes, goals, days) in enumerate(UPCOMING_MEETINGS, start=1):
            day = next_friday_after(days)
            created += self.ensure_meeting(
                index,
                f"event:upcoming-{number}",
                title,
                day,
                themes,
                goals,
                [],
                "Et åpent digitalt møte. Alle er velkomne, og det er ingen påmelding.",
                recording=False,
            )
        self.stdout.write(f"Møtene er lastet ({created} nye møter).")

    def ensure_meeting(self, index, key, title, day, themes, goals, kommuner, intro, recording):
        if find_page(EventPage, key):
            return 0
        meeting = EventPage(
            title=title,
            slug=f"{day:%Y-%m}-{ascii_slug(title)}"[:80],
            start=at(day, 9),
            end=at(day, 10, 30),
            organiser=Organiser.NATIONAL,
            event_format=EventFormat.DIGITAL,
            place="Teams",
            intro=intro,
            agenda=[
                ("item", {"time": datetime.time(9, 0), "title": "Velkommen"}),
                ("item", {"time": datetime.time(9, 10), "title": "Innlegg og erfaringer"}),
                ("item", {"time": datetime.time(10, 0), "title": "Spørsmål og samtale"}),
            ],
            recording_url="https://video.example.no/baerekraftfredag" if recording else "",
            summary="<p>Opptaket er tekstet. Presentasjonene ligger som PDF.</p>"
            if recording
            else "",
            is_example=True,
        )
        meeting.themes = [find_page(ThemePage, f"theme:{slug}") for slug in themes]
        meeting.sdgs = list(SDG.objects.filter(number__in=goals, locale=index.locale))
        meeting.kommuner = [find_page(KommunePage, f"kommune:{n}") for n in kommuner]
        ensure_child_page(index, key, meeting)
        return 1
