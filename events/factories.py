import datetime

import factory
import wagtail_factories

from core.dates import OSLO
from documents.factories import DocumentFactory
from events.models import EventIndexPage, EventPage


def slides():
    return [("slides", DocumentFactory(title="Presentasjon"))]


class EventIndexPageFactory(wagtail_factories.PageFactory):
    title = "Møter"
    intro = "<p>Møtene.</p>"

    class Meta:
        model = EventIndexPage

    class Params:
        full = factory.Trait()  # nothing more to hold


class EventPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Testmøte {n}")
    start = datetime.datetime(2024, 3, 29, 9, 0, tzinfo=OSLO)
    end = factory.LazyAttribute(lambda page: page.start + datetime.timedelta(minutes=90))
    intro = "Et møte i testene."
    place = "Teams"
    speakers = factory.LazyFunction(
        lambda: [("speaker", {"name": "Ola Nordmann", "role": "Rådgiver", "organisation": "KS"})]
    )
    agenda = factory.LazyFunction(
        lambda: [("item", {"time": datetime.time(9, 0), "title": "Velkommen"})]
    )
    slides = factory.LazyFunction(list)
    summary = "<p>Oppsummering.</p>"
    recording_url = "https://video.example.no/opptak"

    class Meta:
        model = EventPage

    class Params:
        full = factory.Trait(slides=factory.LazyFunction(slides))
