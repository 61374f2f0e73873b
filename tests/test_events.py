"""Meetings: calendars and feeds that parse and carry the right times, upcoming turning
into archive as time passes, and nothing unpublished or private in any of them."""

import datetime
import zoneinfo

import feedparser
import icalendar
import pytest
import time_machine
from wagtail.models import Locale, PageViewRestriction

from events.factories import EventPageFactory
from events.management.commands.load_events import PAST_MEETINGS, UPCOMING_MEETINGS
from events.models import EventIndexPage, EventPage, last_friday
from tests.helpers import listed_titles

pytestmark = pytest.mark.django_db
OSLO = zoneinfo.ZoneInfo("Europe/Oslo")
UTC = datetime.UTC


@pytest.fixture
def index():
    return EventIndexPage.objects.get(locale=Locale.get_default())


def at_nine(day):
    return datetime.datetime.combine(day, datetime.time(9), tzinfo=OSLO)


def calendar_events(response):
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    calendar = icalendar.Calendar.from_ical(response.content)
    return {str(event["SUMMARY"]): event for event in calendar.walk("VEVENT")}


def test_calendar_times_are_right_across_daylight_saving_changes(client, index):
    # 2024: summer time began on 31 March and ended on 27 October, so a meeting at 09:00
    # on the last Friday of March is 08:00 UTC and one on the last Friday of October 07:00.
    march = EventPageFactory(parent=index, title="Mars", start=at_nine(last_friday(2024, 3)))
    october = EventPageFactory(parent=index, title="Oktober", start=at_nine(last_friday(2024, 10)))
    assert last_friday(2024, 3) == datetime.date(2024, 3, 29)
    assert last_friday(2024, 10) == datetime.date(2024, 10, 25)
    expected = {
        march: datetime.datetime(2024, 3, 29, 8, 0, tzinfo=UTC),
        october: datetime.datetime(2024, 10, 25, 7, 0, tzinfo=UTC),
    }
    for meeting, start_utc in expected.items():
        events = calendar_events(client.get(meeting.url + "kalender/"))
        event = events[meeting.title]
        assert event.decoded("DTSTART").astimezone(UTC) == start_utc
        assert event.decoded("DTEND").astimezone(UTC) == start_utc + datetime.timedelta(minutes=90)
        assert str(event["DTSTART"].params["TZID"]) == "Europe/Oslo"
        assert event["URL"] == "http://testserver" + meeting.url


def test_the_subscribable_calendar_holds_the_upcoming_meetings_only(client, index):
    with time_machine.travel(datetime.datetime(2024, 6, 1, 12, tzinfo=UTC)):
        past = EventPageFactory(
            parent=index, title="Var i mai", start=at_nine(datetime.date(2024, 5, 31))
        )
        coming = EventPageFactory(
            parent=index, title="Kommer i juni", start=at_nine(datetime.date(2024, 6, 28))
        )
        events = calendar_events(client.get("/baerekraftfredag/kalender/"))
    assert coming.title in events
    assert past.title not in events


def test_the_feeds_parse_and_carry_the_new_content(client):
    for url, expected in [
        ("/baerekraftfredag/rss/", "Matsvinn i barnehagen"),
        ("/god-praksis/rss/", "Halvert matsvinn i skolekantina"),
        ("/rapporter/rss/", "Bærekraftsrapport Frøya 2024"),
        ("/nn/god-praksis/rss/", "Halvert matsvinn i skulekantina"),  # in nynorsk
        ("/en/god-praksis/rss/", "Food waste halved in the school canteen"),
    ]:
        response = client.get(url)
        assert response.status_code == 200
        feed = feedparser.parse(response.content)
        assert not feed.bozo, (url, feed.bozo_exception)
        titles = [entry.title for entry in feed.entries]
        assert expected in titles, url
        assert all(entry.published_parsed for entry in feed.entries)
        assert all(entry.link.startswith("http://testserver/") for entry in feed.entries)


@pytest.mark.parametrize("prefix", ["", "/nn", "/en"])
def test_feeds_and_calendars_are_named_in_their_language(client, prefix):
    """A subscriber sees the feed's and the calendar's name and description in the
    language they subscribed in: the translated index page's, not bokmål everywhere."""
    locale = Locale.objects.get(language_code=prefix.strip("/") or "nb")
    index = EventIndexPage.objects.get(locale=locale)
    feed = feedparser.parse(client.get(f"{prefix}/baerekraftfredag/rss/").content)
    assert feed.feed.title == index.title
    assert feed.feed.description == (index.search_description or index.title)
    calendar = icalendar.Calendar.from_ical(
        client.get(f"{prefix}/baerekraftfredag/kalender/").content
    )
    assert str(calendar["X-WR-CALNAME"]) == index.title
    meeting = EventPage.objects.live().filter(locale=locale).first()
    calendar = icalendar.Calendar.from_ical(client.get(meeting.url + "kalender/").content)
    assert str(calendar["X-WR-CALNAME"]) == meeting.title
    if prefix:
        bokmål = EventIndexPage.objects.get(locale=Locale.get_default())
        assert index.title != bokmål.title  # really translated, not the synced copy


