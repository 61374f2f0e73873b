"""Shared fixtures: the test database holds the network as `manage.py bootstrap` makes it."""

import csv
import importlib
import socket
from pathlib import Path

import pytest
import wagtail_factories
from django.apps import apps
from django.contrib.auth.models import Group
from django.core.management import call_command
from wagtail.models import Locale, Page, get_page_models

from network.models import KommunePage
from portal import pagecache

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


@pytest.fixture(autouse=True)
def fresh_content_generation():
    """Every test starts a content generation of its own. A test's data is rolled back
    without the signals that start one, so what a request remembered for it (core/memo.py)
    would otherwise be served to the next test."""
    pagecache.new_generation()


def project_page_models():
    """Every page type this project defines: new ones are picked up without editing tests."""
    return [model for model in get_page_models() if model._meta.app_label in PROJECT_APPS]


@pytest.fixture
def kommuner_data():
    with open(DATA_DIR / "kommuner.csv", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def page_factories():
    """Every page factory in the project's `<app>/factories.py`, by model."""
    found = {}
    for label in PROJECT_APPS:
        try:
            module = importlib.import_module(f"{apps.get_app_config(label).name}.factories")
        except ModuleNotFoundError:
            continue
        for value in vars(module).values():
            if (
                isinstance(value, type)
                and issubclass(value, wagtail_factories.PageFactory)
                and value._meta.model is not None
            ):
                found[value._meta.model] = value
    return found


def a_parent_for(model):
    """A bokmål page where a page of `model` may be created (Frøya for cases and reports)."""
    for parent_model in model.allowed_parent_page_models():
        if parent_model is Page:
            return Page.get_first_root_node()
        parents = parent_model.objects.filter(locale=Locale.get_default())
        parent = parents.filter(slug="froya").first() or parents.first()
        if parent:
            return parent
    raise AssertionError(f"No page exists where a {model.__name__} may be created")


def nb(model, **lookup):
    """The bokmål page (or snippet) of `model` that matches `lookup`."""
    return model.objects.get(locale=Locale.get_default(), **lookup)


def froya():
    return nb(KommunePage, kommunenummer="5014")


def user_in_group(django_user_model, username, group_name):
    user = django_user_model.objects.create_user(
        username, f"{username}@example.no", "x", first_name=username.title()
    )
    user.groups.add(Group.objects.get(name__startswith=group_name))
    return user


@pytest.fixture
def froya_editor(django_user_model):
    """A kommune editor for Frøya (the bootstrap's group «Kommuneredaktør 5014 Frøya»)."""
    return user_in_group(django_user_model, "froya-redaktor", "Kommuneredaktør 5014 ")


@pytest.fixture
def coordinator(django_user_model):
    return user_in_group(django_user_model, "koordinator", "Nettverkskoordinator")


def redis_answers(url="redis://127.0.0.1:6379/0"):
    """Whether the Redis server the tests use answers (CI's does)."""
    import redis

    try:
        return redis.Redis.from_url(url, socket_connect_timeout=1).ping()
    except redis.RedisError:
        return False


needs_redis = pytest.mark.skipif(
    not redis_answers(), reason="no Redis answers on 127.0.0.1:6379 (CI starts one)"
)


def free_port():
    """A TCP port nothing listens on, for a server a test starts itself."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]
