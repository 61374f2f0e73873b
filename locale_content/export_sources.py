"""Exports every translatable string of the bokmål content as one POT-like file.

Run after `manage.py bootstrap`:

    .venv/bin/python manage.py shell < locale_content/export_sources.py

Writes locale_content/sources.pot (not committed): one entry per distinct bokmål
segment (wagtail-localize's msgid), with the first context seen as a `#.` comment and
every object it occurs in as `#:` references. Slugs are not string segments in this
project (BasePage has SynchronizedField("slug")), so they are added from the pages
themselves, under msgctxt "slug"."""

import collections
import pathlib

import polib
from django.apps import apps
from wagtail.models import Locale, Page, TranslatableMixin
from wagtail_localize.models import TranslationSource

OUT = pathlib.Path("locale_content/sources.pot")

locale = Locale.get_default()
objects = [
    page.specific
    for page in Page.objects.filter(locale=locale, live=True, depth__gt=1).order_by("path")
]
for model in apps.get_models():
    if (
        issubclass(model, TranslatableMixin)
        and not issubclass(model, Page)
        and not model._meta.abstract
    ):
        objects += list(model.objects.filter(locale=locale).order_by("pk"))

entries = {}  # (msgctxt or None, msgid) -> entry
refs = collections.defaultdict(list)
contexts = collections.defaultdict(set)
models_seen = collections.Counter()

for obj in objects:
    source, _created = TranslationSource.get_or_create_from_instance(obj)
    label = f"{type(obj).__name__}:{getattr(obj, 'slug', obj.pk)}"
    for entry in source.export_po():
        key = (None, entry.msgid)
        models_seen[type(obj).__name__] += 1
        refs[key].append((label, entry.msgctxt))
        contexts[key].add(entry.msgctxt)
        if key not in entries:
            entries[key] = polib.POEntry(msgid=entry.msgid, msgstr="", comment=entry.msgctxt)
    if isinstance(obj, Page):
        key = ("slug", obj.slug)
        refs[key].append((label, "slug"))
        if key not in entries:
            entries[key] = polib.POEntry(
                msgctxt="slug", msgid=obj.slug, msgstr="", comment=f"{type(obj).__name__}.slug"
            )

pot = polib.POFile()
pot.metadata = {"Content-Type": "text/plain; charset=UTF-8", "Language": "nb"}
for key, entry in entries.items():
    entry.occurrences = [(f"{label}#{ctx}", "") for label, ctx in refs[key]]
    pot.append(entry)
OUT.parent.mkdir(exist_ok=True)
pot.save(str(OUT))

print(f"{len(objects)} objects, {len(pot)} entries -> {OUT}")
print("segments per model:", dict(models_seen))
multi = [k for k, c in contexts.items() if len(c) > 1]
print(f"{len(multi)} msgids occur under more than one context")