def test_a_meeting_turns_into_archive_when_it_ends(client, index):
    meeting = EventPageFactory(
        parent=index, title="Møtet som går over", start=at_nine(datetime.date(2030, 3, 29))
    )

    def section_of(title):
        html = client.get("/baerekraftfredag/").content.decode()
        upcoming, archive = html.split('id="archive-heading"')
        return "upcoming" if title in upcoming else "archive" if title in archive else None

    with time_machine.travel(datetime.datetime(2030, 3, 29, 7, 0, tzinfo=UTC), tick=False):
        assert section_of(meeting.title) == "upcoming"  # before it starts
    with time_machine.travel(datetime.datetime(2030, 3, 29, 9, 29, tzinfo=UTC), tick=False):
        assert section_of(meeting.title) == "upcoming"  # 10:29 in Oslo: still going on
    with time_machine.travel(datetime.datetime(2030, 3, 29, 9, 31, tzinfo=UTC), tick=False):
        assert section_of(meeting.title) == "archive"  # 10:31: over, nobody edited it


def test_drafts_and_private_meetings_are_nowhere(client, index):
    with time_machine.travel(datetime.datetime(2024, 1, 1, tzinfo=UTC)):
        draft = EventPageFactory(parent=index, title="Utkast til møte", live=False)
        private = EventPageFactory(parent=index, title="Internt møte")
        PageViewRestriction.objects.create(page=private, restriction_type="login")
        public = EventPageFactory(parent=index, title="Åpent møte")
        places = {
            "index": client.get("/baerekraftfredag/?ar=2024").content.decode(),
            "rss": client.get("/baerekraftfredag/rss/").content.decode(),
            "ics": client.get("/baerekraftfredag/kalender/").content.decode(),
            "api": client.get("/api/v2/pages/?type=events.EventPage&limit=100").content.decode(),
            "sitemap": client.get("/sitemap.xml").content.decode(),
        }
    for name, content in places.items():
        assert draft.title not in content and draft.slug not in content, name
        assert private.title not in content and private.slug not in content, name
    for name in ("index", "rss", "ics", "api"):
        assert public.title in places[name], name
    assert client.get(private.url).status_code == 302  # to the login page


def test_filters_on_theme_and_year_combine(client):
    titles = listed_titles(client.get("/baerekraftfredag/?tema=matsvinn&ar=2023"))
    assert titles == ["Mindre matsvinn i kommunale kjøkken"]
    titles = listed_titles(client.get("/baerekraftfredag/?tema=indikatorer"))
    expected = [m[2] for m in PAST_MEETINGS if "indikatorer" in m[3]]
    assert sorted(titles) == sorted(expected)
    response = client.get("/baerekraftfredag/?ar=abc&tema=matsvinn")
    assert response.status_code == 400
    assert "Velg et gyldig valg" in response.content.decode()


def test_the_demo_meetings(client):
    meetings = EventPage.objects.live().filter(locale=Locale.get_default(), is_example=True)
    past = [m for m in meetings if m.start.year < 2026]
    assert len(past) == len(PAST_MEETINGS) == 12
    assert {m.start.year for m in past} == {2023, 2024, 2025}
    # The upcoming ones are dated from the day the bootstrap ran, on a Friday.
    coming = sorted((m for m in meetings if m.start.year >= 2026), key=lambda m: m.start)
    assert len(coming) == len(UPCOMING_MEETINGS) == 2
    for meeting, (*_, days) in zip(coming, UPCOMING_MEETINGS, strict=True):
        ahead = (meeting.start.date() - meeting.first_published_at.date()).days
        assert days <= ahead < days + 7
        assert meeting.start.astimezone(OSLO).weekday() == 4
    html = client.get("/baerekraftfredag/").content.decode()
    assert html.count('<span class="ds-tag" data-color="warning">Eksempel</span>') == 14


def test_home_shows_the_next_meeting_and_themes_and_kommuner_list_theirs(client):
    upcoming = EventIndexPage.next_meeting(Locale.get_default())
    assert upcoming.title in client.get("/").content.decode()
    assert "Matsvinn i barnehagen" in client.get("/tema/matsvinn/").content.decode()
    assert "Indikatorer i årsrapporten" in client.get("/kommuner/roros/").content.decode()


def test_a_past_meeting_shows_recording_as_a_link_and_embeds_nothing(client):
    meeting = EventPage.objects.get(locale=Locale.get_default(), title="Matsvinn i barnehagen")
    html = client.get(meeting.url).content.decode()
    assert "Se opptaket" in html
    assert "<iframe" not in html
    assert 'href="https://video.example.no/baerekraftfredag"' in html


def test_feeds_and_calendars_are_cached_by_the_same_rules_as_their_pages(
    client, index, django_user_model
):
    """Public for anonymous visitors; private for a logged-in editor and for a private
    meeting, whose calendar a shared cache must never keep."""
    meeting = EventPageFactory(parent=index, title="Internt møte")
    PageViewRestriction.objects.create(page=meeting, restriction_type=PageViewRestriction.LOGIN)
    urls = ["/baerekraftfredag/rss/", "/baerekraftfredag/kalender/"]
    for url in urls:
        assert "public" in client.get(url)["Cache-Control"], url
    private_calendar = meeting.url + meeting.reverse_subpage("ics")
    assert client.get(private_calendar).status_code == 302  # to the login page
    client.force_login(django_user_model.objects.create_user("leser", "l@example.no", "x"))
    for url in [*urls, private_calendar]:
        response = client.get(url)
        assert response.status_code == 200, url
        assert "private" in response["Cache-Control"], url
        assert "public" not in response["Cache-Control"], url
