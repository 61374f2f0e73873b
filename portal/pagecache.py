"""The page cache for anonymous visitors: in front of Django, in the WSGI application.

A page Django answers with `Cache-Control: public` (BasePage decides: never for logged-in
users or private pages, and forms and search say `never_cache`) is kept, and the next
visitor without a session gets it without Django running at all. Whatever changes what
pages show (a page published, unpublished, moved or deleted, a goal, a theme, a document,
an image, a restriction, a translation) purges the whole cache at once: every page is
stored with the cache's current generation, and a change starts a new one. Keys live as long as a
shared cache may keep a page anyway (PUBLIC_MAX_AGE), so what changes with time alone
(the next meeting) is at most that old.

Redis when REDIS_URL is set, so that every app server and machine shares the cache and
its generation; otherwise files under VAR_DIR, shared by the processes of one machine.
The generation is stored in the database too, for when Redis is away: each process then
serves the pages it keeps itself (RecentPages), still purged by any change.
Only `make serve` (production settings) turns it on: under `make run` a developer sees
every template change at once."""

import hashlib
import logging
import threading
import time
import uuid
from collections import OrderedDict
from urllib.parse import parse_qsl

from django.conf import settings
from django.core.cache import caches
from django.db import DatabaseError, connection, transaction
from django.db.models.signals import (
    m2m_changed,
    post_delete,
    post_migrate,
    post_save,
    pre_migrate,
)
from wagtail.signals import page_published, page_unpublished, post_page_move

from core import memo
from core.models import PUBLIC_MAX_AGE
from portal.cache import on_recovery, unavailable
from portal.models import ContentGeneration

logger = logging.getLogger(__name__)

GENERATION = "generation"
# Query parameters a cached listing may have: filters and pages. Any other query string
# is rendered every time, so that made-up parameters cannot fill the cache.
LISTING_PARAMETERS = {"page", "kommune", "tema", "mal", "ar", "type", "year"}
# The apps whose objects pages show, and within them what changes no public page.
SHOWN_APPS = {
    "wagtailcore",
    "wagtailimages",
    "wagtaildocs",
    "wagtailredirects",
    "taggit",
    "documents",
    "network",
    "home",
    "cases",
    "events",
    "reports",
    "indicators",
    "news",
}
NOT_SHOWN = {
    "wagtailcore.revision",
    "wagtailcore.pagelogentry",
    "wagtailcore.modellogentry",
    "wagtailcore.workflowstate",
    "wagtailcore.taskstate",
    "wagtailcore.comment",
    "wagtailcore.commentreply",
    "wagtailcore.pagesubscription",
    "wagtailcore.referenceindex",
    "wagtailcore.uploadedfile",
    "cases.casesuggestion",
}
HIT = ("X-Page-Cache", "hit")


def page_cache():
    return caches["pages"]


def generation():
    """The current content generation: from the shared cache, and while Redis is away
    from the database's copy (ContentGeneration), so that every process still agrees."""
    cache = page_cache()
    current = cache.get(GENERATION)
    if current is not None:
        return current
    stored = stored_generation()
    if unavailable(cache):
        # Without a stored one (never purged since the upgrade), nothing is reused.
        return stored or uuid.uuid4().hex
    # The first request, or Redis restarted empty: the database's copy, or a new one.
    current = stored or uuid.uuid4().hex
    if not cache.add(GENERATION, current, timeout=None):
        return cache.get(GENERATION) or current
    if stored is None:
        store_generation(current)
    return current


def new_generation():
    """A new generation in the shared cache only (see purge)."""
    value = uuid.uuid4().hex
    page_cache().set(GENERATION, value, timeout=None)
    return value


def new_shared_generation():
    """A new generation in the shared cache and in the database."""
    store_generation(new_generation())


def stored_generation():
    try:
        return ContentGeneration.objects.filter(pk=1).values_list("value", flat=True).first()
    except DatabaseError:  # the database is away too: nothing is reused
        return None


def store_generation(value):
    if _migrating:  # its table may not be there yet; the first purge after will store it
        return
    try:
        ContentGeneration.objects.update_or_create(pk=1, defaults={"value": value})
    except DatabaseError as error:
        logger.warning("Kunne ikke lagre innholdsgenerasjonen i databasen (%s).", error)


def purge(**kwargs):
    """Starts a new generation: every page in the cache, and everything remembered for the
    old one (core/memo.py), is gone for every app server. Once more when the change is
    committed, in the database too: a request that read the database in between saw the
    content before it. A load of many changes in one transaction stores it once."""
    memo.content_changed()
    if not connection.in_atomic_block:
        new_shared_generation()
        return
    new_generation()
    pending = getattr(connection, "run_on_commit", [])
    if not any(callback is new_shared_generation for _ids, callback, *_ in pending):
        transaction.on_commit(new_shared_generation)


