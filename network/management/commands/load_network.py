"""Loads the network's vocabulary from network/data: the 17 SDGs in nb, nn and en, the
kommune pages (38 kommuner and Trøndelag fylke), the theme pages, and the editor roles
with their approval workflow. Part of `manage.py bootstrap`; creates only what is missing."""

from django.contrib.auth.models import Group, Permission
from django.core.management.base import BaseCommand
from django.db import transaction
from wagtail.models import (
    Collection,
    GroupApprovalTask,
    GroupCollectionPermission,
    GroupPagePermission,
    Locale,
    Page,
    Workflow,
    WorkflowPage,
    WorkflowTask,
)

from core.bootstrap import ensure_child_page, home_page, stable_key
from core.text import ascii_slug
from network.facts import read_csv, read_network
from network.models import SDG, KommuneIndexPage, KommunePage, ThemeIndexPage, ThemePage
from network.roles import COORDINATOR_GROUP, KOMMUNE_EDITOR_GROUP_PREFIX

COUNTY = {"kommunenummer": "50", "navn": "Trøndelag fylke", "offisielt_navn": "Trøndelag fylke"}
# Wagtail's migrations make these two groups with rights over the whole page tree (and
# Moderators may publish anywhere): a kommune user put in one by mistake could edit every
# kommune's pages. The network's roles replace them.
WAGTAIL_DEFAULT_GROUPS = ["Editors", "Moderators"]
WORKFLOW_NAME = "Godkjenning i nettverket"

# Texts of our own for the theme pages, keyed by the theme's slug in network.toml.
THEME_INTROS = {
    "baerekraft-i-politiske-saker": (
        "Hvordan kommunene viser hva en sak betyr for bærekraftsmålene, slik at "
        "politikerne ser det før de bestemmer seg."
    ),
    "indikatorer": (
        "Tall som viser om kommunen går i riktig retning, og hvordan kommunene bruker dem "
        "i planer og rapporter."
    ),
    "gevinstrealisering": (
        "Hvordan kommunene sørger for at et tiltak faktisk gir den nytten som var målet, "
        "og hvordan de måler den."
    ),
    "plan-og-styringssystem": (
        "Hvordan bærekraftsmålene får plass i kommuneplanen, økonomiplanen og "
        "årsrapporten, som en rød tråd."
    ),
    "baerekraftige-anskaffelser": (
        "Hvordan kommunene stiller krav til klima, miljø og arbeidsforhold når de kjøper "
        "varer og tjenester."
    ),
    "folkehelse": (
        "Hvordan arbeidet med folkehelse henger sammen med bærekraftsmålene, og hvordan "
        "kommunene jobber med begge deler."
    ),
    "matsvinn": ("Hvordan kommunene kaster mindre mat i skoler, barnehager, sykehjem og kantiner."),
}
# Editorial links from a theme to the goals it serves most directly.
THEME_SDGS = {
    "matsvinn": [2, 12],
    "baerekraftige-anskaffelser": [8, 12],
    "folkehelse": [3],
    "baerekraft-i-politiske-saker": [16, 17],
    "plan-og-styringssystem": [11, 17],
}


