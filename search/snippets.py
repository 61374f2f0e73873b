"""A short piece of a page's text around the first match, with the matches marked.
No search backend highlights (wagtail/wagtail#5340), so it is done here, on the text the
page is indexed by."""

import re

from django.utils.html import escape
from django.utils.safestring import mark_safe

from core.text import searchable_texts
from search.stemming import DEFAULT, config_of, stem_words

BEFORE, AFTER = 80, 180
# A word typed without Norwegian letters (baerekraft, froya) also marks the real spelling.
SPELLINGS = [
    ("ae", "(?:ae|æ)"),
    ("oe", "(?:oe|ø)"),
    ("aa", "(?:aa|å)"),
    ("o", "(?:o|ø)"),
    ("a", "(?:a|å)"),
]


def word_pattern(word):
    parts, rest = [], word
    while rest:
        for plain, either in SPELLINGS:
            if rest.startswith(plain):
                parts.append(either)
                rest = rest[len(plain) :]
                break
        else:
            parts.append(re.escape(rest[0]))
            rest = rest[1:]
    return "".join(parts)


def matcher(words, config=DEFAULT):
    """Every form of the words: their stems, then any ending (barnehagene marks
    barnehagen), as the search itself matched them, in the page's language."""
    stems = sorted(set(stem_words(words, config)), key=len, reverse=True)
    return re.compile(r"\b(?:" + "|".join(word_pattern(w) for w in stems) + r")\w*", re.IGNORECASE)


def snippet_for(page, words):
    """(html, field name) around the first match; the start of the first text if none."""
    if not words:
        return None, None
    texts = list(searchable_texts(page))
    pattern = matcher(words, config_of(page))
    for name, text in texts:
        match = pattern.search(text)
        if match:
            start = max(0, match.start() - BEFORE)
            end = min(len(text), match.end() + AFTER)
            piece = ("…" if start else "") + text[start:end] + ("…" if end < len(text) else "")
            return mark(piece, pattern), name
    if texts:
        name, text = texts[0]
        cut = BEFORE + AFTER
        return mark(text[:cut] + ("…" if len(text) > cut else ""), pattern), name
    return None, None


def mark(text, pattern):
    """The text escaped, with every match wrapped in <mark>."""
    pieces, last = [], 0
    for match in pattern.finditer(text):
        pieces.append(escape(text[last : match.start()]))
        pieces.append(f"<mark>{escape(match.group(0))}</mark>")
        last = match.end()
    pieces.append(escape(text[last:]))
    return mark_safe("".join(pieces))
