"""On SQLite, each page's words are stemmed in the language of its locale (English pages
with the English stemmer, search/stemming.py), as PostgreSQL indexes them with that
language's configuration. Objects that are not pages (documents) stay Norwegian."""

from importlib import import_module

from django.db import migrations

stemming = import_module("search.migrations.0003_sqlite_stemming")

ENTRIES = stemming.ENTRIES


def language(row):
    """The language code of the page an index entry row is for; NULL for other objects.
    The content type must match too: a document may have the same id as a page."""
    return (
        "(SELECT l.language_code FROM wagtailcore_page p "
        "JOIN wagtailcore_locale l ON l.id = p.locale_id "
        f"WHERE p.id = CAST({row}.object_id AS INTEGER) "
        f"AND p.content_type_id = {row}.content_type_id)"
    )


def per_language(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite" and stemming.has_fts_table(schema_editor):
        for statement in stemming.triggers(
            f"portal_stem(NEW.title, {language('NEW')})",
            f"portal_stem(NEW.body, {language('NEW')})",
        ):
            schema_editor.execute(statement)
        stemming.refill(
            schema_editor,
            f"portal_stem(title, {language(ENTRIES)})",
            f"portal_stem(body, {language(ENTRIES)})",
        )


class Migration(migrations.Migration):
    dependencies = [
        ("portal_search", "0004_slim_index_rows"),
        ("wagtailcore", "0094_alter_page_locale"),
    ]

    operations = [migrations.RunPython(per_language, stemming.stem)]
