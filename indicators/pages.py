"""The public indicator pages: a kommune's «ståstedsanalyse» (at the kommune page's
indikatorer/), one page per indicator (under /indikatorer/), a chart to embed in other
sites, and each of them as CSV, Excel and JSON-stat: exactly the figures shown."""

from django.contrib.contenttypes.models import ContentType
from django.http import Http404
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from wagtail.models import Page

from core.exceptions import VisitorBadRequest
from core.memo import remembered
from core.models import active_locale, in_locale, locales
from indicators import charts, downloads
from indicators.figures import (
    Table,
    country,
    county,
    default_language,
    indicator_by_code,
    indicators,
    kommuner,
)
from indicators.figures import places as all_places
from indicators.records import Direction, ImportBatch
from network.models import SDG

OTHER_GOAL = 0
# The most kommuner a comparison shows beside the kommune itself.
MAX_COMPARED = 10


def goal_names():
    """{number: "Bærekraftige byer og lokalsamfunn"} in the visitor's language."""
    locale = active_locale()

    def read():
        default = SDG.objects.filter(locale__language_code=default_language())
        return {sdg.number: sdg.name for sdg in in_locale(SDG, default, locale)}

    return remembered(f"goal-names:{locale.language_code}", read)


def by_goal(chosen, first_only=False):
    """[(goal name, number, [indicator])]: each indicator under each goal it belongs to
    (or only the first, where it is shown in full), goals in number order, those with no
    goal last."""
    names = goal_names()
    groups = {}
    for indicator in chosen:
        numbers = indicator.goal_numbers or [OTHER_GOAL]
        for number in numbers[:1] if first_only else numbers:
            groups.setdefault(number, []).append(indicator)
    return [
        (names.get(number, "") if number else _("Andre indikatorer"), number, groups[number])
        for number in sorted(groups, key=lambda n: n or 99)
    ]


def index_page(locale=None):
    """The indicator section (/indikatorer/) in the visitor's language (or `locale`'s),
    or None."""
    locale = locale or active_locale()

    def find():
        # By its content type: models.py, where the page type is, imports this module.
        kind = ContentType.objects.get_by_natural_key("indicators", "indicatorindexpage")
        found = Page.objects.live().public().filter(locale=locale, content_type=kind).first()
        return found.specific if found else None

    return remembered(f"indicator-index:{locale.language_code}", find)


def default_locale():
    return locales()[default_language()]


def describe(standing):
    """The chart's summary in words: «Frøya: 21,5 % i 2024. 12. plass av 38, over
    fylket.»"""
    indicator = standing.indicator
    if standing.figure.value is None:
        return _("%(area)s har ikke tall for %(period)s.") % {
            "area": standing.place.label,
            "period": standing.period or "–",
        }
    parts = [
        _("%(area)s: %(value)s i %(period)s.")
        % {
            "area": standing.place.label,
            "value": charts.with_unit(standing.figure.value, indicator.unit, indicator.decimals),
            "period": standing.period,
        }
    ]
    if standing.rank and standing.place.is_kommune:
        parts.append(
            _("%(rank)s. plass av %(count)s.") % {"rank": standing.rank, "count": standing.ranked}
        )
    against = standing.against_county
    if against and standing.place.is_kommune:
        parts.append(
            {
                against.ABOVE: _("Over fylket."),
                against.BELOW: _("Under fylket."),
                against.SAME: _("Likt med fylket."),
            }[against.position]
        )
    return " ".join(parts)


def trend_chart(table, indicator, place, chart_id, small=False, extent=None):
    lines = [(place.label, table.values(indicator, place.code), "main")]
    for other, style in ((county(), "county"), (country(), "country")):
        if other and other.code != place.code and not (small and style == "country"):
            lines.append((other.label, table.values(indicator, other.code), style))
    standing = table.standing(indicator, place.code)
    return charts.trend(
        chart_id,
        lines,
        title=_("%(indicator)s i %(area)s over tid")
        % {
            "indicator": indicator.name,
            "area": place.label,
        },
        summary=describe(standing),
        unit=indicator.unit,
        decimals=indicator.decimals,
        width=220 if small else 340,
        height=120 if small else 170,
        example=indicator.is_example,
        extent=extent,
    ), lines


