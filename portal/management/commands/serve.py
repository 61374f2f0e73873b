"""`manage.py serve` (what `make serve` runs): the portal in production mode on this
machine, in the foreground.

It collects the static files, applies the migrations and runs the bootstrap, then starts
the app server (granian, several worker processes) and the task worker (django-tasks'
`db_worker`) and watches them: one that exits is started again, after a pause that grows
while it keeps failing (a database that is away makes `db_worker` exit; it comes back
with the database and takes the queued tasks). Every HEARTBEAT_SECONDS it queues a
heartbeat task, so /healthz can tell whether the worker works. Ctrl-C or SIGTERM stops
everything and waits for the children to finish what they are doing."""

import ctypes
import os
import signal
import subprocess
import sys
import time

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import DatabaseError, close_old_connections, connection

from portal.tasks import HEARTBEAT_SECONDS, heartbeat

PR_SET_PDEATHSIG = 1  # prctl(2): a signal for this process when its parent dies
STOP_TIMEOUT = 15  # seconds the children get to finish before they are killed
LONGEST_PAUSE = 30  # seconds between restarts of a child that keeps failing
HEALTHY_AFTER = 60  # seconds a child must run before its pause is reset


def stop_with_parent():
    """Ask Linux to send SIGTERM when the parent process dies: `make serve` stopped, or
    this command killed outright, leaves no app server or worker running on its own."""
    try:
        ctypes.CDLL(None).prctl(PR_SET_PDEATHSIG, signal.SIGTERM)
    except (AttributeError, OSError):
        pass  # not Linux: the children are stopped by stop() as usual


class Child:
    def __init__(self, name, command):
        self.name, self.command = name, command
        self.process = None
        self.started = 0.0
        self.pause = 1.0
        self.restart_at = 0.0

    def start(self):
        self.process = subprocess.Popen(self.command, preexec_fn=stop_with_parent)
        self.started = time.monotonic()

    def running(self):
        return self.process is not None and self.process.poll() is None


class Command(BaseCommand):
    help = "Kjører portalen i produksjonsmodus: appserver og bakgrunnsarbeider, overvåket."

    def add_arguments(self, parser):
        parser.add_argument("--host", default=os.environ.get("HOST", "127.0.0.1"))
        parser.add_argument("--port", type=int, default=int(os.environ.get("PORT", "8000")))
        parser.add_argument(
            "--workers",
            type=int,
            default=int(os.environ.get("WEB_CONCURRENCY", str(os.cpu_count() or 2))),
            help="App server processes (WEB_CONCURRENCY).",
        )
        parser.add_argument(
            "--threads",
            type=int,
            default=int(os.environ.get("WEB_THREADS", "4")),
            help="Threads per app server process (WEB_THREADS).",
        )
        parser.add_argument(
            "--no-prepare", action="store_true", help="Skip collectstatic, migrate and bootstrap."
        )

    def handle(self, *args, host, port, workers, threads, no_prepare, **options):
        if settings.DEBUG:
            raise CommandError(
                "`serve` is production mode: run it with portal.settings.production."
            )
        stop_with_parent()
        if not no_prepare:
            self.prepare()
        children = [
            Child(
                "app server",
                [sys.executable, "-m", "granian", "--interface", "wsgi", "--host", host]
                + ["--port", str(port), "--workers", str(workers), "--no-access-log"]
                # Few threads: on 2 cores, 50 clients over pages and searches got 355
                # requests/s and p95 237 ms with 4, 271 and 398 ms with 8, and 224 and
                # 829 ms with granian's default of 256 (threads that take turns on the
                # interpreter lock slow each other down). But a slow download holds a
                # thread to its last byte, and each thread keeps a database connection.
                + ["--blocking-threads", str(threads)]
                + ["--respawn-failed-workers", "portal.wsgi:application"],
            ),
            Child("task worker", [sys.executable, "manage.py", "db_worker", "--interval", "1"]),
        ]
        stopping = []
        signal.signal(signal.SIGTERM, lambda *_: stopping.append(True))
        signal.signal(signal.SIGINT, lambda *_: stopping.append(True))
        for child in children:
            child.start()
        self.stdout.write(f"Portalen kjører på http://{host}:{port}/ (Ctrl-C stopper den).")
        next_heartbeat = 0.0
        while not stopping:
            now = time.monotonic()
            for child in children:
                self.watch(child, now)
            if now >= next_heartbeat:
                self.ask_for_heartbeat()
                next_heartbeat = now + HEARTBEAT_SECONDS
            time.sleep(0.5)
        self.stop(children)

    def prepare(self):
        call_command("collectstatic", interactive=False, verbosity=0)
        call_command("migrate", interactive=False, verbosity=0)
        call_command("bootstrap", verbosity=0)

    def watch(self, child, now):
        if child.running():
            if now - child.started > HEALTHY_AFTER:
                child.pause = 1.0
            return
        if child.restart_at == 0.0:
            code = child.process.returncode
            self.stderr.write(
                f"{child.name} stoppet (kode {code}); starter igjen om {child.pause:.0f} s."
            )
            child.restart_at = now + child.pause
            child.pause = min(child.pause * 2, LONGEST_PAUSE)
        elif now >= child.restart_at:
            child.restart_at = 0.0
            child.start()

    def ask_for_heartbeat(self):
        # This loop is no request, so nothing else drops a connection the database broke
        # off: kept (CONN_MAX_AGE), it failed every beat after an outage, and /healthz
        # then named a working worker as stopped.
        close_old_connections()
        try:
            heartbeat.enqueue()
        except DatabaseError:
            connection.close()  # the database is away; the next beat connects anew

    def stop(self, children):
        self.stdout.write("Stopper …")
        for child in children:
            if child.running():
                child.process.terminate()
        deadline = time.monotonic() + STOP_TIMEOUT
        for child in children:
            if child.process is None:
                continue
            try:
                child.process.wait(max(0.1, deadline - time.monotonic()))
            except subprocess.TimeoutExpired:
                child.process.kill()
                child.process.wait()
        self.stdout.write("Stoppet.")
