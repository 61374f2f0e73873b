"""Settings shared by every environment. Anything that differs between machines comes
from the environment: DATABASE_URL, SECRET_KEY, ALLOWED_HOSTS, REDIS_URL, BASE_URL."""

import os
from pathlib import Path

import dj_database_url
from django.utils.translation import gettext_lazy as _

PROJECT_DIR = Path(__file__).resolve().parent.parent
BASE_DIR = PROJECT_DIR.parent
# Local state (the SQLite database, uploaded media, the generated dev secret) lives here
# and is ignored by git.
VAR_DIR = Path(os.environ.get("VAR_DIR", BASE_DIR / "var"))
VAR_DIR.mkdir(parents=True, exist_ok=True)


def env_list(name, default=""):
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


SECRET_KEY = os.environ.get("SECRET_KEY", "")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS")
DEBUG = False
# Django itself serves static files and images (portal/views.py): only under `make run`.
SERVE_FILES = False

INSTALLED_APPS = [
    "portal",
    "core",
    "documents",
    "home",
    "network",
    "reports",
    "cases",
    "events",
    "indicators",
    "news",
    "alerts",
    "search",
    "wagtail_localize",
    "wagtail_localize.locales",
    "wagtail.api.v2",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.contrib.routable_page",
    "wagtail.contrib.sitemaps",
    "wagtail.contrib.frontend_cache",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_filters",
    "rest_framework",
    "django_tasks_db",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    # Not for its template tags: Wagtail's status panels call its naturaltime ("11 minutes
    # ago"), whose translations load only when the app is installed.
    "django.contrib.humanize",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "portal.middleware.AllowedMethodsMiddleware",
    "portal.middleware.ContentGenerationMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "portal.middleware.RejectControlCharactersMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
]

ROOT_URLCONF = "portal.urls"
# Database sessions whose key is checked first (portal/sessions.py).
SESSION_ENGINE = "portal.sessions"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "portal.context_processors.network",
            ],
        },
    },
]

WSGI_APPLICATION = "portal.wsgi.application"

DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{VAR_DIR / 'portal.sqlite3'}",
        conn_max_age=int(os.environ.get("DB_CONN_MAX_AGE", "0")),
    )
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Redis when REDIS_URL is set (shared by every app server; an outage makes it act empty,
# portal/cache.py), otherwise a per-process memory cache. "pages" is the page cache
# (portal/pagecache.py): without Redis, files that the processes of one machine share.
if os.environ.get("REDIS_URL"):
    CACHES = {
        name: {
            "BACKEND": "portal.cache.ResilientRedisCache",
            "LOCATION": os.environ["REDIS_URL"],
            "KEY_PREFIX": prefix,
        }
        for name, prefix in (("default", "portal"), ("pages", "portal-pages"))
    }
else:
    CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
        "pages": {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": str(VAR_DIR / "page-cache"),
        },
    }
# Only production serves anonymous visitors from the page cache.
PAGE_CACHE = False

# A CDN or Varnish in front of the app servers: Wagtail asks it to drop a page when the
# page is published or unpublished. FRONTEND_CACHE_PURGE_URL for a cache that takes HTTP
# PURGE requests (Varnish, nginx), or Cloudflare's zone and API token.
WAGTAILFRONTENDCACHE = {}
if os.environ.get("FRONTEND_CACHE_PURGE_URL"):
    WAGTAILFRONTENDCACHE["proxy"] = {
        "BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
        "LOCATION": os.environ["FRONTEND_CACHE_PURGE_URL"],
    }
if os.environ.get("CLOUDFLARE_ZONE_ID"):
    WAGTAILFRONTENDCACHE["cloudflare"] = {
        "BACKEND": "wagtail.contrib.frontend_cache.backends.CloudflareBackend",
        "ZONEID": os.environ["CLOUDFLARE_ZONE_ID"],
        "BEARER_TOKEN": os.environ.get("CLOUDFLARE_API_TOKEN", ""),
    }

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Languages: bokmål is the default and has no URL prefix; nynorsk and English are
# wagtail-localize translations under /nn/ and /en/.
LANGUAGE_CODE = "nb"
LANGUAGES = WAGTAIL_CONTENT_LANGUAGES = [
    ("nb", "Norsk bokmål"),
    ("nn", "Norsk nynorsk"),
    ("en", "English"),
]
# The admin speaks bokmål to Norwegian users (Wagtail ships no nynorsk admin), English
# to those who pick it.
WAGTAILADMIN_PERMITTED_LANGUAGES = [("nb", "Norsk bokmål"), ("en", "English")]
WAGTAIL_I18N_ENABLED = True
# locale/: the portal's own texts. locale_admin/: bokmål for the Wagtail admin strings
# Wagtail ships no bokmål for; LOCALE_PATHS comes before the apps' own catalogues.
LOCALE_PATHS = [BASE_DIR / "locale", BASE_DIR / "locale_admin"]
TIME_ZONE = "Europe/Oslo"
USE_I18N = True
USE_TZ = True

