"""The subscriptions in the admin, for administrators only (no group is given the right):
so that a request to see or delete someone's sign-up can be answered."""

from django.utils.translation import gettext_lazy as _
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from alerts.models import Subscription


class SubscriptionViewSet(SnippetViewSet):
    model = Subscription
    icon = "mail"
    menu_label = _("E-postvarsler")
    add_to_settings_menu = True
    list_display = ["email", "kinds", "frequency", "language", "created_at", "confirmed_at"]
    list_filter = ["frequency", "language"]
    search_fields = ["email"]
    ordering = ["-created_at"]


register_snippet(SubscriptionViewSet)
