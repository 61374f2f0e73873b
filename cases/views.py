"""The public "Foreslå et eksempel" form: CSRF, a honeypot and a per-address rate limit;
the description is sanitised before it is stored, and nothing a visitor typed is lost."""

import hashlib

from django.conf import settings
from django.core.cache import cache
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext as _
from wagtail.models import Locale

from cases.forms import CaseSuggestionForm
from cases.models import CaseSuggestion

RATE_WINDOW_SECONDS = 60 * 60


def rate_limit_key(request):
    # The address is hashed: the cache never holds a visitor's IP address in the clear.
    address = request.META.get("REMOTE_ADDR", "")
    return "case-suggestions:" + hashlib.sha256(address.encode()).hexdigest()[:32]


def take_slot(key):
    """Counts one more suggestion from an address; False once it is over the hour's limit.
    The count goes up in one atomic step (Redis INCR; a lock in the memory cache), so
    suggestions sent at the same moment cannot all pass a check made before any of them
    was counted."""
    cache.add(key, 0, RATE_WINDOW_SECONDS)
    try:
        count = cache.incr(key)
    except ValueError:  # the hour ran out between the two calls
        cache.add(key, 1, RATE_WINDOW_SECONDS)
        count = 1
    return count <= settings.CASE_SUGGESTIONS_PER_HOUR


def suggest_case(request, index_page):
    form = CaseSuggestionForm(request.POST or None, locale=Locale.get_active())
    status, problem = 200, ""
    if request.method == "POST":
        if form.is_from_a_program:
            status = 400
            problem = _(
                "Skjemaet kunne ikke sendes. Feltet «Ikke fyll ut dette feltet» må være tomt."
            )
        elif not form.is_valid():
            status = 400
        elif not take_slot(rate_limit_key(request)):
            status = 429
            problem = _(
                "Du har sendt mange forslag på kort tid. Vent en time og prøv igjen. "
                "Teksten din står fortsatt i skjemaet."
            )
        else:
            data = form.cleaned_data
            CaseSuggestion.objects.create(
                name=data["name"],
                kommune=form.kommuner[data["kommune"]],
                email=data["email"],
                title=data["title"],
                description=data["description"],
                consent_given_at=timezone.now(),
            )
            return redirect(index_page.url + index_page.reverse_subpage("suggest_thanks"))
    response = TemplateResponse(
        request,
        "cases/suggest_case.html",
        {"page": index_page, "form": form, "problem": problem},
        status=status,
    )
    # The form carries a CSRF token: never to be kept by a shared cache.
    add_never_cache_headers(response)
    return response


def suggestion_received(request, index_page):
    return TemplateResponse(request, "cases/suggestion_received.html", {"page": index_page})
