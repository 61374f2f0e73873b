"""RSS feed of new reports."""

from core.feeds import PageFeed
from reports.models import ReportPage


class ReportFeed(PageFeed):
    def get_pages(self):
        return ReportPage.listing(self.index_page.locale).order_by("-first_published_at")

    def item_description(self, page):
        return page.title
