"""Norwegian word forms: Snowball's Norwegian stemmer, the algorithm behind PostgreSQL's
`norwegian` text search configuration, so that SQLite finds what PostgreSQL finds
(barnehage ⇄ barnehagen, barnehager, barnehagene; nynorsk skule ⇄ skular).

On SQLite the stem of every word is what goes into the full-text table (the index
triggers call `norwegian_stem()`, registered on each connection in apps.py), and the
query's words are stemmed the same way before they are matched."""

import re
import threading

import Stemmer

WORD = re.compile(r"[^\W_]+")
# A Stemmer object keeps state between calls: one per thread (app servers, the worker).
_local = threading.local()


def stemmer():
    if not hasattr(_local, "stemmer"):
        _local.stemmer = Stemmer.Stemmer("norwegian")
    return _local.stemmer


def stem_words(words):
    return stemmer().stemWords([word.lower() for word in words])


def stem_text(text):
    """The text as the stems of its words, separated by spaces."""
    if not text:
        return text
    return " ".join(stem_words(WORD.findall(text)))


def register_sqlite_function(sender, connection, **kwargs):
    """`norwegian_stem(text)` in SQL, for the triggers that fill the full-text table."""
    if connection.vendor == "sqlite":
        connection.connection.create_function("norwegian_stem", 1, stem_text, deterministic=True)
