"""Production settings refuse unsafe values and pass Django's deployment checklist."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import needs_redis

BASE_DIR = Path(__file__).resolve().parent.parent
REAL_SECRET = "q7#Kp2vX9!mR4sT8wY1zB6nD3fH5jL0cV8gA2eU7iO4pQ1rS9tW6xZ3yN5bM0kJ"


def manage(*args, **env):
    unset = ("SECRET_KEY", "ALLOWED_HOSTS", "DJANGO_ALLOW_ASYNC_UNSAFE")
    environment = {key: value for key, value in os.environ.items() if key not in unset}
    environment.update(env, DJANGO_SETTINGS_MODULE="portal.settings.production")
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=BASE_DIR,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
    )


@pytest.mark.parametrize(
    ("secret", "hosts"),
    [
        ("", "baerekraft.example.no"),
        ("django-insecure-" + "x" * 50, "baerekraft.example.no"),
        ("for-kort", "baerekraft.example.no"),
        (REAL_SECRET, ""),
    ],
    ids=["no secret", "development secret", "short secret", "no allowed hosts"],
)
def test_production_refuses_to_start_with_unsafe_values(secret, hosts):
    result = manage("check", SECRET_KEY=secret, ALLOWED_HOSTS=hosts)
    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr


def test_deploy_check_is_clean_with_real_values():
    result = manage(
        "check", "--deploy", SECRET_KEY=REAL_SECRET, ALLOWED_HOSTS="baerekraft.example.no"
    )
    assert result.returncode == 0, result.stderr
    assert "System check identified no issues" in result.stdout
    assert "WARNING" not in result.stdout + result.stderr


@needs_redis
def test_redis_is_the_cache_when_redis_url_is_set():
    """Against the real Redis on this machine (CI's too), not a stand-in."""
    result = subprocess.run(
        [
            sys.executable,
            "manage.py",
            "shell",
            "--no-imports",
            "-c",
            "from django.core.cache import caches; cache = caches['default'];"
            "cache.set('portal-probe', 'ja', 10);"
            "print(type(cache).__name__, cache.get('portal-probe'))",
        ],
        cwd=BASE_DIR,
        env={**os.environ, "REDIS_URL": "redis://127.0.0.1:6379/0"},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["ResilientRedisCache", "ja"]
    # and the value really sits in Redis, under the portal's key prefix
    import redis

    assert redis.Redis.from_url("redis://127.0.0.1:6379/0").exists("portal:1:portal-probe")


@pytest.mark.parametrize(("debug", "expected"), [(None, "False True"), ("1", "True True")])
def test_make_run_shows_visitors_error_pages_unless_debug_is_asked_for(debug, expected):
    """`make run` (the dev settings) serves its own files and shows the Norwegian error
    pages; DEBUG=1 gives a developer Django's debug pages."""
    environment = {k: v for k, v in os.environ.items() if k not in ("DEBUG", "SECRET_KEY")}
    environment["DJANGO_SETTINGS_MODULE"] = "portal.settings.dev"
    if debug:
        environment["DEBUG"] = debug
    printed = subprocess.run(
        [
            sys.executable,
            "-c",
            "import django; django.setup(); from django.conf import settings; "
            "print(settings.DEBUG, settings.SERVE_FILES)",
        ],
        cwd=BASE_DIR,
        env=environment,
        capture_output=True,
        text=True,
        timeout=60,
    ).stdout.strip()
    assert printed == expected
