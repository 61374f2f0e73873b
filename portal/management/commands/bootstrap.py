"""`manage.py bootstrap`: everything a newcomer needs, created once and never overwritten.

Runs each app's loader (settings.BOOTSTRAP_COMMANDS, so that portal imports no content
app), then copies new bokmål pages into the nynorsk and English trees and translates the
network's own content there (core/content_translations.py). `make run` calls
it every time; a second run only looks and finds nothing missing."""

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db import connection, transaction
from wagtail.models import Locale, Page, PageViewRestriction
from wagtail_localize.models import LocaleSynchronization
from wagtail_localize.synctree import PageIndex, synchronize_tree

from core.privacy import mirror_view_restrictions


class Command(BaseCommand):
    help = "Oppretter nettverkets innhold og struktur (bare det som mangler)."

    def handle(self, *args, **options):
        self.load(options["verbosity"])
        if connection.vendor == "postgresql":
            # Fresh statistics for the planner: until autovacuum comes by, a database the
            # loaders just filled looks empty to it, and a search then reran its full-text
            # match once for every page (13 ms where 0.3 ms will do).
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE")

    @transaction.atomic
    def load(self, verbosity):
        for command in settings.BOOTSTRAP_COMMANDS:
            call_command(command, verbosity=verbosity, stdout=self.stdout)
        page_index = PageIndex.from_database().sort_by_tree_position()
        for sync in LocaleSynchronization.objects.select_related("locale", "sync_from"):
            synchronize_tree(sync.sync_from, sync.locale, page_index=page_index)
        # Restrictions set on bokmål pages before their copies followed them.
        restricted = PageViewRestriction.objects.filter(page__locale=Locale.get_default())
        for page in Page.objects.filter(view_restrictions__in=restricted).distinct():
            mirror_view_restrictions(page)
        # Then the copies get our nynorsk and English (locale_content/).
        call_command("load_translations", verbosity=verbosity, stdout=self.stdout)
