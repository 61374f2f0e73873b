"""Loads the report library from network/data/rapporter.csv: the /rapporter/ index and a
ReportPage under each owner's kommune page, each with a generated placeholder PDF. Part of
`manage.py bootstrap`; creates only what is missing."""

from django.core.files.base import ContentFile
from django.core.management.base import BaseCommand
from django.db import transaction

from core.bootstrap import ensure_child_page, find_page, home_page
from core.text import ascii_slug
from documents.models import PortalDocument, upload_collection
from network.facts import read_csv
from network.models import KommunePage
from reports.choices import ReportType
from reports.models import ReportIndexPage, ReportPage
from reports.placeholder import placeholder_pdf


class Command(BaseCommand):
    help = "Laster rapportbiblioteket fra rapporter.csv (bare det som mangler)."

    @transaction.atomic
    def handle(self, *args, **options):
        home = home_page()
        index, _ = ensure_child_page(
            home,
            "rapporter",
            ReportIndexPage(
                title="Rapporter",
                slug="rapporter",
                show_in_menus=True,
                search_description="Bærekraftsrapportene og innbyggerundersøkelsene "
                "fra kommunene og fylket.",
                intro="<p>Her finner du rapportene kommunene og fylket har laget om "
                "bærekraft. Velg kommune, år eller type for å finne det du leter etter.</p>",
            ),
        )
        upload_collection()  # where editors' report PDFs go, also before any is loaded
        created = 0
        for row in read_csv("rapporter.csv"):
            owner = find_page(KommunePage, f"kommune:{row['kommunenummer']}")
            if owner is None:
                self.stderr.write(f"Fant ikke eieren av «{row['tittel']}»; hopper over.")
                continue
            year = int(row["aar"]) if row["aar"] else None
            key = f"report:{row['kommunenummer']}:{row['type']}:{row['aar'] or '-'}"
            if find_page(ReportPage, key):
                continue
            report = ReportPage(
                title=row["tittel"],
                slug=ascii_slug(row["type"] + (f"-{year}" if year else "")),
                year=year,
                report_type=ReportType(row["type"]),
                document=self.placeholder_document(row["tittel"], owner.title, year),
            )
            ensure_child_page(owner, key, report)
            created += 1
        self.stdout.write(f"Rapportbiblioteket er lastet ({created} nye rapporter).")

    def placeholder_document(self, title, owner, year):
        document = PortalDocument(title=f"{title} (plassholder)", collection=upload_collection())
        document.file = ContentFile(
            placeholder_pdf(title, owner, year), name=f"{ascii_slug(title)}.pdf"
        )
        document._set_document_file_metadata()
        document.placeholder_hash = document.file_hash
        document.save()
        return document
