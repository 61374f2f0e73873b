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

import portal.cache
import portal.views
from cases.models import CasePage
from home.models import HomePage
from network.models import KommunePage
from portal import pagecache
from portal.models import WorkerHeartbeat
from portal.tasks import heartbeat
from tests.conftest import free_port, nb
from tests.helpers import fetch, from_cache

pytestmark = pytest.mark.django_db


def test_healthz_says_every_part_is_working(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok", "cache": "ok", "worker": "ok"}
    assert "no-cache" in response["Cache-Control"] or "no-store" in response["Cache-Control"]


def test_healthz_checks_at_the_same_time_do_not_fail_each_other(monkeypatch):
    """Another check writes its probe between this one's write and read."""

    class Interleaved:
        def __init__(self, cache):
            self.cache, self.others = cache, []

        def set(self, *args, **kwargs):
            return self.cache.set(*args, **kwargs)

        def get(self, *args, **kwargs):
            if not self.others:
                self.others.append("running")
                self.others[0] = portal.views.cache_state()
            return self.cache.get(*args, **kwargs)

        def delete(self, *args, **kwargs):
            return self.cache.delete(*args, **kwargs)

    interleaved = Interleaved(caches["default"])
    monkeypatch.setattr(portal.views, "cache", interleaved)
    assert portal.views.cache_state() == "ok"
    assert interleaved.others == ["ok"]


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


def test_make_serve_asks_for_heartbeats_again_after_a_database_outage(monkeypatch):
    """The serve loop keeps its connection between beats: one the database broke off is
    dropped, so the next beat connects anew."""
    from portal.management.commands import serve

    class Heartbeat:
        def enqueue(self):
            raise OperationalError("server closed the connection unexpectedly")

    class Connection:
        closed = False

        def close(self):
            self.closed = True

    monkeypatch.setattr(serve, "heartbeat", Heartbeat())
    monkeypatch.setattr(serve, "connection", Connection())
    serve.Command().ask_for_heartbeat()
    assert serve.connection.closed


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


def start_redis(port, directory, persist=False):
    """A Redis server of the test's own; with `persist`, it writes every change to disk
    and reads it back when started again, as a production Redis does."""
    keeping = ["--appendonly", "yes", "--appendfsync", "always"] if persist else []
    server = subprocess.Popen(
        ["redis-server", "--port", str(port), "--bind", "127.0.0.1", "--save", ""]
        + ["--dir", str(directory), *(keeping or ["--appendonly", "no"])],
        stdout=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        with socket.socket() as probe:
            if probe.connect_ex(("127.0.0.1", port)) == 0:
                return server
        time.sleep(0.05)
    raise AssertionError("redis-server did not start")


def stop(server):
    if server.poll() is None:
        os.kill(server.pid, signal.SIGCONT)
        server.terminate()
        server.wait(5)


@pytest.fixture
def redis_port(settings):
    """The portal's caches on a Redis at this port (started by the test)."""
    port = free_port()
    settings.CACHES = {
        **settings.CACHES,
        **{
            name: {
                "BACKEND": "portal.cache.ResilientRedisCache",
                "LOCATION": f"redis://127.0.0.1:{port}/0",
                "KEY_PREFIX": name,
            }
            for name in ("default", "pages")
        },
    }
    yield port
    for name in ("default", "pages"):
        caches[name].close()


@pytest.fixture
def private_redis(tmp_path, redis_port):
    server = start_redis(redis_port, tmp_path)
    yield server
    stop(server)


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


def test_a_page_published_while_redis_was_down_is_not_served_stale_afterwards(
    tmp_path, redis_port, settings, monkeypatch
):
    """Redis restarts with what it held (its append-only file), but the purge made while
    it was down never reached it. The first call that reaches it again purges."""
    settings.PAGE_CACHE = True
    monkeypatch.setattr(portal.cache, "RETRY_AFTER", 0.2)
    server = start_redis(redis_port, tmp_path, persist=True)
    try:
        case = "/kommuner/froya/halvert-matsvinn-i-skolekantina/"
        fetch(case)
        assert from_cache(fetch(case))
        server.kill()
        server.wait(5)
        page = nb(CasePage, url_path__endswith="/halvert-matsvinn-i-skolekantina/")
        page.title = "Matsvinnet i kantina er halvert"
        page.save_revision().publish()
        server = start_redis(redis_port, tmp_path, persist=True)
        time.sleep(0.3)  # the process leaves Redis alone for RETRY_AFTER
        first = fetch(case)
        assert "Matsvinnet i kantina er halvert" in first["body"]
        assert not from_cache(first)
    finally:
        stop(server)


def test_while_redis_is_away_pages_come_from_the_process_and_a_change_still_shows(
    tmp_path, redis_port, settings, monkeypatch, django_capture_on_commit_callbacks
):
    """The generation is kept in the database as well: while Redis is away, the pages a
    process served last are still served (rendering every page made the site slow), and a
    publish still starts a new generation that every process sees."""
    settings.PAGE_CACHE = True
    monkeypatch.setattr(portal.cache, "RETRY_AFTER", 60)  # Redis stays left alone
    server = start_redis(redis_port, tmp_path)
    try:
        pagecache.new_shared_generation()  # as a publish before the outage leaves it
        case = "/kommuner/froya/halvert-matsvinn-i-skolekantina/"
        fetch(case)
        assert from_cache(fetch(case))
        server.kill()
        server.wait(5)
        assert from_cache(fetch(case))
        assert portal.cache.unavailable(pagecache.page_cache())  # Redis really was away

        page = nb(CasePage, url_path__endswith="/halvert-matsvinn-i-skolekantina/")
        page.title = "Matsvinnet i kantina er halvert"
        with django_capture_on_commit_callbacks(execute=True):
            page.save_revision().publish()
        first = fetch(case)
        assert "Matsvinnet i kantina er halvert" in first["body"]
        assert not from_cache(first)
        assert from_cache(fetch(case))  # and kept again, in the new generation
    finally:
        stop(server)


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
