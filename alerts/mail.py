"""The alert e-mails: the confirmation, an alert, and the weekly digest, each in the
subscriber's language, each with a one-click unsubscribe link in the text and in the
`List-Unsubscribe` header (RFC 8058), so that mail programs offer it too."""

from django.conf import settings
from django.core.mail import EmailMessage
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from wagtail.models import Locale


def address(name, subscription):
    """An absolute link to one of the alert pages, in the subscriber's language."""
    with translation.override(subscription.language):
        path = reverse(name, args=[subscription.token])
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path


def page_address(page, language):
    """The page in the subscriber's language where it is published, else in bokmål."""
    locale = Locale.objects.filter(language_code=language).first()
    translated = page.get_translation_or_none(locale) if locale else None
    if translated is not None and translated.live:
        page = translated
    return page.get_full_url(), page.title


def one_line(text):
    """A title as it may stand in a header: a line break there is refused by the mail
    library (and would be a way to add headers)."""
    return " ".join(str(text).split())


def message(subscription, subject, lines, unsubscribe=True):
    body = list(lines)
    headers = {}
    if unsubscribe:
        link = address("alerts_unsubscribe", subscription)
        body += ["", _("Vil du ikke ha flere varsler? Meld deg av her:"), link]
        headers = {
            "List-Unsubscribe": f"<{link}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
        }
    return EmailMessage(
        subject=one_line(subject),
        body="\n".join(body) + "\n",
        to=[subscription.email],
        headers=headers,
    )


def confirmation(subscription):
    with translation.override(subscription.language):
        return message(
            subscription,
            _("Bekreft at du vil ha varsler fra Bærekraftsportalen"),
            [
                _(
                    "Noen, trolig du, har bedt om e-postvarsler fra Bærekraftsportalen til "
                    "denne adressen."
                ),
                _("Bekreft med lenken under. Før du gjør det, sender vi ingenting mer."),
                "",
                address("alerts_confirm", subscription),
                "",
                _(
                    "Var det ikke deg? Da kan du se bort fra denne e-posten. Adressen slettes "
                    "om en uke."
                ),
            ],
            unsubscribe=False,
        )


def alert(subscription, announcement):
    with translation.override(subscription.language):
        url, title = page_address(announcement.page.specific, subscription.language)
        kind = announcement.get_kind_display()
        return message(
            subscription,
            _("Nytt i Bærekraftsportalen: %(title)s") % {"title": title},
            [f"{kind}: {one_line(title)}", url],
        )


def digest(subscription, announcements):
    with translation.override(subscription.language):
        lines = [_("Dette er nytt i Bærekraftsportalen den siste uka:"), ""]
        for announcement in announcements:
            url, title = page_address(announcement.page.specific, subscription.language)
            lines += [f"{announcement.get_kind_display()}: {one_line(title)}", url, ""]
        return message(subscription, _("Ukens nytt fra Bærekraftsportalen"), lines)
