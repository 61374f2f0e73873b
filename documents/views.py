"""Admin report "Tekstuttrekk fra PDF": every document with the status of its text
extraction, problems first, so editors see which files could not be read and why."""

import django_filters
from django.db.models import Case, IntegerField, Value, When
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import Column, DateColumn, TitleColumn
from wagtail.admin.views.reports import ReportView
from wagtail.documents import get_document_model
from wagtail.permissions import policy_registry

from documents.extraction import ExtractionStatus

READABLE = [ExtractionStatus.OK, ExtractionStatus.TRUNCATED, ExtractionStatus.NOT_PDF]


class ExtractionFilterSet(WagtailFilterSet):
    extraction_status = django_filters.ChoiceFilter(
        label=_("Status"), choices=ExtractionStatus.choices
    )

    class Meta:
        model = get_document_model()
        fields = ["extraction_status"]


class ExtractionReportView(ReportView):
    page_title = _("Tekstuttrekk fra PDF")
    header_icon = "doc-full"
    index_url_name = "extraction_report"
    index_results_url_name = "extraction_report_results"
    filterset_class = ExtractionFilterSet
    any_permission_required = ["add", "change"]
    columns = [
        TitleColumn("title", label=_("Dokument"), url_name="wagtaildocs:edit"),
        Column("extraction_status", label=_("Status"), accessor="get_extraction_status_display"),
        Column("page_count", label=_("Sider")),
        Column("extraction_message", label=_("Melding")),
        DateColumn("extracted_at", label=_("Sist lest")),
    ]
    list_export = ["title", "extraction_status", "page_count", "extraction_message", "extracted_at"]

    @property
    def permission_policy(self):
        return policy_registry.get_by_type(get_document_model())

    def get_queryset(self):
        problems_first = Case(
            When(extraction_status__in=READABLE, then=Value(1)),
            default=Value(0),
            output_field=IntegerField(),
        )
        return get_document_model().objects.order_by(problems_first, "-created_at")
