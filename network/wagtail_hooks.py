"""Admin for the SDG snippet: editors see at a glance which names still need checking."""

from django.utils.translation import gettext_lazy as _
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from network.models import SDG


class SDGViewSet(SnippetViewSet):
    model = SDG
    icon = "globe"
    menu_label = _("Bærekraftsmål")
    add_to_admin_menu = True
    list_display = ["number", "name", "colour", "name_confirmed"]
    list_filter = ["name_confirmed", "locale"]
    ordering = ["number"]


register_snippet(SDGViewSet)
