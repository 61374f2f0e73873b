"""The portal as a service keeps serving through faults: /healthz names what fails, a
database that does not answer gives a Norwegian 503 that says when to come back, and a
Redis that is gone or hung costs no server errors. Redis here is a private server the
test starts itself, never the machine's own."""

import datetime
import os
import signal
import socket
import subprocess
import time

import pytest
from django.core.cache import caches
from django.db import OperationalError
from django.test import Client
from django.utils import timezone

from home.models import HomePage
from network.models import KommunePage
from portal.models import WorkerHeartbeat
from portal.tasks import heartbeat
from tests.conftest import free_port, nb

pytestmark = pytest.mark.django_db


def test_healthz_says_every_part_is_working(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok", "cache": "ok", "worker": "ok"}
    assert "no-cache" in response["Cache-Control"] or "no-store" in response["Cache-Control"]


@pytest.fixture
def with_worker(settings):
    """Tasks queued for a worker, as in production."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


def test_healthz_names_a_worker_that_has_stopped(client, with_worker):
    assert client.get("/healthz").json()["worker"] == "har ikke meldt seg"
    heartbeat.call()  # what the worker does when `make serve` asks
    assert client.get("/healthz").status_code == 200
    WorkerHeartbeat.objects.update(seen_at=timezone.now() - datetime.timedelta(minutes=5))
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["worker"].startswith("siste livstegn for 3")


def test_a_database_that_does_not_answer_gives_a_norwegian_503(monkeypatch):
    def gone(*args, **kwargs):
        raise OperationalError("connection to server at 127.0.0.1, port 5432 failed")

    monkeypatch.setattr(HomePage, "get_context", gone)
    response = Client(raise_request_exception=False).get("/")
    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    html = response.content.decode()
    assert "Portalen er straks tilbake" in html and "Traceback" not in html
    assert "5432" not in html


@pytest.fixture
def private_redis(tmp_path, settings):
    """A Redis server of the test's own, as the portal's cache."""
    port = free_port()
    server = subprocess.Popen(
        ["redis-server", "--port", str(port), "--bind", "127.0.0.1", "--save", ""]
        + ["--appendonly", "no", "--dir", str(tmp_path)],
        stdout=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        with socket.socket() as probe:
            if probe.connect_ex(("127.0.0.1", port)) == 0:
                break
        time.sleep(0.05)
    settings.CACHES = {
        **settings.CACHES,
        "default": {
            "BACKEND": "portal.cache.ResilientRedisCache",
            "LOCATION": f"redis://127.0.0.1:{port}/0",
        },
    }
    yield server
    if server.poll() is None:
        os.kill(server.pid, signal.SIGCONT)
        server.terminate()
        server.wait(5)
    caches["default"].close()


PAGES = ["/", "/kommuner/froya/", "/god-praksis/", "/sok/?q=matsvinn", "/api/v2/pages/"]


def timed_get(client, url):
    started = time.monotonic()
    response = client.get(url)
    return response.status_code, time.monotonic() - started


def test_a_redis_outage_costs_no_server_errors(private_redis):
    client = Client(raise_request_exception=False)
    assert [timed_get(client, url)[0] for url in PAGES] == [200] * len(PAGES)
    import redis

    location = caches["default"]._servers[0]
    assert redis.Redis.from_url(location).dbsize() > 0  # Redis really was in use

    private_redis.terminate()
    private_redis.wait(5)
    assert [timed_get(client, url)[0] for url in PAGES * 2] == [200] * len(PAGES) * 2
    health = client.get("/healthz")
    assert health.status_code == 503 and health.json()["cache"] == "svarer ikke"


def test_a_hung_redis_costs_at_most_a_short_wait(private_redis):
    client = Client(raise_request_exception=False)
    client.get("/")
    os.kill(private_redis.pid, signal.SIGSTOP)  # it takes connections and never answers
    answers = [timed_get(client, url) for url in PAGES * 2]
    os.kill(private_redis.pid, signal.SIGCONT)
    assert [status for status, _took in answers] == [200] * len(answers)
    assert max(took for _status, took in answers) < 1.0, answers


def test_a_cache_in_front_is_told_to_drop_a_page_when_it_is_published(settings):
    """FRONTEND_CACHE_PURGE_URL: Wagtail sends an HTTP PURGE for the page's address to the
    cache in front (Varnish, say). Here the cache is a little server the test starts."""
    import threading
    from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

    purged = []

    class FrontCache(BaseHTTPRequestHandler):
        def do_PURGE(self):  # noqa: N802 - the HTTP method's name
            purged.append((self.headers["Host"], self.path))
            self.send_response(200)
            self.end_headers()

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), FrontCache)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    settings.WAGTAILFRONTENDCACHE = {
        "proxy": {
            "BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
            "LOCATION": f"http://127.0.0.1:{server.server_port}",
        }
    }
    try:
        froya = nb_kommune("5014")
        froya.save_revision().publish()
    finally:
        server.shutdown()
    assert ("testserver", "/kommuner/froya/") in purged, purged


def nb_kommune(number):
    return nb(KommunePage, kommunenummer=number)
