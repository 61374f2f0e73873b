"""Announcing a page when it is first published: a case, a report, a meeting or a news
article, in bokmål (the language pages are first written in), and public. Publishing it
again, or a translation of it, announces nothing more."""

from django.db import transaction
from wagtail.models import Locale, PageViewRestriction
from wagtail.signals import page_published

from alerts.models import Announcement, Kind
from cases.models import CasePage
from events.models import EventPage
from network.models import KommunePage
from news.models import NewsPage
from reports.models import ReportPage

KINDS = {
    CasePage: Kind.CASES,
    ReportPage: Kind.REPORTS,
    EventPage: Kind.MEETINGS,
    NewsPage: Kind.NEWS,
}
# The fields that tag a page with kommuner, besides the kommune it is placed under.
KOMMUNE_FIELDS = ("kommuner", "other_kommuner")


def connect():
    page_published.connect(announce, dispatch_uid="alerts-announce")


def announce(sender, instance, **kwargs):
    page = instance
    kind = KINDS.get(type(page))
    if kind is None or page.locale_id != Locale.get_default().pk:
        return
    if PageViewRestriction.objects.filter(page__in=page.get_ancestors(inclusive=True)).exists():
        return  # a private page is never announced
    announcement, created = Announcement.objects.get_or_create(
        translation_key=page.translation_key,
        defaults={
            "page": page,
            "kind": kind,
            "themes": ",".join(sorted(themes_of(page))),
            "kommuner": ",".join(sorted(kommuner_of(page))),
        },
    )
    if created:
        from alerts.tasks import send_alerts

        transaction.on_commit(lambda: send_alerts.enqueue(announcement.pk))


def themes_of(page):
    if not hasattr(page, "themes"):
        return set()
    return set(page.themes.values_list("slug", flat=True))


def kommuner_of(page):
    numbers = set()
    parent = page.get_parent().specific
    if isinstance(parent, KommunePage):
        numbers.add(parent.kommunenummer)
    for name in KOMMUNE_FIELDS:
        if hasattr(page, name):
            numbers.update(getattr(page, name).values_list("kommunenummer", flat=True))
    return numbers
