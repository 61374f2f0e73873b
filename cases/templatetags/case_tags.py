"""Template helpers for cases: lookups for listings without a query per case, and the
cases a kommune page or a theme page shows (network's templates use these; network's
code does not know cases)."""

from django import template

from cases.models import CaseLookups, CasePage

register = template.Library()


@register.filter
def kommune_in(case, lookups):
    return lookups.kommune_of(case)


@register.filter
def localized_in(items, lookups):
    return lookups.localized(list(items))


@register.simple_tag
def cases_of_kommune(kommune):
    """Cases owned by the kommune, newest first."""
    return CasePage.listing(kommune.locale_id).child_of(kommune)


@register.simple_tag
def cases_of_theme(theme, limit=6):
    """Cases on the theme (cases link to the bokmål theme), newest first."""
    return CasePage.listing(theme.locale_id).filter(themes__translation_key=theme.translation_key)[
        :limit
    ]


@register.simple_tag
def case_lookups(locale):
    return CaseLookups(locale)
