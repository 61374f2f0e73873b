"""Template helpers for reports: the owning kommune without a query, and a kommune's
reports for its page (network's templates use this; network's code does not know reports)."""

from django import template
from wagtail.models import Page

from reports.models import ReportPage

register = template.Library()


@register.filter
def kommune_from(report, kommuner_by_path):
    return kommuner_by_path.get(report.path[: -Page.steplen])


@register.simple_tag
def reports_of(kommune):
    """A kommune's live, public reports, newest first."""
    return ReportPage.listing(kommune.locale).child_of(kommune)
