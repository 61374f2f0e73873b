"""The indicator section's page, and the stored figures (indicators/records.py), which
are imported here so that Django finds them. The section's views are in pages.py: they
read the figures through figures.py, which imports records.py, not this module, so that
nothing here imports in a circle."""

from django.utils.translation import gettext_lazy as _
from wagtail.contrib.routable_page.models import re_path

from core.models import IndexPage, RoutableMixin
from indicators import figures, pages
from indicators.records import (  # noqa: F401 (Django finds an app's models here)
    Area,
    Direction,
    ImportBatch,
    Indicator,
    Observation,
    ObservationChange,
)
from network.models import KommunePage

# An indicator's code as it may stand in an address (Wagtail's page paths allow these).
CODE_IN_PATH = r"(?P<code>[\w-]{1,60})"


class IndicatorIndexPage(RoutableMixin, IndexPage):
    """/indikatorer/: every indicator by goal, a page for each (<code>/), its figures as
    files (<code>/csv/, excel/, json-stat/) and its chart for other sites (<code>/innbygging/).
    The pages are routes, not Wagtail pages: indicators are snippets, managed with their
    figures, so an import never has pages to create or unpublish."""

    subpage_types = []
    per_page = 200

    class Meta:
        verbose_name = _("oversikt over indikatorer")

    def get_listing(self, request):
        groups = pages.overview(self)
        return [i for _heading, _number, members in groups for i in members], {"groups": groups}

    def get_sitemap_urls(self, request=None):
        """The section, each indicator's page and each kommune's ståstedsanalyse, for
        search engines: all of them are public only while this page is."""
        urls = super().get_sitemap_urls(request)
        if urls:
            address = self.get_full_url(request)
            urls += [
                {"location": address + self.reverse_subpage("indicator", args=[i.code])}
                for i in figures.indicators(self.locale)
            ]
            kommuner = KommunePage.objects.live().public().filter(locale=self.locale)
            urls += [
                {"location": kommune.get_full_url(request) + "indikatorer/"}
                for kommune in kommuner.order_by("path")
            ]
        return urls

    @re_path(rf"^{CODE_IN_PATH}/$", name="indicator")
    @re_path(rf"^{CODE_IN_PATH}/(?P<download>csv|excel|json-stat)/$", name="indicator_download")
    def indicator(self, request, code, download=None):
        return pages.indicator_page(request, self, code, download)

    @re_path(rf"^{CODE_IN_PATH}/innbygging/$", name="embed")
    def embed(self, request, code):
        return pages.embed(request, self, code)
