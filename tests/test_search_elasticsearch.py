"""The Elasticsearch option, checked offline: no server can run here, so these tests
cover what is built on our side (index settings, mapping, query bodies) and nothing that
needs a cluster (indexing, ranking, the analyzer's real output)."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from wagtail.models import Page
from wagtail.search.backends import get_search_backend

from cases.models import CasePage
from reports.models import ReportPage
from search.elasticsearch import backend_settings, index_settings
from search.query import clean_query

BASE_DIR = Path(__file__).resolve().parent.parent


@pytest.fixture
def backend():
    params = backend_settings("http://127.0.0.1:9")  # a port nothing listens on
    return get_search_backend(**params)


def test_the_default_analyzer_is_norwegian_with_stemming_stop_words_and_folding():
    analysis = index_settings()["settings"]["analysis"]
    default = analysis["analyzer"]["default"]
    filters = {
        name: analysis["filter"][name] for name in default["filter"] if name in analysis["filter"]
    }
    assert default["filter"][0] == "lowercase"
    assert filters["norwegian_stop"] == {"type": "stop", "stopwords": "_norwegian_"}
    assert filters["norwegian_stemmer"] == {"type": "stemmer", "language": "norwegian"}
    assert filters["norwegian_folding"]["type"] == "asciifolding"
    # The stemmer must see æ, ø and å before they are folded away.
    order = default["filter"]
    assert order.index("norwegian_stemmer") < order.index("norwegian_folding")


def test_the_backend_takes_the_settings_and_keeps_wagtails_own(backend):
    analysis = backend.settings["settings"]["analysis"]
    assert "default" in analysis["analyzer"]
    assert "edgengram_analyzer" in analysis["analyzer"]  # Wagtail's autocomplete still works
    assert backend.index_prefix == "baerekraftsportalen_"


def test_the_mapping_indexes_the_fields_search_relies_on(backend):
    for model, fields in [
        (CasePage, ["summary", "results", "folded_text"]),
        (ReportPage, ["summary", "document_text", "folded_text"]),
    ]:
        mapping = backend.mapping_class(model).get_mapping()
        properties = str(mapping)
        for field in fields:
            assert field in properties, (model.__name__, field)


@pytest.mark.django_db
def test_query_bodies_use_and_and_only_the_cleaned_words(backend):
    query = clean_query('matsvinn "skole" AND NOT(*)')
    compiler = backend.query_compiler_class(Page.objects.live().public(), query, operator="and")
    body = compiler.get_query()
    text = str(body)
    assert "'operator': 'and'" in text
    assert "matsvinn skole and not" in text
    assert '"' not in text.replace("'", "")


def test_search_url_switches_the_portal_to_elasticsearch():
    code = (
        "from django.conf import settings; b = settings.WAGTAILSEARCH_BACKENDS['default'];"
        "a = b['INDEX_SETTINGS']['settings']['analysis']['analyzer'];"
        "print(b['BACKEND'], b['URLS'][0], 'default' in a)"
    )
    result = subprocess.run(
        [sys.executable, "manage.py", "shell", "--no-imports", "-c", code],
        cwd=BASE_DIR,
        env={**os.environ, "SEARCH_URL": "https://search.example.no:9200"},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == [
        "wagtail.search.backends.elasticsearch9",
        "https://search.example.no:9200",
        "True",
    ]