class Command(BaseCommand):
    help = "Laster kommunene, bærekraftsmålene, temaene og rollene (bare det som mangler)."

    @transaction.atomic
    def handle(self, *args, **options):
        home = home_page()
        if home is None:
            raise SystemExit("Forsiden mangler: kjør `manage.py load_site` først.")
        self.created = 0
        goals = self.load_sdgs()
        kommune_index = self.load_kommuner(home)
        self.load_themes(home, goals)
        self.load_roles(kommune_index)
        self.stdout.write(f"Nettverket er lastet ({self.created} nye objekter).")

    def load_sdgs(self):
        locales = {code: Locale.objects.get(language_code=code) for code in ("nb", "nn", "en")}
        goals = {}
        for row in read_csv("sdg.csv"):
            number = int(row["nr"])
            key = stable_key(f"sdg:{number}")
            versions = {
                "nb": {"name": row["navn_nb"], "subtitle": row["undertittel_nb"]},
                # The data has no nynorsk or English subtitle; editors can add them.
                "nn": {"name": row["navn_nn"], "name_confirmed": row["nn_stadfesta"] == "ja"},
                "en": {"name": row["name_en"]},
            }
            for code, fields in versions.items():
                goal, created = SDG.objects.get_or_create(
                    translation_key=key,
                    locale=locales[code],
                    defaults={"number": number, "colour": row["farge"], **fields},
                )
                self.created += created
                if code == "nb":
                    goals[number] = goal
        return goals

    def load_kommuner(self, home):
        index, created = ensure_child_page(
            home,
            "kommuner",
            KommuneIndexPage(
                title="Kommuner",
                slug="kommuner",
                show_in_menus=True,
                search_description="Kommunene i nettverket, med rapportene og eksemplene deres.",
                intro="<p>Alle kommunene i Trøndelag er med i nettverket, og fylket selv.</p>",
            ),
        )
        self.created += created
        rows = [COUNTY] + [
            {**row, "samisk": row["samisk_forvaltningsomrade"] == "ja"}
            for row in read_csv("kommuner.csv")
        ]
        for row in rows:
            page = KommunePage(
                title=row["navn"],
                slug=ascii_slug(row["navn"]),
                kommunenummer=row["kommunenummer"],
                offisielt_navn=row["offisielt_navn"],
                samisk_forvaltningsomrade=row.get("samisk", False),
            )
            _page, created = ensure_child_page(index, f"kommune:{row['kommunenummer']}", page)
            self.created += created
        return index

    def load_themes(self, home, goals):
        index, created = ensure_child_page(
            home,
            "tema",
            ThemeIndexPage(
                title="Tema",
                slug="tema",
                show_in_menus=True,
                search_description="Temaene nettverket jobber med.",
                intro="<p>Dette er temaene nettverket har jobbet med så langt.</p>",
            ),
        )
        self.created += created
        for theme in read_network()["themes"]:
            slug = theme["slug"]
            page = ThemePage(title=theme["name"], slug=slug, intro=THEME_INTROS.get(slug, ""))
            page.sdgs = [goals[number] for number in THEME_SDGS.get(slug, [])]
            _page, created = ensure_child_page(index, f"theme:{slug}", page)
            self.created += created

    def load_roles(self, kommune_index):
        root_page = Page.get_first_root_node()
        root_collection = Collection.get_first_root_node()
        access_admin = Permission.objects.get(
            content_type__app_label="wagtailadmin", codename="access_admin"
        )

        coordinators, created = Group.objects.get_or_create(name=COORDINATOR_GROUP)
        if created:
            self.created += 1
            coordinators.permissions.add(
                access_admin,
                *Permission.objects.filter(
                    content_type__app_label__in=["network", "wagtail_localize"],
                    codename__in=[
                        "add_sdg",
                        "change_sdg",
                        "view_sdg",
                        "submit_translation",
                    ],
                ),
            )
            for codename in ("add_page", "change_page", "publish_page", "lock_page", "unlock_page"):
                GroupPagePermission.objects.create(
                    group=coordinators, page=root_page, permission=self.page_permission(codename)
                )
            self.grant_collection(coordinators, root_collection, ["add", "change", "choose"])

        # Indicators came later than the group: given to it whether it is new or not.
        coordinators.permissions.add(
            *Permission.objects.filter(
                content_type__app_label="indicators",
                codename__in=[
                    "add_indicator",
                    "change_indicator",
                    "view_indicator",
                    "add_importbatch",
                    "change_area",
                    "view_area",
                ],
            )
        )
        # So did the network's own contact people, on «Om nettverket».
        coordinators.permissions.add(
            *Permission.objects.filter(
                content_type__app_label="network",
                codename__in=[
                    "add_networkcontact",
                    "change_networkcontact",
                    "delete_networkcontact",
                    "view_networkcontact",
                ],
            )
        )
        self.ensure_workflow(coordinators, root_page)
        self.retire_wagtail_default_groups()

        kommuner = KommunePage.objects.child_of(kommune_index).order_by("kommunenummer")
        for kommune in kommuner:
            # Found again by number, so a renamed kommune does not get a second group.
            prefix = f"{KOMMUNE_EDITOR_GROUP_PREFIX}{kommune.kommunenummer} "
            if Group.objects.filter(name__startswith=prefix).exists():
                continue
            group = Group.objects.create(name=prefix + kommune.title)
            self.created += 1
            group.permissions.add(access_admin)
            # Editors add and edit inside their own kommune's bokmål subtree only (the
            # coordinators handle translations); without publish permission, the
            # workflow sends their pages to a coordinator for approval.
            for codename in ("add_page", "change_page"):
                GroupPagePermission.objects.create(
                    group=group, page=kommune, permission=self.page_permission(codename)
                )
            self.grant_collection(group, root_collection, ["add", "choose"])

    def retire_wagtail_default_groups(self):
        """Deletes Wagtail's default groups; one that has members already is emptied of
        every right instead, so nobody is dropped from a group without a trace."""
        for group in Group.objects.filter(name__in=WAGTAIL_DEFAULT_GROUPS):
            if group.user_set.exists():
                GroupPagePermission.objects.filter(group=group).delete()
                GroupCollectionPermission.objects.filter(group=group).delete()
                group.permissions.clear()
                self.stderr.write(
                    f"Gruppen «{group.name}» har medlemmer og er tømt for rettigheter. "
                    "Flytt medlemmene til en kommuneredaktørgruppe."
                )
            else:
                group.delete()

    def ensure_workflow(self, coordinators, root_page):
        workflow, created = Workflow.objects.get_or_create(name=WORKFLOW_NAME)
        if not created:
            return
        self.created += 1
        task = GroupApprovalTask.objects.create(name="Godkjenning av nettverkskoordinator")
        task.groups.set([coordinators])
        WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=0)
        # Replaces Wagtail's default "Moderators approval" on the whole tree.
        WorkflowPage.objects.update_or_create(page=root_page, defaults={"workflow": workflow})

    @staticmethod
    def page_permission(codename):
        return Permission.objects.get(content_type__app_label="wagtailcore", codename=codename)

    @staticmethod
    def grant_collection(group, collection, actions):
        for app_label, model in (("wagtailimages", "image"), ("wagtaildocs", "document")):
            for action in actions:
                GroupCollectionPermission.objects.create(
                    group=group,
                    collection=collection,
                    permission=Permission.objects.get(
                        content_type__app_label=app_label, codename=f"{action}_{model}"
                    ),
                )
