"""Search facets: type, kommune, theme, goal and year, counted in the database.

A search's matches are found once (search/matches.py). Each facet is then counted with
GROUP BY over those matches, with the other chosen facets applied, so choosing a value
never leads to zero hits. The number of hits comes from the same counts: every page has
exactly one type, so the type counts add up to it. Nothing here loads the matching pages
themselves, however many there are."""

import re
from collections import Counter

from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.db.models import Case, CharField, Count, F, Q, When
from django.db.models.functions import ExtractYear, Substr
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from wagtail.models import Page, get_page_models

from core.memo import remembered
from core.text import norwegian_order
from network.models import SDG, KommuneLookup, KommunePage, ThemePage

FACETS = {
    "type": _("Type"),
    "kommune": _("Kommune"),
    "tema": _("Tema"),
    "mal": _("Bærekraftsmål"),
    "ar": _("År"),
}

# Goal numbers and years: small enough for any database's integer column, and from 1 (there
# is no year 0, and a date lookup on it fails).
NUMBER = re.compile(r"[1-9][0-9]{0,3}")


def declaring(field_name):
    """The page models that declare `field_name` (a link to themes or goals) themselves,
    so a page is counted once even if a model inherits the field from a concrete parent."""
    models = []
    for model in get_page_models():
        field = next((f for f in model._meta.get_fields() if f.name == field_name), None)
        if field is not None and getattr(field, "model", None) is model:
            models.append(model)
    return models


def year_lookups():
    """{page model: the lookup that gives its year}, as each page type declares it
    (BasePage.year_facet), so a new page type gets a year facet without editing search."""
    return {
        model: model.year_facet for model in get_page_models() if getattr(model, "year_facet", "")
    }


def facet_filter(name, value, locale):
    """The pages with this facet value, as a Q on Page; Q(pk__in=[]) if the value names
    nothing (the visitor then sees no hits and a link to drop the filter)."""
    nothing = Q(pk__in=[])
    if name == "type":
        model = next((m for m in get_page_models() if m._meta.label_lower == value), None)
        return Q(content_type=ContentType.objects.get_for_model(model)) if model else nothing
    if name == "kommune":
        kommune = KommunePage.objects.filter(locale=locale, kommunenummer=value).first()
        if kommune is None:
            return nothing
        # The kommune page and the pages under it: what KommuneLookup says it owns.
        return Q(path__startswith=kommune.path)
    if name == "tema":
        theme = ThemePage.objects.filter(locale=locale, slug=value).first()
        if theme is None:
            return nothing
        linked = theme.translation_key
        return Q(pk=theme.pk) | any_of(
            Q(pk__in=model.objects.filter(themes__translation_key=linked).values("pk"))
            for model in declaring("themes")
        )
    if not NUMBER.fullmatch(value):
        return nothing
    if name == "mal":
        return any_of(
            Q(pk__in=model.objects.filter(sdgs__number=int(value)).values("pk"))
            for model in declaring("sdgs")
        )
    return any_of(
        Q(pk__in=model.objects.filter(**{field: int(value)}).values("pk"))
        for model, field in year_lookups().items()
    )


def any_of(conditions):
    combined = Q(pk__in=[])
    for condition in conditions:
        combined |= condition
    return combined


