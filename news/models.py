"""Aktuelt: the network's news, each article tagged with the goals, themes and kommuner
it is about, so that it also shows on their pages."""

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.fields import StreamField
from wagtail.images.api.fields import ImageRenditionField
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField, TranslatableField

from core.blocks import BodyBlock
from core.models import BasePage, FeedMixin, IndexPage, active_locale, in_locale
from network.models import SDG, KommunePage, SDGSerializer, ThemePage, related_vocabulary
from news.forms import NewsFilterForm


class NewsPage(BasePage):
    """One article: a lead that says what it is about, a body, an image that is
    described for those who cannot see it."""

    date = models.DateField(_("dato"), default=timezone.localdate)
    lead = models.TextField(_("ingress"), max_length=600)
    image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("bilde"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    image_alt = models.CharField(
        _("bildetekst for skjermlesere"),
        max_length=250,
        blank=True,
        help_text=_("Hva bildet viser, for dem som ikke ser det. Må fylles ut når det er bilde."),
    )
    body = StreamField(BodyBlock(), verbose_name=_("innhold"), blank=True)
    themes = related_vocabulary(ThemePage, _("tema"))
    sdgs = related_vocabulary(SDG, _("bærekraftsmål"))
    kommuner = related_vocabulary(KommunePage, _("kommuner"))
    is_example = models.BooleanField(
        _("eksempelinnhold"),
        default=False,
        help_text=_("Demoinnhold som ikke er en ekte sak. Vises med merket «Eksempel»."),
    )

    content_panels = BasePage.content_panels + [
        FieldPanel("date"),
        FieldPanel("lead"),
        MultiFieldPanel([FieldPanel("image"), FieldPanel("image_alt")], heading=_("Bilde")),
        FieldPanel("body"),
        MultiFieldPanel(
            [
                FieldPanel("themes", widget=forms.CheckboxSelectMultiple),
                FieldPanel("sdgs", widget=forms.CheckboxSelectMultiple),
                FieldPanel("kommuner"),
            ],
            heading=_("Tema, mål og kommuner"),
        ),
        FieldPanel("is_example"),
    ]
    parent_page_types = ["news.NewsIndexPage"]
    subpage_types = []
    translatable_fields = BasePage.translatable_fields + [
        TranslatableField("lead"),
        TranslatableField("body"),
        TranslatableField("image_alt"),
        SynchronizedField("date"),
        SynchronizedField("image"),
        SynchronizedField("themes"),
        SynchronizedField("sdgs"),
        SynchronizedField("kommuner"),
        SynchronizedField("is_example"),
    ]
    year_facet = "date__year"
    search_fields = BasePage.search_fields + [
        index.SearchField("lead"),
        index.SearchField("body"),
        index.SearchField("image_alt"),
        index.FilterField("date"),
    ]
    api_fields = [
        APIField("date"),
        APIField("lead"),
        APIField("body"),
        APIField("image", serializer=ImageRenditionField("max-1200x800")),
        APIField("image_alt"),
        APIField("sdgs", serializer=SDGSerializer(many=True, read_only=True)),
        APIField("is_example"),
    ]

    class Meta:
        verbose_name = _("nyhet")
        verbose_name_plural = _("nyheter")

    def clean(self):
        super().clean()
        if self.image and not self.image_alt.strip():
            raise ValidationError(
                {"image_alt": _("Skriv hva bildet viser, for dem som ikke kan se det.")}
            )

    @classmethod
    def listing(cls, locale):
        """Live, public articles in the language, newest first."""
        return (
            cls.objects.live()
            .public()
            .filter(locale=locale)
            .defer_streamfields()
            .order_by("-date", "-first_published_at")
        )

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["themes"] = in_locale(ThemePage, list(self.themes.all()))
        context["sdgs"] = in_locale(SDG, list(self.sdgs.all()))
        context["kommuner"] = in_locale(KommunePage, list(self.kommuner.all()))
        return context

    def feed_description(self):
        return self.lead


class NewsIndexPage(FeedMixin, IndexPage):
    """/aktuelt/: the news, newest first, filtered by kommune, theme, goal and year."""

    subpage_types = ["news.NewsPage"]
    per_page = 20

    class Meta:
        verbose_name = _("oversikt over nyheter")

    def get_items(self):
        return NewsPage.listing(self.locale)

    def get_listing(self, request):
        locale = active_locale()
        articles = NewsPage.listing(locale)
        form = NewsFilterForm(
            self.filter_parameters(request),
            kommuner=KommunePage.objects.live().public().filter(locale=locale).order_by("title"),
            themes=ThemePage.objects.live().public().filter(locale=locale),
            goals=SDG.objects.filter(locale=locale).order_by("number"),
            years=sorted({d.year for d in articles.values_list("date", flat=True)}, reverse=True),
        )
        return form.filter(articles), {"filter_form": form}

    def feed_pages(self):
        return NewsPage.listing(self.locale)
