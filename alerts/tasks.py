"""Sending the alert e-mails as background work (the task worker in production, at once
in development and tests), so that publishing never waits for a mail server."""

from django.db import transaction
from django.utils import timezone
from django_tasks import task

from alerts import mail
from alerts.models import Announcement, Frequency, Subscription


@task()
def send_confirmation(subscription_id):
    subscription = Subscription.objects.filter(pk=subscription_id, confirmed_at=None).first()
    if subscription is not None:
        mail.confirmation(subscription).send()


@task()
def send_alerts(announcement_id):
    """An alert to each confirmed subscriber who wants word of the page at once."""
    announcement = Announcement.objects.filter(pk=announcement_id).select_related("page").first()
    if announcement is None or not announcement.page.live:
        return
    subscribers = Subscription.objects.filter(
        confirmed_at__isnull=False, frequency=Frequency.IMMEDIATELY
    )
    for subscription in subscribers.iterator():
        if subscription.wants(announcement):
            mail.alert(subscription, announcement).send()
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
        if subscription.wants(announcement)
    ]
    with transaction.atomic():
        Subscription.objects.filter(pk=subscription.pk).update(last_sent_at=now)
        if new:
            mail.digest(subscription, new).send()
    return new or None
