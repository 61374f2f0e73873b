from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SearchConfig(AppConfig):
    name = "search"
    label = "portal_search"
    verbose_name = _("Søk")

    def ready(self):
        from django.db.backends.signals import connection_created

        from search import signals  # noqa: F401
        from search.stemming import register_sqlite_function

        connection_created.connect(register_sqlite_function)
