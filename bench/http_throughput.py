"""HTTP throughput of `make serve`, beside nginx serving a 40 KB static file on the same
machine in the same run (the machine's ceiling), measured with wrk.

    .venv/bin/python bench/http_throughput.py                       # SQLite
    .venv/bin/python bench/http_throughput.py --postgres --redis    # PostgreSQL + Redis
    .venv/bin/python bench/http_throughput.py --before a537178      # also an older commit
    .venv/bin/python bench/http_throughput.py --postgres --redis --load 60

For each URL it prints requests/s and p50/p95 latency: anonymous visitors (who get the
page cache), the same pages rendered every time (a request with a session cookie skips
the cache), and with --load, 50 clients for that many seconds over a mix of pages. With
--before, the same URLs against an older commit of this repository (checked out with git
worktree, served by the same app server, its own database), for a before/after in one
run. Installs nginx and wrk from Debian's packages if they are missing. Uses a private
Redis (never the machine's own on 6379) and its own PostgreSQL databases. Numbers from
this machine: bench/results/http_throughput.txt."""

import argparse
import os
import re
import secrets
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(BASE_DIR))

from bench.services import PrivateRedis, free_port, granian, prepare  # noqa: E402

PYTHON = sys.executable
PG = "postgres://postgres@127.0.0.1:5432"
PAGES = [
    "/",
    "/kommuner/froya/",
    "/kommuner/froya/halvert-matsvinn-i-skolekantina/",
    "/kommuner/froya/baerekraftsrapport-2024/",
    "/god-praksis/",
    "/rapporter/",
]
UNCACHED = [
    "/kommuner/froya/",
    "/kommuner/froya/halvert-matsvinn-i-skolekantina/",
    "/kommuner/froya/baerekraftsrapport-2024/",
    "/sok/?q=matsvinn",
    "/api/v2/pages/?type=cases.CasePage&fields=*",
]
P95 = """
done = function(summary, latency, requests)
  io.write(string.format("P95 %d\\n", latency:percentile(95)))
  io.write(string.format("P50 %d\\n", latency:percentile(50)))
  io.write(string.format("ERRORS %d\\n", summary.errors.status + summary.errors.connect
    + summary.errors.read + summary.errors.write + summary.errors.timeout))
end
"""


def wait_for(url, seconds=300):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if subprocess.run(["curl", "-fs", "-o", "/dev/null", url]).returncode == 0:
            return
        time.sleep(1)
    raise SystemExit(f"{url} never answered")


def ensure_tools():
    missing = [name for name in ("nginx", "wrk") if not shutil.which(name)]
    if missing:
        packages = ["nginx-light" if name == "nginx" else name for name in missing]
        subprocess.run(["apt-get", "install", "-y", "-qq", *packages], check=True)


def wrk(url, seconds, connections, script, extra=()):
    result = subprocess.run(
        ["wrk", "-t2", f"-c{connections}", f"-d{seconds}s", "-s", script, *extra, url],
        capture_output=True,
        text=True,
        check=True,
    )
    out = result.stdout
    rate = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    p50 = int(re.search(r"P50 (\d+)", out).group(1)) / 1000
    p95 = int(re.search(r"P95 (\d+)", out).group(1)) / 1000
    errors = int(re.search(r"ERRORS (\d+)", out).group(1))
    non_2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    return rate, p50, p95, errors + (int(non_2xx.group(1)) if non_2xx else 0)


class Nginx:
    """nginx serving one 40 KB file: what this machine can do over HTTP at best."""

    def __init__(self, directory):
        self.port = free_port()
        root = Path(directory) / "nginx"
        (root / "html").mkdir(parents=True)
        # nginx's workers run as nobody when it starts as root: they must reach the file.
        for folder in (Path(directory), root, root / "html"):
            folder.chmod(0o755)
        (root / "html" / "file.html").write_bytes(b"x" * 40_000)
        (root / "nginx.conf").write_text(
            f"""worker_processes 2; daemon off; pid {root}/nginx.pid; error_log {root}/error.log;
            events {{ worker_connections 1024; }}
            http {{ access_log off; sendfile on;
              server {{ listen 127.0.0.1:{self.port}; root {root}/html; }} }}"""
        )
        self.process = subprocess.Popen(["nginx", "-c", str(root / "nginx.conf"), "-p", str(root)])
        self.url = f"http://127.0.0.1:{self.port}/file.html"
        wait_for(self.url, 20)

    def stop(self):
        self.process.terminate()
        self.process.wait()


