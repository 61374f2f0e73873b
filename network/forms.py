"""The filters the listings share: kommune, theme and goal, chosen from the pages and
goals of the visitor's language, in the URL. Each listing adds its year and says how the
choices narrow its pages (`filter`)."""

from django import forms
from django.utils.translation import gettext_lazy as _


class VocabularyFilterForm(forms.Form):
    kommune = forms.ChoiceField(label=_("Kommune"), required=False)
    tema = forms.ChoiceField(label=_("Tema"), required=False)
    mal = forms.TypedChoiceField(
        label=_("Bærekraftsmål"), required=False, coerce=int, empty_value=None
    )

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

    def filter_by_theme_and_goal(self, pages):
        """Pages link to the bokmål theme; the visitor may be reading nn or en."""
        data = self.cleaned_data
        if slug := data.get("tema"):
            pages = pages.filter(themes__translation_key=self.themes[slug].translation_key)
        if goal := data.get("mal"):
            pages = pages.filter(sdgs__number=goal)
        return pages
