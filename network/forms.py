"""The filters the listings share (kommune, theme and goal, chosen from the pages and
goals of the visitor's language, in the URL; each listing adds its year and says how the
choices narrow its pages), and the kommune page's admin form."""

from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminPageForm


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


class KommunePageForm(WagtailAdminPageForm):
    """The kommune page in the admin. A contact added in a draft exists only in the draft's
    revision, without an id, so the formset takes it for a new one each time the page is
    posted; approving from the edit view would then count as an edit, and with
    WAGTAIL_WORKFLOW_REQUIRE_REAPPROVAL_ON_EDIT the review would start again, for ever.
    Here the contacts have changed only when what they say has changed."""

    CONTACT_FIELDS = ("name", "role", "email", "phone", "consent", "consent_date")

    def has_changed(self):
        if self.changed_data:
            return True
        for name, formset in self.formsets.items():
            if name == "contacts":
                if self.contacts_changed(formset):
                    return True
            elif any(form.has_changed() for form in formset.forms):
                return True
        return False

    def contacts_changed(self, formset):
        before = [
            tuple(getattr(contact, field) for field in self.CONTACT_FIELDS)
            for contact in sorted(self.instance.contacts.all(), key=lambda c: c.sort_order or 0)
        ]
        after = [
            tuple(form.cleaned_data.get(field) for field in self.CONTACT_FIELDS)
            for form in formset.ordered_forms
        ]
        return before != after
