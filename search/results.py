"""Search results and facets. The facets (type, kommune, theme, goal, year) are counted
in the database over every matching page, and chosen facets filter the search there, so
both are right however many pages match. Only the page of hits on screen is loaded."""

import re
from dataclasses import dataclass

from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.db.models import F, IntegerField, Q, prefetch_related_objects
from django.db.models.functions import Coalesce, ExtractYear
from django.utils.translation import gettext_lazy as _
from wagtail.models import Page, get_page_models

from core.text import norwegian_order
from network.models import SDG, KommuneLookup, KommunePage, ThemePage
from search.snippets import snippet_for

FACETS = {
    "type": _("Type"),
    "kommune": _("Kommune"),
    "tema": _("Tema"),
    "mal": _("Bærekraftsmål"),
    "ar": _("År"),
}


@dataclass
class Hit:
    page: Page
    snippet: str | None = None
    from_pdf: bool = False
    kommune: KommunePage | None = None

    @property
    def type_label(self):
        return self.page._meta.verbose_name

    @property
    def is_example(self):
        """Demo content, labelled «Eksempel» wherever it is shown."""
        return bool(getattr(self.page, "is_example", False))

    @property
    def has_placeholder_pdf(self):
        document = getattr(self.page, "document", None)
        return bool(document and document.is_placeholder)


def build_hits(pages, locale, words):
    """Hits in the order of `pages` (relevance), each with its kommune and snippet."""
    owners = KommuneLookup(locale)
    # The document of a page that shows one tells whether it is a placeholder.
    prefetch_related_objects([page for page in pages if has_field(page, "document")], "document")
    hits = []
    for page in pages:
        kommune = owners.owner_of(page)
        snippet, source = snippet_for(page, words)
        hits.append(
            Hit(page=page, kommune=kommune, snippet=snippet, from_pdf=source == "document_text")
        )
    return hits


def has_field(model, field_name):
    return any(field.name == field_name for field in model._meta.get_fields())


def page_models_with(field_name):
    """The page models that link to themes or goals through `field_name`."""
    return [model for model in get_page_models() if has_field(model, field_name)]


def year_lookups():
    """{page model: the lookup that gives its year}, as each page type declares it
    (BasePage.year_facet), so a new page type gets a year facet without editing search."""
    return {
        model: model.year_facet for model in get_page_models() if getattr(model, "year_facet", "")
    }


# Goal numbers and years: small enough for any database's integer column, and from 1 (there
# is no year 0, and a date lookup on it fails).
NUMBER = re.compile(r"[1-9][0-9]{0,3}")


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
            for model in page_models_with("themes")
        )
    if not NUMBER.fullmatch(value):
        return nothing
    if name == "mal":
        return any_of(
            Q(pk__in=model.objects.filter(sdgs__number=int(value)).values("pk"))
            for model in page_models_with("sdgs")
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


def facet_values(matches, locale):
    """{page id: {facet: set of values}} for every matching page, in a few queries. The
    values are the ones facet_filter() selects on."""
    theme_type = ContentType.objects.get_for_model(ThemePage).pk
    owners = KommuneLookup(locale)
    slugs = dict(ThemePage.objects.filter(locale=locale).values_list("translation_key", "slug"))
    types = {
        content_type.pk: model._meta.label_lower
        for model, content_type in ContentType.objects.get_for_models(*get_page_models()).items()
    }
    values = {}
    for pk, content_type, path, slug, year in matches.values_list(
        "pk", "content_type", "path", "slug", year_expression()
    ):
        owner = owners.owner_of(path)
        values[pk] = {
            "type": {types[content_type]},
            "kommune": {owner.kommunenummer} if owner else set(),
            "tema": {slug} if content_type == theme_type else set(),
            "mal": set(),
            "ar": {str(year)} if year else set(),
        }
    for model in page_models_with("themes"):
        for pk, key in links(model, "themes", "translation_key", matches):
            if pk in values and key in slugs:
                values[pk]["tema"].add(slugs[key])
    for model in page_models_with("sdgs"):
        for pk, number in links(model, "sdgs", "number", matches):
            if pk in values:
                values[pk]["mal"].add(str(number))
    return values


def year_expression():
    """The year facet's value of a page, whichever model it is."""
    parts = []
    for model, field in year_lookups().items():
        name, _sep, lookup = field.partition("__")
        path = f"{model._meta.model_name}__{name}"
        parts.append(ExtractYear(path) if lookup == "year" else F(path))
    return Coalesce(*parts, output_field=IntegerField())


def links(model, field, attribute, matches):
    """(page id, attribute of a linked theme or goal) for the matching pages of `model`."""
    return (
        model.objects.filter(pk__in=matches.values("pk"), **{f"{field}__isnull": False})
        .values_list("pk", f"{field}__{attribute}")
        .order_by()
    )


def facet_counts(values, chosen, labels):
    """For each facet, its values with the number of hits each would give, counted with
    the other chosen facets applied (so choosing one never shows zero hits)."""
    facets = {}
    for name in FACETS:
        counts = {}
        others = [(other, value) for other, value in chosen.items() if other != name]
        for page_values in values.values():
            if all(value in page_values[other] for other, value in others):
                for value in page_values[name]:
                    counts[value] = counts.get(value, 0) + 1
        options = [
            {
                "value": value,
                "label": labels[name].get(value, value),
                "count": count,
                "chosen": chosen.get(name) == value,
            }
            for value, count in counts.items()
        ]
        options.sort(key=lambda o: (-o["count"], norwegian_order(str(o["label"]))))
        if name == "ar":
            options.sort(key=lambda o: o["value"], reverse=True)
        facets[name] = options
    return facets


def facet_labels(locale):
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
