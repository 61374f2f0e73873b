"""The news filters: kommune, theme, goal and year, combined, in the URL."""

from django import forms
from django.utils.translation import gettext_lazy as _


class NewsFilterForm(forms.Form):
    kommune = forms.ChoiceField(label=_("Kommune"), required=False)
    tema = forms.ChoiceField(label=_("Tema"), required=False)
    mal = forms.TypedChoiceField(
        label=_("Bærekraftsmål"), required=False, coerce=int, empty_value=None
    )
    ar = forms.TypedChoiceField(label=_("År"), required=False, coerce=int, empty_value=None)

    def __init__(self, data, *, kommuner, themes, goals, years):
        super().__init__(data)
        self.kommuner = {kommune.kommunenummer: kommune for kommune in kommuner}
        self.themes = {theme.slug: theme for theme in themes}
        self.fields["kommune"].choices = [("", _("Alle kommuner"))] + [
            (number, kommune.title) for number, kommune in self.kommuner.items()
        ]
        self.fields["tema"].choices = [("", _("Alle tema"))] + [
            (slug, theme.title) for slug, theme in self.themes.items()
        ]
        self.fields["mal"].choices = [("", _("Alle mål"))] + [(g.number, str(g)) for g in goals]
        self.fields["ar"].choices = [("", _("Alle år"))] + [(year, year) for year in years]

    def filter(self, articles):
        """The articles that match every valid filter; invalid ones are left out and shown
        to the visitor as errors. Articles are tagged with the bokmål kommuner, themes and
        goals, which every language shares."""
        self.is_valid()
        data = self.cleaned_data
        if number := data.get("kommune"):
            key = self.kommuner[number].translation_key
            articles = articles.filter(kommuner__translation_key=key)
        if slug := data.get("tema"):
            articles = articles.filter(themes__translation_key=self.themes[slug].translation_key)
        if goal := data.get("mal"):
            articles = articles.filter(sdgs__number=goal)
        if year := data.get("ar"):
            articles = articles.filter(date__year=year)
        return articles.distinct()
