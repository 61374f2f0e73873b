"""Reading listings the way a visitor does: the titles on a page, and across all pages."""

import re

CARD_TITLE = re.compile(r'<h3 class="ds-heading" data-size="xs"><a [^>]*>([^<]+)</a>')


def listed_titles(response):
    return CARD_TITLE.findall(response.content.decode())


def all_listed_titles(client, url):
    """Every title across a paginated listing; `url` may carry a query string."""
    separator = "&" if "?" in url else "?"
    titles, number = [], 1
    while True:
        response = client.get(f"{url}{separator}page={number}")
        if response.status_code == 404:
            return titles
        assert response.status_code == 200, response.status_code
        titles += listed_titles(response)
        number += 1
