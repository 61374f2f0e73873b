"""The alert pages: sign up (/varsler/), confirm and unsubscribe through the links in
the e-mails. Confirming and unsubscribing take a button press (POST): mail programs that
open links to check them would otherwise confirm or unsubscribe for the reader. Mail
programs' own one-click unsubscribe (RFC 8058) posts straight to the unsubscribe link."""

import datetime

from django.conf import settings
from django.db import transaction
from django.http import HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils import timezone, translation
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from alerts.forms import SubscribeForm
from alerts.models import CONFIRMATION_DAYS, Subscription, mailbox_of
from alerts.tasks import send_confirmation
from core.models import active_locale
from core.ratelimit import address_key, take_slot
from core.text import by_title
from network.models import KommunePage, ThemePage

WINDOW_SECONDS = 60 * 60
# No more than this many confirmation mails to one inbox in an hour, and in a day,
# whoever asks: the form cannot be used to flood someone else's inbox.
MAILS_PER_HOUR = 3
MAILS_PER_DAY = 5


def no_store(response):
    add_never_cache_headers(response)
    return response


@require_http_methods(["GET", "HEAD", "POST"])
def subscribe(request):
    locale = active_locale()
    form = SubscribeForm(
        request.POST or None,
        themes=ThemePage.objects.live().public().filter(locale=locale).order_by("title"),
        kommuner=by_title(KommunePage.objects.live().public().filter(locale=locale)),
    )
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
            address_key("alert-signups", request), settings.ALERT_SIGNUPS_PER_HOUR, WINDOW_SECONDS
        ):
            status = 429
            problem = _(
                "Du har meldt på mange ganger på kort tid. Vent en time og prøv igjen. "
                "Det du skrev, står fortsatt i skjemaet."
            )
        else:
            sign_up(form.cleaned_data, translation.get_language() or settings.LANGUAGE_CODE)
            return no_store(redirect("alerts_sent"))
    response = TemplateResponse(
        request, "alerts/subscribe.html", {"form": form, "problem": problem}, status=status
    )
    return no_store(response)


def sign_up(data, language):
    """A subscription waiting for its confirmation, and the mail that asks for it. The
    same answer whether or not the address is known, so the form tells no one who
    subscribes."""
    email = data["email"].strip().lower()
    now = timezone.now()
    expired()
    asked = Subscription.objects.filter(mailbox=mailbox_of(email), confirmed_at=None)
    hour = now - datetime.timedelta(seconds=WINDOW_SECONDS)
    day = now - datetime.timedelta(days=1)
    if (
        asked.filter(created_at__gt=hour).count() >= MAILS_PER_HOUR
        or asked.filter(created_at__gt=day).count() >= MAILS_PER_DAY
    ):
        return
    subscription = Subscription.objects.create(
        email=email,
        kinds=",".join(data["kinds"]),
        themes=",".join(data["themes"]),
        kommuner=",".join(data["kommuner"]),
        frequency=data["frequency"],
        language=language,
    )
    transaction.on_commit(lambda: send_confirmation.enqueue(subscription.pk))


def expired():
    """Sign-ups never confirmed within CONFIRMATION_DAYS are deleted, as the mail says."""
    limit = timezone.now() - datetime.timedelta(days=CONFIRMATION_DAYS)
    Subscription.objects.filter(confirmed_at=None, created_at__lt=limit).delete()


def sent(request):
    return no_store(TemplateResponse(request, "alerts/sent.html", {}))


def gone(request):
    """A link to a subscription that no longer exists (or never did)."""
    return no_store(TemplateResponse(request, "alerts/gone.html", {}, status=404))


@require_http_methods(["GET", "HEAD", "POST"])
def confirm(request, token):
    expired()
    subscription = Subscription.objects.filter(token=token).first()
    if subscription is None:
        return gone(request)
    done = subscription.confirmed_at is not None
    if request.method == "POST" and not done:
        with transaction.atomic():
            # The new choices replace any the address had before.
            Subscription.objects.filter(email=subscription.email).exclude(
                pk=subscription.pk
            ).delete()
            subscription.confirmed_at = timezone.now()
            subscription.save(update_fields=["confirmed_at"])
        done = True
    return no_store(
        TemplateResponse(
            request, "alerts/confirm.html", {"subscription": subscription, "done": done}
        )
    )


@csrf_exempt  # the token in the address is what allows it, as in the e-mail's header
@require_http_methods(["GET", "HEAD", "POST"])
def unsubscribe(request, token):
    if request.method == "POST":
        # Every sign-up of the address goes, also one waiting for its confirmation.
        found = Subscription.objects.filter(token=token).first()
        deleted = 0
        if found is not None:
            deleted, _count = Subscription.objects.filter(email=found.email).delete()
        if request.POST.get("List-Unsubscribe") == "One-Click":
            return HttpResponse(status=200 if deleted else 404)
        return no_store(TemplateResponse(request, "alerts/unsubscribed.html", {}))
    subscription = Subscription.objects.filter(token=token).first()
    if subscription is None:
        return gone(request)
    return no_store(
        TemplateResponse(request, "alerts/unsubscribe.html", {"subscription": subscription})
    )
