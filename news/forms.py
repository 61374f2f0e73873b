"""The news filters: kommune, theme, goal and year, combined, in the URL."""

from django import forms
from django.utils.translation import gettext_lazy as _

from network.forms import VocabularyFilterForm


class NewsFilterForm(VocabularyFilterForm):
    ar = forms.TypedChoiceField(label=_("År"), required=False, coerce=int, empty_value=None)

    def filter(self, articles):
        """The articles that match every valid filter; invalid ones are left out and shown
        to the visitor as errors. Articles are tagged with the bokmål kommuner, themes and
        goals, which every language shares."""
        self.is_valid()
        data = self.cleaned_data
        if number := data.get("kommune"):
            key = self.kommuner[number].translation_key
            articles = articles.filter(kommuner__translation_key=key)
        articles = self.filter_by_theme_and_goal(articles)
        if year := data.get("ar"):
            articles = articles.filter(date__year=year)
        return articles.distinct()