def chosen_kommuner(request, place):
    """The kommuner to compare with: ?sammenlign= in the address (repeated; given but
    empty, none), or else the kommune's KOSTRA group."""
    known = {k.code: k for k in kommuner()}
    if "sammenlign" in request.GET:
        asked = [code.strip() for code in request.GET.getlist("sammenlign") if code.strip()]
        unknown = [code for code in asked if code not in known]
        if unknown:
            raise VisitorBadRequest(
                _("Vi kjenner ikke kommunenummeret «%(code)s». Velg kommuner fra listen.")
                % {"code": unknown[0][:20]}
            )
        codes = [code for code in dict.fromkeys(asked) if code != place.code]
        if len(codes) > MAX_COMPARED:
            raise VisitorBadRequest(
                _("Du kan sammenligne med opptil %(max)s kommuner om gangen.")
                % {"max": MAX_COMPARED}
            )
    elif place.kostra_group:
        codes = [k.code for k in known.values() if k.kostra_group == place.kostra_group]
        codes = [code for code in codes if code != place.code][:MAX_COMPARED]
    else:
        codes = []
    return [known[code] for code in codes]


def profile(request, kommune_page, download=None):
    """A kommune's ståstedsanalyse: every indicator, grouped by goal."""
    place = all_places().get(kommune_page.kommunenummer)
    if place is None or index_page() is None:
        raise Http404(_("Det finnes ingen tall for dette området."))
    shown = indicators()
    compared = chosen_kommuner(request, place)
    if not place.is_kommune:
        compared = []  # the county is compared with the country only
    # The county's own page has it once, not also as the county beside itself.
    areas = list({area.code: area for area in [place, *compared, county(), country()]}.values())
    table = Table(shown, areas=[area.code for area in areas])
    rows = []
    for number, indicator in enumerate(shown):
        standing = table.standing(indicator, place.code)
        chart, lines = trend_chart(table, indicator, place, f"trend-{number}")
        rows.append(
            {
                "indicator": indicator,
                "standing": standing,
                "chart": chart,
                "columns": [label for label, _series, _style in lines],
                # As text already: a profile has thousands of figures, and a filter on
                # each in the template costs more than the rest of the page.
                "table": [
                    (period, [charts.number(v, indicator.decimals) or "–" for v in values])
                    for period, values in zip(
                        table.periods_of(indicator),
                        zip(*[[v for _p, v in series] for _l, series, _s in lines], strict=True),
                        strict=True,
                    )
                ],
                "compared": [
                    (k, table.figure(indicator, k.code, standing.period)) for k in compared
                ],
            }
        )
    if download:
        return downloads.respond(
            download,
            table,
            shown,
            areas,
            name=f"indikatorer-{kommune_page.slug}",
            title=_("Ståstedsanalyse for %(area)s") % {"area": place.label},
        )
    groups = []
    by_code = {row["indicator"].code: row for row in rows}
    for heading, number, members in by_goal(shown, first_only=True):
        groups.append((heading, number, [by_code[i.code] for i in members]))
    return TemplateResponse(
        request,
        "indicators/profile.html",
        {
            "page": kommune_page,
            "place": place,
            "groups": groups,
            "rows": rows,
            "compared": compared,
            "comparable": [k for k in kommuner() if k.code != place.code],
            "compared_codes": {k.code for k in compared},
            "kostra_default": "sammenlign" not in request.GET and bool(compared),
            "has_examples": any(i.is_example for i in shown),
            "index_page": index_page(),
            "query": request.GET.urlencode(),
        },
    )


def requested_period(request, table, indicator):
    periods = table.periods_of(indicator)
    asked = request.GET.get("ar", "").strip()
    if not asked:
        return table.latest_period(indicator)
    if asked not in periods:
        raise VisitorBadRequest(
            _("Det finnes ikke tall for «%(period)s». Velg et av årene i listen.")
            % {"period": asked[:20]}
        )
    return asked


def shown_indicator(request, code):
    """(indicator, its figures, the period asked for) for an indicator's page; a 404 for
    a code no indicator has."""
    indicator = indicator_by_code(code)
    if indicator is None:
        raise Http404
    table = Table([indicator])
    return indicator, table, requested_period(request, table, indicator)


def fetched_on(indicator):
    """When the indicator's figures were last imported."""
    return (
        ImportBatch.objects.filter(observations__indicator_id=indicator.source_pk)
        .order_by("-applied_at")
        .values_list("applied_at", flat=True)
        .first()
    )


