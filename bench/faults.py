"""`make serve` through faults, with a PostgreSQL and a Redis of the bench's own (never the
machine's own on 5432 and 6379) and 20 clients asking all the time:

1. PostgreSQL stopped for 10 s: visitors get 503 (or a page from the page cache), never a
   500; pages come back within 5 s of the database; the task worker is alive afterwards.
2. Redis killed for 10 s: no server errors.
3. Redis paused (SIGSTOP) for 10 s: every request answered within 1 s.

    .venv/bin/python bench/faults.py

It prints, per phase, the answers by status code and the slowest answer. Numbers from this
machine: bench/results/faults.txt."""

import collections
import http.client
import os
import secrets
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(BASE_DIR))

from bench.services import PrivatePostgres, PrivateRedis, free_port  # noqa: E402

CLIENTS = 20
# Pages from the page cache, pages rendered every time (a session cookie skips the cache,
# so the database is asked), the search and the health check.
REQUESTS = [
    ("/", ""),
    ("/kommuner/froya/", ""),
    ("/god-praksis/", ""),
    ("/rapporter/", ""),
    ("/kommuner/froya/", "sessionid=bench"),
    ("/sok/?q=matsvinn", ""),
    ("/kommuner/froya/halvert-matsvinn-i-skolekantina/", ""),
    ("/baerekraftfredag/", ""),
]


def get(port, path, cookie=""):
    """(status, body) of a GET, or ("no answer", "")."""
    try:
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
        connection.request("GET", path, headers={"Cookie": cookie} if cookie else {})
        response = connection.getresponse()
        answer = response.status, response.read().decode(errors="replace")
        connection.close()
        return answer
    except OSError:
        return "no answer", ""


class Clients:
    """CLIENTS threads asking for REQUESTS in turn; every answer is kept with its phase."""

    def __init__(self, port):
        self.port = port
        self.phase = "warm-up"
        self.answers = collections.defaultdict(list)  # phase: [(time, status, seconds)]
        self.health = collections.defaultdict(list)  # phase: /healthz statuses
        self.running = True
        self.threads = [threading.Thread(target=self.ask, args=(n,)) for n in range(CLIENTS)]
        for thread in self.threads:
            thread.start()

    def ask(self, number):
        turn = number
        while self.running:
            if number == 0 and turn % 5 == 0:  # one client also asks /healthz now and then
                self.health[self.phase].append(get(self.port, "/healthz")[0])
            path, cookie = REQUESTS[turn % len(REQUESTS)]
            turn += 1
            started = time.monotonic()
            status, _body = get(self.port, path, cookie)
            self.answers[self.phase].append((time.monotonic(), status, time.monotonic() - started))

    def stop(self):
        self.running = False
        for thread in self.threads:
            thread.join()


def report(name, answers):
    counts = collections.Counter(status for _at, status, _took in answers)
    slowest = max((took for _at, _status, took in answers), default=0)
    statuses = ", ".join(f"{status}: {count}" for status, count in sorted(counts.items(), key=str))
    print(f"{name:<28} {len(answers):>6} answers ({statuses}); slowest {slowest:.2f} s")
    return counts


def recovery(answers, since):
    """Seconds from `since` until every later answer was a success."""
    last_failure = max((at for at, status, _took in answers if status != 200), default=since)
    return max(0.0, last_failure - since)


def main():
    directory = tempfile.mkdtemp(prefix="bench-faults-")
    os.chmod(directory, 0o755)
    postgres = PrivatePostgres(directory)
    redis = PrivateRedis(directory)
    port = free_port()
    var = Path(directory) / "var"
    var.mkdir()
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "portal.settings.production",
        "DATABASE_URL": postgres.url,
        "REDIS_URL": redis.url,
        "VAR_DIR": str(var),
        "SECRET_KEY": secrets.token_urlsafe(64),
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "SECURE_SSL_REDIRECT": "0",
        "WEB_CONCURRENCY": "2",
    }
    server = subprocess.Popen(
        [sys.executable, "manage.py", "serve", "--port", str(port)],
        cwd=BASE_DIR,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=open(var / "serve.log", "w"),
    )
    clients = None
    try:
        deadline = time.monotonic() + 300
        while get(port, "/healthz")[0] != 200:
            if time.monotonic() > deadline:
                raise SystemExit("make serve never became healthy")
            time.sleep(1)
        clients = Clients(port)
        time.sleep(5)
        clients.phase = "normal"
        time.sleep(10)

        clients.phase = "PostgreSQL stopped"
        postgres.stop()
        time.sleep(10)
        postgres.start()
        clients.phase = "PostgreSQL back"
        back_at = time.monotonic()
        back_wall = time.time()
        time.sleep(15)

        clients.phase = "Redis killed"
        redis.kill()
        time.sleep(10)
        clients.phase = "Redis back"
        redis.start()
        time.sleep(8)

        clients.phase = "Redis paused (SIGSTOP)"
        os.kill(redis.process.pid, signal.SIGSTOP)
        time.sleep(10)
        os.kill(redis.process.pid, signal.SIGCONT)
        clients.phase = "Redis resumed"
        time.sleep(5)
        clients.stop()

        print(f"{CLIENTS} clients, make serve (2 app server processes) on PostgreSQL + Redis\n")
        for phase, answers in clients.answers.items():
            report(phase, answers)
            health = collections.Counter(clients.health[phase])
            print(f"{'':28} /healthz: {dict(health)}")
        print()
        down = collections.Counter(s for _a, s, _t in clients.answers["PostgreSQL stopped"])
        other = sum(count for status, count in down.items() if status not in (200, 503))
        print(f"PostgreSQL stopped: answers other than 200 (cached) or 503: {other}")
        took = recovery(clients.answers["PostgreSQL back"], back_at)
        print(f"PostgreSQL back: every answer a success {took:.1f} s after it was up")
        for phase in ("Redis killed", "Redis paused (SIGSTOP)"):
            answers = clients.answers[phase]
            errors = sum(1 for _a, s, _t in answers if not (isinstance(s, int) and s < 500))
            slowest = max(t for _a, _s, t in answers)
            print(f"{phase}: server errors {errors}, slowest answer {slowest:.2f} s")
        status, body = get(port, "/healthz")
        print(f"/healthz at the end: {status} {body}")
        # The worker stopped with the database; it must be back and taking tasks: a
        # heartbeat task queued after the database returned has run.
        deadline = time.monotonic() + 90
        beat = 0.0
        while time.monotonic() < deadline:
            beat = float(
                subprocess.run(
                    [
                        "psql",
                        postgres.url,
                        "-tAc",
                        "SELECT coalesce(max(extract(epoch FROM seen_at)), 0) "
                        "FROM portal_workerheartbeat",
                    ],
                    capture_output=True,
                    text=True,
                ).stdout.strip()
                or 0
            )
            if beat > back_wall:
                break
            time.sleep(2)
        if beat > back_wall:
            print(f"task worker ran a task queued after the outage, {beat - back_wall:.0f} s after")
        else:
            print("task worker ran no task after the outage within 90 s")
        worker = subprocess.run(["pgrep", "-f", "manage.py db_worker"], capture_output=True)
        print(f"task worker running at the end: {'yes' if worker.returncode == 0 else 'no'}")
    finally:
        if clients:
            clients.running = False
        server.send_signal(signal.SIGTERM)
        server.wait(30)
        redis.kill()
        postgres.stop()
        shutil.rmtree(directory, ignore_errors=True)


if __name__ == "__main__":
    main()
