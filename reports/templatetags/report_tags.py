"""Template helpers for reports: the owning kommune without a query, and a kommune's
reports for its page (network's templates use this; network's code does not know reports)."""

from django import template

from documents.models import restricted_collections, visible_document
from reports.models import ReportPage

register = template.Library()


@register.filter
def kommune_from(report, kommuner):
    """The kommune that owns the report, from the listing's KommuneLookup."""
    return kommuner.owner_of(report)


@register.simple_tag
def reports_of(kommune):
    """A kommune's live, public reports, newest first."""
    return ReportPage.listing(kommune.locale_id).child_of(kommune)


@register.simple_tag(takes_context=True)
def restricted_collections_for(context):
    return restricted_collections(context["request"])


@register.filter
def document_visible_with(report, restricted):
    """The report's document, unless it is in a collection this visitor may not see."""
    return visible_document(report.document, restricted)
