"""The network's shared vocabulary: the kommuner (and the county), the 17 UN sustainable
development goals, and the themes the network works on."""

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.http import Http404
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from rest_framework import serializers
from wagtail import hooks
from wagtail.admin.panels import FieldPanel, InlinePanel
from wagtail.api import APIField
from wagtail.contrib.routable_page.models import path, re_path
from wagtail.fields import RichTextField
from wagtail.models import Locale, Orderable, Page, TranslatableMixin
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField, TranslatableField

from core.memo import remembered
from core.models import BasePage, ContentPage, IndexPage, RoutableMixin, in_locale
from network.forms import KommunePageForm


class SDG(TranslatableMixin, models.Model):
    """One of the 17 goals, with its name in each locale."""

    number = models.PositiveSmallIntegerField(
        _("nummer"), validators=[MinValueValidator(1), MaxValueValidator(17)]
    )
    name = models.CharField(_("navn"), max_length=100)
    subtitle = models.CharField(_("undertittel"), max_length=300, blank=True)
    colour = models.CharField(
        _("farge"),
        max_length=7,
        validators=[RegexValidator(r"^#[0-9A-Fa-f]{6}$", _("Skriv fargen som #RRGGBB."))],
        help_text=_("FNs offisielle farge for målet, som #RRGGBB."),
    )
    name_confirmed = models.BooleanField(
        _("navnet er kontrollert"),
        default=True,
        help_text=_(
            "Av når navnet ikke er kontrollert mot en offisiell kilde ennå "
            "(gjelder flere nynorske navn)."
        ),
    )

    panels = [
        FieldPanel("number"),
        FieldPanel("name"),
        FieldPanel("subtitle"),
        FieldPanel("colour"),
        FieldPanel("name_confirmed"),
    ]
    translatable_fields = [
        TranslatableField("name"),
        TranslatableField("subtitle"),
        SynchronizedField("number"),
        SynchronizedField("colour"),
    ]
    api_fields = [
        APIField("number"),
        APIField("name"),
        APIField("subtitle"),
        APIField("colour"),
        APIField("name_confirmed"),
        APIField("language_code"),
    ]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("bærekraftsmål")
        verbose_name_plural = _("bærekraftsmål")
        ordering = ["number"]
        constraints = [
            models.UniqueConstraint(fields=["number", "locale"], name="unique_sdg_per_locale"),
        ]

    def __str__(self):
        return f"{self.number}. {self.name}"

    @property
    def language_code(self):
        return self.locale.language_code


def default_locale_id():
    return remembered("default-locale-id", lambda: Locale.get_default().pk)


def default_locale_only():
    return {"locale": Locale.get_default()}


def related_vocabulary(model, verbose_name):
    """A link from a page to goals, themes or kommuner. It points at their bokmål
    versions, which every translation shares; templates show them in the visitor's
    language (core.models.in_locale)."""
    return ParentalManyToManyField(
        model,
        verbose_name=verbose_name,
        blank=True,
        related_name="+",
        limit_choices_to=default_locale_only,
    )


class SDGSerializer(serializers.ModelSerializer):
    class Meta:
        model = SDG
        fields = ["number", "name", "colour"]


class ContactSerializer(serializers.Serializer):
    name = serializers.CharField()
    role = serializers.CharField()
    email = serializers.EmailField()
    phone = serializers.CharField()


class KommuneIndexPage(IndexPage):
    subpage_types = ["network.KommunePage"]

    class Meta:
        verbose_name = _("oversikt over kommuner")

    def get_items(self):
        return KommunePage.objects.child_of(self).live().public().order_by("kommunenummer")


