"""The figures pages show, read in a fixed number of queries however many kommuner,
indicators and years there are: the areas once per content generation, the indicators
once per language and generation, and the figures of the indicators asked for in one
query."""

import logging
from dataclasses import dataclass
from decimal import Decimal
from typing import NamedTuple

from django.db.models import Count, Exists, OuterRef, Q
from django.utils.translation import gettext as _
from wagtail.models import Locale

from core.memo import remembered
from core.models import active_locale, in_locale
from indicators.reading import CODE
from indicators.records import Area, Indicator, Observation
from indicators.scoring import Comparison, bounds, change, ranks, score


@dataclass(frozen=True)
class Place:
    """An area as pages show it."""

    pk: int
    code: str
    name: str
    kind: str
    kostra_group: str

    @property
    def is_kommune(self):
        return self.kind == Area.Kind.KOMMUNE

    @property
    def label(self):
        # The county and the country are named in the visitor's language.
        if self.kind == Area.Kind.COUNTRY:
            return _("Norge")
        if self.kind == Area.Kind.COUNTY:
            return _("Trøndelag")
        return self.name


class Figure(NamedTuple):
    """A figure and its status mark. A named tuple: a profile makes thousands of them,
    and a tuple is made several times faster than a frozen dataclass."""

    value: Decimal | None
    status: str = ""


MISSING = Figure(None)
logger = logging.getLogger(__name__)


def places():
    """{code: Place}: the kommuner in number order, then the county and the country."""

    def read():
        rows = Area.objects.values_list("pk", "code", "name", "kind", "kostra_group")
        found = [Place(*row) for row in rows]
        order = {Area.Kind.KOMMUNE: 0, Area.Kind.COUNTY: 1, Area.Kind.COUNTRY: 2}
        found.sort(key=lambda place: (order.get(place.kind, 3), place.code.zfill(4)))
        return {place.code: place for place in found}

    return remembered("indicator-places", read)


def kommuner():
    return [place for place in places().values() if place.is_kommune]


def county():
    return next((p for p in places().values() if p.kind == Area.Kind.COUNTY), None)


def country():
    return next((p for p in places().values() if p.kind == Area.Kind.COUNTRY), None)


def indicators(locale=None):
    """The indicators that have figures, in the visitor's language (the bokmål text where
    there is no translation), with `source_pk`: the bokmål indicator the figures belong
    to."""
    locale = locale or active_locale()

    def read():
        found = Indicator.objects.filter(
            Exists(Observation.objects.filter(indicator=OuterRef("pk"))),
            locale__language_code=default_language(),
        ).order_by("code")
        # A code that cannot stand in an address (imported before codes were checked)
        # would break every page that links to the indicator: left out, and said.
        default = [indicator for indicator in found if CODE.fullmatch(indicator.code)]
        for left_out in set(found) - set(default):
            logger.warning(
                "Indikatoren %r vises ikke: koden kan ikke stå i en adresse.", left_out.code
            )
        shown = in_locale(Indicator, default, locale)
        for source, indicator in zip(default, shown, strict=True):
            indicator.source_pk = source.pk
        return shown

    return remembered(f"indicators:{locale.language_code}", read)


def default_language():
    return remembered("default-language", lambda: Locale.get_default().language_code)


def indicator_by_code(code):
    return next((i for i in indicators() if i.code == code), None)


def current_period(counts):
    """The period an indicator is shown and ranked for, from {period: how many kommuner
    have a figure}: the newest that at least half as many kommuner have a figure for as
    the best-covered period. A new year that has come in for a few kommuner only, or
    only as status marks, does not take over until most kommuner have it."""
    if not counts:
        return None
    enough = max(counts.values()) / 2
    return max(period for period, count in counts.items() if count >= enough and count)


