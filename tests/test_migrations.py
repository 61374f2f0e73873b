"""A database made before the document model moved to its own app migrates forward with
its documents, their extracted text, their tags and the reports that show them.

The old database is made by the old code itself: the commit before the move, taken from
git, runs `migrate` and `bootstrap` on a private database (SQLite, or a new PostgreSQL
database when the suite runs on PostgreSQL); then this tree's `migrate` runs on it."""

import json
import os
import subprocess
import sys
import tarfile
import uuid
from io import BytesIO

import pytest
from django.db import connection

from tests.conftest import BASE_DIR

MOVE = "documents/migrations/0001_initial.py"


def git(*args):
    return subprocess.run(["git", *args], cwd=BASE_DIR, capture_output=True, check=True).stdout


def tree_before_the_move(directory):
    """The project as it was just before the move (HEAD, if the move is not committed)."""
    added = git("log", "-1", "--diff-filter=A", "--format=%H", "--", MOVE).decode().strip()
    commit = f"{added}^" if added else "HEAD"
    with tarfile.open(fileobj=BytesIO(git("archive", commit))) as archive:
        archive.extractall(directory, filter="data")


@pytest.fixture
def private_database(tmp_path):
    """A DATABASE_URL of its own, on the database the suite runs on."""
    settings = connection.settings_dict
    if connection.vendor != "postgresql":
        yield f"sqlite:///{tmp_path / 'old.sqlite3'}"
        return
    import psycopg

    name = f"portal_migration_{uuid.uuid4().hex[:8]}"
    server = {
        key: value
        for key, value in {
            "host": settings["HOST"],
            "port": settings["PORT"],
            "user": settings["USER"],
            "password": settings["PASSWORD"],
        }.items()
        if value
    }
    with psycopg.connect(dbname="postgres", autocommit=True, **server) as admin:
        admin.execute(f'CREATE DATABASE "{name}"')
    auth = settings["USER"] + (f":{settings['PASSWORD']}" if settings["PASSWORD"] else "")
    yield f"postgres://{auth}@{settings['HOST']}:{settings['PORT'] or 5432}/{name}"
    with psycopg.connect(dbname="postgres", autocommit=True, **server) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def manage(directory, database_url, var_dir, *args):
    environment = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("DJANGO_", "PYTEST_")) and key != "REDIS_URL"
    }
    environment.update(
        DATABASE_URL=database_url,
        VAR_DIR=str(var_dir),
        DJANGO_SETTINGS_MODULE="portal.settings.dev",
    )
    result = subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=directory,
        env=environment,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    return result.stdout


def read(directory, database_url, var_dir, label):
    printed = manage(
        directory,
        database_url,
        var_dir,
        "shell",
        "--no-imports",
        "-c",
        DOCUMENTS.format(label=label),
    )
    return json.loads(printed.strip().splitlines()[-1])


DOCUMENTS = """
import json
from django.apps import apps
from django.contrib.contenttypes.models import ContentType
model = apps.get_model(*"{label}".split("."))
report = apps.get_model("reports", "ReportPage").objects.filter(
    title="Bærekraftsrapport Frøya 2024", locale__language_code="nb").get()
content_type = ContentType.objects.get_for_model(model)
print(json.dumps({{
    "documents": sorted(
        [d.pk, d.title, d.extracted_text[:200], d.extraction_status, d.placeholder_hash]
        for d in model.objects.all()
    ),
    "tags": sorted(str(tag) for d in model.objects.all() for tag in d.tags.all()),
    "report_text": report.document.extracted_text[:200],
    "content_type": [content_type.app_label, content_type.model],
}}))
"""

TAG = """
from django.apps import apps
model = apps.get_model("reports", "ReportDocument")
model.objects.order_by("pk").first().tags.add("klima", "plan")
"""


@pytest.mark.django_db
def test_a_database_from_before_the_move_keeps_every_document(tmp_path, private_database):
    old = tmp_path / "gammel"
    tree_before_the_move(old)
    var_dir = tmp_path / "var"
    manage(old, private_database, var_dir, "migrate", "--noinput")
    manage(old, private_database, var_dir, "bootstrap")
    manage(old, private_database, var_dir, "shell", "--no-imports", "-c", TAG)
    before = read(old, private_database, var_dir, "reports.ReportDocument")
    assert len(before["documents"]) >= 26
    assert "plassholder" in before["report_text"]

    manage(BASE_DIR, private_database, var_dir, "migrate", "--noinput")
    after = read(BASE_DIR, private_database, var_dir, "documents.PortalDocument")
    assert after["documents"] == before["documents"]
    assert after["tags"] == before["tags"] == ["klima", "plan"]
    assert after["report_text"] == before["report_text"]
    assert after["content_type"] == ["documents", "portaldocument"]
    # The new code's bootstrap finds everything there and makes nothing twice.
    manage(BASE_DIR, private_database, var_dir, "bootstrap")
    again = read(BASE_DIR, private_database, var_dir, "documents.PortalDocument")
    assert again["documents"] == before["documents"]
