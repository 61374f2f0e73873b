"""The headless API at /api/v2/: pages, images, documents, the SDGs and the indicators
with their figures (indicators/api.py), as JSON.

Wagtail's endpoints, with the parameters checked before they reach the database: numbers
no database column can hold, an unknown search operator and search syntax are a 400 or
are cleaned, as on /sok/, never a 500."""

import re

from django.core.exceptions import ValidationError
from django.http import Http404
from django.utils.translation import gettext as _
from wagtail.api.v2.filters import SearchFilter
from wagtail.api.v2.router import WagtailAPIRouter
from wagtail.api.v2.utils import BadRequestError
from wagtail.api.v2.views import PagesAPIViewSet
from wagtail.documents.api.v2.views import DocumentsAPIViewSet
from wagtail.images.api.v2.views import ImagesAPIViewSet

from core.models import locales
from indicators.api import IndicatorAPIViewSet, ObservationAPIViewSet, ProfileAPIViewSet
from network.api import SDGAPIViewSet
from search.query import clean_query
from search.stemming import searching_in

# The largest value of a 64-bit integer column (PostgreSQL's bigint).
LARGEST_ID = 2**63 - 1
WHOLE_NUMBER = re.compile(r"[+-]?[0-9]+")
SEARCH_OPERATORS = ("and", "or")


class CleanedSearchFilter(SearchFilter):
    """Wagtail's search filter, given only the words of the query, as /sok/ is: quotes
    and FTS syntax cannot break it, and a query of thousands of words is cut to the
    first few."""

    def filter_queryset(self, request, queryset, view):
        if "search" not in request.GET:
            return queryset
        operator = request.GET.get("search_operator")
        if operator is not None and operator not in SEARCH_OPERATORS:
            raise BadRequestError(_("search_operator må være «and» eller «or»."))
        words = clean_query(request.GET["search"])
        if not words:
            return queryset.none()
        return super().filter_queryset(WithQuery(request, search=words), queryset, view)


class WithQuery:
    """The request as the search filter reads it (only its query string), with some
    parameters replaced."""

    def __init__(self, request, **replaced):
        self.GET = request.GET.copy()
        for name, value in replaced.items():
            self.GET[name] = value


class CheckedParametersMixin:
    """Put before a Wagtail API viewset."""

    def check_query_parameters(self, queryset):
        super().check_query_parameters(queryset)
        for name, value in self.request.GET.items():
            if name != "search" and WHOLE_NUMBER.fullmatch(value.strip()):
                if abs(int(value)) > LARGEST_ID:
                    raise BadRequestError(_("Tallet i «%(name)s» er for stort.") % {"name": name})

    def filter_queryset(self, queryset):
        # A field filter with a value its field cannot hold (?start=x on meetings) fails
        # as the filter is built: the caller's mistake.
        try:
            return super().filter_queryset(queryset)
        except (ValueError, TypeError, ValidationError) as error:
            raise BadRequestError(_("Et av filtrene har en verdi som ikke passer.")) from error

    def find_view(self, request):
        try:
            return super().find_view(request)
        except (ValueError, TypeError, ValidationError) as error:
            raise BadRequestError(_("id må være et helt tall.")) from error

    def detail_view(self, request, pk):
        if int(pk) > LARGEST_ID:
            raise Http404(_("Fant ikke noe med den id-en."))
        return super().detail_view(request, pk)

    @classmethod
    def with_cleaned_search(cls, backends):
        return [CleanedSearchFilter if b is SearchFilter else b for b in backends]


class PortalPagesAPIViewSet(CheckedParametersMixin, PagesAPIViewSet):
    filter_backends = CheckedParametersMixin.with_cleaned_search(PagesAPIViewSet.filter_backends)

    def get_queryset(self):
        """With what a listing shows of each page loaded for the whole listing at once: its
        locale, the documents and images it links to, and the goals, themes and kommuner it
        is tagged with (a query per page and field otherwise)."""
        queryset = super().get_queryset()
        model = queryset.model
        own_fields = model._meta.get_fields(include_parents=False)
        linked = [f.name for f in own_fields if f.many_to_one and f.concrete and not f.primary_key]
        tagged = [f.name for f in own_fields if f.many_to_many and f.concrete]
        return queryset.select_related("locale", *linked).prefetch_related(*tagged)

    def listing_view(self, request):
        """?search= with ?locale= is stemmed in that language, as /sok/ is; the search
        runs as the listing is paginated, so the whole view is inside the block."""
        locale = locales().get(request.GET.get("locale", ""))
        if locale is None:
            return super().listing_view(request)
        with searching_in(locale):
            return super().listing_view(request)


class PortalImagesAPIViewSet(CheckedParametersMixin, ImagesAPIViewSet):
    filter_backends = CheckedParametersMixin.with_cleaned_search(ImagesAPIViewSet.filter_backends)


class PortalDocumentsAPIViewSet(CheckedParametersMixin, DocumentsAPIViewSet):
    filter_backends = CheckedParametersMixin.with_cleaned_search(
        DocumentsAPIViewSet.filter_backends
    )


class PortalSDGAPIViewSet(CheckedParametersMixin, SDGAPIViewSet):
    pass


class PortalIndicatorAPIViewSet(CheckedParametersMixin, IndicatorAPIViewSet):
    pass


class PortalObservationAPIViewSet(CheckedParametersMixin, ObservationAPIViewSet):
    pass


class PortalProfileAPIViewSet(CheckedParametersMixin, ProfileAPIViewSet):
    pass


api_router = WagtailAPIRouter("wagtailapi")
api_router.register_endpoint("pages", PortalPagesAPIViewSet)
api_router.register_endpoint("images", PortalImagesAPIViewSet)
api_router.register_endpoint("documents", PortalDocumentsAPIViewSet)
api_router.register_endpoint("sdgs", PortalSDGAPIViewSet)
api_router.register_endpoint("indicators", PortalIndicatorAPIViewSet)
api_router.register_endpoint("observations", PortalObservationAPIViewSet)
api_router.register_endpoint("profiles", PortalProfileAPIViewSet)
