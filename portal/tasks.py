"""Background work of the shell (django-tasks)."""

from django.utils import timezone
from django_tasks import task

from portal.models import WorkerHeartbeat

# How often `make serve` asks for a heartbeat, and how old one may be before /healthz
# says the worker is not working.
HEARTBEAT_SECONDS = 30
STALE_AFTER_SECONDS = 120


@task()
def heartbeat():
    WorkerHeartbeat.objects.update_or_create(name="worker", defaults={"seen_at": timezone.now()})
