"""Bærekraftfredag and the network's other meetings: upcoming first, then the archive
with recordings and slides."""

import datetime

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.contrib.routable_page.models import path
from wagtail.fields import RichTextField, StreamField
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField, TranslatableField

from core.models import BasePage, FeedMixin, IndexPage, RoutableMixin, active_locale, in_locale
from events.blocks import AgendaBlock, SlidesBlock, SpeakersBlock
from events.forms import EventFilterForm
from events.ical import calendar_response
from network.models import SDG, KommunePage, SDGSerializer, ThemePage, related_vocabulary


class Organiser(models.TextChoices):
    NATIONAL = "nasjonalt", _("Det nasjonale bærekraftsnettverket og KS")
    TRONDELAG = "trondelag", _("Bærekraftsnettverket i Trøndelag")
    OTHER = "annen", _("Annen arrangør")


class EventFormat(models.TextChoices):
    DIGITAL = "digital", _("Digitalt")
    PHYSICAL = "fysisk", _("Fysisk møte")
    HYBRID = "hybrid", _("Både digitalt og fysisk")


class EventPage(RoutableMixin, BasePage):
    """One meeting. It counts as upcoming until its end time has passed."""

    start = models.DateTimeField(_("starter"))
    end = models.DateTimeField(_("slutter"))
    organiser = models.CharField(
        _("arrangør"), max_length=20, choices=Organiser.choices, default=Organiser.NATIONAL
    )
    organiser_name = models.CharField(
        _("navn på arrangøren"),
        max_length=150,
        blank=True,
        help_text=_("Når arrangøren er en annen."),
    )
    event_format = models.CharField(
        _("møteform"), max_length=10, choices=EventFormat.choices, default=EventFormat.DIGITAL
    )
    place = models.CharField(_("sted"), max_length=200, blank=True)
    online_url = models.URLField(_("lenke til møtet"), blank=True)
    registration_url = models.URLField(_("lenke til påmelding"), blank=True)
    intro = models.TextField(_("hva møtet handler om"), max_length=800, blank=True)
    themes = related_vocabulary(ThemePage, _("tema"))
    sdgs = related_vocabulary(SDG, _("bærekraftsmål"))
    kommuner = related_vocabulary(KommunePage, _("kommuner som deltok"))
    speakers = StreamField(SpeakersBlock(), verbose_name=_("innledere"), blank=True)
    agenda = StreamField(AgendaBlock(), verbose_name=_("program"), blank=True)
    # After the meeting. The recording is a link: an embedded player would load the video
    # service and its cookies before the visitor asked for it.
    recording_url = models.URLField(_("lenke til opptaket"), blank=True)
    slides = StreamField(SlidesBlock(), verbose_name=_("presentasjoner"), blank=True)
    summary = RichTextField(
        _("oppsummering"), blank=True, features=["bold", "italic", "link", "ul", "ol"]
    )
    is_example = models.BooleanField(
        _("eksempelinnhold"),
        default=False,
        help_text=_("Demoinnhold som ikke er et ekte møte. Vises med merket «Eksempel»."),
    )

    content_panels = BasePage.content_panels + [
        FieldRowPanel([FieldPanel("start"), FieldPanel("end")], heading=_("Tid")),
        MultiFieldPanel(
            [
                FieldPanel("organiser"),
                FieldPanel("organiser_name"),
                FieldPanel("event_format"),
                FieldPanel("place"),
                FieldPanel("online_url"),
                FieldPanel("registration_url"),
            ],
            heading=_("Arrangør og sted"),
        ),
        FieldPanel("intro"),
        FieldPanel("speakers"),
        FieldPanel("agenda"),
        MultiFieldPanel(
            [
                FieldPanel("themes", widget=forms.CheckboxSelectMultiple),
                FieldPanel("sdgs", widget=forms.CheckboxSelectMultiple),
                FieldPanel("kommuner"),
            ],
            heading=_("Tema og mål"),
        ),
        MultiFieldPanel(
            [FieldPanel("recording_url"), FieldPanel("slides"), FieldPanel("summary")],
            heading=_("Etter møtet"),
        ),
        FieldPanel("is_example"),
    ]
    parent_page_types = ["events.EventIndexPage"]
    subpage_types = []
    translatable_fields = BasePage.translatable_fields + [
        TranslatableField("intro"),
        TranslatableField("place"),
        TranslatableField("agenda"),
        TranslatableField("summary"),
        TranslatableField("organiser_name"),
        SynchronizedField("start"),
        SynchronizedField("end"),
        SynchronizedField("organiser"),
        SynchronizedField("event_format"),
        SynchronizedField("online_url"),
        SynchronizedField("registration_url"),
        SynchronizedField("themes"),
        SynchronizedField("sdgs"),
        SynchronizedField("kommuner"),
        SynchronizedField("speakers"),
        SynchronizedField("recording_url"),
        SynchronizedField("slides"),
        SynchronizedField("is_example"),
    ]
    year_facet = "start__year"
    search_fields = BasePage.search_fields + [
        index.SearchField("intro"),
        index.SearchField("summary"),
        index.SearchField("agenda"),
        index.SearchField("speakers"),
        index.SearchField("slides"),
        index.SearchField("organiser_name"),
        index.SearchField("place"),
        index.FilterField("start"),
    ]
    api_fields = [
        APIField("start"),
        APIField("end"),
        APIField("organiser"),
        APIField("event_format"),
        APIField("place"),
        APIField("online_url"),
        APIField("registration_url"),
        APIField("intro"),
        APIField("recording_url"),
        APIField("sdgs", serializer=SDGSerializer(many=True, read_only=True)),
        APIField("is_example"),
    ]

    class Meta:
        verbose_name = _("møte")
        verbose_name_plural = _("møter")

    def clean(self):
        super().clean()
        if self.start and self.end and self.end <= self.start:
            raise ValidationError({"end": _("Møtet må slutte etter at det har startet.")})

    @property
    def is_upcoming(self):
        return self.end >= timezone.now()

    @property
    def organiser_label(self):
        if self.organiser == Organiser.OTHER and self.organiser_name:
            return self.organiser_name
        return self.get_organiser_display()

    @classmethod
    def listing(cls, locale):
        return cls.objects.live().public().filter(locale=locale).defer_streamfields()

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["themes"] = in_locale(ThemePage, list(self.themes.all()))
        context["sdgs"] = in_locale(SDG, list(self.sdgs.all()))
        return context

    def feed_description(self):
        when = timezone.localtime(self.start).strftime("%d.%m.%Y %H:%M")
        return f"{when}. {self.intro}"

    @path("kalender/", name="ics")
    def ics(self, request):
        return calendar_response([self], request, self, filename=f"{self.slug}.ics")


