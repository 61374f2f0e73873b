"""Error pages in the visitor's language. They never show a stack trace. Pages, through
Wagtail's serve view with the route remembered. And the files `make run` serves itself."""

import posixpath
import secrets
import sys

from django.conf import settings
from django.contrib.staticfiles import finders
from django.contrib.staticfiles.views import serve as serve_static
from django.core.cache import cache
from django.core.exceptions import SuspiciousFileOperation
from django.db import DatabaseError, InterfaceError, OperationalError, connection
from django.http import FileResponse, Http404, HttpResponse, HttpResponseServerError, JsonResponse
from django.shortcuts import render
from django.template import loader
from django.utils import timezone
from django.utils.cache import add_never_cache_headers, patch_cache_control
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe
from django.views.static import serve as serve_file
from wagtail import views as wagtail_views

from core import routing
from portal.models import WorkerHeartbeat
from portal.tasks import STALE_AFTER_SECONDS

# Uploaded files anyone may fetch directly: images and their renditions. Documents go
# through Wagtail's serve view, which checks the privacy of their collection.
PUBLIC_MEDIA_FOLDERS = {"images", "original_images"}


def serve_page(request, path):
    """Wagtail's serve view, with the page for the address found as core/routing.py
    remembers it; Wagtail takes the route from the request."""
    routing.route(request, path)
    return wagtail_views.serve(request, path)


def bad_request(request, exception=None):
    return render(request, "400.html", {"exception_message": _message(exception)}, status=400)


def page_not_found(request, exception=None):
    return render(request, "404.html", status=404)


# How long a visitor (or a crawler) should wait before asking again while the database
# is away; the app servers reconnect by themselves as soon as it answers.
RETRY_AFTER_SECONDS = 30


def server_error(request):
    """The 500 page; a 503 that says to come back soon when the database does not answer.
    Rendered without a request context: the page must not depend on the database or on
    anything else that may be what just failed."""
    if isinstance(sys.exc_info()[1], OperationalError | InterfaceError):
        response = HttpResponse(loader.get_template("503.html").render(), status=503)
        response["Retry-After"] = str(RETRY_AFTER_SECONDS)
        add_never_cache_headers(response)
        return response
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


@require_safe
@never_cache
def healthz(request):
    """200 when the database, the cache and the task worker work; 503 naming what does
    not. For load balancers and monitoring; never cached."""
    parts = {"database": database_state(), "cache": cache_state(), "worker": worker_state()}
    healthy = all(state == "ok" for state in parts.values())
    return JsonResponse(
        {"status": "ok" if healthy else "feil", **parts}, status=200 if healthy else 503
    )


def database_state():
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except DatabaseError:
        return "svarer ikke"
    return "ok"


def cache_state():
    # A key of its own for each probe: with one shared key, two checks at the same time
    # (two app servers, or a load balancer and monitoring) overwrote each other's probe
    # and reported a working cache as broken.
    key = f"healthz:{secrets.token_hex(8)}"
    cache.set(key, "ok", 10)  # the cache acts empty while Redis is away
    answer = cache.get(key)
    cache.delete(key)
    return "ok" if answer == "ok" else "svarer ikke"


def worker_state():
    if "Immediate" in settings.TASKS["default"]["BACKEND"]:
        return "ok"  # no worker: tasks run in the request (development and tests)
    try:
        beat = WorkerHeartbeat.objects.filter(name="worker").first()
    except DatabaseError:
        return "ukjent (databasen svarer ikke)"
    if beat is None:
        return "har ikke meldt seg"
    age = (timezone.now() - beat.seen_at).total_seconds()
    return "ok" if age <= STALE_AFTER_SECONDS else f"siste livstegn for {int(age)} s siden"
