"""Where an address leads, remembered for the content generation (core/memo.py).

Wagtail finds the page for an address by walking down the tree from the site's home
page, two queries for each level (the child with that slug, then its own page type):
seven for a case under a kommune, in every request, before the page itself renders. The
walk's outcome (which page, and how much of the address its own routes take, such as a
feed's rss/) depends on nothing but the content, so it is done once per generation;
afterwards one query fetches the page. The site for a host is remembered the same way.

Misses are not remembered: an address no page answers is walked every time, as before,
and made-up addresses cannot fill the memory."""

from django.core.exceptions import DisallowedHost
from django.http import Http404
from django.http.request import split_domain_port
from django.utils import translation
from wagtail.models import Page, Site

from core.memo import recall, remember, remembered

SITE_FIELDS = ("id", "hostname", "port", "site_name", "root_page_id", "is_default_site")


def find_site(request):
    """Site.find_for_request without its query; a fresh Site object for each request,
    since one caches its home page on itself."""
    if hasattr(request, "_wagtail_site"):
        return request._wagtail_site

    def site_fields():
        site = Site._find_for_request(request)
        return {name: getattr(site, name) for name in SITE_FIELDS} if site else None

    # The host name and port Wagtail matches a site on: ALLOWED_HOSTS has let only known
    # names through, but any port after them, which is not part of the key.
    try:
        host = request.get_host()
    except DisallowedHost:  # the error page for a name ALLOWED_HOSTS refused: not remembered
        request._wagtail_site = Site._find_for_request(request)
        return request._wagtail_site
    hostname = split_domain_port(host)[0].lower()
    key = f"site:{hostname}:{request.get_port()}"
    fields = remembered(key, site_fields)
    request._wagtail_site = Site(**fields) if fields else None
    return request._wagtail_site


def route(request, path):
    """Page.route_for_request (which Wagtail's serve view asks next and which keeps its
    answer on the request), with the walk down the tree remembered."""
    if hasattr(request, "_wagtail_route_for_request"):
        return request._wagtail_route_for_request
    site = find_site(request)
    if site is None:
        return Page.route_for_request(request, path)
    components = [component for component in path.split("/") if component]
    key = f"route:{site.pk}:{translation.get_language()}:{path}"
    where = recall(key)
    if where is None:
        result = Page.route_for_request(request, path)
        if result is not None:
            page = result.page
            # The levels the walk went down; the rest of the address is the page's own.
            taken = page.depth - site.root_page.depth
            remember(key, (type(page), page.pk, taken))
        return result
    model, pk, taken = where
    try:
        page = model.objects.get(pk=pk)
        result = page.route(request, components[taken:])
    except (model.DoesNotExist, Http404):
        result = None
    request._wagtail_route_for_request = result
    return result
