from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.documents import get_document_model
from wagtail.permissions import policy_registry

from documents.views import ExtractionReportView


@hooks.register("register_admin_urls")
def register_extraction_report_urls():
    return [
        path("reports/tekstuttrekk/", ExtractionReportView.as_view(), name="extraction_report"),
        path(
            "reports/tekstuttrekk/results/",
            ExtractionReportView.as_view(results_only=True),
            name="extraction_report_results",
        ),
    ]


def document_permission_policy():
    return policy_registry.get_by_type(get_document_model())


class ExtractionReportMenuItem(MenuItem):
    def is_shown(self, request):
        return document_permission_policy().user_has_any_permission(request.user, ["add", "change"])


@hooks.register("register_reports_menu_item")
def register_extraction_report_menu_item():
    return ExtractionReportMenuItem(
        _("Tekstuttrekk fra PDF"), reverse("extraction_report"), icon_name="doc-full", order=700
    )
