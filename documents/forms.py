"""The admin's document form (WAGTAILDOCS_DOCUMENT_FORM_BASE)."""

from wagtail.documents.forms import BaseDocumentForm

from documents.models import UPLOAD_COLLECTION, DocumentLanguage


class DocumentForm(BaseDocumentForm):
    """Wagtail's document form, with two changes:

    - a zero-byte file is accepted: it is stored and gets the status "Filen er tom"
      instead of being refused without a trace;
    - a new document goes to the upload collection («Rapporter») unless the editor picks
      another, so PDFs uploaded from a report page do not pile up in Root.

    The same class is the base of the form that edits a file already sent through
    *Legg til dokumenter*, which has no file field (Wagtail's multiple upload)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "file" in self.fields:
            self.fields["file"].allow_empty_file = True
        if "language" in self.fields:
            # The multiple upload sends only the file (and its collection): the document
            # is stored as bokmål, and the editor may change that in the form that follows.
            self.fields["language"].required = False
        if "collection" in self.fields and not self.instance.pk:
            collection = self.fields["collection"].queryset.filter(name=UPLOAD_COLLECTION)
            self.fields["collection"].initial = collection.values_list("pk", flat=True).first()

    def clean_language(self):
        return self.cleaned_data.get("language") or DocumentLanguage.NB
