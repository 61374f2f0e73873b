"""Norwegian analysis for the Elasticsearch/OpenSearch option (SEARCH_URL), built with
elasticsearch.dsl. Wagtail keeps one index for all pages, so the analyzer is the index's
default: every text field is analysed as Norwegian.

No Elasticsearch server can run on this project's machines: tests/test_search_elasticsearch.py
checks the settings, the mapping and the query bodies offline."""

from elasticsearch.dsl import analyzer, token_filter

NORWEGIAN = analyzer(
    "default",
    tokenizer="standard",
    filter=[
        "lowercase",
        token_filter("norwegian_stop", "stop", stopwords="_norwegian_"),
        # Stemming needs the real letters, so it runs before they are folded.
        token_filter("norwegian_stemmer", "stemmer", language="norwegian"),
        # æ → ae, ø → o, å → a, keeping the original too: "froya" finds "Frøya".
        token_filter("norwegian_folding", "asciifolding", preserve_original=True),
    ],
)


def index_settings():
    """INDEX_SETTINGS for Wagtail's Elasticsearch backend."""
    return {"settings": {"analysis": NORWEGIAN.get_analysis_definition()}}


def backend_settings(url):
    return {
        "BACKEND": "wagtail.search.backends.elasticsearch9",
        "URLS": [url],
        "INDEX_PREFIX": "baerekraftsportalen_",
        "TIMEOUT": 5,
        "INDEX_SETTINGS": index_settings(),
    }
