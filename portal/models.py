"""What the shell itself keeps: the task worker's heartbeat, which /healthz reads."""

from django.db import models


class WorkerHeartbeat(models.Model):
    """When the task worker last ran the heartbeat task. `make serve` queues one every
    HEARTBEAT_SECONDS; a worker that is stuck or gone stops answering."""

    name = models.CharField(max_length=50, primary_key=True)
    seen_at = models.DateTimeField()

    def __str__(self):
        return f"{self.name}: {self.seen_at:%Y-%m-%d %H:%M:%S}"


class ContentGeneration(models.Model):
    """The page cache's content generation (portal/pagecache.py), kept in the database as
    well as in Redis. While Redis is away every app server still agrees on it: the pages a
    process keeps and what it remembers per generation (core/memo.py) stay in use, and a
    change made in the meantime still starts a new one for all of them. One row."""

    value = models.CharField(max_length=32)

    def __str__(self):
        return self.value
