"""What pages work out from the content that is the same for every visitor (which pages
have view restrictions, the locales, the main menu, which kommune owns a page): worked
out once per content generation in each app server process, not in every request.

The generation is the page cache's (portal/pagecache.py): anything that changes what
pages show starts a new one, on every app server at once. The shell hands it to each
request (portal.middleware.ContentGenerationMiddleware). Outside a request, and for the
rest of a request that changed the content itself, nothing is remembered: everything is
read from the database, as before. So nothing remembered outlives a publish, an
unpublish, a move or a new restriction.

Remember plain data or objects no request changes: they are shared by every request (and
thread) of the process."""

import time
from contextlib import contextmanager
from contextvars import ContextVar

_generation = ContextVar("content_generation", default=None)
# (generation, when it was first seen, {name: value}): replaced as a whole when the
# generation changes, so a request of an older generation never reads or fills a newer
# one's values.
_remembered = (None, 0.0, {})
# Values are also worked out anew after this many seconds, as the page cache keeps a page
# at most this long: a purge that never reached the shared cache (Redis away while a
# command published) leaves nothing stale for longer than a cached page.
MAX_AGE = 5 * 60
# Names are few and fixed, but some are per address or per language: a bound keeps
# made-up addresses from growing the memory of a process without end.
MAX_VALUES = 10_000


@contextmanager
def generation(value):
    """Remembers within this block (a request) for content generation `value`."""
    token = _generation.set(value)
    try:
        yield
    finally:
        _generation.reset(token)


def content_changed():
    """The content changed in this request: the rest of it reads the database."""
    _generation.set(None)


def _values():
    """This generation's values, or None outside a generation."""
    global _remembered
    current = _generation.get()
    if current is None:
        return None
    remembered_generation, since, values = _remembered
    now = time.monotonic()
    if remembered_generation != current or now - since > MAX_AGE:
        values = {}
        _remembered = (current, now, values)
    return values


def recall(name):
    """What was remembered as `name` in this generation, or None."""
    values = _values()
    return None if values is None else values.get(name)


def remember(name, value):
    values = _values()
    if values is not None and len(values) < MAX_VALUES:
        values[name] = value
    return value


def remembered(name, compute):
    """compute(), once per content generation and process; every time outside one."""
    values = _values()
    if values is None:
        return compute()
    try:
        return values[name]
    except KeyError:
        return remember(name, compute())
