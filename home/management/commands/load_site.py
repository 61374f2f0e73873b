"""Creates the site itself: the locales (nn and en kept in sync with bokmål), the home
page and the standing pages. Part of `manage.py bootstrap`; safe to run again."""

from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.management.base import BaseCommand
from django.db import transaction
from wagtail.models import Collection, Locale, Page, Site
from wagtail_localize.models import LocaleSynchronization

from core.bootstrap import ensure_child_page, find_page, stable_key
from home.models import HomePage, StandardPage
from network.facts import read_network

HOME_INTRO = (
    "Her deler kommunene i Trøndelag hvordan de jobber med FNs bærekraftsmål. "
    "Finn gode eksempler fra andre kommuner, rapportene deres og temaene nettverket "
    "jobber med."
)

# (name, slug, title, intro, body paragraphs, shown in the main menu)
STANDARD_PAGES = [
    (
        "om-nettverket",
        "om-nettverket",
        "Om nettverket",
        "Bærekraftsnettverket i Trøndelag er et nettverk for å dele kunnskap og "
        "erfaringer om FNs bærekraftsmål.",
        [
            "I nettverket er kommunene i Trøndelag, Statsforvalteren i Trøndelag, KS, "
            "Næringsalliansen og Trøndelag fylkeskommune med.",
            "Vi lærer av hverandre. En kommune som har prøvd noe som virker, deler det her, "
            "slik at andre kan gjøre det samme uten å starte fra null.",
            "Nettverket følger modellen fra Møre og Romsdal. Tallene om bærekraft i "
            "kommunene finner du i Trøndelag i tall, under Bærekraft.",
        ],
        True,
    ),
    (
        "personvern",
        "personvern",
        "Personvern",
        "Slik behandler vi opplysninger om deg når du bruker nettstedet.",
        [
            "Vi bruker ikke analyseverktøy, annonser eller innhold fra andre nettsteder "
            "som sporer deg.",
            "Nettstedet setter bare to informasjonskapsler, og bare når de trengs: én som "
            "holder deg innlogget hvis du er redaktør, og én som beskytter skjemaer mot "
            "misbruk.",
            "Sender du oss noe gjennom et skjema, bruker vi det bare til det du sendte det "
            "for. Du kan be om å få se, rette eller slette det du har sendt.",
            "Melder du deg på e-postvarsler, lagrer vi bare e-postadressen, hva du vil ha "
            "varsel om, språket ditt og når du meldte deg på og bekreftet. Vi sletter "
            "adressen når du melder deg av, og en påmelding du ikke bekrefter, sletter vi "
            "etter en uke.",
            "Kontaktpersonene på kommunesidene står der fordi de selv har sagt ja til det.",
        ],
        False,
    ),
    (
        "tilgjengelighetserklaering",
        "tilgjengelighetserklaering",
        "Tilgjengelighetserklæring",
        "Vi vil at alle skal kunne bruke nettstedet, også med skjermleser, forstørrelse "
        "eller bare tastatur.",
        [
            "Nettstedet er laget for å følge kravene i WCAG 2.1 på nivå AA. Vi bruker "
            "Designsystemet, som offentlige virksomheter i Norge bruker.",
            "Vi tester sidene automatisk for brudd på kravene hver gang vi endrer noe.",
            "Finner du noe som ikke virker for deg, vil vi gjerne høre om det, slik at vi "
            "kan rette det.",
        ],
        False,
    ),
]


def members_blocks():
    """«Med i nettverket» on Om nettverket: the member organisations from the network's
    data, each marked up as a schema.org Organization."""
    partners = read_network()["network"]["partners"]
    blocks = [("heading", {"text": "Med i nettverket", "level": "h2"})]
    for name in partners:
        if name == "trønderske kommuner":
            blocks.append(
                (
                    "organisation",
                    {
                        "name": "Kommunene i Trøndelag",
                        "description": "alle de 38 kommunene",
                        "url": "",
                    },
                )
            )
        else:
            blocks.append(("organisation", {"name": name, "description": "", "url": ""}))
    return blocks


