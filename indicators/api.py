"""Indicators as API endpoints, in the style of Wagtail's API v2:

- /api/v2/indicators/ — what each indicator measures, `?locale=nn` for the nynorsk texts
  and `?code=` for one;
- /api/v2/observations/ — the figures, filtered by `?indicator=`, `?area=` and `?period=`
  (each may list several, comma-separated);
- /api/v2/profiles/<kommunenummer>/ — a kommune's ståstedsanalyse: each indicator's
  latest figure, the county's and the country's, the rank, the score and the series.

Example figures carry `is_example: true` everywhere."""

from django.http import Http404
from django.urls import path
from django.utils.translation import gettext as _
from rest_framework.response import Response
from wagtail.api.v2.utils import BadRequestError
from wagtail.api.v2.views import BaseAPIViewSet

from core.models import locales
from indicators.figures import Table, country, county, indicators, kommuner, places
from indicators.pages import default_locale, index_page
from indicators.records import Indicator, Observation
from indicators.writing import plain

# At most this many values in one comma-separated filter.
MAX_VALUES = 100


def listed(request, name):
    """The values of a filter (?area=5001,5014), or None when it is not given."""
    raw = request.GET.get(name)
    if raw is None:
        return None
    values = [value.strip() for value in raw.split(",") if value.strip()]
    if not values or len(values) > MAX_VALUES or any(len(v) > 60 for v in values):
        raise BadRequestError(
            _("«%(name)s» må være én eller flere verdier med komma mellom (mest %(max)s).")
            % {"name": name, "max": MAX_VALUES}
        )
    return values


class OnlyKnownParameters:
    """Wagtail's viewsets take any field's name as a parameter, for filters these
    endpoints do not have: a filter that would be ignored is refused instead, so that a
    caller never takes every figure for the ones asked for."""

    known_query_parameters = frozenset({"limit", "offset", "fields"})

    def check_query_parameters(self, queryset):
        unknown = sorted(set(self.request.GET) - self.known_query_parameters)
        if unknown:
            raise BadRequestError(
                _("Ukjent parameter: %(names)s. Disse kan brukes: %(known)s.")
                % {
                    "names": ", ".join(unknown),
                    "known": ", ".join(sorted(self.known_query_parameters)),
                }
            )
        super().check_query_parameters(queryset)


def published():
    """Figures are public while the indicator section is published and public: a
    section taken down, or made private while figures are checked, takes them all."""
    if index_page(default_locale()) is None:
        raise Http404(_("Tallene er ikke publisert."))


def locale_of(request):
    code = request.GET.get("locale")
    if code is None:
        return None
    if code not in locales():
        raise BadRequestError(_("Ukjent språk i «locale»: bruk nb, nn eller en."))
    return locales()[code]


class IndicatorAPIViewSet(OnlyKnownParameters, BaseAPIViewSet):
    model = Indicator
    body_fields = BaseAPIViewSet.body_fields + [
        "code",
        "name",
        "explanation",
        "why_it_matters",
        "unit",
        "decimals",
        "direction",
        "goals",
        "goal_numbers",
        "source",
        "licence",
        "target_value",
        "target_year",
        "target_source",
        "worst",
        "is_example",
        "language_code",
    ]
    listing_default_fields = BaseAPIViewSet.listing_default_fields + [
        "code",
        "name",
        "unit",
        "direction",
        "goal_numbers",
        "is_example",
        "language_code",
    ]
    known_query_parameters = OnlyKnownParameters.known_query_parameters | {"locale", "code"}

    def get_queryset(self):
        published()
        found = Indicator.objects.select_related("locale").order_by("locale_id", "code")
        if locale := locale_of(self.request):
            found = found.filter(locale=locale)
        if codes := listed(self.request, "code"):
            found = found.filter(code__in=codes)
        return found


class ObservationAPIViewSet(OnlyKnownParameters, BaseAPIViewSet):
    model = Observation
    body_fields = BaseAPIViewSet.body_fields + [
        "indicator",
        "area",
        "area_name",
        "period",
        "value",
        "status",
        "is_example",
    ]
    listing_default_fields = body_fields
    known_query_parameters = OnlyKnownParameters.known_query_parameters | {
        "indicator",
        "area",
        "period",
    }

    def get_queryset(self):
        published()
        found = Observation.objects.select_related("indicator", "area").order_by(
            "indicator__code", "area__code", "period"
        )
        for name, lookup in (
            ("indicator", "indicator__code__in"),
            ("area", "area__code__in"),
            ("period", "period__in"),
        ):
            if (values := listed(self.request, name)) is not None:
                found = found.filter(**{lookup: values})
        return found


class ProfileAPIViewSet(OnlyKnownParameters, BaseAPIViewSet):
    """/api/v2/profiles/: the areas with a profile; /api/v2/profiles/5014/: one."""

    model = Observation
    known_query_parameters = frozenset({"locale"})

    @classmethod
    def get_urlpatterns(cls):
        return [
            path("", cls.as_view({"get": "listing_view"}), name="listing"),
            path("<str:code>/", cls.as_view({"get": "profile_view"}), name="detail"),
        ]

    def listing_view(self, request):
        self.check_query_parameters(Observation.objects.none())
        published()
        base = request.build_absolute_uri(request.path)
        items = [
            {
                "code": place.code,
                "name": place.name,
                "kind": place.kind,
                "kostra_group": place.kostra_group,
                "meta": {"detail_url": f"{base}{place.code}/"},
            }
            for place in places().values()
        ]
        return Response({"meta": {"total_count": len(items)}, "items": items})

    def profile_view(self, request, code):
        self.check_query_parameters(Observation.objects.none())
        published()
        place = places().get(code)
        if place is None:
            return Response(
                {"message": _("Fant ikke området «%(code)s».") % {"code": code[:20]}}, 404
            )
        locale = locale_of(request)
        shown = indicators(locale) if locale else indicators()
        table = Table(shown, areas=[place.code, county().code, country().code])
        result = []
        for indicator in shown:
            standing = table.standing(indicator, place.code)
            change = standing.change
            result.append(
                {
                    "code": indicator.code,
                    "name": indicator.name,
                    "unit": indicator.unit,
                    "direction": indicator.direction,
                    "goal_numbers": indicator.goal_numbers,
                    "is_example": indicator.is_example,
                    "period": standing.period,
                    "value": plain(standing.figure.value),
                    "status": standing.figure.status,
                    "county": plain(standing.county.value),
                    "country": plain(standing.country.value),
                    "rank": standing.rank if place.is_kommune else None,
                    "ranked": standing.ranked if place.is_kommune else None,
                    "score": standing.score,
                    "change": {"since": change[0], "value": plain(change[1])} if change else None,
                    "series": [
                        {"period": period, "value": plain(figure.value), "status": figure.status}
                        for period, figure in table.series(indicator, place.code)
                    ],
                }
            )
        return Response(
            {
                "code": place.code,
                "name": place.name,
                "kind": place.kind,
                "kostra_group": place.kostra_group,
                "kommuner": len(kommuner()),
                "indicators": result,
            }
        )
