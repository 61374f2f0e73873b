"""The news a page shows: the latest on the home page, and those tagged with a theme or a
kommune on its page (network's and home's templates use these; their code does not know
news)."""

from django import template

from news.models import NewsPage

register = template.Library()


@register.simple_tag
def latest_news(locale_id, limit=3):
    return NewsPage.listing(locale_id)[:limit]


@register.simple_tag
def news_of_theme(theme, limit=5):
    key = theme.translation_key
    return NewsPage.listing(theme.locale_id).filter(themes__translation_key=key)[:limit]


@register.simple_tag
def news_of_kommune(kommune, limit=5):
    key = kommune.translation_key
    return NewsPage.listing(kommune.locale_id).filter(kommuner__translation_key=key)[:limit]


@register.simple_tag
def news_of_goal(number, locale_id, limit=5):
    if not number:
        return []
    return NewsPage.listing(locale_id).filter(sdgs__number=number)[:limit]
