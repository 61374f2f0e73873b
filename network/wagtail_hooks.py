"""Admin for the SDG snippet (editors see at a glance which names still need checking) and the
network's own contact people."""

from django.utils.translation import gettext_lazy as _
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from network.models import SDG, NetworkContact


class SDGViewSet(SnippetViewSet):
    model = SDG
    icon = "globe"
    menu_label = _("Bærekraftsmål")
    add_to_admin_menu = True
    list_display = ["number", "name", "colour", "name_confirmed"]
    list_filter = ["name_confirmed", "locale"]
    ordering = ["number"]


register_snippet(SDGViewSet)


class NetworkContactViewSet(SnippetViewSet):
    """The network's coordinators, on «Om nettverket» when they have agreed to it."""

    model = NetworkContact
    icon = "user"
    menu_label = _("Kontaktpersoner i nettverket")
    add_to_admin_menu = True
    list_display = ["name", "role", "organisation", "consent"]
    ordering = ["sort_order", "name"]


register_snippet(NetworkContactViewSet)
