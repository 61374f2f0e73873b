"""Sending the alert e-mails as background work (the task worker in production, at once
in development and tests), so that publishing never waits for a mail server. A mail that
fails is logged and the others still go; a page that has become private since it was
announced is not sent at all."""

import logging
import smtplib

from django.core.mail import BadHeaderError
from django.db import transaction
from django.utils import timezone
from django_tasks import task
from wagtail.models import PageViewRestriction

from alerts import mail
from alerts.models import Announcement, Frequency, Subscription

logger = logging.getLogger(__name__)
FAILURES = (smtplib.SMTPException, BadHeaderError, OSError)


def public(page):
    """Live and without a view restriction on it or above it, now."""
    if not page.live:
        return False
    above = page.get_ancestors(inclusive=True)
    return not PageViewRestriction.objects.filter(page__in=above).exists()


def send(message, subscription):
    try:
        message.send()
    except FAILURES as error:
        logger.warning("Varsel til abonnement %s ble ikke sendt: %s", subscription.pk, error)
        return False
    return True


@task()
def send_confirmation(subscription_id):
    subscription = Subscription.objects.filter(pk=subscription_id, confirmed_at=None).first()
    if subscription is not None:
        send(mail.confirmation(subscription), subscription)


@task()
def send_alerts(announcement_id):
    """An alert to each confirmed subscriber who wants word of the page at once."""
    announcement = Announcement.objects.filter(pk=announcement_id).select_related("page").first()
    if announcement is None or not public(announcement.page):
        return
    subscribers = Subscription.objects.filter(
        confirmed_at__isnull=False, frequency=Frequency.IMMEDIATELY
    )
    for subscription in subscribers.iterator():
        if subscription.wants(announcement) and send(
            mail.alert(subscription, announcement), subscription
        ):
            Subscription.objects.filter(pk=subscription.pk).update(last_sent_at=timezone.now())


def send_digest(subscription, now):
    """The week's announcements for one weekly subscriber, in one mail; None if nothing
    new matched. Marked as sent in the same transaction, so that a digest is not sent
    twice for the same week."""
    since = subscription.last_sent_at or subscription.confirmed_at
    new = [
        announcement
        for announcement in Announcement.objects.filter(
            announced_at__gt=since, announced_at__lte=now, page__live=True
        )
        .select_related("page")
        .order_by("announced_at")
        if subscription.wants(announcement) and public(announcement.page)
    ]
    if new and not send(mail.digest(subscription, new), subscription):
        return None  # tried again next time, with the same pages
    with transaction.atomic():
        Subscription.objects.filter(pk=subscription.pk).update(last_sent_at=now)
    return new or None
