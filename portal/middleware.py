"""Rejects requests that no page can answer before they reach the database, and hands
each request the content generation (what it may remember, core/memo.py)."""

import re

from django.http import HttpResponseNotAllowed
from django.urls import reverse
from django.utils.translation import gettext as _

from core import memo
from core.exceptions import VisitorBadRequest
from portal import pagecache
from portal.views import bad_request

# NUL and other control characters: PostgreSQL refuses NUL in text, so a path or query
# with one would otherwise end as a 500 deep inside page routing.
CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def has_control_characters(request):
    texts = [request.path]
    for key, values in request.GET.lists():
        texts.append(key)
        texts.extend(values)
    return any(CONTROL_CHARACTERS.search(text) for text in texts)


class RejectControlCharactersMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if has_control_characters(request):
            return bad_request(
                request, VisitorBadRequest(_("Adressen inneholder tegn som ikke kan brukes."))
            )
        return self.get_response(request)


class AllowedMethodsMiddleware:
    """GET and HEAD everywhere, POST only where a view takes a form (each view says so);
    TRACE, PUT, DELETE and the rest nowhere but in the admin, where wagtail-localize's
    translation editor saves (PUT) and reverts (DELETE) a translated text. The admin asks
    for a login and a CSRF token first."""

    METHODS = ("GET", "HEAD", "POST")
    ADMIN_METHODS = (*METHODS, "PUT", "DELETE")

    def __init__(self, get_response):
        self.get_response = get_response
        self.admin_prefix = None

    def __call__(self, request):
        if self.admin_prefix is None:
            self.admin_prefix = reverse("wagtailadmin_home")
        admin = request.path.startswith(self.admin_prefix)
        if request.method not in (self.ADMIN_METHODS if admin else self.METHODS):
            return HttpResponseNotAllowed(["GET", "HEAD"])
        return self.get_response(request)


class ContentGenerationMiddleware:
    """What every visitor shares (the menu, the view restrictions, the locales) is worked
    out once per content generation, the page cache's: any change starts a new one on
    every app server."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        # A preview renders what an editor has not published (a draft, the edit form's
        # data) through the same templates: nothing it works out may be remembered.
        if getattr(request, "is_dummy", False):
            return self.get_response(request)
        with memo.generation(pagecache.generation()):
            return self.get_response(request)
