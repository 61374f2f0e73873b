"""Error pages in the visitor's language. They never show a stack trace."""

from django.http import HttpResponseServerError
from django.shortcuts import render
from django.template import loader


def bad_request(request, exception=None):
    return render(request, "400.html", {"exception_message": _message(exception)}, status=400)


def page_not_found(request, exception=None):
    return render(request, "404.html", status=404)


def server_error(request):
    # Rendered without a request context: the page must not depend on the database or on
    # anything else that may be what just failed.
    return HttpResponseServerError(loader.get_template("500.html").render())


def _message(exception):
    # Only our own BadRequest messages are written for visitors; anything else stays generic.
    message = getattr(exception, "visitor_message", None)
    return str(message) if message else ""


def csrf_failure(request, reason=""):
    """The form was sent without a valid security token (an old tab, blocked cookies)."""
    return render(request, "403_csrf.html", status=403)
