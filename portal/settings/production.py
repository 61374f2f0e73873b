"""Production: refuses to start with an unsafe secret or no allowed hosts, and turns on
every protection `manage.py check --deploy` asks for."""

import os

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .base import ALLOWED_HOSTS, DATABASES, MIDDLEWARE, SECRET_KEY, STORAGES

DEBUG = False

if not SECRET_KEY or SECRET_KEY.startswith("django-insecure-") or len(SECRET_KEY) < 50:
    raise ImproperlyConfigured(
        "SECRET_KEY må settes til en tilfeldig verdi på minst 50 tegn "
        "(ikke utviklingsnøkkelen). Lag en med: "
        "python -c 'from django.core.management.utils import get_random_secret_key as g; "
        "print(g())'"
    )
if not ALLOWED_HOSTS:
    raise ImproperlyConfigured(
        "ALLOWED_HOSTS må settes, for eksempel ALLOWED_HOSTS=baerekraft.example.no"
    )

# TLS ends at the proxy or CDN in front, which says so in X-Forwarded-Proto and adds the
# visitor's address to X-Forwarded-For (set TRUSTED_PROXY_COUNT to the number of proxies).
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
TRUSTED_PROXY_COUNT = int(os.environ.get("TRUSTED_PROXY_COUNT", "1"))
# SECURE_SSL_REDIRECT=0 serves plain HTTP (`make serve` on this machine): then cookies
# may travel without TLS too, or nobody could log in, and no HSTS is promised.
HTTPS = os.environ.get("SECURE_SSL_REDIRECT", "1") == "1"
SECURE_SSL_REDIRECT = HTTPS
SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", str(60 * 60 * 24 * 365))) * HTTPS
SECURE_HSTS_INCLUDE_SUBDOMAINS = HTTPS
SECURE_HSTS_PRELOAD = HTTPS
SESSION_COOKIE_SECURE = HTTPS
CSRF_COOKIE_SECURE = HTTPS
SECURE_REFERRER_POLICY = "same-origin"

# Anonymous visitors get pages from the page cache (portal/pagecache.py).
PAGE_CACHE = True

# PDF text extraction runs in a worker (`manage.py db_worker`), not in the upload request.
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

# Static files: collected (`make serve` runs collectstatic), names hashed, compressed, and
# served by WhiteNoise with far-future cache headers, from the app server itself.
STORAGES = {
    **STORAGES,
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
MIDDLEWARE = [
    MIDDLEWARE[0],  # SecurityMiddleware first, as WhiteNoise asks
    "whitenoise.middleware.WhiteNoiseMiddleware",
    *MIDDLEWARE[1:],
]

# One database connection per app server thread, kept between requests and checked
# before each one, so a restarted database costs one failed check, not a dead worker.
DATABASES["default"]["CONN_MAX_AGE"] = int(os.environ.get("DB_CONN_MAX_AGE", "300"))
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
