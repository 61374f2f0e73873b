"""Search results with what the facets need: for each hit its type, kommune, themes,
goals and year, gathered for all hits in a few queries."""

from dataclasses import dataclass, field

from django.db.models import prefetch_related_objects
from django.utils.translation import gettext_lazy as _
from wagtail.models import Page

from cases.models import CasePage
from events.models import EventPage
from network.models import SDG, KommunePage, ThemePage
from reports.models import ReportPage
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
    values: dict = field(default_factory=dict)  # facet -> set of values
    snippet: str | None = None
    from_pdf: bool = False
    kommune: KommunePage | None = None

    @property
    def type_label(self):
        return self.page._meta.verbose_name


def year_of(page):
    if isinstance(page, ReportPage):
        return page.year
    if isinstance(page, CasePage):
        return page.period_start.year
    if isinstance(page, EventPage):
        return page.start.year
    return None


def build_hits(pages, locale, words):
    """Hits in the order of `pages` (relevance), each with its facet values and snippet."""
    by_model = {}
    for page in pages:
        by_model.setdefault(type(page), []).append(page)
    for model, group in by_model.items():
        relations = [name for name in ("themes", "sdgs") if hasattr(model, name)]
        if relations:
            prefetch_related_objects(group, *relations)
    kommuner = {k.path: k for k in KommunePage.objects.filter(locale=locale)}
    theme_slugs = {
        t.translation_key: t.slug
        for t in ThemePage.objects.filter(locale=locale).only("slug", "translation_key")
    }
    hits = []
    for page in pages:
        kommune = (
            page if isinstance(page, KommunePage) else kommuner.get(page.path[: -Page.steplen])
        )
        if isinstance(page, ThemePage):
            themes = {page.slug}
        elif hasattr(page, "themes"):
            themes = {theme_slugs.get(t.translation_key, t.slug) for t in page.themes.all()}
        else:
            themes = set()
        goals = {goal.number for goal in page.sdgs.all()} if hasattr(page, "sdgs") else set()
        year = year_of(page)
        snippet, source = snippet_for(page, words)
        hits.append(
            Hit(
                page=page,
                kommune=kommune,
                snippet=snippet,
                from_pdf=source == "document_text",
                values={
                    "type": {page._meta.label_lower},
                    "kommune": {kommune.kommunenummer} if kommune else set(),
                    "tema": themes,
                    "mal": {str(g) for g in goals},
                    "ar": {str(year)} if year else set(),
                },
            )
        )
    return hits


def select(hits, chosen, skip=None):
    """The hits that have every chosen facet value (except the facet `skip`)."""
    return [
        hit
        for hit in hits
        if all(value in hit.values[name] for name, value in chosen.items() if name != skip)
    ]


def facet_counts(hits, chosen, labels):
    """For each facet, its values with the number of hits each would give, counted with
    the other chosen facets applied (so choosing one never shows zero hits)."""
    facets = {}
    for name in FACETS:
        counts = {}
        for hit in select(hits, chosen, skip=name):
            for value in hit.values[name]:
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
        options.sort(key=lambda o: (-o["count"], str(o["label"])))
        if name == "ar":
            options.sort(key=lambda o: o["value"], reverse=True)
        facets[name] = options
    return facets


def facet_labels(locale):
    from django.apps import apps

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
