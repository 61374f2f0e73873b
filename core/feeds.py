"""RSS and Atom feeds of new content: one feed class for every index page that offers
one. The index page gives the pages (`feed_pages()`: live, public, of its language, newest
first) and each page describes itself (`feed_description()`)."""

from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.utils.feedgenerator import Atom1Feed, Rss201rev2Feed


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

    def items(self):
        return self.index_page.feed_pages()[: self.limit]

    def item_title(self, page):
        return page.title

    def item_description(self, page):
        return page.feed_description()

    def item_link(self, page):
        return page.get_url(self.request)

    def item_pubdate(self, page):
        return page.first_published_at

    def item_guid(self, page):
        return str(page.translation_key) + "/" + page.locale.language_code

    item_guid_is_permalink = False


class AtomPageFeed(PageFeed):
    """The same feed as Atom, which some readers and e-mail services prefer."""

    feed_type = Atom1Feed

    def subtitle(self):
        return self.description()

    def author_name(self):
        return str(settings.NETWORK_NAME)

    def item_guid(self, page):
        # Atom wants an absolute IRI that never changes: the page's translation key is
        # that, with its language (the same story in nn is another entry).
        host = urlsplit(settings.WAGTAILADMIN_BASE_URL).hostname or "localhost"
        return f"tag:{host},2026:{page.translation_key}/{page.locale.language_code}"

    def item_updateddate(self, page):
        return page.last_published_at
