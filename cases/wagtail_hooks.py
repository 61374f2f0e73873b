"""Admin for suggestions from the public form: coordinators read them and, with one
action, turn one into a draft case under the suggested kommune."""

import datetime

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail import hooks
from wagtail.admin.widgets import ListingButton
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import InspectView, SnippetViewSet

from cases.forms import sanitise
from cases.models import CaseSuggestion


class CaseSuggestionInspectView(InspectView):
    def get_field_display_value(self, field_name, field):
        value = super().get_field_display_value(field_name, field)
        # Wagtail's inspect view formats a time as stored, in UTC; the listing, like the
        # rest of the admin, shows it in the user's zone (Europe/Oslo unless they chose
        # another).
        if isinstance(value, datetime.datetime):
            return timezone.localtime(value)
        return value

    def get_description_display_value(self):
        """The description as the draft case will show it: paragraphs, lists and links,
        not their tags to read through. It was cleaned before it was stored; it is cleaned
        again here, so the admin never trusts a row that came in some other way."""
        return mark_safe(sanitise(self.object.description))  # noqa: S308 - cleaned by bleach


class CaseSuggestionViewSet(SnippetViewSet):
    model = CaseSuggestion
    icon = "help"
    menu_label = gettext_lazy("Forslag til eksempler")
    add_to_admin_menu = True
    menu_order = 300
    list_display = ["title", "kommune", "name", "created_at", "status"]
    list_filter = ["status"]
    inspect_view_enabled = True
    inspect_view_class = CaseSuggestionInspectView
    inspect_view_fields = [
        "title",
        "kommune",
        "name",
        "email",
        "description",
        "created_at",
        "status",
    ]


register_snippet(CaseSuggestionViewSet)


@hooks.register("register_snippet_listing_buttons")
def make_draft_button(snippet, user, next_url=None):
    if isinstance(snippet, CaseSuggestion) and snippet.status == CaseSuggestion.Status.NEW:
        yield ListingButton(
            _("Lag utkast til eksempel"),
            reverse("case_suggestion_make_draft", args=[snippet.pk]),
            priority=5,
            icon_name="doc-empty-inverse",
        )


def make_draft(request, pk):
    """GET asks for confirmation; POST creates the draft and opens it in the editor."""
    suggestion = get_object_or_404(CaseSuggestion, pk=pk)
    kommune = suggestion.kommune
    if kommune is None:
        messages.error(request, _("Forslaget har ingen kommune, så det kan ikke bli et utkast."))
        return redirect(reverse("wagtailsnippets_cases_casesuggestion:list"))
    if not kommune.permissions_for_user(request.user).can_add_subpage():
        raise PermissionDenied
    if suggestion.case_page_id:
        return redirect(reverse("wagtailadmin_pages:edit", args=[suggestion.case_page_id]))
    if request.method == "POST":
        case = suggestion.make_draft(user=request.user)
        messages.success(
            request, _("Utkastet er laget. Les det gjennom før du sender det til godkjenning.")
        )
        return redirect(reverse("wagtailadmin_pages:edit", args=[case.pk]))
    return TemplateResponse(
        request, "cases/admin/make_draft_confirm.html", {"suggestion": suggestion}
    )


@hooks.register("register_admin_urls")
def register_make_draft_url():
    return [path("forslag/<int:pk>/lag-utkast/", make_draft, name="case_suggestion_make_draft")]
