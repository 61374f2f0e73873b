"""Good-practice cases (God praksis): what a kommune did, written so that another kommune
can do the same. The fields follow the UN's good-practice template."""

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.cache import add_never_cache_headers
from django.utils.html import strip_tags
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.contrib.routable_page.models import path
from wagtail.coreutils import find_available_slug
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Locale
from wagtail.rich_text import RichText
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField, TranslatableField

from cases.blocks import CaseBodyBlock
from cases.forms import CaseFilterForm, CaseSuggestionForm
from core.memo import remembered
from core.models import BasePage, FeedMixin, IndexPage, active_locale, in_locale, takes_post
from core.ratelimit import address_key, take_slot
from core.text import ascii_slug, by_title
from network.models import (
    SDG,
    KommuneField,
    KommuneLookup,
    KommunePage,
    OwnedByKommune,
    SDGSerializer,
    ThemePage,
    related_vocabulary,
)

TEMPLATE_FEATURES = ["bold", "italic", "link", "ul", "ol"]
SUGGESTION_WINDOW_SECONDS = 60 * 60


def template_field(label, help_text):
    return RichTextField(label, blank=True, features=TEMPLATE_FEATURES, help_text=help_text)


class CasePage(OwnedByKommune, BasePage):
    """One good-practice case, placed under the kommune that owns it."""

    summary = models.TextField(
        _("kort fortalt"),
        max_length=500,
        help_text=_("Hva gjorde dere, og hva kom ut av det? To–tre setninger."),
    )
    body = StreamField(CaseBodyBlock(), verbose_name=_("innhold"), blank=True)
    lead_image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("hovedbilde"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    lead_image_alt = models.CharField(
        _("alternativ tekst til hovedbildet"), max_length=250, blank=True
    )
    themes = related_vocabulary(ThemePage, _("tema"))
    sdgs = related_vocabulary(SDG, _("bærekraftsmål"))
    other_kommuner = related_vocabulary(KommunePage, _("andre kommuner som var med"))
    period_start = models.DateField(_("startet"))
    period_end = models.DateField(_("avsluttet"), null=True, blank=True)
    contact_name = models.CharField(_("kontaktperson"), max_length=100, blank=True)
    contact_role = models.CharField(_("rolle"), max_length=100, blank=True)
    contact_email = models.EmailField(_("e-post"), blank=True)

    # The UN's good-practice template.
    objectives = template_field(_("mål"), _("Hva ville dere oppnå?"))
    stakeholders = template_field(_("hvem var med"), _("Hvem tok del, og hvilken rolle hadde de?"))
    results = template_field(_("resultater og gevinster"), _("Hva ble bedre, og for hvem?"))
    enabling_factors = template_field(_("hva fikk det til å virke"), _("Hva var avgjørende?"))
    challenges = template_field(
        _("utfordringer"), _("Hva var vanskelig, og hvordan løste dere det?")
    )
    replicability = template_field(
        _("slik kan andre gjøre det samme"), _("Hva må en annen kommune gjøre for å få det til?")
    )

    is_example = models.BooleanField(
        _("eksempelinnhold"),
        default=False,
        help_text=_("Demoinnhold som ikke er et ekte eksempel. Vises med merket «Eksempel»."),
    )

    content_panels = BasePage.content_panels + [
        FieldPanel("summary"),
        MultiFieldPanel(
            [FieldPanel("lead_image"), FieldPanel("lead_image_alt")], heading=_("Hovedbilde")
        ),
        FieldPanel("body"),
        MultiFieldPanel(
            [
                FieldPanel("objectives"),
                FieldPanel("stakeholders"),
                FieldPanel("results"),
                FieldPanel("enabling_factors"),
                FieldPanel("challenges"),
                FieldPanel("replicability"),
            ],
            heading=_("Erfaringene"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("themes", widget=forms.CheckboxSelectMultiple),
                FieldPanel("sdgs", widget=forms.CheckboxSelectMultiple),
                FieldPanel("other_kommuner"),
                FieldRowPanel([FieldPanel("period_start"), FieldPanel("period_end")]),
            ],
            heading=_("Tema, mål og tid"),
        ),
        MultiFieldPanel(
            [FieldPanel("contact_name"), FieldPanel("contact_role"), FieldPanel("contact_email")],
            heading=_("Kontakt"),
        ),
        FieldPanel("is_example"),
    ]
    parent_page_types = ["network.KommunePage"]
    subpage_types = []
    translatable_fields = BasePage.translatable_fields + [
        TranslatableField("summary"),
        TranslatableField("body"),
        TranslatableField("lead_image_alt"),
        TranslatableField("contact_role"),
        TranslatableField("objectives"),
        TranslatableField("stakeholders"),
        TranslatableField("results"),
        TranslatableField("enabling_factors"),
        TranslatableField("challenges"),
        TranslatableField("replicability"),
        SynchronizedField("lead_image"),
        SynchronizedField("themes"),
        SynchronizedField("sdgs"),
        SynchronizedField("other_kommuner"),
        SynchronizedField("period_start"),
        SynchronizedField("period_end"),
        SynchronizedField("contact_name"),
        SynchronizedField("contact_email"),
        SynchronizedField("is_example"),
    ]
    search_fields = BasePage.search_fields + [
        index.SearchField("summary"),
        index.SearchField("body"),
        index.SearchField("lead_image_alt"),
        index.SearchField("objectives"),
        index.SearchField("stakeholders"),
        index.SearchField("results"),
        index.SearchField("enabling_factors"),
        index.SearchField("challenges"),
        index.SearchField("replicability"),
        index.FilterField("period_start"),
    ]
    year_facet = "period_start__year"
    # The contact person is shown on the case for those who want to ask, but the search
    # index is not a register of people: a name typed into search finds no case.
    unsearched_fields = ("contact_name", "contact_role")
    api_fields = [
        APIField("kommune", serializer=KommuneField(read_only=True)),
        APIField("summary"),
        APIField("theme_slugs"),
        APIField("sdgs", serializer=SDGSerializer(many=True, read_only=True)),
        APIField("period_start"),
        APIField("period_end"),
        APIField("is_example"),
    ]

    class Meta:
        verbose_name = _("eksempel på god praksis")
        verbose_name_plural = _("eksempler på god praksis")

    def clean(self):
        super().clean()
        if self.period_end and self.period_start and self.period_end < self.period_start:
            raise ValidationError({"period_end": _("Sluttdatoen kan ikke være før startdatoen.")})
        if self.lead_image_id and not self.lead_image_alt:
            raise ValidationError(
                {"lead_image_alt": _("Skriv hva hovedbildet viser, for dem som ikke ser det.")}
            )

    @classmethod
    def listing(cls, locale):
        """Live, public cases of a locale, newest first, ready for a listing."""
        return (
            cls.objects.live()
            .public()
            .filter(locale=locale)
            .defer_streamfields()
            # The cards show the themes' names (CaseLookups gives them in the visitor's
            # language); the goals only on the case's own page.
            .prefetch_related(
                models.Prefetch("themes", ThemePage.objects.only("title", "translation_key"))
            )
            .order_by("-first_published_at", "-pk")
        )

    @property
    def theme_slugs(self):
        return [theme.slug for theme in self.themes.all()]

    @property
    def email_parts(self):
        """The contact address split at the @, shown as «navn (krøllalfa) domene»: people
        read it, address harvesters mostly do not."""
        name, _at, domain = self.contact_email.partition("@")
        return {"name": name, "domain": domain} if domain else None

    def related_cases(self, limit=3, themes=None, goals=None):
        """Other live cases that share a theme or a goal, newest first. `themes` and
        `goals` are the case's own, when the caller has them already."""
        themes = [theme.pk for theme in (self.themes.all() if themes is None else themes)]
        goals = [goal.pk for goal in (self.sdgs.all() if goals is None else goals)]
        if not themes and not goals:
            return CasePage.objects.none()
        return (
            CasePage.listing(self.locale_id)
            .filter(models.Q(themes__in=themes) | models.Q(sdgs__in=goals))
            .exclude(translation_key=self.translation_key)
            .distinct()[:limit]
        )

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["kommune"] = self.kommune_page
        themes, goals = list(self.themes.all()), list(self.sdgs.all())
        context["themes"] = in_locale(ThemePage, themes)
        context["sdgs"] = in_locale(SDG, goals)
        context["other_kommuner"] = in_locale(KommunePage, list(self.other_kommuner.all()))
        context["related"] = self.related_cases(themes=themes, goals=goals)
        context["template_sections"] = [
            (_("Mål"), self.objectives),
            (_("Hvem var med"), self.stakeholders),
            (_("Resultater og gevinster"), self.results),
            (_("Hva fikk det til å virke"), self.enabling_factors),
            (_("Utfordringer"), self.challenges),
            (_("Slik kan andre gjøre det samme"), self.replicability),
        ]
        return context


class CaseIndexPage(FeedMixin, IndexPage):
    """/god-praksis/: every case, newest first, filtered by kommune, theme, goal and year;
    /god-praksis/foresla/: the public form for suggesting a case."""

    subpage_types = []
    per_page = 12

    class Meta:
        verbose_name = _("oversikt over god praksis")

    def get_listing(self, request):
        locale = active_locale()
        cases = CasePage.listing(locale)
        form = CaseFilterForm(
            self.filter_parameters(request),
            kommuner=by_title(KommunePage.objects.live().filter(locale=locale)),
            themes=ThemePage.objects.live().filter(locale=locale),
            goals=SDG.objects.filter(locale=locale).order_by("number"),
            years=sorted(
                {d.year for d in cases.values_list("period_start", flat=True)}, reverse=True
            ),
        )
        return form.filter(cases), {"filter_form": form, "lookups": CaseLookups(locale)}

    def feed_pages(self):
        return CasePage.listing(self.locale).order_by("-first_published_at")

    @path("foresla/", name="suggest")
    @takes_post
    def suggest(self, request):
        """The public "Foreslå et eksempel" form: CSRF, a honeypot and a per-address rate
        limit; the description is sanitised before it is stored, and nothing a visitor
        typed is lost."""
        form = CaseSuggestionForm(request.POST or None, locale=active_locale())
        status, problem = 200, ""
        if request.method == "POST":
            if form.is_from_a_program:
                status = 400
                problem = _(
                    "Skjemaet kunne ikke sendes. Feltet «Ikke fyll ut dette feltet» må være tomt."
                )
            elif not form.is_valid():
                status = 400
            elif not take_slot(
                address_key("case-suggestions", request),
                settings.CASE_SUGGESTIONS_PER_HOUR,
                SUGGESTION_WINDOW_SECONDS,
            ):
                status = 429
                problem = _(
                    "Du har sendt mange forslag på kort tid. Vent en time og prøv igjen. "
                    "Teksten din står fortsatt i skjemaet."
                )
            else:
                CaseSuggestion.objects.create(
                    **form.suggestion_fields(), consent_given_at=timezone.now()
                )
                return redirect(self.url + self.reverse_subpage("suggest_thanks"))
        response = TemplateResponse(
            request,
            "cases/suggest_case.html",
            {"page": self, "form": form, "problem": problem},
            status=status,
        )
        # The form carries a CSRF token: never to be kept by a shared cache.
        add_never_cache_headers(response)
        return response

    @path("foresla/takk/", name="suggest_thanks")
    def suggest_thanks(self, request):
        return TemplateResponse(request, "cases/suggestion_received.html", {"page": self})


class CaseLookups:
    """What a listing of cases shows beside each case (its kommune, its themes and goals in
    the visitor's language), fetched once for the whole listing instead of once per case."""

    def __init__(self, locale):
        self.locale = locale
        self.kommuner = KommuneLookup(locale)
        self._names = None

    def kommune_of(self, case):
        return self.kommuner.owner_of(case)

    def localized(self, items):
        if self._names is None:
            locale_id = getattr(self.locale, "pk", self.locale)
            self._names = remembered(f"theme-and-goal-names:{locale_id}", self._read_names)
        return [self._names.get(item.translation_key, item) for item in items]

    def _read_names(self):
        themes = ThemePage.objects.filter(locale=self.locale).only("title", "translation_key")
        goals = SDG.objects.filter(locale=self.locale)
        return {item.translation_key: item for item in [*themes, *goals]}


class CaseSuggestion(models.Model):
    """A case suggested through the public form by someone without an account. Kept for
    the coordinators, who can turn it into a draft CasePage under the right kommune."""

    class Status(models.TextChoices):
        NEW = "new", _("Ny")
        DRAFTED = "drafted", _("Utkast laget")
        DECLINED = "declined", _("Avvist")

    name = models.CharField(_("navn"), max_length=100)
    kommune = models.ForeignKey(
        KommunePage,
        verbose_name=_("kommune"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    email = models.EmailField(_("e-post"))
    title = models.CharField(_("tittel"), max_length=150)
    # Sanitised with bleach before it is stored (cases.forms.sanitise).
    description = models.TextField(_("beskrivelse"))
    consent_given_at = models.DateTimeField(_("samtykke gitt"))
    created_at = models.DateTimeField(_("sendt"), auto_now_add=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.NEW
    )
    case_page = models.ForeignKey(
        CasePage,
        verbose_name=_("utkast"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    panels = [FieldPanel("status")]

    class Meta:
        verbose_name = _("forslag til eksempel")
        verbose_name_plural = _("forslag til eksempler")
        ordering = ["-created_at"]

    def __str__(self):
        return self.title

    @transaction.atomic
    def make_draft(self, user=None):
        """A draft CasePage under the suggested kommune, with the suggestion's text. All or
        nothing: a failure leaves no half-made page behind to block the next try."""
        kommune = self.kommune.get_translation(Locale.get_default())
        summary = strip_tags(self.description)
        # A title may hold no letter a slug can keep (such as «'>»).
        slug = ascii_slug(self.title) or f"forslag-{self.pk}"
        case = CasePage(
            title=self.title,
            slug=find_available_slug(kommune, slug),
            summary=(summary[:497] + "...") if len(summary) > 500 else summary,
            body=[("paragraph", RichText(self.description))],
            period_start=self.created_at.date(),
            live=False,
            owner=user,
        )
        kommune.add_child(instance=case)
        case.save_revision(user=user)
        self.case_page = case
        self.status = self.Status.DRAFTED
        self.save(update_fields=["case_page", "status"])
        return case
