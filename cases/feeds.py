"""RSS feed of new cases."""

from cases.models import CasePage
from core.feeds import PageFeed


class CaseFeed(PageFeed):
    def get_pages(self):
        return CasePage.listing(self.index_page.locale).order_by("-first_published_at")

    def item_description(self, page):
        return page.summary
