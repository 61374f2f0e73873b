"""Indicators in the portal's search: those whose name, explanation or code holds every
word of the query, in its word forms (sykkelveier finds «sykkelvei») and inside compound
words (avfall finds «Husholdningsavfall»), as Norwegian is written. Matched in Python:
there are tens of indicators, not thousands, and their words are worked out once per
language and content generation."""

from core.memo import remembered
from core.text import fold
from indicators.figures import indicators
from indicators.pages import index_page
from search.stemming import WORD, config_for, stem_words

# A query word this short must match a whole word form, not a part of a compound.
MIN_PART = 4
MAX_SHOWN = 5


def words_of(indicator, config):
    text = " ".join([indicator.code, indicator.name, indicator.explanation])
    words = WORD.findall(text.lower())
    return frozenset(stem_words(words, config)) | frozenset(fold(word) for word in words)


def matching_indicators(query, locale):
    """[(indicator, url)] of the indicators that match every word of `query` (cleaned)."""
    if not query:
        return []
    config = config_for(locale.language_code)
    entries = remembered(
        f"indicator-words:{locale.language_code}",
        lambda: [(i, words_of(i, config)) for i in indicators(locale)],
    )
    wanted = required(query, config)
    found = [
        indicator
        for indicator, words in entries
        if all(any(matches(forms, word) for word in words) for forms in wanted)
    ]
    section = index_page(locale)
    if section is None:
        return []
    return [
        (i, section.url + section.reverse_subpage("indicator", args=[i.code]))
        for i in found[:MAX_SHOWN]
    ]


def required(query, config):
    """Each query word as the forms any of which must be found: its stem and its
    spelling without æ, ø and å."""
    words = query.split()
    return [{stem, fold(word)} for word, stem in zip(words, stem_words(words, config), strict=True)]


def matches(forms, word):
    return any(form == word or (len(form) >= MIN_PART and form in word) for form in forms)
