"""The one search for the whole portal: /sok/ as a page and /api/v2/search/ as JSON.
Live, public pages in the visitor's language only; never cached."""

from urllib.parse import urlencode

from django.conf import settings
from django.http import Http404, JsonResponse
from django.template.response import TemplateResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe
from wagtail.models import Locale, Page

from core.exceptions import VisitorBadRequest
from core.models import PortalPageQuerySet, active_locale, locales
from core.pagination import paginate
from core.routing import find_site
from search.facets import FACETS, FacetCounter, facet_labels, facet_options
from search.indicators import matching_indicators
from search.matches import stored_matches
from search.query import clean_query, terms
from search.results import build_hits
from search.stemming import searching_in

PER_PAGE = 20
MAX_FACET_VALUE = 100


def run_search(request, locale):
    """The search as the request asks for it: (query, chosen facets, a page of hits,
    facets, facet labels). The facets count every match."""
    query = clean_query(request.GET.get("q", ""))
    chosen = {name: request.GET[name][:MAX_FACET_VALUE] for name in FACETS if request.GET.get(name)}
    labels = facet_labels(locale)
    # Every page type, with the portal's .public(), which knows the restricted pages
    # without asking the database each time (core/memo.py).
    pages = PortalPageQuerySet(Page).live().public().filter(locale=locale, depth__gt=1)
    if not query:
        results = paginate(request, [], PER_PAGE)
        return query, chosen, results, facet_options({}, chosen, labels), labels
    # The match runs once: the facets and the number of hits are counted over its ids.
    # The best hits are found in the same transaction, which saves the database backends
    # a round trip or two. Words are stemmed in the language searched in.
    with searching_in(locale), stored_matches(pages, query) as (matched, every_match):
        counter = FacetCounter(matched, chosen, locale)
        counts = counter.counts()
        filtered = pages
        for condition in counter.filters.values():
            filtered = filtered.filter(condition)
        results = paginate(
            request,
            filtered.search(query, operator="and"),
            PER_PAGE,
            count=counter.total(counts) if every_match else None,
        )
        ids = [page.pk for page in results.object_list]
    specific = {page.pk: page for page in Page.objects.filter(pk__in=ids).specific()}
    results.object_list = build_hits(
        [specific[pk] for pk in ids if pk in specific], locale, terms(query)
    )
    return query, chosen, results, facet_options(counts, chosen, labels), labels


def link(request, **changes):
    """This search's query string with some parameters changed (None removes one)."""
    params = {key: value for key, value in request.GET.items() if key != "page"}
    for key, value in changes.items():
        if value is None:
            params.pop(key, None)
        else:
            params[key] = value
    return "?" + urlencode(params)


@require_safe
@never_cache
def search_page(request):
    locale = active_locale()
    query, chosen, results, facets, labels = run_search(request, locale)
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
            "indicators": matching_indicators(query, locale),
        },
    )


@require_safe
@never_cache
def search_api(request):
    """The same search as JSON: ?q=…&locale=nn&type=…&kommune=…&tema=…&mal=…&ar=…&page=…"""
    known = locales()
    locale = known.get(request.GET.get("locale", "")) or known.get(settings.LANGUAGE_CODE)
    locale = locale or Locale.get_default()
    find_site(request)  # the site for the hits' addresses, as remembered
    try:
        query, chosen, results, facets, _labels = run_search(request, locale)
    except VisitorBadRequest as error:  # a page number that is not a number: JSON too
        return JsonResponse({"message": str(error.visitor_message)}, status=400)
    except Http404 as error:
        return JsonResponse({"message": str(error)}, status=404)
    return JsonResponse(
        {
            "query": query,
            "locale": locale.language_code,
            "count": results.paginator.count,
            "indicators": [
                {
                    "code": indicator.code,
                    "name": indicator.name,
                    "url": request.build_absolute_uri(url),
                    "is_example": indicator.is_example,
                }
                for indicator, url in matching_indicators(query, locale)
            ],
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
                    "is_example": hit.is_example,
                    "placeholder_pdf": hit.has_placeholder_pdf,
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
