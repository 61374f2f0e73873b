from django.apps import AppConfig


class CoreConfig(AppConfig):
    """What every app of the portal builds on: the page base classes, shared blocks, text
    helpers, pagination, the feed base class, template tags and the bootstrap helpers."""

    name = "core"
    verbose_name = "Felles grunnlag"

    def ready(self):
        from core import privacy, translations  # noqa: F401
