"""The kinds of report, shared by the page model and the library's filters."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class ReportType(models.TextChoices):
    BAEREKRAFTSRAPPORT = "baerekraftsrapport", _("Bærekraftsrapport")
    INNBYGGERUNDERSOKELSE = "innbyggerundersokelse", _("Innbyggerundersøkelse")
    OTHER = "annen", _("Annen rapport")
