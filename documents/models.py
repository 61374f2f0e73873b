"""The portal's document model (WAGTAILDOCS_DOCUMENT_MODEL): Wagtail's document with the
text of its PDF, for search and for the pages that show it; and who may see a document."""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from wagtail.documents.models import AbstractDocument
from wagtail.documents.models import Document as WagtailDocument
from wagtail.models import Collection, CollectionViewRestriction

from core.memo import remembered
from documents.extraction import WHAT_TO_DO, ExtractionStatus

# New documents go here unless the editor picks another collection, so that report PDFs
# uploaded from a report page do not pile up in Root (the bootstrap creates it).
UPLOAD_COLLECTION = "Rapporter"


def upload_collection():
    """The collection new documents go to, made under Root if it is missing."""
    collection = Collection.objects.filter(name=UPLOAD_COLLECTION).first()
    return collection or Collection.get_first_root_node().add_child(name=UPLOAD_COLLECTION)


class DocumentLanguage(models.TextChoices):
    NB = "nb", _("bokmål")
    NN = "nn", _("nynorsk")
    EN = "en", _("engelsk")
    SE = "se", _("nordsamisk")
    SMA = "sma", _("sørsamisk")


class PortalDocument(AbstractDocument):
    """A document that remembers the text of its PDF."""

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
    # What the PDF library said about a file it could not read (technical, in English):
    # for whoever runs the portal, and in the log. Editors see extraction_advice.
    extraction_detail = models.CharField(max_length=300, blank=True, editable=False)
    # The file_hash the text was extracted from: a new file means a new extraction.
    extracted_hash = models.CharField(max_length=40, blank=True, editable=False)
    extracted_at = models.DateTimeField(null=True, editable=False)
    # The file_hash of a placeholder PDF the bootstrap made (reports/placeholder.py): the
    # document is a placeholder until someone uploads the real file in its place.
    placeholder_hash = models.CharField(max_length=40, blank=True, editable=False)

    admin_form_fields = WagtailDocument.admin_form_fields + ("language",)

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
    def extraction_advice(self):
        """What the editor can do about the extraction's outcome, in their language."""
        return WHAT_TO_DO.get(self.extraction_status, "")

    @property
    def is_placeholder(self):
        return bool(self.placeholder_hash) and self.placeholder_hash == self.file_hash

    @property
    def needs_extraction(self):
        return not self.file_hash or self.file_hash != self.extracted_hash

    @property
    def is_private(self):
        """In a private collection, or one inside a private collection."""
        return self.collection_id in private_collection_ids()


def private_collection_ids():
    """The collections with a view restriction and those inside them. Remembered for the
    content generation (core/memo.py): a search hit or a listing asks for each of its
    documents, and any change to a collection or a restriction starts a new generation."""

    def work_out():
        paths = list(CollectionViewRestriction.objects.values_list("collection__path", flat=True))
        if not paths:
            return frozenset()
        inside = Q()
        for path in paths:
            inside |= Q(path__startswith=path)
        return frozenset(Collection.objects.filter(inside).values_list("pk", flat=True))

    return remembered("private-collections", work_out)


def restricted_collections(request):
    """Ids of the collections this request may not see (private ones and those inside
    them): their documents are neither linked nor described to it. Worked out once per
    request, however many documents a listing shows."""
    # Imported here: wagtail.api.v2.utils loads models, which is too early at import time.
    from wagtail.api.v2.utils import get_restricted_collection_ids

    if not hasattr(request, "_restricted_collections"):
        if remembered("has-collection-restrictions", CollectionViewRestriction.objects.exists):
            request._restricted_collections = get_restricted_collection_ids(request)
        else:
            request._restricted_collections = set()
    return request._restricted_collections


def visible_document(document, restricted):
    """The document, or None if it is in one of the `restricted` collections."""
    if document is None or document.collection_id in restricted:
        return None
    return document
