"""How often one address may send a public form: counted in the cache, atomically, so
that posts sent at the same moment cannot all pass a check made before any was counted."""

import hashlib

from django.conf import settings
from django.core.cache import cache


def client_address(request):
    """The visitor's address. Behind TRUSTED_PROXY_COUNT proxies (a load balancer, a CDN)
    REMOTE_ADDR is the nearest proxy's, and each proxy appends the address it saw to
    X-Forwarded-For: the visitor's is the one the outermost trusted proxy appended.
    Entries further left are whatever the visitor sent, so they are never used."""
    proxies = settings.TRUSTED_PROXY_COUNT
    forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
    forwarded = [part for part in forwarded if part]
    if proxies and len(forwarded) >= proxies:
        return forwarded[-proxies]
    return request.META.get("REMOTE_ADDR", "")


def address_key(purpose, request):
    # The address is hashed: the cache never holds a visitor's IP address in the clear.
    address = client_address(request)
    return f"{purpose}:" + hashlib.sha256(address.encode()).hexdigest()[:32]


def take_slot(key, limit, window_seconds):
    """Counts one more use of `key`; False once it is over `limit` in the window. The
    count goes up in one step (Redis INCR; a lock in the memory cache)."""
    cache.add(key, 0, window_seconds)
    try:
        count = cache.incr(key)
    except ValueError:  # the window ran out between the two calls
        cache.add(key, 1, window_seconds)
        count = 1
    return count <= limit
