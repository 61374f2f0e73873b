"""The public form for e-mail alerts: what to hear about, optionally narrowed to themes
and kommuner, and how often."""

from django import forms
from django.utils.translation import gettext_lazy as _

from alerts.models import Frequency, Kind
from core.forms import HoneypotMixin


class SubscribeForm(HoneypotMixin):
    email = forms.EmailField(
        label=_("E-postadressen din"),
        max_length=254,
        error_messages={"invalid": _("Skriv en e-postadresse, for eksempel navn@kommune.no.")},
    )
    kinds = forms.MultipleChoiceField(
        label=_("Hva vil du ha varsel om?"),
        choices=Kind.choices,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Velg minst én ting du vil ha varsel om.")},
    )
    themes = forms.MultipleChoiceField(
        label=_("Bare om disse temaene (valgfritt)"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    kommuner = forms.MultipleChoiceField(
        label=_("Bare om disse kommunene (valgfritt)"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    frequency = forms.ChoiceField(
        label=_("Hvor ofte?"),
        choices=Frequency.choices,
        initial=Frequency.IMMEDIATELY,
        widget=forms.RadioSelect,
    )

    def __init__(self, *args, themes, kommuner, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["themes"].choices = [(theme.slug, theme.title) for theme in themes]
        self.fields["kommuner"].choices = [(k.kommunenummer, k.title) for k in kommuner]
