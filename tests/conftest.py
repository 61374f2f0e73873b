"""Shared fixtures: the test database holds the network as `manage.py bootstrap` makes it."""

import csv
from pathlib import Path

import pytest
from django.apps import apps
from django.core.management import call_command
from wagtail.models import get_page_models

BASE_DIR = Path(__file__).resolve().parent.parent
DATA_DIR = BASE_DIR / "network" / "data"
# The apps that live in this repository (top-level folders), not the installed ones.
PROJECT_APPS = {
    config.label for config in apps.get_app_configs() if Path(config.path).parent == BASE_DIR
}


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    # Idempotent, so with --reuse-db a second session only checks and moves on.
    with django_db_blocker.unblock():
        call_command("bootstrap", verbosity=0)


def project_page_models():
    """Every page type this project defines: new ones are picked up without editing tests."""
    return [model for model in get_page_models() if model._meta.app_label in PROJECT_APPS]


@pytest.fixture
def kommuner_data():
    with open(DATA_DIR / "kommuner.csv", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))
