"""The meeting filters: theme and year, combined, in the URL."""

from django import forms
from django.utils.translation import gettext_lazy as _


class EventFilterForm(forms.Form):
    tema = forms.ChoiceField(label=_("Tema"), required=False)
    ar = forms.TypedChoiceField(label=_("År"), required=False, coerce=int, empty_value=None)

    def __init__(self, data, *, themes, years):
        # The choices come from the page: the themes of its language, the meetings' years.
        super().__init__(data)
        self.themes = {theme.slug: theme for theme in themes}
        self.fields["tema"].choices = [("", _("Alle tema"))] + [
            (slug, theme.title) for slug, theme in self.themes.items()
        ]
        self.fields["ar"].choices = [("", _("Alle år"))] + [(year, year) for year in years]

    def filter(self, meetings):
        self.is_valid()
        if slug := self.cleaned_data.get("tema"):
            meetings = meetings.filter(themes__translation_key=self.themes[slug].translation_key)
        if year := self.cleaned_data.get("ar"):
            meetings = meetings.filter(start__year=year)
        return meetings.distinct()