class Serve:
    """`manage.py serve` of a source tree, with its own database, var/ and port."""

    def __init__(self, tree, database_url, redis_url, directory, old=False):
        self.port = free_port()
        var = Path(directory) / f"var-{self.port}"
        var.mkdir()
        self.env = {
            **os.environ,
            "VAR_DIR": str(var),
            "DJANGO_SETTINGS_MODULE": "portal.settings.production",
            "SECRET_KEY": secrets.token_urlsafe(64),
            "ALLOWED_HOSTS": "127.0.0.1,localhost",
            "SECURE_SSL_REDIRECT": "0",
            "BASE_URL": f"http://127.0.0.1:{self.port}",
            "WEB_CONCURRENCY": "2",
        }
        self.env.pop("REDIS_URL", None)
        if database_url:
            self.env["DATABASE_URL"] = database_url
        if redis_url:
            self.env["REDIS_URL"] = redis_url
        if old:  # a commit from before `manage.py serve`: prepare it, then the same server
            prepare(tree, self.env)
            command = granian(self.port, "portal.wsgi:application")
        else:
            command = [PYTHON, "manage.py", "serve", "--port", str(self.port)]
        self.process = subprocess.Popen(
            command, cwd=tree, env=self.env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
        )
        self.base = f"http://127.0.0.1:{self.port}"
        self.tree = tree
        wait_for(self.base + "/")
        self.wait_for_worker()

    def wait_for_worker(self, seconds=180):
        """Until the task worker has done what the bootstrap queued (the text of the
        placeholder PDFs): measured alongside, it took a core from the first URLs."""
        check = (
            "from django_tasks_db.models import DBTaskResult as T; "
            "print((T.objects.ready() | T.objects.running()).count())"
        )
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            answer = subprocess.run(
                [PYTHON, "manage.py", "shell", "-c", check],
                cwd=self.tree,
                env=self.env,
                capture_output=True,
                text=True,
            )
            if answer.returncode or answer.stdout.strip() == "0":
                return  # done, or a commit whose tasks run in the request
            time.sleep(2)

    def stop(self):
        self.process.send_signal(signal.SIGTERM)
        try:
            self.process.wait(30)
        except subprocess.TimeoutExpired:
            self.process.kill()


def fresh_database(name):
    subprocess.run(
        ["psql", f"{PG}/postgres", "-qc", f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'],
        check=True,
        capture_output=True,
    )
    subprocess.run(["psql", f"{PG}/postgres", "-qc", f'CREATE DATABASE "{name}"'], check=True)
    return f"{PG}/{name}"


def line(label, url, rate, p50, p95, errors, ceiling=None):
    share = f"{100 * rate / ceiling:6.2f} %" if ceiling else "        "
    print(f"{label:<10} {url:<52} {rate:>8.1f} {share} {p50:>8.1f} {p95:>8.1f} {errors:>6}")


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seconds", type=int, default=10)
    parser.add_argument("--postgres", action="store_true")
    parser.add_argument("--redis", action="store_true")
    parser.add_argument("--before", help="an older commit to measure beside this tree")
    parser.add_argument("--load", type=int, default=0, help="seconds of 50 clients on a mix")
    parser.add_argument(
        "--mix-only", action="store_true", help="only the mix (the pages are warmed up)"
    )
    args = parser.parse_args()
    ensure_tools()
    directory = tempfile.mkdtemp(prefix="bench-http-")
    script = Path(directory) / "p95.lua"
    script.write_text(P95)
    redis = PrivateRedis(directory) if args.redis else None
    redis_url = redis.url if redis else None
    servers, worktree = [], None
    try:
        nginx = Nginx(directory)
        trees = [("now", BASE_DIR, False)]
        if args.before:
            worktree = Path(directory) / "before"
            subprocess.run(
                ["git", "worktree", "add", "--detach", str(worktree), args.before],
                cwd=BASE_DIR,
                check=True,
                capture_output=True,
            )
            (worktree / "node_modules").symlink_to(BASE_DIR / "node_modules")
            trees.append((args.before[:10], worktree, True))
        columns = ("req/s", "of nginx", "p50 ms", "p95 ms")
        print(f"{'':10} {'url':<52} " + " ".join(f"{c:>8}" for c in columns) + " errors")
        nginx_rate = wrk(nginx.url, args.seconds, 16, script)
        line("nginx", "40 KB static file", *nginx_rate)
        for label, tree, old in trees:
            database = fresh_database(f"bench_http_{label}") if args.postgres else None
            server = Serve(tree, database, redis_url, directory, old=old)
            servers.append(server)
            for url in PAGES:
                wrk(server.base + url, 2, 16, script)  # warm up, fill the cache
                if args.mix_only:
                    continue
                line(
                    f"{label} anon",
                    url,
                    *wrk(server.base + url, args.seconds, 16, script),
                    ceiling=nginx_rate[0],
                )
            for url in UNCACHED if not args.mix_only else []:
                extra = ("-H", "Cookie: sessionid=nobodys-session")
                wrk(server.base + url, 2, 4, script, extra)
                line(
                    f"{label} render", url, *wrk(server.base + url, args.seconds, 4, script, extra)
                )
            if args.load:
                mix = Path(directory) / "mix.lua"
                paths = PAGES + ["/sok/?q=matsvinn", "/api/v2/search/?q=barnehage", "/healthz"]
                mix.write_text(
                    "paths = {" + ",".join(f'"{p}"' for p in paths) + "}\ni = 0\n"
                    "request = function()\n  i = i + 1\n"
                    "  return wrk.format(nil, paths[i % #paths + 1])\nend\n" + P95
                )
                line(
                    f"{label} mix",
                    f"50 clients, {args.load} s, {len(paths)} URLs",
                    *wrk(server.base + "/", args.load, 50, str(mix), ("--timeout", "10s")),
                )
            server.stop()
            servers.remove(server)
        nginx.stop()
    finally:
        for server in servers:
            server.stop()
        if redis:
            redis.kill()
        if worktree:
            subprocess.run(["git", "worktree", "remove", "--force", str(worktree)], cwd=BASE_DIR)
        shutil.rmtree(directory, ignore_errors=True)


if __name__ == "__main__":
    main()
