"""Helpers for the loaders behind `manage.py bootstrap`: create what is missing, never
touch what exists.

Every object a loader creates gets a translation key derived from a stable name
("kommune:5014", "theme:matsvinn"), so a later run finds it again even after an editor
renamed it or changed its slug, and so its copies in nn and en share that key."""

import uuid

from wagtail.models import Locale, Page

NAMESPACE = uuid.UUID("6c1f8a8e-3f7b-4d35-9a55-1b2f4e0c7a10")


def stable_key(name):
    return uuid.uuid5(NAMESPACE, name)


def find_page(model, name, locale=None):
    locale = locale or Locale.get_default()
    return model.objects.filter(translation_key=stable_key(name), locale=locale).first()


def home_page():
    """The bokmål home page (load_site makes it), for the loaders that build under it; as
    a plain Page, so that no app has to import the home app to find it."""
    return find_page(Page, "home")


def ensure_child_page(parent, name, page):
    """Add `page` under `parent` unless a page with the stable `name` exists already.
    Returns (page, created)."""
    existing = find_page(type(page), name, parent.locale)
    if existing:
        return existing, False
    page.translation_key = stable_key(name)
    page.locale = parent.locale
    parent.add_child(instance=page)
    page.save_revision(log_action=False).publish(log_action=False)
    return page, True
