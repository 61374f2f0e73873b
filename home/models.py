"""The front page and the network's standing pages (om nettverket, personvern,
tilgjengelighetserklæring)."""

from django.utils.translation import gettext_lazy as _

from core.models import ContentPage


class HomePage(ContentPage):
    parent_page_types = ["wagtailcore.Page"]

    class Meta:
        verbose_name = _("forside")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # The sections of the site, as cards; home knows no content app by name.
        context["sections"] = self.get_children().live().public().in_menu()
        return context


class StandardPage(ContentPage):
    parent_page_types = ["home.HomePage", "home.StandardPage"]
    subpage_types = ["home.StandardPage"]

    class Meta:
        verbose_name = _("standardside")
        verbose_name_plural = _("standardsider")
