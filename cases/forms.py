"""The case filters, and the public form for suggesting a case."""

import re

import bleach
from django import forms
from django.utils.html import strip_tags
from django.utils.translation import gettext_lazy as _

from core.forms import HoneypotMixin
from core.text import by_title
from network.forms import VocabularyFilterForm
from network.models import KommunePage


class CaseFilterForm(VocabularyFilterForm):
    """Kommune, theme, goal and start year, combined, in the URL."""

    ar = forms.TypedChoiceField(label=_("Startår"), required=False, coerce=int, empty_value=None)

    def filter(self, cases):
        """The cases that match every valid filter; invalid ones are left out and shown to
        the visitor as errors."""
        self.is_valid()
        data = self.cleaned_data
        if number := data.get("kommune"):
            cases = cases.child_of(self.kommuner[number])
        cases = self.filter_by_theme_and_goal(cases)
        if year := data.get("ar"):
            cases = cases.filter(period_start__year=year)
        return cases.distinct()


# What a suggestion's description may contain; everything else is removed, not escaped.
ALLOWED_TAGS = ["p", "br", "ul", "ol", "li", "strong", "em", "a"]
ALLOWED_PROTOCOLS = ["http", "https", "mailto"]
# bleach checks the scheme of an address that has one; an address without one
# (//evil.example, \\evil.example, relative paths) would let the browser choose where it
# goes, so a link must name an allowed scheme. Leading spaces and control characters are
# skipped, as a browser skips them.
ABSOLUTE_LINK = re.compile(r"[\x00-\x20]*(" + "|".join(ALLOWED_PROTOCOLS) + r"):", re.IGNORECASE)


def allowed_attribute(tag, name, value):
    return tag == "a" and name == "href" and bool(ABSOLUTE_LINK.match(value))


def sanitise(html):
    return bleach.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=allowed_attribute,
        protocols=ALLOWED_PROTOCOLS,
        strip=True,
        strip_comments=True,
    )


def plain_text(value):
    """A one-line field holds text, not markup: tags are removed, and what is left must
    still say something."""
    text = strip_tags(value).strip()
    if not text:
        raise forms.ValidationError(_("Skriv med vanlig tekst, uten HTML-koder."))
    return text


class CaseSuggestionForm(HoneypotMixin):
    name = forms.CharField(label=_("Navnet ditt"), max_length=100)
    kommune = forms.ChoiceField(label=_("Kommune"))
    email = forms.EmailField(
        label=_("E-postadressen din"),
        max_length=254,
        help_text=_("Bare koordinatorene i nettverket ser den, hvis de trenger å spørre deg."),
    )
    title = forms.CharField(label=_("Hva handler eksemplet om?"), max_length=150)
    description = forms.CharField(
        label=_("Fortell kort hva dere gjorde"),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_("Hva gjorde dere, hvem var med, og hva kom ut av det? Høyst 5000 tegn."),
    )
    consent = forms.BooleanField(
        label=_(
            "Jeg samtykker i at nettverket lagrer det jeg sender, og kan kontakte meg om eksemplet."
        ),
        error_messages={"required": _("Du må samtykke før du kan sende forslaget.")},
    )

    def __init__(self, *args, locale, **kwargs):
        super().__init__(*args, **kwargs)
        self.kommuner = {
            k.kommunenummer: k for k in by_title(KommunePage.objects.live().filter(locale=locale))
        }
        self.fields["kommune"].choices = [("", _("Velg kommune"))] + [
            (number, kommune.title) for number, kommune in self.kommuner.items()
        ]

    def suggestion_fields(self):
        """The cleaned form as the fields of a CaseSuggestion."""
        data = self.cleaned_data
        return {
            "name": data["name"],
            "kommune": self.kommuner[data["kommune"]],
            "email": data["email"],
            "title": data["title"],
            "description": data["description"],
        }

    def clean_name(self):
        return plain_text(self.cleaned_data["name"])

    def clean_title(self):
        return plain_text(self.cleaned_data["title"])

    def clean_description(self):
        description = sanitise(self.cleaned_data["description"])
        if not strip_tags(description).strip():
            raise forms.ValidationError(_("Skriv noen ord om hva dere gjorde."))
        return description