STATICFILES_FINDERS = [
    "django.contrib.staticfiles.finders.FileSystemFinder",
    "django.contrib.staticfiles.finders.AppDirectoriesFinder",
]
# Designsystemet comes from npm (package-lock.json) and is served as plain static files.
STATICFILES_DIRS = [
    BASE_DIR / "static",
    ("designsystemet/css", BASE_DIR / "node_modules/@digdir/designsystemet-css/dist/src"),
    ("designsystemet/theme", BASE_DIR / "node_modules/@digdir/designsystemet-theme/src/themes"),
]
STATIC_ROOT = BASE_DIR / "static_collected"
STATIC_URL = "/static/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", VAR_DIR / "media"))
MEDIA_URL = "/media/"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# Images and documents in S3-compatible object storage, shared by every app server, when
# MEDIA_S3_BUCKET is set (credentials in AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY).
# The objects stay private: documents are served only through Wagtail's serve view,
# which checks their collection's privacy, and images through signed addresses.
if os.environ.get("MEDIA_S3_BUCKET"):
    STORAGES["default"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": os.environ["MEDIA_S3_BUCKET"],
            "endpoint_url": os.environ.get("MEDIA_S3_ENDPOINT_URL") or None,
            "region_name": os.environ.get("MEDIA_S3_REGION") or None,
            "default_acl": "private",
            "querystring_auth": True,
            "file_overwrite": False,
        },
    }

DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000

# Wagtail
WAGTAIL_SITE_NAME = "Bærekraftsnettverket i Trøndelag"
# Slugs are ASCII, so addresses survive e-mail and chat: the admin writes «Frøya» as
# «froya» when it makes a slug from a title, and refuses «ø» typed into one.
WAGTAIL_ALLOW_UNICODE_SLUGS = False
# No avatars from gravatar.com: it would tell a third party who uses the admin (a hash of
# each e-mail address). Users without an uploaded picture get Wagtail's default avatar.
WAGTAIL_GRAVATAR_PROVIDER_URL = None
WAGTAILADMIN_BASE_URL = os.environ.get("BASE_URL", "http://127.0.0.1:8000")
WAGTAILADMIN_USER_LOGIN_FORM = "portal.forms.LoginForm"
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "search.backends.database"}}
if os.environ.get("SEARCH_URL"):
    # Elasticsearch or OpenSearch, with Norwegian analysis (search/elasticsearch.py).
    from search.elasticsearch import backend_settings

    WAGTAILSEARCH_BACKENDS = {"default": backend_settings(os.environ["SEARCH_URL"])}
elif DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # Without it PostgreSQL uses the server's default (english): no Norwegian stemming.
    WAGTAILSEARCH_BACKENDS["default"]["SEARCH_CONFIG"] = "norwegian"
WAGTAILDOCS_DOCUMENT_MODEL = "documents.PortalDocument"
WAGTAILDOCS_DOCUMENT_FORM_BASE = "documents.forms.DocumentForm"
WAGTAILDOCS_EXTENSIONS = ["pdf", "docx", "xlsx", "pptx", "odt", "ods", "csv"]
WAGTAILDOCS_MAX_UPLOAD_SIZE = 50 * 1024 * 1024
# Files go through Wagtail's serve view, so collection privacy applies to every download.
WAGTAILDOCS_SERVE_METHOD = "serve_view"
# Only PDFs open in the browser; anything else is sent as a download. The serve view also
# sends "Content-Security-Policy: default-src 'none'" and "nosniff", so an uploaded HTML or
# SVG file can never run in the portal's origin.
WAGTAILDOCS_INLINE_CONTENT_TYPES = ["application/pdf"]
WAGTAILDOCS_BLOCK_EMBEDDED_CONTENT = True

# Background tasks (PDF text extraction): in development and tests they run at once, in
# the request that saved the file; production queues them for `manage.py db_worker`.
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
WAGTAILIMAGES_EXTENSIONS = ["avif", "gif", "jpg", "jpeg", "png", "webp"]
WAGTAILEMBEDS_RESPONSIVE_HTML = True
WAGTAILAPI_BASE_URL = WAGTAILADMIN_BASE_URL
WAGTAILAPI_LIMIT_MAX = 100

# Where `manage.py fetch_indicators` asks for figures, and which tables (indicators/ssb.py).
SSB_API_URL = os.environ.get("SSB_API_URL", "https://data.ssb.no/api/pxwebapi/v2")
SSB_TABLES = os.environ.get("SSB_TABLES", str(BASE_DIR / "indicators" / "ssb_tables.toml"))

WAGTAIL_WORKFLOW_REQUIRE_REAPPROVAL_ON_EDIT = True
WAGTAIL_MODERATION_ENABLED = True

NETWORK_NAME = _("Bærekraftsnettverket i Trøndelag")
CSRF_FAILURE_VIEW = "portal.views.csrf_failure"

EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
# SMTP in production (EMAIL_BACKEND=django.core.mail.backends.smtp.EmailBackend).
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = os.environ.get("EMAIL_USE_TLS", "") == "1"
EMAIL_TIMEOUT = 30
# The public e-mail alert form: at most this many sign-ups per address and hour.
ALERT_SIGNUPS_PER_HOUR = 5
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "portal@localhost")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"one_line_for_4xx": {"()": "portal.log.OneLineForClientErrors"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "filters": ["one_line_for_4xx"]}},
    "root": {"handlers": ["console"], "level": "WARNING"},
}

# The loaders `manage.py bootstrap` runs, in order; each app owns its own.
BOOTSTRAP_COMMANDS = [
    "load_site",
    "load_network",
    "load_reports",
    "load_cases",
    "load_events",
    "load_news",
    "load_areas",
    "load_indicator_index",
    "load_example_indicators",
]

# The public "Foreslå et eksempel" form: at most this many suggestions per address and hour.
CASE_SUGGESTIONS_PER_HOUR = 5
# Proxies in front of the app servers that append to X-Forwarded-For (core/ratelimit.py);
# 0 when visitors reach the app server directly, as under `make run`.
TRUSTED_PROXY_COUNT = int(os.environ.get("TRUSTED_PROXY_COUNT", "0"))
