"""Production settings refuse unsafe values and pass Django's deployment checklist."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

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
