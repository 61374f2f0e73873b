"""Rejects requests that no page can answer before they reach the database."""

import re

from django.http import HttpResponseNotAllowed
from django.utils.translation import gettext as _

from core.exceptions import VisitorBadRequest
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
    TRACE, PUT, DELETE and the rest nowhere."""

    METHODS = ("GET", "HEAD", "POST")

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.method not in self.METHODS:
            return HttpResponseNotAllowed(["GET", "HEAD"])
        return self.get_response(request)
