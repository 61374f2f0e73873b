"""The filters of the report library: kommune, year and type, combined, in the URL."""

from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.documents.forms import BaseDocumentForm

from reports.models import REPORT_COLLECTION, DocumentLanguage, ReportType


class ReportFilterForm(forms.Form):
    kommune = forms.ChoiceField(label=_("Kommune"), required=False)
    year = forms.TypedChoiceField(label=_("År"), required=False, coerce=int, empty_value=None)
    type = forms.ChoiceField(
        label=_("Type"),
        required=False,
        choices=[("", _("Alle typer")), *ReportType.choices],
    )

    def __init__(self, data, *, kommuner, years):
        # An empty query string is an unfiltered listing, not an invalid form.
        super().__init__(data)
        self.fields["kommune"].choices = [("", _("Alle kommuner"))] + [
            (kommune.kommunenummer, kommune.title) for kommune in kommuner
        ]
        self.fields["year"].choices = [("", _("Alle år"))] + [(year, year) for year in years]

    def filter(self, reports, kommuner):
        """The reports that match every valid filter; an invalid one is left out (and
        reported to the visitor through the form's errors)."""
        self.is_valid()
        data = self.cleaned_data
        if number := data.get("kommune"):
            owner = next(k for k in kommuner if k.kommunenummer == number)
            reports = reports.child_of(owner)
        if year := data.get("year"):
            reports = reports.filter(year=year)
        if report_type := data.get("type"):
            reports = reports.filter(report_type=report_type)
        return reports

    @property
    def is_filtered(self):
        return any(self.cleaned_data.get(name) for name in self.fields)


class ReportDocumentForm(BaseDocumentForm):
    """Wagtail's document form, with two changes:

    - a zero-byte file is accepted: it is stored and gets the status "Filen er tom"
      instead of being refused without a trace;
    - a new document goes to the report collection unless the editor picks another, so
      PDFs uploaded from a report page do not pile up in Root.

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
            collection = self.fields["collection"].queryset.filter(name=REPORT_COLLECTION)
            self.fields["collection"].initial = collection.values_list("pk", flat=True).first()

    def clean_language(self):
        return self.cleaned_data.get("language") or DocumentLanguage.NB
