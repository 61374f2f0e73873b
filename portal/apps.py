from django.apps import AppConfig


class PortalConfig(AppConfig):
    name = "portal"
    verbose_name = "Bærekraftsportalen"

    def ready(self):
        from portal import pagecache

        # A change to anything pages show purges the page cache, on every app server.
        pagecache.connect_signals()
