"""Error pages in the visitor's language. They never show a stack trace. And the files
`make run` serves itself."""

import posixpath

from django.conf import settings
from django.contrib.staticfiles import finders
from django.contrib.staticfiles.views import serve as serve_static
from django.core.exceptions import SuspiciousFileOperation
from django.http import FileResponse, Http404, HttpResponse, HttpResponseServerError
from django.shortcuts import render
from django.template import loader
from django.utils.cache import patch_cache_control
from django.views.decorators.http import require_safe
from django.views.static import serve as serve_file

# Uploaded files anyone may fetch directly: images and their renditions. Documents go
# through Wagtail's serve view, which checks the privacy of their collection.
PUBLIC_MEDIA_FOLDERS = {"images", "original_images"}


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


def dev_static(request, path):
    """Static files under `make run` (SERVE_FILES). A path that leads out of the static
    folders names a file that is not there: a 404, not a server error."""
    try:
        return serve_static(request, path, insecure=True)
    except SuspiciousFileOperation:
        raise Http404(path) from None


def dev_media(request, path):
    """Uploaded images under `make run` (SERVE_FILES); nothing else from MEDIA_ROOT."""
    if posixpath.normpath(path).split("/")[0] not in PUBLIC_MEDIA_FOLDERS:
        raise Http404(path)
    try:
        return serve_file(request, path, document_root=settings.MEDIA_ROOT)
    except SuspiciousFileOperation:
        raise Http404(path) from None


# Search results, the admin and the API are not for search engines' indexes.
ROBOTS = """User-agent: *
Disallow: /admin/
Disallow: /api/
Disallow: /sok/
Disallow: /nn/sok/
Disallow: /en/sok/
Sitemap: {sitemap}
"""


@require_safe
def robots_txt(request):
    text = ROBOTS.format(sitemap=request.build_absolute_uri("/sitemap.xml"))
    response = HttpResponse(text, content_type="text/plain; charset=utf-8")
    patch_cache_control(response, public=True, max_age=24 * 60 * 60)
    return response


@require_safe
def favicon(request):
    """/favicon.ico, where browsers look for the icon without being told."""
    response = FileResponse(open(finders.find("favicon.ico"), "rb"), content_type="image/x-icon")
    patch_cache_control(response, public=True, max_age=7 * 24 * 60 * 60)
    return response
