from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DocumentsConfig(AppConfig):
    """The portal's document model: the text of each PDF for search, its extraction as a
    background task, and which documents a visitor may see."""

    name = "documents"
    verbose_name = _("Dokumenter")

    def ready(self):
        from documents import signals  # noqa: F401
