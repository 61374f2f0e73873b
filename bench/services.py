"""Services the benches start for themselves, never the machine's own (PostgreSQL on 5432,
Redis on 6379): a PostgreSQL cluster in a folder of the bench's, a Redis server, free
ports for them and for the portal, and the portal's app server as `make serve` runs it."""

import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path

PG_BIN = Path("/usr/lib/postgresql/15/bin")


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def granian(port, app, workers=2, threads=4):
    """The app server command `manage.py serve` runs, for one WSGI application."""
    return [sys.executable, "-m", "granian", "--interface", "wsgi", "--host", "127.0.0.1"] + [
        "--port",
        str(port),
        "--workers",
        str(workers),
        "--no-access-log",
        "--blocking-threads",
        str(threads),
        app,
    ]


def prepare(tree, env):
    """What `manage.py serve` does before it starts: static files, migrations, bootstrap."""
    for command in (
        ["collectstatic", "--noinput", "-v0"],
        ["migrate", "--noinput", "-v0"],
        ["bootstrap", "-v0"],
    ):
        subprocess.run(
            [sys.executable, "manage.py", *command],
            cwd=tree,
            env=env,
            check=True,
            stdout=subprocess.DEVNULL,
        )


def as_postgres(*command):
    return subprocess.run(
        ["runuser", "-u", "postgres", "--", *command], check=True, capture_output=True, text=True
    )


class PrivatePostgres:
    def __init__(self, directory):
        self.port = free_port()
        self.data = Path(directory) / "pgdata"
        self.data.mkdir()
        shutil.chown(self.data, "postgres", "postgres")
        shutil.chown(directory, "postgres", "postgres")
        as_postgres(str(PG_BIN / "initdb"), "-D", str(self.data), "-A", "trust", "-U", "postgres")
        self.start()
        self.url = f"postgres://postgres@127.0.0.1:{self.port}/postgres"

    def start(self):
        as_postgres(
            str(PG_BIN / "pg_ctl"),
            "-D",
            str(self.data),
            "-l",
            str(self.data / "log"),
            "-o",
            f"-p {self.port} -k {self.data} -c listen_addresses=127.0.0.1",
            "-w",
            "start",
        )

    def stop(self):
        as_postgres(str(PG_BIN / "pg_ctl"), "-D", str(self.data), "-m", "fast", "-w", "stop")


class PrivateRedis:
    def __init__(self, directory):
        self.port = free_port()
        self.directory = directory
        self.url = f"redis://127.0.0.1:{self.port}/0"
        self.start()

    def start(self):
        self.process = subprocess.Popen(
            [
                "redis-server",
                "--port",
                str(self.port),
                "--bind",
                "127.0.0.1",
                "--save",
                "",
                "--appendonly",
                "no",
                "--dir",
                str(self.directory),
            ],
            stdout=subprocess.DEVNULL,
        )
        time.sleep(0.5)

    def kill(self):
        self.process.kill()
        self.process.wait()
