"""Django's Redis cache, made so that Redis going away costs no server errors.

Everything the portal keeps in Redis can be worked out again (Wagtail's site root paths,
rendered pages, the rate limit's counts), so while Redis is down or hung the cache acts
empty: a read misses, a write is dropped, and the page is rendered from the database. A
call waits at most REDIS_TIMEOUT; after one fails, this process leaves Redis alone for
RETRY_AFTER seconds, so a hung Redis costs one short wait, not one per cache call.

What is written while Redis is away is lost, and that includes the page cache's purges:
a page published during a Redis pause would otherwise be served stale from what Redis
still holds when it answers again. So when Redis answers again after this process found
it down, the hooks registered with on_recovery() run first (the page cache purges)."""

import functools
import logging
import time

from django.core.cache.backends.redis import RedisCache, RedisCacheClient
from redis.exceptions import RedisError

logger = logging.getLogger(__name__)

REDIS_TIMEOUT = 0.25  # seconds, to connect and for each answer
RETRY_AFTER = 5.0  # seconds without trying Redis after a call failed
_down_until = {}  # server list: monotonic time until which Redis is left alone
_recovery_hooks = []


def on_recovery(hook):
    """`hook()` runs when Redis answers again after this process found it down."""
    if hook not in _recovery_hooks:
        _recovery_hooks.append(hook)


def unavailable(cache):
    """Whether this process found the Redis behind `cache` down and has not reached it
    since (False for a cache that is not Redis)."""
    return tuple(getattr(cache, "_servers", ())) in _down_until


def make_up_for_the_outage(servers):
    """Runs the recovery hooks before the first call after an outage. They call Redis
    through these same methods: if it still does not answer, it is marked down again."""
    del _down_until[servers]
    for hook in _recovery_hooks:
        try:
            hook()
        except Exception:  # a hook must not turn a working cache call into an error
            logger.exception("Etter at Redis var borte, feilet %r.", hook)
    if servers not in _down_until:
        logger.warning("Redis svarer igjen.")


def fails_to(fallback):
    """The method answers `fallback(*args, **kwargs)` instead of raising when Redis does
    not answer, and while it is known to be down."""

    def decorate(method):
        @functools.wraps(method)
        def guarded(self, *args, **kwargs):
            servers = tuple(self._servers)
            if servers in _down_until:
                if time.monotonic() < _down_until[servers]:
                    return fallback(*args, **kwargs)
                make_up_for_the_outage(servers)
                if servers in _down_until:
                    return fallback(*args, **kwargs)
            try:
                return method(self, *args, **kwargs)
            except RedisError as error:
                _down_until[servers] = time.monotonic() + RETRY_AFTER
                logger.warning("Redis svarer ikke (%s); hurtigbufferen hoppes over.", error)
                return fallback(*args, **kwargs)

        return guarded

    return decorate


def default_of_get(key, default=None, *args, **kwargs):
    return default


class ResilientRedisCacheClient(RedisCacheClient):
    get = fails_to(default_of_get)(RedisCacheClient.get)
    get_many = fails_to(lambda *a, **k: {})(RedisCacheClient.get_many)
    has_key = fails_to(lambda *a, **k: False)(RedisCacheClient.has_key)
    add = fails_to(lambda *a, **k: False)(RedisCacheClient.add)
    set = fails_to(lambda *a, **k: None)(RedisCacheClient.set)
    set_many = fails_to(lambda *a, **k: [])(RedisCacheClient.set_many)
    touch = fails_to(lambda *a, **k: False)(RedisCacheClient.touch)
    delete = fails_to(lambda *a, **k: False)(RedisCacheClient.delete)
    delete_many = fails_to(lambda *a, **k: None)(RedisCacheClient.delete_many)
    clear = fails_to(lambda *a, **k: False)(RedisCacheClient.clear)
    # A count that cannot be kept counts as the first (the rate limit lets it through).
    incr = fails_to(lambda key, delta=1, *a, **k: delta)(RedisCacheClient.incr)


class ResilientRedisCache(RedisCache):
    def __init__(self, server, params):
        options = params.setdefault("OPTIONS", {})
        options.setdefault("socket_connect_timeout", REDIS_TIMEOUT)
        options.setdefault("socket_timeout", REDIS_TIMEOUT)
        super().__init__(server, params)
        self._class = ResilientRedisCacheClient