def ranking(table, indicator, period, highlighted=None):
    """The kommuner best first (those without a figure last), and the chart of them."""
    standings = [table.standing(indicator, k.code, period) for k in kommuner()]
    standings.sort(key=lambda s: (s.rank is None, s.rank or 0, s.place.code.zfill(4)))
    references = [
        (area.label, table.figure(indicator, area.code, period).value)
        for area in (county(), country())
        if area
    ]
    chosen = highlighted.code if highlighted else None
    best = standings[0] if standings and standings[0].rank else None
    summary = (
        _("Høyest: %(area)s med %(value)s.")
        if indicator.direction != Direction.LOWER
        else _("Lavest: %(area)s med %(value)s.")
    )
    if highlighted:
        words = describe(table.standing(indicator, highlighted.code, period))
    elif best:
        words = summary % {
            "area": best.place.label,
            "value": charts.with_unit(best.figure.value, indicator.unit, indicator.decimals),
        }
    else:
        words = _("Ingen kommuner har tall for dette året.")
    chart = charts.ranking(
        "ranking",
        [(s.place.label, s.figure.value, s.place.code == chosen) for s in standings],
        title=_("%(indicator)s i kommunene i %(period)s")
        % {"indicator": indicator.name, "period": period},
        summary=words,
        references=references,
        unit=indicator.unit,
        decimals=indicator.decimals,
        example=indicator.is_example,
    )
    return standings, chart


def indicator_page(request, page, code, download=None):
    """One indicator: the kommuner ranked, each kommune's trend, and the text."""
    indicator, table, period = shown_indicator(request, code)
    if download:
        return downloads.respond(
            download,
            table,
            [indicator],
            list(all_places().values()),
            name=f"indikator-{indicator.code.lower()}",
            title=indicator.name,
        )
    standings, chart = ranking(table, indicator, period)
    # One scale for all the small charts, so that they can be compared at a glance.
    shown = [
        figure.value
        for place in [*kommuner(), county()]
        for _period, figure in table.series(indicator, place.code)
        if figure.value is not None
    ]
    extent = (min(shown), max(shown)) if shown else None
    multiples = []
    for number, place in enumerate(kommuner()):
        small, _lines = trend_chart(
            table, indicator, place, f"small-{number}", small=True, extent=extent
        )
        multiples.append((place, small))
    periods = table.periods_of(indicator)
    return TemplateResponse(
        request,
        "indicators/indicator.html",
        {
            "page": page,
            "indicator": indicator,
            "period": period,
            "periods": periods,
            "standings": standings,
            "chart": chart,
            "references": [
                (area, table.figure(indicator, area.code, period)) for area in (county(), country())
            ],
            "multiples": multiples,
            "series": [
                (place, [table.figure(indicator, place.code, p) for p in periods])
                for place in all_places().values()
            ],
            "fetched_on": fetched_on(indicator),
            "goals": [(n, goal_names().get(n, "")) for n in indicator.goal_numbers],
            "direction": Direction(indicator.direction).label,
            "query": request.GET.urlencode(),
        },
    )


def embed(request, page, code):
    """The ranking chart and its table, alone, for other sites to frame: ?kommune=5001
    marks one kommune."""
    indicator, table, period = shown_indicator(request, code)
    highlighted = None
    asked = request.GET.get("kommune", "").strip()
    if asked:
        highlighted = {k.code: k for k in kommuner()}.get(asked)
        if highlighted is None:
            raise VisitorBadRequest(
                _("Vi kjenner ikke kommunenummeret «%(code)s».") % {"code": asked[:20]}
            )
    standings, chart = ranking(table, indicator, period, highlighted)
    response = TemplateResponse(
        request,
        "indicators/embed.html",
        {
            "page": page,
            "indicator": indicator,
            "period": period,
            "standings": standings,
            "chart": chart,
            "fetched_on": fetched_on(indicator),
            "full_url": page.get_full_url(request) + page.reverse_subpage("indicator", args=[code]),
        },
    )
    # The one kind of page other sites may frame (every other page refuses it).
    response.xframe_options_exempt = True
    return response


def overview(page):
    """The indicators by goal for the section's front page."""
    return by_goal(indicators())
