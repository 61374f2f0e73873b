"""Which app server `make serve` runs: granian against gunicorn, with 2 worker processes
each (one per core), beside nginx serving a 40 KB file in the same run.

    .venv/bin/python bench/app_server.py

Three loads per server: a trivial WSGI application answering 40 KB (what the server
itself costs, as for a page from the page cache), the portal's home page for an
anonymous visitor (from the page cache) and a kommune page rendered every time (a session
cookie skips the cache), on a SQLite database made for the run. gunicorn is not one of
the portal's dependencies: the script installs the pinned version into a directory of
its own. Installs nginx and wrk from Debian's packages if they are missing. Numbers from
this machine: bench/results/app_server.txt."""

import argparse
import os
import secrets
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(BASE_DIR))

from bench.http_throughput import P95, Nginx, ensure_tools, line, wait_for, wrk  # noqa: E402
from bench.services import free_port, granian, prepare  # noqa: E402

PYTHON = sys.executable
GUNICORN = "gunicorn==23.0.0"

TRIVIAL_APP = """
BODY = b"x" * 40_000


def application(environ, start_response):
    start_response("200 OK", [("Content-Type", "text/html"), ("Content-Length", "40000")])
    return [BODY]
"""


def servers(port, gunicorn_dir, app):
    """The command for each app server, serving `app` on `port` with 2 processes."""
    gunicorn = [
        PYTHON,
        "-c",
        f"import sys; sys.path.insert(0, {str(gunicorn_dir)!r}); "
        "from gunicorn.app.wsgiapp import run; sys.exit(run())",
    ]
    return {
        "granian": granian(port, app),
        "gunicorn": gunicorn
        + ["--workers", "2", "--bind", f"127.0.0.1:{port}", "--log-level", "warning", app],
    }


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seconds", type=int, default=10)
    args = parser.parse_args()
    ensure_tools()
    directory = Path(tempfile.mkdtemp(prefix="bench-app-server-"))
    script = directory / "p95.lua"
    script.write_text(P95)
    gunicorn_dir = directory / "gunicorn"
    subprocess.run(
        [PYTHON, "-m", "pip", "install", "-q", "--target", str(gunicorn_dir), GUNICORN],
        check=True,
    )
    (directory / "trivial_app.py").write_text(TRIVIAL_APP)
    env = {
        **os.environ,
        "PYTHONPATH": f"{directory}:{BASE_DIR}",
        "VAR_DIR": str(directory / "var"),
        "DATABASE_URL": f"sqlite:///{directory}/portal.sqlite3",
        "DJANGO_SETTINGS_MODULE": "portal.settings.production",
        "SECRET_KEY": secrets.token_urlsafe(64),
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "SECURE_SSL_REDIRECT": "0",
    }
    env.pop("REDIS_URL", None)
    prepare(BASE_DIR, env)
    loads = [
        ("trivial_app:application", "/", "40 KB from a trivial WSGI app", ()),
        ("portal.wsgi:application", "/", "home page, anonymous (page cache)", ()),
        (
            "portal.wsgi:application",
            "/kommuner/froya/",
            "kommune page, rendered",
            ("-H", "Cookie: sessionid=nobodys-session"),
        ),
    ]
    nginx = Nginx(directory)
    running = None
    try:
        columns = ("req/s", "of nginx", "p50 ms", "p95 ms")
        print(f"{'':10} {'what':<52} " + " ".join(f"{c:>8}" for c in columns) + " errors")
        ceiling = wrk(nginx.url, args.seconds, 16, script)
        line("nginx", "40 KB static file", *ceiling)
        for app, path, label, extra in loads:
            port = free_port()
            for name, command in servers(port, gunicorn_dir, app).items():
                running = subprocess.Popen(command, cwd=directory, env=env)
                url = f"http://127.0.0.1:{port}{path}"
                wait_for(url, 60)
                wrk(url, 2, 16, script, extra)  # warm up, fill the cache
                line(name, label, *wrk(url, args.seconds, 16, script, extra), ceiling=ceiling[0])
                running.terminate()
                running.wait()
                running = None
    finally:
        if running:
            running.kill()
        nginx.stop()
        shutil.rmtree(directory, ignore_errors=True)


if __name__ == "__main__":
    main()
