"""The filters of the report library: kommune, year and type, combined, in the URL."""

from django import forms
from django.utils.translation import gettext_lazy as _

from reports.choices import ReportType


class ReportFilterForm(forms.Form):
    kommune = forms.ChoiceField(label=_("Kommune"), required=False)
    ar = forms.TypedChoiceField(label=_("År"), required=False, coerce=int, empty_value=None)
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
        self.fields["ar"].choices = [("", _("Alle år"))] + [(year, year) for year in years]

    def filter(self, reports, kommuner):
        """The reports that match every valid filter; an invalid one is left out (and
        reported to the visitor through the form's errors)."""
        self.is_valid()
        data = self.cleaned_data
        if number := data.get("kommune"):
            owner = next(k for k in kommuner if k.kommunenummer == number)
            reports = reports.child_of(owner)
        if year := data.get("ar"):
            reports = reports.filter(year=year)
        if report_type := data.get("type"):
            reports = reports.filter(report_type=report_type)
        return reports

    @property
    def is_filtered(self):
        return any(self.cleaned_data.get(name) for name in self.fields)
