"""`manage.py fetch_indicators` against a local HTTP server that answers as SSB's
PxWebApi v2 does, with saved answers (tests/data/ssb/): the query it sends, the import of a
good answer, and what happens when SSB is away, says no, or sends something the importer
refuses. Nothing reaches data.ssb.no."""

import threading
from decimal import Decimal
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
from django.core.management import CommandError, call_command

from indicators.records import ImportBatch, Observation

pytestmark = pytest.mark.django_db
SAVED = Path(__file__).parent / "data" / "ssb"


class FakeSSB(BaseHTTPRequestHandler):
    """Answers /tables/<n>/data from the saved answers; 99999 is an error on SSB's side."""

    requests = []

    def do_GET(self):
        address = urlsplit(self.path)
        FakeSSB.requests.append((address.path, parse_qs(address.query)))
        table = address.path.split("/")[-2]
        if table == "99999":
            self.send_error(503, "Service Unavailable")
            return
        # 12346: the answer of 12345 with a region the portal does not know (Stavanger).
        saved = SAVED / ("12345.json" if table == "12346" else f"{table}.json")
        if not saved.exists():
            self.send_error(404, "Not Found")
            return
        body = saved.read_bytes()
        if table == "12346":
            body = body.replace(b'"5014"', b'"1103"')
        self.send_response(200)
        self.send_header("Content-Type", "application/json; charset=UTF-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


@pytest.fixture
def ssb(settings, tmp_path):
    server = ThreadingHTTPServer(("127.0.0.1", 0), FakeSSB)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    FakeSSB.requests = []
    settings.SSB_API_URL = f"http://127.0.0.1:{server.server_port}/api/pxwebapi/v2"
    config = tmp_path / "tables.toml"
    config.write_text(
        """
[[tables]]
name = "fullfort"
table = "12345"
source = "SSB, tabell 12345"
[tables.values]
ContentsCode = "Fullfort"
Tid = "top(2)"
[tables.codes]
Fullfort = "FULLFORT-VGS"

[[tables]]
name = "feil-region"
table = "12346"

[[tables]]
name = "nede"
table = "99999"
""",
        encoding="utf-8",
    )
    settings.SSB_TABLES = str(config)
    yield server
    server.shutdown()


def test_a_table_is_asked_for_as_json_stat_with_the_portals_areas_and_imported(ssb, capsys):
    call_command("fetch_indicators", "fullfort")
    [(path, query)] = FakeSSB.requests
    assert path == "/api/pxwebapi/v2/tables/12345/data"
    assert query["outputFormat"] == ["json-stat2"]
    assert query["valueCodes[ContentsCode]"] == ["Fullfort"]
    assert query["valueCodes[Tid]"] == ["top(2)"]
    regions = query["valueCodes[Region]"][0].split(",")
    assert len(regions) == 40 and {"5001", "5014", "50", "0"} <= set(regions)
    # Named by the portal's code for it, from the table's set-up.
    figure = Observation.objects.get(
        indicator__code="FULLFORT-VGS", area__code="5001", period="2024"
    )
    assert figure.value == Decimal("81.4")
    missing = Observation.objects.get(
        indicator__code="FULLFORT-VGS", area__code="5014", period="2024"
    )
    assert (missing.value, missing.status) == (None, ":")
    batch = ImportBatch.objects.get(pk=figure.batch_id)
    assert (batch.file_name, batch.source) == ("ssb-12345.json", "SSB, tabell 12345")
    assert "fullfort (tabell 12345) ga 8 nye" in capsys.readouterr().out


def test_a_dry_run_stores_nothing(ssb, capsys):
    call_command("fetch_indicators", "fullfort", "--dry-run")
    assert not Observation.objects.filter(indicator__code="FULLFORT-VGS").exists()
    assert "ville gitt 8 nye" in capsys.readouterr().out


def test_ssb_away_or_refusing_is_reported_and_the_other_tables_still_come_in(ssb, capsys):
    with pytest.raises(CommandError, match="Ikke importert: feil-region, nede"):
        call_command("fetch_indicators")
    err = capsys.readouterr().err
    assert "nede er ikke importert: SSB svarte 503" in err
    assert "feil-region er ikke importert:" in err and "1103" in err
    # The good table came in; nothing of the refused one did.
    assert Observation.objects.filter(indicator__code="FULLFORT-VGS").count() == 8
    assert ImportBatch.objects.filter(file_name="ssb-12346.json").count() == 0


def test_a_statistic_not_named_in_the_set_up_is_kept_apart_by_its_table(ssb, tmp_path, settings):
    config = tmp_path / "two.toml"
    config.write_text(
        '[[tables]]\nname = "a"\ntable = "12345"\n',
        encoding="utf-8",
    )
    settings.SSB_TABLES = str(config)
    call_command("fetch_indicators", "a")
    codes = set(Observation.objects.values_list("indicator__code", flat=True))
    assert "12345-Fullfort" in codes and "Fullfort" not in codes


def test_no_server_at_the_address_is_a_clear_message(ssb, settings, capsys):
    settings.SSB_API_URL = "http://127.0.0.1:9/api"  # nothing listens on the discard port
    with pytest.raises(CommandError, match="nede"):
        call_command("fetch_indicators", "nede")
    assert "Fikk ikke kontakt med SSB for tabell 99999" in capsys.readouterr().err


def test_a_broken_configuration_is_a_clear_message(ssb, settings, tmp_path):
    broken = tmp_path / "broken.toml"
    broken.write_text("[[tables]]\nname = 'x'\ntabell = '1'\n", encoding="utf-8")
    settings.SSB_TABLES = str(broken)
    with pytest.raises(CommandError, match="har feil felt"):
        call_command("fetch_indicators")


def test_the_project_configuration_reads(settings):
    from indicators.ssb import configured_tables

    assert configured_tables() == {}  # none chosen yet; the file says how to add one


def test_an_unknown_table_name_lists_the_known_ones(ssb):
    with pytest.raises(CommandError, match="Kjente tabeller: feil-region, fullfort, nede"):
        call_command("fetch_indicators", "finnes-ikke")