class KommunePage(RoutableMixin, BasePage):
    """A kommune in the network, or Trøndelag fylke itself (number 50)."""

    kommunenummer = models.CharField(
        _("kommunenummer"),
        max_length=4,
        db_index=True,
        validators=[
            RegexValidator(
                r"^(\d{4}|\d{2})$",
                _("Kommunenummeret har fire sifre (fylket har to), for eksempel 5014."),
            )
        ],
    )
    offisielt_navn = models.CharField(
        _("offisielt navn"),
        max_length=120,
        help_text=_("Med samisk navn der kommunen har det, for eksempel «Snåase - Snåsa»."),
    )
    samisk_forvaltningsomrade = models.BooleanField(
        _("i forvaltningsområdet for samisk språk"), default=False
    )
    indicator_url = models.URLField(
        _("lenke til indikatorer"),
        blank=True,
        help_text=_("Kommunens side i Trøndelag i tall, under Bærekraft."),
    )
    coat_of_arms = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("kommunevåpen"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    intro = RichTextField(_("innledning"), blank=True, features=["bold", "italic", "link"])

    content_panels = BasePage.content_panels + [
        FieldPanel("kommunenummer"),
        FieldPanel("offisielt_navn"),
        FieldPanel("samisk_forvaltningsomrade"),
        FieldPanel("indicator_url"),
        FieldPanel("coat_of_arms"),
        FieldPanel("intro"),
        InlinePanel(
            "contacts",
            label=_("Kontaktpersoner for bærekraftsarbeidet"),
            help_text=_("Vises på kommunesiden bare når personen har sagt ja til det. Skriv når."),
        ),
    ]
    base_form_class = KommunePageForm
    parent_page_types = ["network.KommuneIndexPage"]
    subpage_types = ["reports.ReportPage", "cases.CasePage"]
    translatable_fields = BasePage.translatable_fields + [
        TranslatableField("intro"),
        SynchronizedField("kommunenummer"),
        SynchronizedField("offisielt_navn"),
        SynchronizedField("samisk_forvaltningsomrade"),
        SynchronizedField("indicator_url"),
        SynchronizedField("coat_of_arms"),
    ]
    # The contact people are kept once, on the bokmål page, which every language shows
    # (listed_contacts): a copy in nn or en would keep showing someone who has withdrawn.
    exclude_fields_in_copy = ["contacts"]
    search_fields = BasePage.search_fields + [
        index.SearchField("offisielt_navn"),
        index.SearchField("intro"),
        # Found by its number too (5014), as kommuner are in statistics and case files.
        index.SearchField("kommunenummer"),
        index.FilterField("kommunenummer"),
    ]
    api_fields = [
        APIField("kommunenummer"),
        APIField("offisielt_navn"),
        APIField("samisk_forvaltningsomrade"),
        APIField("indicator_url"),
        APIField("intro"),
        # Only those who have agreed to be listed; nobody else's details leave the admin.
        APIField("listed_contacts", serializer=ContactSerializer(many=True, read_only=True)),
    ]

    class Meta:
        verbose_name = _("kommune")
        verbose_name_plural = _("kommuner")

    def __str__(self):
        return f"{self.title} ({self.kommunenummer})"

    @path("indikatorer/", name="indicators")
    @re_path(r"^indikatorer/(?P<download>csv|excel|json-stat)/$", name="indicator_download")
    def indicators(self, request, download=None):
        """The kommune's figures (its «ståstedsanalyse»), and the same as files. The
        indicators app answers through the hook `serve_kommune_indicators`: the network,
        which every content app builds on, imports none of them."""
        for serve in hooks.get_hooks("serve_kommune_indicators"):
            return serve(request, self, download)
        raise Http404

    @property
    def is_county(self):
        return len(self.kommunenummer) == 2

    @property
    def listed_contacts(self):
        """The contact people who have agreed to be shown, in the editors' order, from the
        bokmål page whatever the language."""
        source = self
        if self.locale_id != default_locale_id():
            source = (
                KommunePage.objects.filter(
                    translation_key=self.translation_key, locale_id=default_locale_id()
                ).first()
                or self
            )
        return [contact for contact in source.contacts.all() if contact.is_listed]

    def clean(self):
        super().clean()
        # Unique per locale: each locale's tree holds its own copy of every kommune.
        duplicates = KommunePage.objects.filter(
            kommunenummer=self.kommunenummer, locale_id=self.locale_id
        ).exclude(pk=self.pk)
        if self.kommunenummer and duplicates.exists():
            raise ValidationError(
                {"kommunenummer": _("En annen kommuneside har allerede dette nummeret.")}
            )


PHONE = RegexValidator(
    r"^\+?[0-9 ]{8,20}$", _("Skriv telefonnummeret med sifre, for eksempel 72 00 00 00.")
)


def check_contact(contact):
    """A contact can be reached, and a yes has its date."""
    if not contact.email and not contact.phone:
        raise ValidationError(_("Skriv e-post eller telefon, så andre kan ta kontakt."))
    if contact.consent and contact.consent_date is None:
        raise ValidationError({"consent_date": _("Skriv når personen sa ja.")})


class KommuneContact(Orderable):
    """Who to talk to about the kommune's sustainability work. Shown, and given in the API,
    only when the person has agreed to it: the page says nothing about anyone else."""

    page = ParentalKey(KommunePage, on_delete=models.CASCADE, related_name="contacts")
    name = models.CharField(_("navn"), max_length=120)
    role = models.CharField(
        _("rolle"), max_length=160, help_text=_("For eksempel «Rådgiver, klima og miljø».")
    )
    email = models.EmailField(_("e-post"), blank=True)
    phone = models.CharField(_("telefon"), max_length=20, blank=True, validators=[PHONE])
    consent = models.BooleanField(
        _("har sagt ja til å stå på siden"),
        default=False,
        help_text=_("Spør personen først. Uten ja vises ingenting om personen."),
    )
    consent_date = models.DateField(_("dato for ja"), null=True, blank=True)

    panels = [
        FieldPanel("name"),
        FieldPanel("role"),
        FieldPanel("email"),
        FieldPanel("phone"),
        FieldPanel("consent"),
        FieldPanel("consent_date"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("kontaktperson")
        verbose_name_plural = _("kontaktpersoner")

    def __str__(self):
        return self.name

    @property
    def is_listed(self):
        return self.consent and self.consent_date is not None

    def clean(self):
        super().clean()
        check_contact(self)


class NetworkContact(models.Model):
    """One of the network's own coordinators, on «Om nettverket». Shown only when the
    person has agreed to it, as a kommune's contacts are; never in the API or search."""

    name = models.CharField(_("navn"), max_length=120)
    role = models.CharField(_("rolle"), max_length=160)
    organisation = models.CharField(_("arbeidssted"), max_length=160, blank=True)
    email = models.EmailField(_("e-post"), blank=True)
    phone = models.CharField(_("telefon"), max_length=20, blank=True, validators=[PHONE])
    consent = models.BooleanField(
        _("har sagt ja til å stå på siden"),
        default=False,
        help_text=_("Spør personen først. Uten ja vises ingenting om personen."),
    )
    consent_date = models.DateField(_("dato for ja"), null=True, blank=True)
    sort_order = models.PositiveSmallIntegerField(_("rekkefølge"), default=0)

    panels = [
        FieldPanel("name"),
        FieldPanel("role"),
        FieldPanel("organisation"),
        FieldPanel("email"),
        FieldPanel("phone"),
        FieldPanel("consent"),
        FieldPanel("consent_date"),
        FieldPanel("sort_order"),
    ]

    class Meta:
        verbose_name = _("kontaktperson i nettverket")
        verbose_name_plural = _("kontaktpersoner i nettverket")
        ordering = ["sort_order", "name"]

    def __str__(self):
        return self.name

    @classmethod
    def listed(cls):
        return cls.objects.filter(consent=True, consent_date__isnull=False)

    def clean(self):
        super().clean()
        check_contact(self)


class KommuneLookup:
    """Which kommune (or the county) a page belongs to: a kommune page itself, or the one
    it sits under (cases, reports). The one answer to that question for listings, search
    hits, facets and the API. The kommune pages of a language are read once, in one query,
    and then any number of pages are answered without another (and no query at all until
    the content changes, core/memo.py)."""

    def __init__(self, locale):
        self.locale_id = getattr(locale, "pk", locale)  # a Locale or its id
        self._by_path = None

    @property
    def by_path(self):
        if self._by_path is None:
            self._by_path = remembered(f"kommuner-by-path:{self.locale_id}", self._read)
        return self._by_path

    def _read(self):
        kommuner = KommunePage.objects.filter(locale_id=self.locale_id).only(
            "title", "path", "depth", "url_path", "kommunenummer", "locale"
        )
        return {kommune.path: kommune for kommune in kommuner}

    def owner_of(self, page):
        """The KommunePage that owns `page` (a page, or a page's tree path), or None."""
        path = getattr(page, "path", page)
        for end in range(len(path), 0, -Page.steplen):
            if kommune := self.by_path.get(path[:end]):
                return kommune
        return None

    @classmethod
    def for_request(cls, request, locale_id):
        """One lookup per request and language, however many pages ask (the API)."""
        lookups = request.__dict__.setdefault("_kommune_lookups", {})
        if locale_id not in lookups:
            lookups[locale_id] = cls(locale_id)
        return lookups[locale_id]


class KommuneField(serializers.Field):
    """The owning kommune's number and name, for the API."""

    def get_attribute(self, page):
        return page

    def to_representation(self, page):
        lookup = KommuneLookup.for_request(self.context["request"], page.locale_id)
        owner = lookup.owner_of(page)
        return {"kommunenummer": owner.kommunenummer, "name": owner.title} if owner else None


class OwnedByKommune:
    """For pages placed under the kommune (or county) that owns them: cases, reports."""

    @property
    def kommune_page(self):
        return KommuneLookup(self.locale_id).owner_of(self)


class ThemeIndexPage(IndexPage):
    subpage_types = ["network.ThemePage"]

    class Meta:
        verbose_name = _("oversikt over tema")

    def get_items(self):
        return ThemePage.objects.child_of(self).live().public().defer_streamfields()


class ThemePage(ContentPage):
    """A theme the network works on; later gathers the cases, meetings and reports on it."""

    sdgs = related_vocabulary(SDG, _("bærekraftsmål"))

    content_panels = ContentPage.content_panels + [
        FieldPanel("sdgs", widget=forms.CheckboxSelectMultiple),
    ]
    parent_page_types = ["network.ThemeIndexPage"]
    subpage_types = []
    translatable_fields = ContentPage.translatable_fields + [SynchronizedField("sdgs")]
    api_fields = ContentPage.api_fields + [
        APIField("sdgs", serializer=SDGSerializer(many=True, read_only=True)),
    ]

    class Meta:
        verbose_name = _("tema")
        verbose_name_plural = _("tema")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["sdgs"] = in_locale(SDG, self.sdgs.all())
        return context
