"""What every public form shares."""

from django import forms
from django.utils.translation import gettext_lazy as _


class HoneypotMixin(forms.Form):
    """A field people never see: a form that comes back with it filled in was sent by a
    program, not a person. The template hides it (`.honeypot`)."""

    website = forms.CharField(label=_("Ikke fyll ut dette feltet"), required=False)

    @property
    def is_from_a_program(self):
        return bool(self.data.get("website"))
