"""Meetings as iCalendar files: one meeting, or every upcoming one. The calendar is
named by the page it comes from, so a subscriber sees it in the language they chose."""

from django.http import HttpResponse
from django.utils import timezone
from icalendar import Calendar, Event

from core.dates import OSLO


def calendar_for(meetings, request, page):
    calendar = Calendar()
    calendar.add("prodid", "-//Bærekraftsnettverket i Trøndelag//Bærekraftsportalen//NO")
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", page.title)
    if page.search_description:
        calendar.add("x-wr-caldesc", page.search_description)
    for meeting in meetings:
        event = Event()
        event.add(
            "uid", f"{meeting.translation_key}-{meeting.locale.language_code}@baerekraftsportalen"
        )
        event.add("dtstamp", timezone.now())
        # Local time with its zone: calendar programs then get the daylight-saving rules.
        event.add("dtstart", meeting.start.astimezone(OSLO))
        event.add("dtend", meeting.end.astimezone(OSLO))
        event.add("summary", meeting.title)
        if meeting.intro:
            event.add("description", meeting.intro)
        location = meeting.place or meeting.online_url or meeting.get_event_format_display()
        event.add("location", str(location))
        event.add("url", request.build_absolute_uri(meeting.get_url(request)))
        calendar.add_component(event)
    calendar.add_missing_timezones()
    return calendar


def calendar_response(meetings, request, page, filename):
    response = HttpResponse(
        calendar_for(meetings, request, page).to_ical(),
        content_type="text/calendar; charset=utf-8",
    )
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response  # the page's finish_response decides how it may be cached