class FacetCounter:
    """Counts the facets of one search's matches (`matched`: a filter for them)."""

    def __init__(self, matched, chosen, locale):
        self.matched = matched
        self.chosen = chosen
        self.locale = locale
        self.filters = {name: facet_filter(name, value, locale) for name, value in chosen.items()}

    def counts(self):
        """{facet: Counter of value → hits}, each counted with the other chosen facets
        applied. Facets that share the same other choices (all of them, when none is
        chosen) are counted in the same queries."""
        groups = {}
        for name in FACETS:
            others = tuple(other for other in self.chosen if other != name)
            groups.setdefault(others, []).append(name)
        counts = {}
        for others, names in groups.items():
            condition = Q()
            for other in others:
                condition &= self.filters[other]
            counts.update(self.count(names, condition))
        return counts

    def total(self, counts):
        """The number of hits with every chosen facet applied, from the type counts."""
        if "type" in self.chosen:
            return counts["type"].get(self.chosen["type"], 0)
        return sum(counts["type"].values())

    def count(self, names, condition):
        counts = {name: Counter() for name in names}
        if {"type", "kommune", "tema"} & set(names):
            self.count_pages(counts, condition)
        if "tema" in names:
            slug = self.theme_slug
            self.count_links(counts["tema"], condition, "themes", "translation_key", slug)
        if "mal" in names:
            self.count_links(counts["mal"], condition, "sdgs", "number", str)
        if "ar" in names:
            self.count_years(counts["ar"], condition)
        return counts

    def count_pages(self, counts, condition):
        """Type, kommune and the theme pages themselves, in one GROUP BY over the pages:
        a page's kommune is the kommune page whose tree path begins its own."""
        owners = KommuneLookup(self.locale).by_path
        lengths = sorted({len(path) for path in owners}, reverse=True)
        prefixes = {f"owner_path_{length}": Substr("path", 1, length) for length in lengths}
        theme_type = ContentType.objects.get_for_model(ThemePage).pk
        rows = (
            Page.objects.filter(self.matched, condition)
            .values(
                "content_type",
                **prefixes,
                theme_slug=Case(
                    When(content_type=theme_type, then=F("slug")), output_field=CharField()
                ),
            )
            .annotate(hits=Count("pk"))
            .order_by()
        )
        for row in rows.values_list("content_type", *prefixes, "theme_slug", "hits"):
            content_type, *paths, theme, hits = row
            if "type" in counts:
                counts["type"][type_label(content_type)] += hits
            # The longest path that is a kommune's: the nearest kommune above the page.
            owner = next((owners[path] for path in paths if path in owners), None)
            if "kommune" in counts and owner is not None:
                counts["kommune"][owner.kommunenummer] += hits
            if "tema" in counts and theme:
                counts["tema"][theme] += hits

    def count_links(self, counter, condition, field, attribute, value_of):
        for model in declaring(field):
            rows = (
                model.objects.filter(self.matched, condition, **{f"{field}__isnull": False})
                .values_list(f"{field}__{attribute}")
                .annotate(hits=Count("pk"))
                .order_by()
            )
            for linked, hits in rows:
                value = value_of(linked)
                if value is not None:
                    counter[value] += hits

    def count_years(self, counter, condition):
        for model, lookup in year_lookups().items():
            name, _sep, transform = lookup.partition("__")
            year = year_of(model, name) if transform == "year" else F(name)
            rows = (
                model.objects.filter(self.matched, condition, **{f"{name}__isnull": False})
                .annotate(facet_year=year)
                .values_list("facet_year")
                .annotate(hits=Count("pk"))
                .order_by()
            )
            for year_value, hits in rows:
                counter[str(year_value)] += hits

    def theme_slug(self, translation_key):
        if not hasattr(self, "_theme_slugs"):
            self._theme_slugs = remembered(
                f"theme-slugs:{self.locale.pk}",
                lambda: dict(
                    ThemePage.objects.filter(locale=self.locale).values_list(
                        "translation_key", "slug"
                    )
                ),
            )
        return self._theme_slugs.get(translation_key)


class DateYear(ExtractYear):
    """The year of a date. On SQLite in its own C function: Django's ExtractYear calls
    a Python function for each row, a third of the time of counting 10,000 matches."""

    def as_sqlite(self, compiler, connection, **extra_context):
        sql, params = compiler.compile(self.lhs)
        return f"CAST(strftime('%%Y', {sql}) AS integer)", params


def year_of(model, field_name):
    """The year of a date or date-time field. A date-time's year is the year in Oslo,
    worked out by Django as the `__year` filter does."""
    field = model._meta.get_field(field_name)
    if field.get_internal_type() == "DateField":
        return DateYear(field_name)
    return ExtractYear(field_name)


def type_label(content_type_id):
    model = ContentType.objects.get_for_id(content_type_id).model_class()
    return model._meta.label_lower


def facet_options(counts, chosen, labels):
    """Each facet's values, with the hits each would give, in the order they are shown:
    most hits first (then by name), years newest first."""
    facets = {}
    for name in FACETS:
        options = [
            {
                "value": value,
                "label": labels[name].get(value, value),
                "count": count,
                "chosen": chosen.get(name) == value,
            }
            for value, count in counts.get(name, {}).items()
        ]
        options.sort(key=lambda o: (-o["count"], norwegian_order(str(o["label"]))))
        if name == "ar":
            options.sort(key=lambda o: o["value"], reverse=True)
        facets[name] = options
    return facets


def facet_labels(locale):
    """{facet: {value: label}} in the language of `locale` (names from the content) and
    the active language (the page types' names), worked out once per content generation
    (core/memo.py): every search shows them."""
    key = f"facet-labels:{locale.pk}:{translation.get_language()}"
    return remembered(key, lambda: read_facet_labels(locale))


def read_facet_labels(locale):
    return {
        "type": {
            model._meta.label_lower: model._meta.verbose_name.capitalize()
            for model in apps.get_models()
            if issubclass(model, Page)
        },
        "kommune": dict(
            KommunePage.objects.filter(locale=locale).values_list("kommunenummer", "title")
        ),
        "tema": dict(ThemePage.objects.filter(locale=locale).values_list("slug", "title")),
        "mal": {str(g.number): str(g) for g in SDG.objects.filter(locale=locale)},
        "ar": {},
    }
