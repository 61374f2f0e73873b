"""`manage.py load_translations`: the nynorsk and English of the network's own content
(core/content_translations.py). Part of `manage.py bootstrap`; safe to run again."""

from django.core.management.base import BaseCommand

from core import content_translations


class Command(BaseCommand):
    help = "Legger inn nynorsk og engelsk for nettverkets eget innhold (bare det som mangler)."

    def handle(self, *args, **options):
        content_translations.load(self.stdout if options["verbosity"] else None)