class EventIndexPage(FeedMixin, IndexPage):
    """/baerekraftfredag/: upcoming meetings first, then the archive by year."""

    subpage_types = ["events.EventPage"]
    per_page = 20

    class Meta:
        verbose_name = _("oversikt over møter")

    def get_listing(self, request):
        locale = active_locale()
        now = timezone.now()
        meetings = EventPage.listing(locale)
        form = EventFilterForm(
            self.filter_parameters(request),
            themes=ThemePage.objects.live().filter(locale=locale),
            years=sorted(
                {start.year for start in meetings.values_list("start", flat=True)}, reverse=True
            ),
        )
        meetings = form.filter(meetings)
        upcoming = meetings.filter(end__gte=now).order_by("start")
        archive = meetings.filter(end__lt=now).order_by("-start")
        return archive, {"filter_form": form, "upcoming": upcoming}

    @path("kalender/", name="ics")
    def upcoming_calendar(self, request):
        """The upcoming meetings, for calendar programs to subscribe to."""
        meetings = EventPage.listing(self.locale).filter(end__gte=timezone.now()).order_by("start")
        return calendar_response(list(meetings), request, self, filename="baerekraftfredag.ics")

    def feed_pages(self):
        return EventPage.listing(self.locale).order_by("-first_published_at")

    @staticmethod
    def next_meeting(locale):
        return EventPage.listing(locale).filter(end__gte=timezone.now()).order_by("start").first()


def last_friday(year, month):
    """The last Friday of a month (Bærekraftfredag's usual day)."""
    day = datetime.date(year, month + 1, 1) if month < 12 else datetime.date(year + 1, 1, 1)
    day -= datetime.timedelta(days=1)
    return day - datetime.timedelta(days=(day.weekday() - 4) % 7)
