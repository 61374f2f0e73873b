"""Reading pages the way a visitor does: the titles on a listing page and across all its
pages, and a request through the WSGI application as the app server makes it (with the
page cache in front of Django)."""

import re

from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from django.test import RequestFactory

from portal.wsgi import application

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


def fetch(path, method="GET", cookie="", **query):
    environ = RequestFactory().generic(method, path, data=query or None).environ
    environ.update(
        {"REQUEST_METHOD": method, "QUERY_STRING": "&".join(f"{k}={v}" for k, v in query.items())}
    )
    if cookie:
        environ["HTTP_COOKIE"] = cookie
    answer = {}

    def start_response(status, headers, exc_info=None):
        answer.update(status=status, headers=dict(headers))

    # As Django's test client does: the test's database connection stays open.
    request_finished.disconnect(close_old_connections)
    request_started.disconnect(close_old_connections)
    try:
        body = application(environ, start_response)
        answer["body"] = b"".join(body).decode()
        if hasattr(body, "close"):
            body.close()
    finally:
        request_finished.connect(close_old_connections)
        request_started.connect(close_old_connections)
    return answer


def from_cache(answer):
    return answer["headers"].get("X-Page-Cache") == "hit"
