"""RSS feeds of new content: one base for every index page that offers one. Only live,
public pages of the index's language are in a feed."""

from django.contrib.syndication.views import Feed
from django.utils.feedgenerator import Rss201rev2Feed


class PageFeed(Feed):
    feed_type = Rss201rev2Feed
    limit = 30

    def __init__(self, index_page):
        super().__init__()
        self.index_page = index_page

    def __call__(self, request, *args, **kwargs):
        # The index page's finish_response sets the cache headers, as for its other routes.
        self.request = request
        return super().__call__(request, *args, **kwargs)

    def title(self):
        return self.index_page.title

    def link(self):
        return self.index_page.get_url(self.request)

    def description(self):
        return self.index_page.search_description or self.index_page.title

    def get_pages(self):
        """The live, public pages of the feed, newest first, as a queryset."""
        raise NotImplementedError

    def items(self):
        return self.get_pages()[: self.limit]

    def item_title(self, page):
        return page.title

    def item_link(self, page):
        return page.get_url(self.request)

    def item_pubdate(self, page):
        return page.first_published_at

    def item_guid(self, page):
        return str(page.translation_key) + "/" + page.locale.language_code

    item_guid_is_permalink = False
