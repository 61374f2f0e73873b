"""`manage.py import_indicators FILE…`: imports indicator figures from JSON-stat (.json,
as SSB's Statistikkbanken gives it), CSV (.csv) or Excel (.xlsx). Each file is checked whole before
anything is stored: a file with an error is refused with the reason, and nothing from it
is kept. `--dry-run` shows what an import would do."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from indicators.importing import import_file, preview, read_file
from indicators.reading import FileRefused


class Command(BaseCommand):
    help = "Importerer indikatortall fra JSON-stat-, CSV- eller Excel-filer."

    def add_arguments(self, parser):
        parser.add_argument("files", nargs="+", type=Path)
        parser.add_argument("--source", default="", help="Hvor tallene kommer fra, f.eks. «SSB».")
        parser.add_argument(
            "--indicator", help="Indikatorkoden, for en CSV-fil med ett år per kolonne."
        )
        parser.add_argument("--dry-run", action="store_true", help="Vis bare hva som ville skjedd.")

    def handle(self, *args, files, source, indicator, dry_run, **options):
        for path in files:
            try:
                data = path.read_bytes()
            except OSError as error:
                raise CommandError(f"Kan ikke lese {path}: {error.strerror}.") from None
            try:
                if dry_run:
                    plan = preview(read_file(path.name, data, indicator=indicator))
                else:
                    _batch, plan = import_file(path.name, data, source=source, indicator=indicator)
            except FileRefused as refused:
                raise CommandError(f"{path.name} er ikke importert: {refused}") from None
            verb = "ville gitt" if dry_run else "ga"
            self.stdout.write(
                f"{path.name} {verb} {len(plan.added)} nye, {len(plan.changed)} endrede og "
                f"{plan.unchanged} uendrede tall"
                + (
                    f", og {len(plan.new_indicators)} nye indikatorer."
                    if plan.new_indicators
                    else "."
                )
            )
