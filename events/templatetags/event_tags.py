"""Meetings for other pages' templates: the next one for the home page, and those of a
theme or a kommune (home's and network's code know nothing of events)."""

from django import template
from django.utils import timezone

from events.models import EventIndexPage, EventPage

register = template.Library()


@register.simple_tag
def next_meeting(locale):
    return EventIndexPage.next_meeting(locale)


@register.simple_tag
def meetings_of_theme(theme, limit=5):
    return (
        EventPage.listing(theme.locale_id)
        .filter(themes__translation_key=theme.translation_key)
        .order_by("-start")[:limit]
    )


@register.simple_tag
def meetings_of_kommune(kommune, limit=5):
    return (
        EventPage.listing(kommune.locale_id)
        .filter(kommuner__translation_key=kommune.translation_key)
        .order_by("-start")[:limit]
    )


@register.filter
def is_upcoming(meeting):
    return meeting.end >= timezone.now()
