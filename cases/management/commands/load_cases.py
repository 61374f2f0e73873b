"""Creates /god-praksis/ and the demo cases (cases/demo.py) under their kommuner. Part of
`manage.py bootstrap`; creates only what is missing."""

import datetime

from django.contrib.auth.models import Group, Permission
from django.core.management.base import BaseCommand
from django.db import transaction

from cases.demo import DEMO_CASES
from cases.models import CaseIndexPage, CasePage
from core.bootstrap import ensure_child_page, find_page, home_page
from core.text import ascii_slug
from network.models import SDG, KommunePage, ThemePage
from network.roles import COORDINATOR_GROUP


def paragraph(text):
    return f"<p>{text}</p>"


class Command(BaseCommand):
    help = "Oppretter oversikten over god praksis og eksemplene (bare det som mangler)."

    @transaction.atomic
    def handle(self, *args, **options):
        home = home_page()
        ensure_child_page(
            home,
            "god-praksis",
            CaseIndexPage(
                title="God praksis",
                slug="god-praksis",
                show_in_menus=True,
                search_description="Eksempler på hva kommunene har gjort, slik at andre kan "
                "gjøre det samme.",
                intro="<p>Her deler kommunene det de har fått til. Finn eksempler etter "
                "kommune, tema, bærekraftsmål eller år.</p>",
            ),
        )
        self.let_coordinators_handle_suggestions()
        created = 0
        for demo in DEMO_CASES:
            key = f"case:{demo.key}"
            if find_page(CasePage, key):
                continue
            owner = find_page(KommunePage, f"kommune:{demo.kommune}")
            case = CasePage(
                title=demo.title,
                slug=ascii_slug(demo.title),
                summary=demo.summary,
                objectives=paragraph(demo.objectives),
                results=paragraph(demo.results),
                enabling_factors=paragraph(demo.enabling_factors),
                replicability=paragraph(demo.replicability),
                period_start=datetime.date(*demo.start, 1),
                period_end=datetime.date(*demo.end, 1) if demo.end else None,
                contact_role=demo.contact_role,
                is_example=True,
            )
            case.themes = [find_page(ThemePage, f"theme:{slug}") for slug in demo.themes]
            case.sdgs = list(SDG.objects.filter(number__in=demo.sdgs, locale=owner.locale))
            case.other_kommuner = [
                find_page(KommunePage, f"kommune:{number}") for number in demo.other_kommuner
            ]
            ensure_child_page(owner, key, case)
            created += 1
        self.stdout.write(f"God praksis er lastet ({created} nye eksempler).")

    @staticmethod
    def let_coordinators_handle_suggestions():
        """Coordinators read the suggestions from the public form and turn them into drafts
        (*Forslag til eksempler*). Given once: rights an administrator later takes away
        stay away."""
        coordinators = Group.objects.filter(name=COORDINATOR_GROUP).first()
        rights = Permission.objects.filter(
            content_type__app_label="cases",
            codename__in=["view_casesuggestion", "change_casesuggestion"],
        )
        if coordinators and not coordinators.permissions.filter(pk__in=rights).exists():
            coordinators.permissions.add(*rights)
