"""Word forms per language: Snowball's stemmers, the algorithms behind PostgreSQL's text
search configurations, so that SQLite finds what PostgreSQL finds. Bokmål and nynorsk
share the Norwegian stemmer (barnehage ⇄ barnehagen, barnehager; skule ⇄ skular,
kommunane), English has its own (canteens ⇄ canteen, reporting ⇄ report).

A page is indexed in the language of its locale and searched in the language the
visitor searches in (`searching_in`): on PostgreSQL that is the text search
configuration (search/backends/postgres.py); on SQLite the full-text table holds the
stems of the words (the index triggers call `portal_stem()`, registered on each
connection in apps.py), and the query's words are stemmed the same way before they are
matched."""

import re
import threading
from contextlib import contextmanager
from contextvars import ContextVar

import Stemmer

WORD = re.compile(r"[^\W_]+")
# Language code → Snowball stemmer, which is also the PostgreSQL configuration's name.
CONFIGS = {"nb": "norwegian", "nn": "norwegian", "en": "english"}
DEFAULT = "norwegian"  # bokmål first; documents and other objects without a language
# A Stemmer object keeps state between calls: one per thread (app servers, the worker).
_local = threading.local()
_searching_in = ContextVar("searching_in", default=None)


def config_for(language_code):
    return CONFIGS.get(language_code or "", DEFAULT)


def config_of(obj):
    """The stemming for an object to be indexed: its locale's, if it has one."""
    locale_id = getattr(obj, "locale_id", None)
    if locale_id is None:
        return DEFAULT
    from core.models import locales

    codes = {locale.pk: code for code, locale in locales().items()}
    return config_for(codes.get(locale_id))


@contextmanager
def searching_in(locale):
    """Searches made in the block stem the query as `locale`'s language is stemmed."""
    token = _searching_in.set(config_for(locale.language_code))
    try:
        yield
    finally:
        _searching_in.reset(token)


def search_config(default=DEFAULT):
    """The stemming of the search being made: the block's (`searching_in`), if any."""
    return _searching_in.get() or default


def stemmer(config=DEFAULT):
    stemmers = _local.__dict__.setdefault("stemmers", {})
    if config not in stemmers:
        stemmers[config] = Stemmer.Stemmer(config)
    return stemmers[config]


def stem_words(words, config=DEFAULT):
    return stemmer(config).stemWords([word.lower() for word in words])


def stem_text(text, config=DEFAULT):
    """The text as the stems of its words, separated by spaces."""
    if not text:
        return text
    return " ".join(stem_words(WORD.findall(text), config))


def stem_in_language(text, language_code):
    return stem_text(text, config_for(language_code))


def register_sqlite_function(sender, connection, **kwargs):
    """In SQL, for the triggers that fill the full-text table: `norwegian_stem(text)`
    (migration 0003) and `portal_stem(text, language code)`."""
    if connection.vendor == "sqlite":
        connection.connection.create_function("norwegian_stem", 1, stem_text, deterministic=True)
        connection.connection.create_function(
            "portal_stem", 2, stem_in_language, deterministic=True
        )
