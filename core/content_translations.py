"""The nynorsk and English of the network's own content, loaded by `manage.py bootstrap`.

locale_content/nn.po and en.po hold our translations of what the loaders create in
bokmål, keyed by the bokmål text of each segment as wagtail-localize extracts it. They
become what the translation editor shows: a TranslationSource for each bokmål page and
goal, a Translation into nn and en, and a StringTranslation for each segment. The copy
in nn or en is then saved from them and published, which turns the untranslated copy
(an alias) into a translated page.

Safe to run again. A segment someone has translated already is never replaced, and a
copy is only saved again when the files gave it something new, so what an editor has
changed stays. A bokmål text the files do not have (an editor changed it) stays bokmål
in the copy until someone translates it in the translation editor."""

from pathlib import Path

import polib
from django.apps import apps
from django.conf import settings
from django.db import transaction
from wagtail.models import Locale, Page, TranslatableMixin
from wagtail_localize.models import (
    StringSegment,
    StringTranslation,
    Translation,
    TranslationSource,
)

CATALOGUES = Path(settings.BASE_DIR) / "locale_content"
LANGUAGES = ("nn", "en")


def catalogue(language):
    """{bokmål segment: translation} from locale_content/<language>.po; slugs are left
    out (a page keeps its bokmål address in every language)."""
    path = CATALOGUES / f"{language}.po"
    if not path.exists():
        return {}
    return {
        entry.msgid: entry.msgstr
        for entry in polib.pofile(str(path))
        if entry.msgstr and not entry.msgctxt and not entry.obsolete
    }


def bokmal_objects():
    """The live bokmål pages and the bokmål snippets that can be translated (the goals),
    parents before children, so that a page's parent is translated first."""
    default = Locale.get_default()
    pages = Page.objects.filter(locale=default, live=True, depth__gt=1).order_by("path")
    yield from (page.specific for page in pages)
    for model in apps.get_models():
        if issubclass(model, TranslatableMixin) and not issubclass(model, Page):
            if model._meta.app_label in {"wagtailcore", "wagtailimages", "wagtaildocs"}:
                continue
            yield from model.objects.filter(locale=default)


def load(stdout=None):
    """Translates every bokmål object the catalogues have text for. Returns the number
    of copies saved."""
    catalogues = {code: catalogue(code) for code in LANGUAGES}
    locales = {
        code: locale
        for code in LANGUAGES
        if catalogues[code] and (locale := Locale.objects.filter(language_code=code).first())
    }
    saved = 0
    for instance in bokmal_objects():
        with transaction.atomic():
            saved += translate(instance, locales, catalogues)
    if stdout and saved:
        stdout.write(f"Oversatte {saved} sider og mål til nynorsk og engelsk.")
    return saved


def translate(instance, locales, catalogues):
    source, _created = TranslationSource.get_or_create_from_instance(instance)
    segments = list(StringSegment.objects.filter(source=source).select_related("string"))
    saved = 0
    for code, locale in locales.items():
        translation, _created = Translation.objects.get_or_create(
            source=source, target_locale=locale, defaults={"enabled": True}
        )
        done = set(
            StringTranslation.objects.filter(
                locale=locale, translation_of__in=[s.string for s in segments]
            ).values_list("translation_of_id", "context_id")
        )
        added = [
            StringTranslation(
                translation_of=segment.string,
                locale=locale,
                context_id=segment.context_id,
                data=catalogues[code][segment.string.data],
                translation_type=StringTranslation.TRANSLATION_TYPE_MANUAL,
            )
            for segment in segments
            if (segment.string_id, segment.context_id) not in done
            and segment.string.data in catalogues[code]
        ]
        StringTranslation.objects.bulk_create(added)
        done.update((t.translation_of_id, t.context_id) for t in added)
        complete = all((s.string_id, s.context_id) in done for s in segments)
        # A copy is saved from its translations when they gave it something new, or when
        # every segment is translated and it is still the untranslated copy (a run that
        # stopped half-way). Never when nothing is translated: it would lose its notice.
        if added or (complete and segments and still_a_copy(instance, locale)):
            translation.save_target(publish=True)
            saved += 1
    return saved


def still_a_copy(instance, locale):
    """Whether the page in `locale` is still the untranslated copy (an alias)."""
    if not isinstance(instance, Page):
        return False
    copy = instance.get_translation_or_none(locale)
    return copy is not None and copy.alias_of_id is not None
