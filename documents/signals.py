"""A saved document with a new file gets its text extracted, after the save commits."""

from django.db import transaction
from django.db.models.signals import post_save
from django.dispatch import receiver

from documents.changes import document_changed
from documents.models import PortalDocument
from documents.tasks import EXTRACTION_FIELDS, extract_document_text


@receiver(post_save, sender=PortalDocument)
def extract_text_of_new_files(sender, instance, update_fields=None, **kwargs):
    if update_fields and set(update_fields) <= set(EXTRACTION_FIELDS):
        return  # the extraction task saving its own result
    if instance.needs_extraction:
        transaction.on_commit(lambda: extract_document_text.enqueue(instance.pk))
    else:
        # Same file, but perhaps another collection (a private one): search must follow.
        transaction.on_commit(
            lambda: document_changed.send(sender=PortalDocument, document=instance)
        )
