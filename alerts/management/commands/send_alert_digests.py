"""`manage.py send_alert_digests`: the weekly digest to each confirmed subscriber who
chose it, with what was announced since their last one, and the requests never confirmed
within a week deleted. Run it once a week (cron, a systemd timer)."""

import datetime

from django.core.management.base import BaseCommand
from django.utils import timezone

from alerts.models import CONFIRMATION_DAYS, Frequency, Subscription
from alerts.tasks import send_digest

UNCONFIRMED_KEPT = datetime.timedelta(days=CONFIRMATION_DAYS)


class Command(BaseCommand):
    help = "Sender ukens samlede e-postvarsler og sletter påmeldinger som aldri ble bekreftet."

    def handle(self, *args, **options):
        now = timezone.now()
        deleted, _ = Subscription.objects.filter(
            confirmed_at=None, created_at__lt=now - UNCONFIRMED_KEPT
        ).delete()
        sent = 0
        weekly = Subscription.objects.filter(confirmed_at__isnull=False, frequency=Frequency.WEEKLY)
        for subscription in weekly.iterator():
            sent += send_digest(subscription, now) is not None
        self.stdout.write(
            f"Sendte {sent} ukesamlinger; slettet {deleted} påmeldinger som ikke ble bekreftet."
        )
