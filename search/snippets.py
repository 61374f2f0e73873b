"""A short piece of a page's text around the first match, with the matches marked.
No search backend highlights (wagtail/wagtail#5340), so it is done here, on the text the
page is indexed by."""

import re

from django.utils.html import escape, strip_tags
from django.utils.safestring import mark_safe
from wagtail.search import index

BEFORE, AFTER = 80, 180


def searchable_texts(page):
    """(field name, text) for every text field the page is indexed by, title excepted."""
    for field in page.get_search_fields():
        if not isinstance(field, index.SearchField) or field.field_name == "title":
            continue
        value = field.get_value(page)
        if isinstance(value, list | tuple):
            value = " ".join(str(part) for part in value)
        if value:
            yield field.field_name, " ".join(strip_tags(str(value)).split())


def highlight(text, words):
    pattern = re.compile(r"\b(" + "|".join(re.escape(w) for w in words) + r")\w*", re.IGNORECASE)
    return mark_safe(pattern.sub(lambda m: f"<mark>{m.group(0)}</mark>", escape(text)))


def snippet_for(page, words):
    """(html, field name) around the first match; the start of the first text if none."""
    texts = list(searchable_texts(page))
    if not words:
        return None, None
    pattern = re.compile(r"\b(" + "|".join(re.escape(w) for w in words) + r")", re.IGNORECASE)
    for name, text in texts:
        match = pattern.search(text)
        if match:
            start = max(0, match.start() - BEFORE)
            end = min(len(text), match.end() + AFTER)
            piece = ("…" if start else "") + text[start:end] + ("…" if end < len(text) else "")
            return highlight(piece, words), name
    if texts:
        name, text = texts[0]
        return highlight(
            text[: BEFORE + AFTER] + ("…" if len(text) > BEFORE + AFTER else ""), words
        ), name
    return None, None
