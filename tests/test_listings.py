"""Listings stay flat as they grow: the same number of SQL queries for five items as for a
page full of them, in every section's listing, on a kommune page and in the API. A listing
added to the table is held to the same rule."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Locale

from cases.models import CasePage
from events.models import EventPage
from network.models import KommunePage
from reports.models import ReportPage
from tests.conftest import a_parent_for, page_factories

pytestmark = pytest.mark.django_db

API = "/api/v2/pages/?locale=nb&limit=50"
# (address, the page model it lists, the order in which the five kept items are picked
# evenly from first to last, so that every part of a listing keeps some: meetings to come
# and the archive).
LISTINGS = [
    ("/kommuner/", KommunePage, "pk"),
    ("/god-praksis/", CasePage, "pk"),
    ("/rapporter/", ReportPage, "pk"),
    ("/baerekraftfredag/", EventPage, "start"),
    (f"{API}&type=cases.CasePage&fields=kommune,sdgs,theme_slugs", CasePage, "pk"),
    (f"{API}&type=reports.ReportPage&fields=kommune,document_url", ReportPage, "pk"),
    (f"{API}&type=events.EventPage&fields=*", EventPage, "start"),
    # A kommune page lists its cases and reports (the factories put them under Frøya).
    ("/kommuner/froya/", CasePage, "pk"),
    ("/kommuner/froya/", ReportPage, "pk"),
]
MANY = 50


@pytest.mark.parametrize(
    ("url", "model", "order"), LISTINGS, ids=[f"{row[0]} {row[1].__name__}" for row in LISTINGS]
)
def test_a_listing_costs_the_same_queries_for_5_items_as_for_50(client, url, model, order):
    live = model.objects.live().filter(locale=Locale.get_default())
    parent = a_parent_for(model)
    for _ in range(MANY - live.count()):
        page_factories()[model](parent=parent, full=True)  # with pictures and PDFs
    assert live.count() >= MANY
    client.get(url)  # Wagtail's per-process caches (site root paths) warmed up
    with CaptureQueriesContext(connection) as with_many:
        assert client.get(url).status_code == 200
    ids = list(live.order_by(order).values_list("pk", flat=True))
    keep = [ids[round(step * (len(ids) - 1) / 4)] for step in range(5)]
    live.exclude(pk__in=keep).update(live=False)
    with CaptureQueriesContext(connection) as with_five:
        assert client.get(url).status_code == 200
    assert len(with_five) == len(with_many), "\n".join(
        query["sql"][:200] for query in with_many.captured_queries
    )
