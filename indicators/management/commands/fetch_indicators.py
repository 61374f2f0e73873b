"""`manage.py fetch_indicators [NAME…]`: asks SSB for the tables named (or every table in
settings.SSB_TABLES) and imports each answer as `import_indicators` imports a file: checked
whole, kept as an import batch that can be undone. `--dry-run` shows what it would do.
For a scheduled job in production; a table that fails is reported and the others go on."""

from django.core.management.base import BaseCommand, CommandError

from indicators.importing import import_file, preview, read_file
from indicators.reading import FileRefused
from indicators.ssb import FetchFailed, configured_tables, fetch


class Command(BaseCommand):
    help = "Henter indikatortall fra SSBs statistikkbank og importerer dem."

    def add_arguments(self, parser):
        parser.add_argument(
            "names", nargs="*", help="Tabellene som skal hentes (navn i oppsettet)."
        )
        parser.add_argument("--dry-run", action="store_true", help="Vis bare hva som ville skjedd.")

    def handle(self, *args, names, dry_run, **options):
        try:
            tables = configured_tables()
        except FetchFailed as failed:
            raise CommandError(str(failed)) from None
        unknown = [name for name in names if name not in tables]
        if unknown:
            known = ", ".join(sorted(tables)) or "ingen"
            raise CommandError(f"Ukjent tabell: {', '.join(unknown)}. Kjente tabeller: {known}.")
        chosen = [tables[name] for name in names] or list(tables.values())
        if not chosen:
            self.stdout.write("Ingen tabeller er satt opp (SSB_TABLES).")
            return
        failed = []
        for table in chosen:
            file_name = f"ssb-{table.table}.json"
            try:
                data = fetch(table)
                if dry_run:
                    plan = preview(read_file(file_name, data))
                else:
                    _batch, plan = import_file(file_name, data, source=table.source)
            except (FetchFailed, FileRefused) as problem:
                self.stderr.write(f"{table.name} er ikke importert: {problem}")
                failed.append(table.name)
                continue
            verb = "ville gitt" if dry_run else "ga"
            self.stdout.write(
                f"{table.name} (tabell {table.table}) {verb} {len(plan.added)} nye, "
                f"{len(plan.changed)} endrede og {plan.unchanged} uendrede tall."
            )
        if failed:
            raise CommandError(f"Ikke importert: {', '.join(failed)}.")
