"""On SQLite, the full-text table holds the stems of the words (search/stemming.py), so
that a search finds every form of a Norwegian word as PostgreSQL's norwegian configuration
does. Wagtail's triggers copy the index entries into the table as they are; these copy
the stems, and what is indexed already is stemmed once here."""

from django.db import migrations

ENTRIES = "wagtailsearch_indexentry"
FTS = f"{ENTRIES}_fts"


def triggers(title, body):
    return [
        f"DROP TRIGGER IF EXISTS insert_{FTS}",
        f"CREATE TRIGGER insert_{FTS} AFTER INSERT ON {ENTRIES} BEGIN "
        f"INSERT INTO {FTS}(title, body, autocomplete, rowid) "
        f"VALUES ({title}, {body}, NEW.autocomplete, NEW.id); END",
        f"DROP TRIGGER IF EXISTS update_{FTS}",
        f"CREATE TRIGGER update_{FTS} AFTER UPDATE ON {ENTRIES} BEGIN "
        f"UPDATE {FTS} SET title={title}, body={body}, autocomplete=NEW.autocomplete "
        "WHERE rowid=NEW.id; END",
    ]


def refill(schema_editor, title, body):
    schema_editor.execute(f"DELETE FROM {FTS}")
    schema_editor.execute(
        f"INSERT INTO {FTS}(rowid, title, body, autocomplete) "
        f"SELECT id, {title}, {body}, autocomplete FROM {ENTRIES}"
    )


def has_fts_table(schema_editor):
    return FTS in schema_editor.connection.introspection.table_names()


def stem(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite" and has_fts_table(schema_editor):
        for statement in triggers("norwegian_stem(NEW.title)", "norwegian_stem(NEW.body)"):
            schema_editor.execute(statement)
        refill(schema_editor, "norwegian_stem(title)", "norwegian_stem(body)")


def unstem(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite" and has_fts_table(schema_editor):
        for statement in triggers("NEW.title", "NEW.body"):
            schema_editor.execute(statement)
        refill(schema_editor, "title", "body")


class Migration(migrations.Migration):
    dependencies = [
        ("portal_search", "0002_document_index"),
        ("wagtailsearch", "0010_add_text_fields"),
    ]

    operations = [migrations.RunPython(stem, unstem)]
