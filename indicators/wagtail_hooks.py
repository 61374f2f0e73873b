"""Admin for indicators: the indicators as translatable snippets, and importing figures
(indicators/views.py) in the menu of those who may."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.panels import FieldPanel
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from indicators import pages, views
from indicators.models import Area, Indicator


class IndicatorViewSet(SnippetViewSet):
    model = Indicator
    icon = "table"
    menu_label = _("Indikatorer")
    add_to_admin_menu = True
    menu_order = 310
    list_display = ["code", "name", "unit", "direction", "is_example"]
    list_filter = ["locale", "direction", "is_example"]
    search_fields = ["code", "name"]
    ordering = ["code"]


register_snippet(IndicatorViewSet)


class AreaViewSet(SnippetViewSet):
    """The areas figures are for: made by the bootstrap, so coordinators only fill in
    what the data does not give, such as each kommune's KOSTRA group."""

    model = Area
    icon = "site"
    menu_label = _("Områder for tall")
    add_to_admin_menu = True
    menu_order = 312
    list_display = ["code", "name", "kind", "kostra_group"]
    list_filter = ["kind", "kostra_group"]
    search_fields = ["code", "name"]
    ordering = ["code"]
    panels = [FieldPanel("name", read_only=True), FieldPanel("kostra_group")]


register_snippet(AreaViewSet)


@hooks.register("register_admin_urls")
def register_import_urls():
    return [
        path("indikatorer/import/", views.upload, name="indicator_import"),
        path("indikatorer/import/<int:pk>/", views.preview, name="indicator_import_preview"),
        path("indikatorer/import/<int:pk>/angre/", views.undo_import, name="indicator_import_undo"),
    ]


class ImportMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm(views.PERMISSION)


@hooks.register("register_admin_menu_item")
def register_import_menu_item():
    return ImportMenuItem(
        _("Importer tall"), reverse("indicator_import"), icon_name="upload", order=311
    )


@hooks.register("serve_kommune_indicators")
def serve_kommune_indicators(request, kommune_page, download):
    """A kommune page's indikatorer/ (network/models.py): its ståstedsanalyse."""
    return pages.profile(request, kommune_page, download)
