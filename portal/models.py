"""What the shell itself keeps: the task worker's heartbeat, which /healthz reads."""

from django.db import models


class WorkerHeartbeat(models.Model):
    """When the task worker last ran the heartbeat task. `make serve` queues one every
    HEARTBEAT_SECONDS; a worker that is stuck or gone stops answering."""

    name = models.CharField(max_length=50, primary_key=True)
    seen_at = models.DateTimeField()

    def __str__(self):
        return f"{self.name}: {self.seen_at:%Y-%m-%d %H:%M:%S}"
