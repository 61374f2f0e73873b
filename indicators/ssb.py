"""Asking Statistics Norway's Statistikkbanken (PxWebApi v2) for a table as JSON-stat 2.0,
the format `import_indicators` reads. Which tables, and which of their values, is set in
a TOML file (settings.SSB_TABLES, indicators/ssb_tables.toml by default), so that
coordinators can add a table without a code change:

    [[tables]]
    name = "fullfort-vgs"          # what `manage.py fetch_indicators` is given
    table = "12345"                # the table's number in Statistikkbanken
    source = "SSB, tabell 12345"   # kept with the import
    [tables.values]                # valueCodes[...] of the query
    ContentsCode = "Andel"
    Tid = "top(10)"
    [tables.codes]                 # the portal's code for each of the table's statistics
    Andel = "fullfort-vgs"

The regions asked for are the portal's areas (the kommuner, the county and the country)
unless `values` names them; `region` names the table's region dimension ("Region").
SSB names a table's statistics with codes such as «Andel» that many tables share, so a
statistic not named in `codes` becomes the indicator «<table>-<code>» («12345-Andel»):
two tables never write to the same indicator."""

import json
import tomllib
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass, field

from django.conf import settings
from django.utils.translation import gettext as _

from indicators.areas import area_codes

# SSB's answers are a few megabytes at most; more is a mistake, not data.
MAX_RESPONSE = 50 * 1024 * 1024
TIMEOUT_SECONDS = 60


class FetchFailed(Exception):
    """SSB could not be asked, or did not answer with a table; the message says why."""


@dataclass
class Table:
    name: str
    table: str
    source: str = ""
    region: str = "Region"
    values: dict = field(default_factory=dict)
    codes: dict = field(default_factory=dict)

    def code_for(self, code):
        return self.codes.get(code) or f"{self.table}-{code}"

    def query(self):
        values = {self.region: ",".join(sorted(area_codes(), key=lambda c: c.zfill(4)))}
        values.update(
            (name, ",".join(value) if isinstance(value, list) else str(value))
            for name, value in self.values.items()
        )
        parameters = [("lang", "no"), ("outputFormat", "json-stat2")]
        parameters += [(f"valueCodes[{name}]", value) for name, value in values.items()]
        return urllib.parse.urlencode(parameters, safe="[](),*")

    def url(self):
        base = settings.SSB_API_URL.rstrip("/")
        return f"{base}/tables/{urllib.parse.quote(self.table)}/data?{self.query()}"


def configured_tables(path=None):
    """{name: Table} from the TOML file."""
    path = path or settings.SSB_TABLES
    try:
        with open(path, "rb") as handle:
            config = tomllib.load(handle)
    except FileNotFoundError:
        return {}
    except tomllib.TOMLDecodeError as error:
        raise FetchFailed(
            _("%(path)s er ikke gyldig TOML: %(error)s") % {"path": path, "error": error}
        ) from None
    tables = {}
    for entry in config.get("tables", []):
        try:
            table = Table(**entry)
        except TypeError as error:
            raise FetchFailed(
                _("En tabell i %(path)s har feil felt: %(error)s") % {"path": path, "error": error}
            ) from None
        tables[table.name] = table
    return tables


def fetch(table):
    """The table's figures as JSON-stat bytes, as SSB sends them."""
    request = urllib.request.Request(
        table.url(),
        headers={"Accept": "application/json", "User-Agent": "Baerekraftsportalen/1.0"},
    )
    try:
        with urllib.request.urlopen(request, timeout=TIMEOUT_SECONDS) as response:
            data = response.read(MAX_RESPONSE + 1)
    except urllib.error.HTTPError as error:
        raise FetchFailed(
            _("SSB svarte %(status)s på tabell %(table)s: %(reason)s")
            % {"status": error.code, "table": table.table, "reason": error.reason}
        ) from None
    except (urllib.error.URLError, TimeoutError, OSError) as error:
        reason = getattr(error, "reason", error)
        raise FetchFailed(
            _("Fikk ikke kontakt med SSB for tabell %(table)s: %(reason)s")
            % {"table": table.table, "reason": reason}
        ) from None
    if len(data) > MAX_RESPONSE:
        raise FetchFailed(
            _("Svaret for tabell %(table)s er større enn %(mb)s MB; be om færre verdier.")
            % {"table": table.table, "mb": MAX_RESPONSE // (1024 * 1024)}
        )
    return with_portal_codes(data, table)


def with_portal_codes(data, table):
    """The answer with its statistics named by the portal's codes (Table.code_for). An
    answer that is not a JSON-stat dataset is left as it is, for the importer to refuse
    with its reason."""
    try:
        dataset = json.loads(data)
        metric = (dataset.get("role") or {}).get("metric") or ["ContentsCode"]
        category = dataset["dimension"][metric[0]]["category"]
    except (ValueError, TypeError, KeyError, IndexError, AttributeError):
        return data
    for part in ("index", "label", "unit"):
        found = category.get(part)
        if isinstance(found, dict):
            category[part] = {table.code_for(code): v for code, v in found.items()}
        elif part == "index" and isinstance(found, list):
            category[part] = [table.code_for(code) for code in found]
    return json.dumps(dataset, ensure_ascii=False).encode()
