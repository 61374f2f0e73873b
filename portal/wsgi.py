"""WSGI entry point for the app server (`make serve` runs granian with it). Anonymous
visitors may be answered from the page cache before Django runs (portal/pagecache.py)."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings.production")

django_application = get_wsgi_application()

from portal.pagecache import PageCache  # noqa: E402 - needs Django set up

application = PageCache(django_application)
