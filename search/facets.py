"""Search facets: type, kommune, theme, goal and year, counted in the database.

A search's matches are found once (search/matches.py). Each facet is then counted with
GROUP BY over those matches, with the other chosen facets applied, so choosing a value
never leads to zero hits. The number of hits comes from the same counts: every page has
exactly one type, so the type counts add up to it. Nothing here loads the matching pages
themselves, however many there are."""

import re
import uuid
from collections import Counter

from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import EmptyResultSet
from django.db import connection
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
        chosen) are counted in the same parts. Every part goes to the database in one
        statement, and that statement is built once per choice of facets and content
        generation (core/memo.py): building it cost more than running it."""
        key = f"facet-sql:{self.locale.pk}:{sorted(self.chosen.items())}"
        sql, params, layout = remembered(key, self.statement)
        counts = {name: Counter() for name in FACETS}
        rows = {tag: [] for tag in range(len(layout))}
        if sql:
            with connection.cursor() as cursor:
                cursor.execute(sql, params)
                for tag, hits, *values in cursor.fetchall():
                    rows[tag].append((*values[: layout[tag][2]], hits))
        for tag, (kind, names, _columns) in enumerate(layout):
            getattr(self, f"read_{kind}")(counts, names, rows[tag])
        return counts

    def total(self, counts):
        """The number of hits with every chosen facet applied, from the type counts."""
        if "type" in self.chosen:
            return counts["type"].get(self.chosen["type"], 0)
        return sum(counts["type"].values())

    def statement(self):
        """(SQL, params, layout): every part as one UNION ALL, each row tagged with its
        part's place in `layout`, a list of (kind, facet names, value columns)."""
        groups = {}
        for name in FACETS:
            others = tuple(other for other in self.chosen if other != name)
            groups.setdefault(others, []).append(name)
        parts = []
        for others, names in groups.items():
            condition = Q()
            for other in others:
                condition &= self.filters[other]
            parts.extend(self.parts(names, condition))
        return union(parts)

    def parts(self, names, condition):
        """(kind, names, queryset of (values…, hits)) for these facets."""
        if {"type", "kommune", "tema"} & set(names):
            lengths = sorted({len(path) for path in KommuneLookup(self.locale).by_path})[::-1]
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
                .values_list("content_type", *prefixes, "theme_slug", "hits")
            )
            yield "pages", names, rows
        links = [("tema", "themes", "translation_key"), ("mal", "sdgs", "number")]
        for name, field, attribute in links:
            if name not in names:
                continue
            for model in declaring(field):
                rows = (
                    model.objects.filter(self.matched, condition, **{f"{field}__isnull": False})
                    .values_list(f"{field}__{attribute}")
                    .annotate(hits=Count("pk"))
                    .order_by()
                )
                yield "links", [name], rows
        if "ar" in names:
            for model, lookup in year_lookups().items():
                field, _sep, transform = lookup.partition("__")
                year = year_of(model, field) if transform == "year" else F(field)
                rows = (
                    model.objects.filter(self.matched, condition, **{f"{field}__isnull": False})
                    .annotate(facet_year=year)
                    .values_list("facet_year")
                    .annotate(hits=Count("pk"))
                    .order_by()
                )
                yield "years", ["ar"], rows

    def read_pages(self, counts, names, rows):
        """Type, kommune and the theme pages themselves: a page's kommune is the kommune
        page whose tree path begins its own, the longest such (the nearest above it)."""
        owners = KommuneLookup(self.locale).by_path
        for content_type, *paths, theme, hits in rows:
            if "type" in names:
                counts["type"][type_label(int(content_type))] += hits
            owner = next((owners[path] for path in paths if path in owners), None)
            if "kommune" in names and owner is not None:
                counts["kommune"][owner.kommunenummer] += hits
            if "tema" in names and theme:
                counts["tema"][theme] += hits

    def read_links(self, counts, names, rows):
        (name,) = names
        for linked, hits in rows:
            value = self.theme_slug(linked) if name == "tema" else str(int(linked))
            if value is not None:
                counts[name][value] += hits

    def read_years(self, counts, _names, rows):
        for year, hits in rows:
            counts["ar"][str(int(float(year)))] += hits

    def theme_slug(self, translation_key):
        if not hasattr(self, "_theme_slugs"):
            self._theme_slugs = remembered(
                f"theme-slugs:{self.locale.pk}",
                lambda: {
                    key.hex: slug
                    for key, slug in ThemePage.objects.filter(locale=self.locale).values_list(
                        "translation_key", "slug"
                    )
                },
            )
        # Read as text, a key has dashes on PostgreSQL and none on SQLite.
        return self._theme_slugs.get(uuid.UUID(translation_key).hex)


def union(parts):
    """One statement for the parts' querysets: each becomes a named common table
    expression with its columns renamed c0, c1, … and hits (SQLite and PostgreSQL both
    take that), read as text after its tag and hits, NULL where a part has fewer values
    than the widest. A part whose filter no page can pass is left out: it counts nothing."""
    compiled = []
    for kind, names, rows in parts:
        columns = len(rows.query.values_select) + len(rows.query.annotation_select) - 1
        try:
            sql, params = rows.query.sql_with_params()
        except EmptyResultSet:
            sql, params = None, []
        compiled.append((kind, names, columns, sql, params))
    width = max((columns for _k, _n, columns, _s, _p in compiled), default=0)
    ctes, selects, all_params, layout = [], [], [], []
    for tag, (kind, names, columns, sql, params) in enumerate(compiled):
        layout.append((kind, names, columns))
        if sql is None:
            continue
        renamed = ", ".join([*(f"c{i}" for i in range(columns)), "hits"])
        ctes.append(f"part{tag} ({renamed}) AS ({sql})")
        values = [f"CAST(c{i} AS TEXT)" for i in range(columns)] + ["NULL"] * (width - columns)
        selects.append(f"SELECT {tag}, hits, {', '.join(values)} FROM part{tag}")
        all_params.extend(params)
    if not selects:
        return None, [], layout
    return "WITH " + ", ".join(ctes) + " " + " UNION ALL ".join(selects), all_params, layout


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
