"""Plain text of a page as search sees it, and Norwegian letters as people type them
without a Norwegian keyboard (æ as ae, ø as oe or o, å as aa or a)."""

import re

from django.utils.html import strip_tags
from django.utils.text import slugify
from wagtail.search import index

SPECIAL_LETTERS = re.compile(r"[æøåÆØÅ]")
WORD = re.compile(r"[^\W_]+")
FOLDINGS = [
    str.maketrans({"æ": "ae", "ø": "oe", "å": "aa"}),
    str.maketrans({"æ": "ae", "ø": "o", "å": "a"}),
]


def searchable_texts(page, exclude=("title", "folded_text")):
    """(field name, plain text) for every text field the page is indexed by."""
    for field in page.get_search_fields():
        if not isinstance(field, index.SearchField) or field.field_name in exclude:
            continue
        value = field.get_value(page)
        if isinstance(value, list | tuple):
            value = " ".join(str(part) for part in value)
        if value:
            yield field.field_name, " ".join(strip_tags(str(value)).split())


def folded_words(text):
    """The spellings without æ, ø and å of every word that has them, once each."""
    found = set()
    for word in WORD.findall(text.lower()):
        if SPECIAL_LETTERS.search(word):
            found.update(word.translate(folding) for folding in FOLDINGS)
    return sorted(found)


def fold(word):
    return word.lower().translate(FOLDINGS[0])


# Æ, Ø and Å come after Z, in that order; Unicode puts Å before Æ and Ø.
NORWEGIAN_ORDER = str.maketrans({"æ": "z\u0001", "ø": "z\u0002", "å": "z\u0003"})


def norwegian_order(text):
    """A sort key that puts words in Norwegian alphabetical order (Ørland before Åfjord)."""
    return text.casefold().translate(NORWEGIAN_ORDER)


def by_title(pages):
    """The pages in Norwegian alphabetical order of their titles."""
    return sorted(pages, key=lambda page: norwegian_order(page.title))


def ascii_slug(name):
    """URL-safe slug: æ→ae, ø→o, å→a (froya, afjord), so links survive e-mail and chat."""
    return slugify(name.lower().replace("æ", "ae").replace("ø", "o").replace("å", "a"))
