"""Pages in another language than Norwegian (English) are indexed with their own
language's stems as well as the Norwegian ones (search/stemming.py).

On SQLite the triggers stem in the language the index sets while it writes
(`indexing_in`): a trigger may name only the row itself, since SQLite checks every
trigger against the tables named in it whenever Django rebuilds a table in a later
migration. Updates of other columns (the title norm) no longer restem a row. What is
indexed already is restemmed here, each page in its language.

On PostgreSQL the English stems are added to the English pages' entries, and the
champion lists, whose scores changed with them, are dropped: they are built again as
words are searched for."""

from importlib import import_module

from django.db import migrations

from search.stemming import DEFAULT, config_for, index_text

stemming = import_module("search.migrations.0003_sqlite_stemming")
ENTRIES, FTS = stemming.ENTRIES, stemming.FTS
# Each entry with the language of its page; NULL for objects that are not pages. The
# content type must match too: a document may have the same id as a page.
ENTRY_LANGUAGES = (
    f"SELECT e.id, l.language_code FROM {ENTRIES} e "
    "JOIN wagtailcore_page p ON CAST(p.id AS TEXT) = e.object_id "
    "AND p.content_type_id = e.content_type_id "
    "JOIN wagtailcore_locale l ON l.id = p.locale_id"
)


def triggers(stem):
    return [
        f"DROP TRIGGER IF EXISTS insert_{FTS}",
        f"CREATE TRIGGER insert_{FTS} AFTER INSERT ON {ENTRIES} BEGIN "
        f"INSERT INTO {FTS}(title, body, autocomplete, rowid) "
        f"VALUES ({stem}(NEW.title), {stem}(NEW.body), NEW.autocomplete, NEW.id); END",
        f"DROP TRIGGER IF EXISTS update_{FTS}",
        f"CREATE TRIGGER update_{FTS} AFTER UPDATE OF title, body, autocomplete "
        f"ON {ENTRIES} BEGIN "
        f"UPDATE {FTS} SET title={stem}(NEW.title), body={stem}(NEW.body), "
        "autocomplete=NEW.autocomplete WHERE rowid=NEW.id; END",
    ]


def per_language(apps, schema_editor):
    connection = schema_editor.connection
    if connection.vendor == "sqlite" and stemming.has_fts_table(schema_editor):
        for statement in triggers("portal_stem"):
            schema_editor.execute(statement)
        with connection.cursor() as cursor:
            cursor.execute(ENTRY_LANGUAGES)
            configs = {entry: config_for(code) for entry, code in cursor.fetchall()}
            cursor.execute(f"SELECT id, title, body FROM {ENTRIES}")
            rows = [
                (index_text(title, configs.get(entry, DEFAULT)),
                 index_text(body, configs.get(entry, DEFAULT)), entry)
                for entry, title, body in cursor.fetchall()
                if configs.get(entry, DEFAULT) != DEFAULT
            ]
            cursor.executemany(f"UPDATE {FTS} SET title = %s, body = %s WHERE rowid = %s", rows)
    elif connection.vendor == "postgresql":
        others = [code for code in ("en",) if config_for(code) != DEFAULT]
        with connection.cursor() as cursor:
            for code in others:
                cursor.execute(
                    f"UPDATE {ENTRIES} SET "
                    "title = title || setweight(to_tsvector(%s::regconfig, title_text), 'A'), "
                    "body = body || to_tsvector(%s::regconfig, body_text) "
                    f"WHERE id IN (SELECT id FROM ({ENTRY_LANGUAGES}) e WHERE language_code = %s)",
                    [config_for(code), config_for(code), code],
                )
            cursor.execute("DELETE FROM portal_search_champion")
            cursor.execute("DELETE FROM portal_search_championlist")


def norwegian_only(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        stemming.stem(apps, schema_editor)


class Migration(migrations.Migration):
    dependencies = [
        ("portal_search", "0004_slim_index_rows"),
        ("wagtailcore", "0094_alter_page_locale"),
    ]

    operations = [migrations.RunPython(per_language, norwegian_only)]
