"""Word forms per language: Snowball's stemmers, the algorithms behind PostgreSQL's text
search configurations, so that SQLite finds what PostgreSQL finds. Bokmål and nynorsk
share the Norwegian stemmer (barnehage ⇄ barnehagen, barnehager; skule ⇄ skular,
kommunane), English has its own (municipality ⇄ municipalities, measuring ⇄ measured).

A search made in a language (`searching_in`: /sok/ and the API with a locale) stems its
words in that language. A page in another language than Norwegian is indexed with its
own stems and the Norwegian ones (`index_text`), so a search made outside any language
(the admin, the API without a locale), which stems in Norwegian, still finds it.

On PostgreSQL the stems come from the text search configurations
(search/backends/postgres.py). On SQLite the full-text table holds the stems (the index
triggers call `portal_stem()`, registered on each connection in apps.py, in the
language `indexing_in` sets), and the query's words are stemmed the same way."""

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
_indexing_in = ContextVar("indexing_in", default=None)


def config_for(language_code):
    return CONFIGS.get(language_code or "", DEFAULT)


def by_language(objs):
    """The objects to be indexed, grouped by their language's stemming (their locale's;
    Norwegian for objects without one): [(config, objects)]."""
    from core.models import locales

    codes = {locale.pk: code for code, locale in locales().items()}
    groups = {}
    for obj in objs:
        config = config_for(codes.get(getattr(obj, "locale_id", None)))
        groups.setdefault(config, []).append(obj)
    return list(groups.items())


def config_of(obj):
    [(config, _objs)] = by_language([obj])
    return config


@contextmanager
def _holding(variable, value):
    token = variable.set(value)
    try:
        yield
    finally:
        variable.reset(token)


def searching_in(locale):
    """Searches made in the block stem the query as `locale`'s language is stemmed."""
    return _holding(_searching_in, config_for(locale.language_code))


def indexing_in(config):
    """Index entries written in the block are stemmed as `config` says (`index_text`)."""
    return _holding(_indexing_in, config)


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


def index_text(text, config=None):
    """The stems a text is indexed with: in Norwegian, and also in its own language if
    that is another."""
    config = config or _indexing_in.get() or DEFAULT
    if not text or config == DEFAULT:
        return stem_text(text)
    return stem_text(text, config) + " " + stem_text(text)


def register_sqlite_function(sender, connection, **kwargs):
    """In SQL, for the triggers that fill the full-text table: `norwegian_stem(text)`
    (migration 0003) and `portal_stem(text)` (0005). Not deterministic: the language is
    the block's (`indexing_in`)."""
    if connection.vendor == "sqlite":
        connection.connection.create_function("norwegian_stem", 1, stem_text, deterministic=True)
        connection.connection.create_function("portal_stem", 1, index_text)
