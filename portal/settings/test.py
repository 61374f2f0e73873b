"""Test settings: what pytest uses. The database follows DATABASE_URL like everywhere
else; on SQLite the test database is a file so that `--reuse-db` can keep it."""

from .base import *  # noqa: F403
from .base import CACHES, DATABASES, VAR_DIR

# Not a secret: the prefix marks it as unusable, and production refuses it.
SECRET_KEY = "django-insecure-only-for-the-test-suite"  # noqa: S105
ALLOWED_HOSTS = ["testserver", "localhost", "127.0.0.1"]
DEBUG = False

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
# Real files on disk: Wagtail's document serve view reads them from a local path.
MEDIA_ROOT = VAR_DIR / "test-media"
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
WAGTAILADMIN_BASE_URL = WAGTAILAPI_BASE_URL = "http://testserver"

if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["TEST"] = {"NAME": str(VAR_DIR / "test_portal.sqlite3")}

# The page cache's own tests turn it on; in memory, so tests leave no files behind.
CACHES["pages"] = {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "pages"}
