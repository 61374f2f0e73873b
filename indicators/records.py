"""The stored figures: what each indicator measures (translatable, managed by editors),
the areas figures are for (the kommuner, the county, the country), one observation per
indicator, area and period, and every import kept as a batch with its file and what it
changed, so each figure can be traced and an import undone. The page that shows them is
in models.py, which imports these for Django."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from rest_framework import serializers
from wagtail.admin.panels import FieldPanel
from wagtail.api import APIField
from wagtail.models import TranslatableMixin
from wagtail_localize.fields import SynchronizedField, TranslatableField

from indicators.writing import plain


class FigureField(serializers.Field):
    """A figure in the API as a JSON number (whole numbers without decimals), or null."""

    def to_representation(self, value):
        return plain(value)


class Direction(models.TextChoices):
    HIGHER = "higher", _("Høyere er bedre")
    LOWER = "lower", _("Lavere er bedre")
    NEUTRAL = "neutral", _("Verken høyere eller lavere er bedre")


class Indicator(TranslatableMixin, models.Model):
    """What an indicator measures and how to read it. Observations belong to the
    indicator in the default language; its translations carry the texts."""

    code = models.CharField(
        _("kode"),
        max_length=60,
        validators=[
            RegexValidator(
                r"^[\w-]+$",
                _("Koden kan bare ha bokstaver, tall, - og _: den står i adressen til siden."),
            )
        ],
        help_text=_("Koden i kilden, for eksempel SSB-tabellens."),
    )
    name = models.CharField(_("navn"), max_length=255)
    explanation = models.TextField(
        _("forklaring"), blank=True, help_text=_("Hva tallet viser, i klarspråk.")
    )
    why_it_matters = models.TextField(_("hvorfor det betyr noe"), blank=True)
    unit = models.CharField(_("enhet"), max_length=60, blank=True)
    decimals = models.PositiveSmallIntegerField(
        _("desimaler"), default=1, validators=[MaxValueValidator(6)]
    )
    direction = models.CharField(
        _("retning"), max_length=7, choices=Direction.choices, default=Direction.NEUTRAL
    )
    goals = models.CharField(
        _("mål og delmål"),
        max_length=100,
        blank=True,
        validators=[
            RegexValidator(
                r"^\s*$|^\s*[0-9]{1,2}(\.[0-9a-z]{1,2})?(\s*,\s*[0-9]{1,2}(\.[0-9a-z]{1,2})?)*\s*$",
                _("Skriv målene og delmålene med komma mellom, for eksempel «11.6, 3.9»."),
            )
        ],
        help_text=_("Bærekraftsmålene og delmålene tallet hører til, for eksempel «11.6, 3.9»."),
    )
    source = models.CharField(_("kilde"), max_length=255, blank=True)
    licence = models.CharField(_("lisens"), max_length=100, blank=True)
    target_value = models.DecimalField(
        _("målverdi"), max_digits=20, decimal_places=6, null=True, blank=True
    )
    target_year = models.PositiveSmallIntegerField(_("målår"), null=True, blank=True)
    target_source = models.CharField(
        _("kilde for målet"), max_length=255, blank=True, help_text=_("Hvem som har satt målet.")
    )
    worst = models.DecimalField(
        _("verste verdi"),
        max_digits=20,
        decimal_places=6,
        null=True,
        blank=True,
        help_text=_("Verdien som gir 0 av 100 på veien mot målet."),
    )
    is_example = models.BooleanField(
        _("eksempel"),
        default=False,
        help_text=_("Oppdiktede tall til demonstrasjon. Merkes «Eksempel» overalt."),
    )

    panels = [
        FieldPanel("code"),
        FieldPanel("name"),
        FieldPanel("explanation"),
        FieldPanel("why_it_matters"),
        FieldPanel("unit"),
        FieldPanel("decimals"),
        FieldPanel("direction"),
        FieldPanel("goals"),
        FieldPanel("source"),
        FieldPanel("licence"),
        FieldPanel("target_value"),
        FieldPanel("target_year"),
        FieldPanel("target_source"),
        FieldPanel("worst"),
        FieldPanel("is_example"),
    ]
    translatable_fields = [
        TranslatableField("name"),
        TranslatableField("explanation"),
        TranslatableField("why_it_matters"),
        TranslatableField("unit"),
        SynchronizedField("code"),
        SynchronizedField("decimals"),
        SynchronizedField("direction"),
        SynchronizedField("goals"),
        SynchronizedField("source"),
        SynchronizedField("licence"),
        SynchronizedField("target_value"),
        SynchronizedField("target_year"),
        SynchronizedField("target_source"),
        SynchronizedField("worst"),
        SynchronizedField("is_example"),
    ]
    api_fields = [
        APIField("goal_numbers"),
        APIField("language_code"),
        APIField("target_value", serializer=FigureField()),
        APIField("worst", serializer=FigureField()),
    ]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("indikator")
        verbose_name_plural = _("indikatorer")
        ordering = ["code"]
        constraints = [
            models.UniqueConstraint(fields=["locale", "code"], name="indicator_code_per_locale")
        ]

    def __str__(self):
        return self.name

    def clean(self):
        super().clean()
        if self.target_value is None or self.worst is None:
            return
        if self.direction == Direction.HIGHER and self.worst >= self.target_value:
            raise ValidationError(
                {"worst": _("Når høyere er bedre, må verste verdi være lavere enn målverdien.")}
            )
        if self.direction == Direction.LOWER and self.worst <= self.target_value:
            raise ValidationError(
                {"worst": _("Når lavere er bedre, må verste verdi være høyere enn målverdien.")}
            )

    @property
    def language_code(self):
        return self.locale.language_code

    @property
    def goal_numbers(self):
        """The goals the indicator belongs to, from its goals and targets (11.6 is goal 11)."""
        numbers = {int(part.split(".")[0]) for part in self.goals.split(",") if part.strip()}
        return sorted(number for number in numbers if 1 <= number <= 17)


class Area(models.Model):
    """Where a figure is for, by SSB's code: a kommune (5001), the county (50) or the
    country (0)."""

    class Kind(models.TextChoices):
        KOMMUNE = "kommune", _("Kommune")
        COUNTY = "fylke", _("Fylke")
        COUNTRY = "land", _("Land")

    code = models.CharField(_("kode"), max_length=4, unique=True)
    name = models.CharField(_("navn"), max_length=100)
    kind = models.CharField(_("type"), max_length=7, choices=Kind.choices)
    kostra_group = models.CharField(
        _("KOSTRA-gruppe"),
        max_length=20,
        blank=True,
        help_text=_("SSBs gruppe av kommuner som ligner hverandre, for eksempel «K13»."),
    )

    class Meta:
        verbose_name = _("område")
        verbose_name_plural = _("områder")
        ordering = ["code"]

    def __str__(self):
        return self.name


class ImportBatch(models.Model):
    """One import: its file as it came, where it is from, who ran it and when, and what it
    changed (ObservationChange), so it can be undone. A file uploaded in the admin is kept
    here, not yet applied, while its preview is shown."""

    file_name = models.CharField(_("filnavn"), max_length=255)
    content = models.BinaryField(_("filen"))
    source = models.CharField(_("kilde"), max_length=255, blank=True)
    indicator = models.CharField(
        _("indikatorkode"),
        max_length=60,
        blank=True,
        help_text=_("For en CSV-fil med ett år per kolonne: indikatoren den gjelder."),
    )
    created_at = models.DateTimeField(_("lastet opp"), auto_now_add=True)
    applied_at = models.DateTimeField(_("importert"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("importert av"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    added = models.PositiveIntegerField(_("nye tall"), default=0)
    changed = models.PositiveIntegerField(_("endrede tall"), default=0)
    unchanged = models.PositiveIntegerField(_("uendrede tall"), default=0)
    undone_at = models.DateTimeField(_("angret"), null=True, blank=True)

    class Meta:
        verbose_name = _("import")
        verbose_name_plural = _("importer")
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return f"{self.file_name} ({self.created_at:%d.%m.%Y %H:%M})"


class Observation(models.Model):
    """An indicator's figure for one area and period. The value may be missing, with
    SSB's status mark saying why (`..` not available, `:` confidential); `p` marks a
    provisional figure."""

    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="observations")
    area = models.ForeignKey(Area, on_delete=models.PROTECT, related_name="observations")
    period = models.CharField(_("periode"), max_length=10)
    value = models.DecimalField(_("verdi"), max_digits=20, decimal_places=6, null=True, blank=True)
    status = models.CharField(_("status"), max_length=3, blank=True)
    batch = models.ForeignKey(
        ImportBatch, on_delete=models.PROTECT, related_name="observations", verbose_name=_("import")
    )

    api_fields = [
        APIField("indicator", serializer=serializers.CharField(source="indicator.code")),
        APIField("area", serializer=serializers.CharField(source="area.code")),
        APIField("area_name", serializer=serializers.CharField(source="area.name")),
        APIField("value", serializer=FigureField()),
        APIField("is_example", serializer=serializers.BooleanField(source="indicator.is_example")),
    ]

    class Meta:
        verbose_name = _("tall")
        verbose_name_plural = _("tall")
        constraints = [
            models.UniqueConstraint(
                fields=["indicator", "area", "period"], name="one_observation_per_cell"
            )
        ]
        indexes = [models.Index(fields=["area", "indicator", "period"])]

    def __str__(self):
        return f"{self.indicator.code} {self.area.code} {self.period}"


class ObservationChange(models.Model):
    """A figure an import changed, with the value and status it had and the import that
    had set them. A figure an import added is known by its batch."""

    batch = models.ForeignKey(ImportBatch, on_delete=models.CASCADE, related_name="changes")
    observation = models.ForeignKey(Observation, on_delete=models.CASCADE, related_name="+")
    old_value = models.DecimalField(max_digits=20, decimal_places=6, null=True)
    old_status = models.CharField(max_length=3, blank=True)
    old_batch = models.ForeignKey(
        ImportBatch, null=True, on_delete=models.PROTECT, related_name="+"
    )

    def __str__(self):
        return f"{self.batch}: {self.observation}"
