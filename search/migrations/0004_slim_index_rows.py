"""On PostgreSQL, the index table's rows kept small: the long vectors (a PDF's words) go
to the table's TOAST storage rather than into the row itself.

Counting a search's matches and its facets reads the row of every match. With the body
vector in the row, 100,000 entries filled 210 MB and a common word read all of it (90 ms);
with rows under 128 bytes they fill 14 MB (17 ms). Ranking reads a body vector only for
the candidates it scores, so it costs the same. Existing rows are rewritten here; the
table's file shrinks after `VACUUM FULL wagtailsearch_indexentry`, which cannot run in a
migration (README, "Search speed")."""

from django.db import migrations

TABLE = "wagtailsearch_indexentry"


def slim(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"ALTER TABLE {TABLE} SET (toast_tuple_target = 128)")
        schema_editor.execute(f"UPDATE {TABLE} SET body = body")


def widen(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"ALTER TABLE {TABLE} RESET (toast_tuple_target)")


class Migration(migrations.Migration):
    dependencies = [("portal_search", "0003_sqlite_stemming")]

    operations = [migrations.RunPython(slim, widen)]
