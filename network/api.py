"""The SDGs as an API endpoint, /api/v2/sdgs/."""

from wagtail.api.v2.views import BaseAPIViewSet

from network.models import SDG


class SDGAPIViewSet(BaseAPIViewSet):
    """The goals in every locale; `?locale=nn` gives the nynorsk names."""

    model = SDG
    body_fields = BaseAPIViewSet.body_fields + [
        "number",
        "name",
        "subtitle",
        "colour",
        "name_confirmed",
        "language_code",
    ]
    listing_default_fields = BaseAPIViewSet.listing_default_fields + [
        "number",
        "name",
        "colour",
        "language_code",
    ]
    known_query_parameters = BaseAPIViewSet.known_query_parameters | {"locale"}

    def get_queryset(self):
        goals = SDG.objects.select_related("locale").order_by("locale_id", "number")
        if language_code := self.request.GET.get("locale"):
            goals = goals.filter(locale__language_code=language_code)
        return goals
