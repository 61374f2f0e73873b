"""The report library: the kommuners' sustainability reports as pages."""

from django import forms
from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F
from django.template.defaultfilters import filesizeformat
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from rest_framework import serializers
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.fields import RichTextField
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField, TranslatableField

from core.models import BasePage, FeedMixin, IndexPage, active_locale, in_locale
from core.text import by_title
from documents.models import restricted_collections, visible_document
from network.facts import report_parts
from network.models import (
    SDG,
    KommuneField,
    KommuneLookup,
    KommunePage,
    OwnedByKommune,
    SDGSerializer,
    related_vocabulary,
)
from reports.choices import ReportType
from reports.forms import ReportFilterForm


class DocumentURLField(serializers.Field):
    """The document's address for the API, left out when the document is private."""

    def get_attribute(self, page):
        return page

    def to_representation(self, page):
        request = self.context["request"]
        document = visible_document(page.document, restricted_collections(request))
        return request.build_absolute_uri(document.url) if document else None


class ReportPartsField(models.JSONField):
    """Which of the nine parts of a Bærekraftsrapport a report covers: a list of numbers
    (1–9, in the order of network.toml), edited as checkboxes."""

    def formfield(self, **kwargs):
        return forms.TypedMultipleChoiceField(
            choices=[(number, name) for number, name in enumerate(report_parts(), start=1)],
            coerce=int,
            required=False,
            widget=forms.CheckboxSelectMultiple,
            # As Django's own fields do: the verbose_name is lower case, the label is not.
            label=capfirst(self.verbose_name),
        )


class ReportIndexPage(FeedMixin, IndexPage):
    """/rapporter/: every report, newest first, filtered by kommune, year and type."""

    subpage_types = []
    per_page = 20
    renamed_parameters = {"year": "ar"}

    class Meta:
        verbose_name = _("rapportbibliotek")

    def get_listing(self, request):
        locale = active_locale()
        kommuner = by_title(KommunePage.objects.live().filter(locale=locale))
        form = ReportFilterForm(
            self.filter_parameters(request), kommuner=kommuner, years=ReportPage.years(locale)
        )
        reports = form.filter(ReportPage.listing(locale), kommuner)
        return reports, {
            "filter_form": form,
            "kommuner": KommuneLookup(locale),
            "restricted": restricted_collections(request),
        }

    def feed_pages(self):
        return ReportPage.listing(self.locale).order_by("-first_published_at")


class ReportPage(OwnedByKommune, BasePage):
    """One report, placed under the kommune (or the county) that owns it."""

    year = models.PositiveSmallIntegerField(
        _("år"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1990), MaxValueValidator(2100)],
        help_text=_("Tomt hvis rapporten ikke gjelder ett bestemt år."),
    )
    report_type = models.CharField(
        _("type"),
        max_length=30,
        choices=ReportType.choices,
        default=ReportType.BAEREKRAFTSRAPPORT,
    )
    document = models.ForeignKey(
        settings.WAGTAILDOCS_DOCUMENT_MODEL,
        verbose_name=_("PDF"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    report_parts = ReportPartsField(_("delene rapporten dekker"), default=list, blank=True)
    summary = RichTextField(
        _("sammendrag"), blank=True, features=["bold", "italic", "link", "ul", "ol"]
    )
    sdgs = related_vocabulary(SDG, _("bærekraftsmål rapporten trekker fram"))

    content_panels = BasePage.content_panels + [
        MultiFieldPanel(
            [FieldPanel("year"), FieldPanel("report_type"), FieldPanel("document")],
            heading=_("Rapporten"),
        ),
        FieldPanel("summary"),
        FieldPanel("report_parts"),
        FieldPanel("sdgs", widget=forms.CheckboxSelectMultiple),
    ]
    parent_page_types = ["network.KommunePage"]
    subpage_types = []
    translatable_fields = BasePage.translatable_fields + [
        TranslatableField("summary"),
        SynchronizedField("year"),
        SynchronizedField("report_type"),
        SynchronizedField("document"),
        SynchronizedField("report_parts"),
        SynchronizedField("sdgs"),
    ]
    year_facet = "year"
    search_fields = BasePage.search_fields + [
        index.SearchField("summary"),
        index.SearchField("document_text"),
        index.FilterField("year"),
        index.FilterField("report_type"),
    ]
    api_fields = [
        APIField("kommune", serializer=KommuneField(read_only=True)),
        APIField("year"),
        APIField("report_type"),
        APIField("document_url", serializer=DocumentURLField(read_only=True)),
        APIField("summary"),
        APIField("report_parts"),
        APIField("sdgs", serializer=SDGSerializer(many=True, read_only=True)),
    ]

    class Meta:
        verbose_name = _("rapport")
        verbose_name_plural = _("rapporter")

    @classmethod
    def listing(cls, locale):
        """Live, public reports of a locale, newest first, ready for a listing."""
        return (
            cls.objects.live()
            .public()
            .filter(locale=locale)
            .select_related("document")
            .order_by(F("year").desc(nulls_last=True), "title")
        )

    @classmethod
    def years(cls, locale):
        return sorted(
            set(
                cls.objects.live()
                .filter(locale=locale, year__isnull=False)
                .values_list("year", flat=True)
            ),
            reverse=True,
        )

    def feed_description(self):
        return self.title

    @property
    def document_url(self):
        return self.document.url if self.document else None

    def document_text(self):
        """The PDF's text, for search; none from a document in a private collection, since
        the search index is shared by every visitor."""
        if not self.document or self.document.is_private:
            return ""
        return self.document.extracted_text

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        names = report_parts()
        covered = set(self.report_parts or [])
        context["kommune"] = self.kommune_page
        context["parts"] = [
            {"number": n, "name": name, "covered": n in covered}
            for n, name in enumerate(names, start=1)
        ]
        context["sdgs"] = in_locale(SDG, self.sdgs.all())
        document = visible_document(self.document, restricted_collections(request))
        context["document"] = document
        if document:
            context["file_size"] = filesizeformat(document.file_size or 0)
        return context