def current_periods():
    """{indicator id: its current period (current_period)}, for every indicator, from how
    many kommuner have a figure in each period: one query, once per content generation,
    shared by every kommune's profile."""

    def read():
        kommune_ids = [place.pk for place in kommuner()]
        counts = {}
        covered = (
            Observation.objects.filter(area_id__in=kommune_ids)
            .values("indicator_id", "period")
            .annotate(count=Count("value"))
            .values_list("indicator_id", "period", "count")
        )
        for indicator_id, period, count in covered:
            counts.setdefault(indicator_id, {})[period] = count
        return {key: current_period(found) for key, found in counts.items()}

    return remembered("indicator-current-periods", read)


class Table:
    """The figures of some indicators. With `areas` (codes), every period of those areas
    and, for ranking, every kommune's figure in the indicator's current period: what a
    kommune's profile shows, without reading every kommune's every year. Without, every
    figure. Two queries at most, however many indicators, areas and years."""

    def __init__(self, chosen, areas=None):
        self.indicators = list(chosen)
        self.places = places()
        code_of = {place.pk: place.code for place in self.places.values()}
        kommune_ids = {place.pk for place in self.places.values() if place.is_kommune}
        ids = [i.source_pk for i in self.indicators]
        rows = Observation.objects.filter(indicator_id__in=ids)
        counts = {}
        if areas is not None:
            current = current_periods()
            current = {key: current[key] for key in ids if key in current}
            area_ids = [self.places[code].pk for code in areas if code in self.places]
            rows = rows.filter(Q(area_id__in=area_ids) | Q(period__in=set(current.values())))
        self.figures = {}
        periods = {}
        fields = ("indicator_id", "area_id", "period", "value", "status")
        for indicator_id, area_id, period, value, status in rows.values_list(*fields):
            self.figures[indicator_id, code_of[area_id], period] = Figure(value, status)
            periods.setdefault(indicator_id, set()).add(period)
            if areas is None and area_id in kommune_ids:
                found = counts.setdefault(indicator_id, {})
                found[period] = found.get(period, 0) + (value is not None)
        self.periods = {key: sorted(found) for key, found in periods.items()}
        self.current = (
            current
            if areas is not None
            else {key: current_period(found) for key, found in counts.items()}
        )

    def periods_of(self, indicator):
        return self.periods.get(indicator.source_pk, [])

    def latest_period(self, indicator):
        """The period the indicator is shown and ranked for (current_period)."""
        return self.current.get(indicator.source_pk)

    def figure(self, indicator, code, period):
        return self.figures.get((indicator.source_pk, code, period), MISSING)

    def series(self, indicator, code):
        return [(p, self.figure(indicator, code, p)) for p in self.periods_of(indicator)]

    def values(self, indicator, code):
        return [(p, figure.value) for p, figure in self.series(indicator, code)]

    def standing(self, indicator, code, period=None):
        """How the area stands on the indicator in `period` (the latest by default)."""
        period = period or self.latest_period(indicator)
        latest = {k.code: self.figure(indicator, k.code, period).value for k in kommuner()}
        own = self.figure(indicator, code, period)
        return Standing(
            indicator=indicator,
            place=self.places[code],
            period=period,
            figure=own,
            county=self.figure(indicator, county().code, period),
            country=self.figure(indicator, country().code, period),
            rank=ranks(latest, indicator.direction).get(code),
            ranked=sum(value is not None for value in latest.values()),
            score=score(own.value, bounds(indicator, latest.values())),
            change=change([(p, v) for p, v in self.values(indicator, code) if p <= (period or "")]),
        )


@dataclass
class Standing:
    indicator: Indicator
    place: Place
    period: str | None
    figure: Figure
    county: Figure
    country: Figure
    rank: int | None
    ranked: int
    score: int | None
    change: tuple | None

    @property
    def against_county(self):
        return Comparison(self.figure.value, self.county.value, self.indicator.direction)

    @property
    def against_country(self):
        return Comparison(self.figure.value, self.country.value, self.indicator.direction)