def purge_if_shown(sender, **kwargs):
    meta = sender._meta
    if meta.app_label in SHOWN_APPS and meta.label_lower not in NOT_SHOWN:
        purge()


_migrating = False


def migrating(sender, **kwargs):
    global _migrating
    _migrating = True


def migrated(sender, **kwargs):
    global _migrating
    _migrating = False


def connect_signals():
    pre_migrate.connect(migrating, dispatch_uid="page-cache-migrating")
    post_migrate.connect(migrated, dispatch_uid="page-cache-migrated")
    # A purge made while Redis was away did not reach it: purge again when it is back.
    on_recovery(purge)
    for signal in (post_save, post_delete, m2m_changed):
        signal.connect(purge_if_shown, dispatch_uid=f"page-cache-{id(signal)}")
    for signal in (page_published, page_unpublished, post_page_move):
        signal.connect(purge, dispatch_uid=f"page-cache-{id(signal)}")


def request_key(environ):
    """The key of a request that may be answered from the cache, or None."""
    if environ.get("REQUEST_METHOD") not in ("GET", "HEAD"):
        return None
    if settings.SESSION_COOKIE_NAME in environ.get("HTTP_COOKIE", ""):
        return None  # someone logged in (or previewing): always rendered
    query = environ.get("QUERY_STRING", "")
    if any(name not in LISTING_PARAMETERS for name, _ in parse_qsl(query, True)):
        return None
    address = "|".join(
        [
            environ.get("HTTP_X_FORWARDED_PROTO", environ.get("wsgi.url_scheme", "")),
            environ.get("HTTP_HOST", ""),
            environ.get("PATH_INFO", ""),
            query,
        ]
    )
    return "page:" + hashlib.sha256(address.encode("utf-8", "surrogateescape")).hexdigest()


def storable(status, headers):
    if not status.startswith("200"):
        return False
    names = {name.lower(): value for name, value in headers}
    return "public" in names.get("cache-control", "") and "set-cookie" not in names


def fresh(entry, current):
    """Rendered in the current generation, and at most PUBLIC_MAX_AGE ago (what changes
    with time alone, such as the next meeting, is at most that old)."""
    rendered_in, rendered_at = entry[0], entry[1]
    return rendered_in == current and time.time() - rendered_at < PUBLIC_MAX_AGE


class RecentPages:
    """The pages this process served last, kept beside the shared cache: a page from here
    costs one small read of the generation instead of the whole page from Redis. Each is
    served only while the generation it was rendered in is current, as from Redis."""

    SIZE = 200  # pages of about 40 KB: some 8 MB per process

    def __init__(self):
        self.entries = OrderedDict()
        self.lock = threading.Lock()

    def get(self, key, current):
        with self.lock:
            entry = self.entries.get(key)
            if entry is None or not fresh(entry, current):
                return None
            self.entries.move_to_end(key)
            return entry

    def put(self, key, entry):
        with self.lock:
            self.entries[key] = entry
            self.entries.move_to_end(key)
            while len(self.entries) > self.SIZE:
                self.entries.popitem(last=False)


class PageCache:
    """Wraps the WSGI application (portal/wsgi.py)."""

    def __init__(self, application):
        self.application = application
        self.recent = RecentPages()

    def __call__(self, environ, start_response):
        key = request_key(environ) if settings.PAGE_CACHE else None
        if key is None:
            return self.application(environ, start_response)
        cache = page_cache()
        # A page is stored with the generation it was rendered in, and served only while
        # that is current: the generation is read on every request, from the shared cache.
        current = generation()
        entry = self.recent.get(key, current) or cache.get(key)
        if entry is not None and fresh(entry, current):
            self.recent.put(key, entry)
            _rendered_in, _rendered_at, status, headers, body = entry
            start_response(status, [*headers, HIT])
            return [] if environ["REQUEST_METHOD"] == "HEAD" else [body]

        captured = {}

        def remember(status, headers, exc_info=None):
            captured.update(status=status, headers=headers)
            return start_response(status, headers, exc_info)

        response = self.application(environ, remember)
        if not storable(captured.get("status", ""), captured.get("headers", [])):
            return response
        try:
            body = b"".join(response)
        finally:
            if hasattr(response, "close"):
                response.close()
        if environ["REQUEST_METHOD"] == "GET":
            entry = (current, time.time(), captured["status"], captured["headers"], body)
            cache.set(key, entry, PUBLIC_MAX_AGE)
            self.recent.put(key, entry)
        return [body]
