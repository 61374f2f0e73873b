"""E-mail alerts: who asked for word of what, and which pages have been announced.

Only what is needed is kept: the address, what it wants word of, its language, a random
token for its links, and when it asked and confirmed. No name, no IP address. An address
is deleted when it unsubscribes, and a request never confirmed is deleted after a week."""

import secrets

from django.db import models
from django.utils.translation import gettext_lazy as _


class Kind(models.TextChoices):
    CASES = "eksempler", _("Nye eksempler på god praksis")
    REPORTS = "rapporter", _("Nye rapporter")
    MEETINGS = "moter", _("Nye møter")
    NEWS = "nyheter", _("Nyheter")


# Kinds of page that carry themes; reports have none, so a theme chosen does not keep
# them out (the kommune still does).
THEMED = {Kind.CASES, Kind.MEETINGS, Kind.NEWS}
# How long a sign-up may wait for its confirmation (the mail says a week).
CONFIRMATION_DAYS = 7


def mailbox_of(email):
    """The mailbox an address delivers to: lower-case, without a «+tag» in the local part,
    so that name+1@ and name+2@ count as the one inbox they reach."""
    local, _at, domain = email.strip().lower().rpartition("@")
    return f"{local.split('+', 1)[0]}@{domain}"


class Frequency(models.TextChoices):
    IMMEDIATELY = "straks", _("Med en gang")
    WEEKLY = "ukentlig", _("En gang i uka, samlet")


def listed(text):
    """The values of a comma-separated field, as a set."""
    return {value for value in text.split(",") if value}


def new_token():
    return secrets.token_urlsafe(32)


class Subscription(models.Model):
    email = models.EmailField(_("e-post"))
    # For counting the confirmation mails one inbox gets, whatever +tag is added.
    mailbox = models.CharField(max_length=254, db_index=True, editable=False)
    kinds = models.CharField(
        _("varsel om"), max_length=60, help_text=_("Hva det varsles om, med komma mellom.")
    )
    themes = models.CharField(_("tema"), max_length=500, blank=True)
    kommuner = models.CharField(_("kommuner"), max_length=500, blank=True)
    frequency = models.CharField(
        _("hvor ofte"), max_length=10, choices=Frequency.choices, default=Frequency.IMMEDIATELY
    )
    language = models.CharField(_("språk"), max_length=5, default="nb")
    token = models.CharField(max_length=64, unique=True, default=new_token, editable=False)
    created_at = models.DateTimeField(_("meldt på"), auto_now_add=True)
    confirmed_at = models.DateTimeField(_("bekreftet"), null=True, blank=True)
    last_sent_at = models.DateTimeField(_("sist sendt"), null=True, blank=True)

    class Meta:
        verbose_name = _("abonnement")
        verbose_name_plural = _("abonnementer")
        indexes = [models.Index(fields=["email"])]

    def __str__(self):
        return self.email

    def save(self, *args, **kwargs):
        self.mailbox = mailbox_of(self.email)
        super().save(*args, **kwargs)

    def listed(self, field):
        return listed(getattr(self, field))

    def wants(self, announcement):
        """Whether an announced page is what this subscription asked for: its kind, and
        any of its themes and kommuner (none chosen: all)."""
        themes, kommuner = self.listed("themes"), self.listed("kommuner")
        return (
            announcement.kind in self.listed("kinds")
            and (
                not themes
                or announcement.kind not in THEMED
                or themes & announcement.listed("themes")
            )
            and (not kommuner or kommuner & announcement.listed("kommuner"))
        )


class Announcement(models.Model):
    """A page that has been announced, once: publishing it again, or editing it after it
    was published, announces nothing more."""

    translation_key = models.UUIDField(unique=True)
    page = models.ForeignKey("wagtailcore.Page", on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=20, choices=Kind.choices)
    themes = models.CharField(max_length=500, blank=True)
    kommuner = models.CharField(max_length=500, blank=True)
    announced_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = _("kunngjort side")
        verbose_name_plural = _("kunngjorte sider")

    def __str__(self):
        return f"{self.page} ({self.get_kind_display()})"

    def listed(self, field):
        return listed(getattr(self, field))
