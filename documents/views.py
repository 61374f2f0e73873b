"""Admin report "Tekstuttrekk fra PDF": every document with the status of its text
extraction, problems first, so editors see which files could not be read and what to do."""

import django_filters
from django.db.models import Case, Exists, IntegerField, OuterRef, Value, When
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import Column, DateColumn, TitleColumn
from wagtail.admin.views.reports import ReportView
from wagtail.documents import get_document_model
from wagtail.permissions import policy_registry

from documents.extraction import ExtractionStatus

READABLE = [ExtractionStatus.OK, ExtractionStatus.TRUNCATED, ExtractionStatus.NOT_PDF]


def edit_url(document):
    """The document's edit page, for those who may edit it; a kommune editor may edit the
    documents they uploaded, and a link to any other would end in «no access»."""
    return reverse("wagtaildocs:edit", args=[document.pk]) if document.editable else None


def local_time(value):
    return timezone.localtime(value).strftime("%Y-%m-%d %H:%M") if value else ""


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
        TitleColumn("title", label=_("Dokument"), get_url=edit_url),
        Column("extraction_status", label=_("Status"), accessor="get_extraction_status_display"),
        Column("page_count", label=_("Sider")),
        Column("extraction_advice", label=_("Melding")),
        DateColumn("extracted_at", label=_("Sist lest")),
    ]
    # The spreadsheet says what the table says, under the same headings, in Oslo time.
    export_headings = {column.accessor: column.label for column in columns}
    list_export = list(export_headings)
    custom_field_preprocess = {
        "extracted_at": {
            ReportView.FORMAT_CSV: local_time,
            ReportView.FORMAT_XLSX: lambda value: value and timezone.make_naive(value),
        }
    }

    @property
    def permission_policy(self):
        return policy_registry.get_by_type(get_document_model())

    def get_queryset(self):
        problems_first = Case(
            When(extraction_status__in=READABLE, then=Value(1)),
            default=Value(0),
            output_field=IntegerField(),
        )
        editable = self.permission_policy.instances_user_has_permission_for(
            self.request.user, "change"
        )
        return (
            get_document_model()
            .objects.annotate(editable=Exists(editable.filter(pk=OuterRef("pk"))))
            .order_by(problems_first, "-created_at")
        )
