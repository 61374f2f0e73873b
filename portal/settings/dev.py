"""Development (`make run`): a local SQLite file, static files and images served by Django,
and a random secret kept in var/ (never committed; the `django-insecure-` prefix makes
production refuse it).

DEBUG is off unless DEBUG=1 is set: someone trying the portal with `make run` meets the
same Norwegian error pages as a visitor, not Django's debug pages and tracebacks."""

import os

from django.core.management.utils import get_random_secret_key

from .base import *  # noqa: F403
from .base import SECRET_KEY, VAR_DIR, env_list

DEBUG = os.environ.get("DEBUG", "0") == "1"
SERVE_FILES = True
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost,[::1]")
INTERNAL_IPS = ["127.0.0.1"]

if not SECRET_KEY:
    secret_file = VAR_DIR / "dev_secret_key"
    if not secret_file.exists():
        VAR_DIR.mkdir(parents=True, exist_ok=True)
        secret_file.write_text("django-insecure-" + get_random_secret_key())
    SECRET_KEY = secret_file.read_text().strip()
