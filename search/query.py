"""Turning what a visitor typed into a query every search backend accepts.

SQLite FTS5 treats `"`, `*`, `^`, `:`, parentheses and the upper-case words AND, OR, NOT
and NEAR as syntax, and a stray `"` crashes the query (wagtail/wagtail#13227). A portal
search needs none of that syntax: only the words are kept."""

import re
import unicodedata

MAX_TERMS = 10
MAX_TERM_LENGTH = 50
WORD = re.compile(r"[^\W_]+", re.UNICODE)


def clean_query(raw):
    """The words of the query, lower-cased, at most MAX_TERMS of them."""
    text = unicodedata.normalize("NFKC", str(raw or "")[:2000])
    words = [word.lower()[:MAX_TERM_LENGTH] for word in WORD.findall(text)]
    return " ".join(words[:MAX_TERMS])


def terms(query):
    return query.split()
