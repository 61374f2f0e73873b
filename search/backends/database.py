"""The database search backend the portal is configured with: Wagtail's own for the
database in use, with the ranked search made fast (sqlite.py, postgres.py)."""

from django.db import connection
from wagtail.search.backends.database import SearchBackend as WagtailDatabaseBackend


def SearchBackend(params):  # noqa: N802 - Wagtail looks up this name in the module
    if connection.vendor == "postgresql":
        from search.backends.postgres import PostgresSearchBackend

        return PostgresSearchBackend(params)
    backend = WagtailDatabaseBackend(params)
    if connection.vendor == "sqlite" and backend.results_class.__name__ == "SQLiteSearchResults":
        from search.backends.sqlite import SQLiteSearchBackend

        return SQLiteSearchBackend(params)
    return backend