# Blocks a standing page has after its paragraphs.
MORE_BLOCKS = {"om-nettverket": members_blocks}

# The top collection, which holds documents and images that belong to no other.
ROOT_NAME = "Felles"


class Command(BaseCommand):
    help = "Oppretter språkene, forsiden og de faste sidene (bare det som mangler)."

    @transaction.atomic
    def handle(self, *args, **options):
        self.ensure_tree_roots()
        # The home page first: creating a locale synchronisation copies whatever tree
        # exists at that moment, and Wagtail's placeholder page must be gone by then.
        home = self.ensure_home_page()
        self.ensure_site_address(home)
        self.ensure_locales()
        for name, slug, title, intro, paragraphs, in_menu in STANDARD_PAGES:
            page = StandardPage(
                title=title,
                slug=slug,
                intro=intro,
                search_description=intro,
                show_in_menus=in_menu,
                body=[("paragraph", f"<p>{text}</p>") for text in paragraphs]
                + (MORE_BLOCKS[name]() if name in MORE_BLOCKS else []),
            )
            _page, created = ensure_child_page(home, f"standard:{name}", page)
            if created:
                self.stdout.write(f"Opprettet siden «{title}»")

    def ensure_tree_roots(self):
        """What Wagtail's migrations create, recreated if a database was emptied without
        migrating again (as transactional tests do)."""
        default, _ = Locale.objects.get_or_create(language_code=settings.LANGUAGE_CODE)
        if not Page.get_first_root_node():
            Page.add_root(
                instance=Page(
                    title="Root",
                    slug="root",
                    content_type=ContentType.objects.get_for_model(Page),
                    locale=default,
                )
            )
        root_collection = Collection.get_first_root_node() or Collection.add_root(name=ROOT_NAME)
        # Wagtail's migration names it in English, and editors see it on every upload form.
        if root_collection.name == "Root":
            root_collection.name = ROOT_NAME
            root_collection.save(update_fields=["name"])

    def ensure_locales(self):
        source = Locale.get_default()
        for code in ("nn", "en"):
            locale, _ = Locale.objects.get_or_create(language_code=code)
            LocaleSynchronization.objects.get_or_create(
                locale=locale, defaults={"sync_from": source}
            )

    def ensure_home_page(self):
        home = find_page(HomePage, "home")
        if home:
            return home
        root = Page.get_first_root_node()
        # Wagtail's own placeholder page from its first migration: replace it.
        for placeholder in root.get_children().filter(content_type__model="page", slug="home"):
            if not placeholder.get_children().exists():
                placeholder.delete()
        home = HomePage(
            title="Bærekraftsnettverket i Trøndelag",
            slug="home",
            intro=HOME_INTRO,
            locale=Locale.get_default(),
            translation_key=stable_key("home"),
        )
        root.add_child(instance=home)
        home.save_revision(log_action=False).publish(log_action=False)
        Site.objects.update_or_create(
            is_default_site=True,
            defaults={"root_page": home, "site_name": "Bærekraftsnettverket i Trøndelag"},
        )
        self.stdout.write("Opprettet forsiden")
        return home

    def ensure_site_address(self, home):
        """The site answers on every host (default site); BASE_URL names its public address,
        which full URLs use (hreflang, the sitemap, the API's html_url, links in e-mails).
        It follows BASE_URL on every run, so `PORT=8131 make run` links to port 8131."""
        base_url = urlsplit(settings.WAGTAILADMIN_BASE_URL)
        address = {
            "hostname": base_url.hostname or "localhost",
            "port": base_url.port or (443 if base_url.scheme == "https" else 80),
        }
        site = Site.objects.filter(is_default_site=True).first()
        if site and (site.hostname, site.port) != (address["hostname"], address["port"]):
            Site.objects.filter(pk=site.pk).update(**address)
            Site.clear_site_root_paths_cache()
            self.stdout.write(f"Nettstedets adresse er nå {settings.WAGTAILADMIN_BASE_URL}")
