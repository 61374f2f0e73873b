"""The report library: the kommuner's sustainability reports as pages, and the document
model that keeps the text extracted from each PDF."""

from django import forms
from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _
from rest_framework import serializers
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.documents.models import AbstractDocument, Document
from wagtail.fields import RichTextField
from wagtail.models import Collection, CollectionViewRestriction, Locale
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField, TranslatableField

from core.models import BasePage, FeedMixin, IndexPage, in_locale
from network.facts import report_parts
from network.models import SDG, KommunePage, OwnedByKommune, SDGSerializer, related_vocabulary
from reports.extraction import ExtractionStatus

# The collection report PDFs are uploaded to (the bootstrap creates it).
REPORT_COLLECTION = "Rapporter"


def report_collection():
    """The report collection, made under Root if it is missing."""
    collection = Collection.objects.filter(name=REPORT_COLLECTION).first()
    return collection or Collection.get_first_root_node().add_child(name=REPORT_COLLECTION)


class DocumentLanguage(models.TextChoices):
    NB = "nb", _("bokmål")
    NN = "nn", _("nynorsk")
    EN = "en", _("engelsk")
    SE = "se", _("nordsamisk")
    SMA = "sma", _("sørsamisk")


class ReportDocument(AbstractDocument):
    """A document that remembers the text of its PDF, for search and for the report page."""

    language = models.CharField(
        _("språk"), max_length=3, choices=DocumentLanguage.choices, default=DocumentLanguage.NB
    )
    extracted_text = models.TextField(_("tekst fra PDF-en"), blank=True, editable=False)
    page_count = models.PositiveIntegerField(_("antall sider"), null=True, editable=False)
    extraction_status = models.CharField(
        _("tekstuttrekk"),
        max_length=20,
        choices=ExtractionStatus.choices,
        default=ExtractionStatus.PENDING,
        editable=False,
    )
    extraction_message = models.CharField(max_length=300, blank=True, editable=False)
    # The file_hash the text was extracted from: a new file means a new extraction.
    extracted_hash = models.CharField(max_length=40, blank=True, editable=False)
    extracted_at = models.DateTimeField(null=True, editable=False)
    # The file_hash of the placeholder PDF the bootstrap made (reports/placeholder.py): the
    # document is a placeholder until someone uploads the real file in its place.
    placeholder_hash = models.CharField(max_length=40, blank=True, editable=False)

    admin_form_fields = Document.admin_form_fields + ("language",)

    class Meta(AbstractDocument.Meta):
        verbose_name = _("dokument")
        verbose_name_plural = _("dokumenter")

    @property
    def extraction_failed(self):
        return self.extraction_status not in (
            ExtractionStatus.PENDING,
            ExtractionStatus.OK,
            ExtractionStatus.TRUNCATED,
            ExtractionStatus.NOT_PDF,
        )

    @property
    def is_placeholder(self):
        return bool(self.placeholder_hash) and self.placeholder_hash == self.file_hash

    @property
    def needs_extraction(self):
        return not self.file_hash or self.file_hash != self.extracted_hash


def restricted_collections(request):
    """Ids of the collections this request may not see (private ones and those inside
    them): their documents are neither linked nor described to it."""
    # Imported here: wagtail.api.v2.utils loads models, which is too early at import time.
    from wagtail.api.v2.utils import get_restricted_collection_ids

    return get_restricted_collection_ids(request)


def is_in_private_collection(document):
    collections = document.collection.get_ancestors(inclusive=True)
    return CollectionViewRestriction.objects.filter(collection__in=collections).exists()


def visible_document(document, restricted):
    if document is None or document.collection_id in restricted:
        return None
    return document


class DocumentURLField(serializers.Field):
    """The document's address for the API, left out when the document is private."""

    def get_attribute(self, page):
        return page

    def to_representation(self, page):
        request = self.context["request"]
        document = visible_document(page.document, restricted_collections(request))
        return request.build_absolute_uri(document.url) if document else None


class ReportType(models.TextChoices):
    BAEREKRAFTSRAPPORT = "baerekraftsrapport", _("Bærekraftsrapport")
    INNBYGGERUNDERSOKELSE = "innbyggerundersokelse", _("Innbyggerundersøkelse")
    OTHER = "annen", _("Annen rapport")


class ReportPartsField(models.JSONField):
    """Which of the nine parts of a Bærekraftsrapport a report covers: a list of numbers
    (1–9, in the order of network.toml), edited as checkboxes."""

    def formfield(self, **kwargs):
        return forms.TypedMultipleChoiceField(
            choices=[(number, name) for number, name in enumerate(report_parts(), start=1)],
            coerce=int,
            required=False,
            widget=forms.CheckboxSelectMultiple,
            label=self.verbose_name,
        )


class ReportIndexPage(FeedMixin, IndexPage):
    """/rapporter/: every report, newest first, filtered by kommune, year and type."""

    feed_class = "reports.feeds.ReportFeed"
    subpage_types = []
    per_page = 20

    class Meta:
        verbose_name = _("rapportbibliotek")

    def get_listing(self, request):
        from reports.forms import ReportFilterForm

        locale = Locale.get_active()
        kommuner = list(KommunePage.objects.live().filter(locale=locale).order_by("title"))
        form = ReportFilterForm(request.GET, kommuner=kommuner, years=ReportPage.years(locale))
        reports = form.filter(ReportPage.listing(locale), kommuner)
        return reports, {
            "filter_form": form,
            "kommuner": ReportPage.kommuner_by_path(kommuner),
            "restricted": restricted_collections(request),
        }


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
    search_fields = BasePage.search_fields + [
        index.SearchField("summary"),
        index.SearchField("document_text"),
        index.FilterField("year"),
        index.FilterField("report_type"),
    ]
    api_fields = [
        APIField("kommune"),
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

    @staticmethod
    def kommuner_by_path(kommuner):
        """Kommune pages by tree path: the kommune that owns a report is the page at its
        parent path, found this way without a query per report."""
        return {kommune.path: kommune for kommune in kommuner}

    @property
    def document_url(self):
        return self.document.url if self.document else None

    def document_text(self):
        """The PDF's text, for search; none from a document in a private collection, since
        the search index is shared by every visitor."""
        if not self.document or is_in_private_collection(self.document):
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
