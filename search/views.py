"""The one search for the whole portal: /sok/ as a page and /api/v2/search/ as JSON.
Live, public pages in the visitor's language only; never cached."""

from urllib.parse import urlencode

from django.http import JsonResponse
from django.template.response import TemplateResponse
from django.views.decorators.cache import never_cache
from wagtail.models import Locale, Page

from portal.pagination import paginate
from search.query import clean_query, terms
from search.results import FACETS, build_hits, facet_counts, facet_labels, select

PER_PAGE = 20
# Facets and snippets are worked out on at most this many of the best hits.
MAX_HITS = 1000
MAX_FACET_VALUE = 100


def run_search(request, locale):
    query = clean_query(request.GET.get("q", ""))
    chosen = {name: request.GET[name][:MAX_FACET_VALUE] for name in FACETS if request.GET.get(name)}
    labels = facet_labels(locale)
    if not query:
        return query, chosen, [], facet_counts([], chosen, labels), labels
    found = (
        Page.objects.live()
        .public()
        .filter(locale=locale, depth__gt=1)
        .search(query, operator="and")[:MAX_HITS]
    )
    ids = [page.pk for page in found]
    specific = {page.pk: page for page in Page.objects.filter(pk__in=ids).specific()}
    hits = build_hits([specific[pk] for pk in ids if pk in specific], locale, terms(query))
    return query, chosen, hits, facet_counts(hits, chosen, labels), labels


def link(request, **changes):
    """This search's query string with some parameters changed (None removes one)."""
    params = {key: value for key, value in request.GET.items() if key != "page"}
    for key, value in changes.items():
        if value is None:
            params.pop(key, None)
        else:
            params[key] = value
    return "?" + urlencode(params)


@never_cache
def search_page(request):
    locale = Locale.get_active()
    query, chosen, hits, facets, labels = run_search(request, locale)
    shown = select(hits, chosen)
    results = paginate(request, shown, PER_PAGE)
    for name, options in facets.items():
        for option in options:
            option["url"] = link(request, **{name: None if option["chosen"] else option["value"]})
    removable = [
        {
            "label": FACETS[name],
            "value": labels[name].get(value, value),
            "url": link(request, **{name: None}),
        }
        for name, value in chosen.items()
    ]
    raw = request.GET.get("q", "")
    return TemplateResponse(
        request,
        "search/search.html",
        {
            "raw_query": raw,
            "query": query,
            "results": results,
            "facets": [(name, FACETS[name], facets[name]) for name in FACETS],
            "removable": removable,
            "only_symbols": bool(raw.strip()) and not query,
        },
    )


@never_cache
def search_api(request):
    """The same search as JSON: ?q=…&locale=nn&type=…&kommune=…&tema=…&mal=…&ar=…&page=…"""
    code = request.GET.get("locale", "")
    locale = Locale.objects.filter(language_code=code).first() or Locale.get_default()
    query, chosen, hits, facets, _labels = run_search(request, locale)
    shown = select(hits, chosen)
    results = paginate(request, shown, PER_PAGE)
    return JsonResponse(
        {
            "query": query,
            "locale": locale.language_code,
            "count": len(shown),
            "page": results.number,
            "pages": results.paginator.num_pages,
            "results": [
                {
                    "id": hit.page.pk,
                    "title": hit.page.title,
                    "url": request.build_absolute_uri(hit.page.get_url(request)),
                    "type": hit.page._meta.label_lower,
                    "type_label": str(hit.type_label),
                    "kommune": hit.kommune.kommunenummer if hit.kommune else None,
                    "snippet": str(hit.snippet or ""),
                    "from_pdf": hit.from_pdf,
                }
                for hit in results
            ],
            "facets": {
                name: [
                    {"value": o["value"], "label": str(o["label"]), "count": o["count"]}
                    for o in options
                ]
                for name, options in facets.items()
            },
        },
        json_dumps_params={"ensure_ascii": False},
    )
