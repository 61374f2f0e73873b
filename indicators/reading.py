"""Reading indicator files: JSON-stat 2.0 as SSB's Statistikkbanken (PxWebApi) gives
it, and CSV or Excel (.xlsx) in the long form (`indikator;kommunenummer;år;verdi;status`)
or as Statistikkbanken exports it (regions in rows, years in columns).

A file becomes a list of `Cell`s, or is refused whole with a `FileRefused` that says in
Norwegian what is wrong and where (the dimension, the row, the column): nothing from a
file with an error is stored. What areas exist is the caller's to say (`areas`), so this
module reads files and nothing else."""

import csv
import datetime
import io
import json
import math
import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from django.utils.translation import gettext as _
from openpyxl import load_workbook

# SSB writes a region as 5001, K-5001 (kommune), F-50 or 50 (fylke), 0 or 0000 (Norway).
REGION = re.compile(r"^(?:[KF]-)?([0-9]{1,4})$")
NORWAY = "0"
# What a status mark may look like: SSB's `.`, `..`, `...`, `:`, `-` and letters such as
# `p` (provisional). A longer text is a mistake in the file, not a mark.
STATUS = re.compile(r"^[.:\-a-zA-Z]{1,3}$")
# At most this many figures per file: a file is read up to three times (upload, preview,
# confirm), at about 150 bytes a cell.
MAX_CELLS = 500_000
# What an indicator code may hold: it is part of the indicator page's address, where
# Wagtail takes letters, digits, - and _ (not dots or spaces).
CODE = re.compile(r"[\w-]+")
# A sheet of the long form has five cells for each figure.
MAX_SHEET_CELLS = 5 * MAX_CELLS
# The longest indicator code the database keeps (Indicator.code).
MAX_CODE = 60
# Digits before the decimal point the database keeps (Observation.value).
MAX_DIGITS = 14
LONG_HEADER = ["indikator", "kommunenummer", "år", "verdi", "status"]
# A year, or a part of one as SSB writes it: 2024, 2024K3 (quarter), 2024M01, 2023-2024.
PERIOD = re.compile(r"[0-9]{4}(?:[-/]?[A-Za-z0-9]{1,4})?")


class FileRefused(ValueError):
    """The file cannot be imported; the message says why, in Norwegian."""


@dataclass(frozen=True)
class Indicator:
    code: str
    name: str
    unit: str = ""
    decimals: int | None = None


@dataclass(frozen=True)
class Cell:
    indicator: Indicator
    area: str
    period: str
    value: Decimal | None
    status: str = ""


def area_code(raw):
    """The area code as the portal keeps it (5001, 50, 0), or None if it is not one."""
    match = REGION.match(str(raw).strip())
    if not match:
        return None
    digits = match.group(1)
    return NORWAY if set(digits) == {"0"} else digits


def known_area(raw, areas, where):
    code = area_code(raw)
    if code is None or code not in areas:
        raise FileRefused(
            _(
                "Ukjent område «%(area)s» %(where)s. Bare kommunene i Trøndelag, "
                "fylket (50) og landet (0) kan importeres."
            )
            % {"area": raw, "where": where}
        )
    return code


def number(raw, where):
    """A value as a Decimal: 21,5 and 21.5 alike, a space or no-break space between
    thousands allowed; None for an empty cell."""
    if raw is None:
        return None
    if isinstance(raw, bool) or (isinstance(raw, float) and not math.isfinite(raw)):
        raise not_a_number(raw, where)
    if isinstance(raw, (int, float)):
        raw = str(raw)
    text = str(raw).strip().replace("\u00a0", "").replace(" ", "").replace(",", ".")
    if not text:
        return None
    try:
        value = Decimal(text)
    except InvalidOperation:
        raise not_a_number(raw, where) from None
    if not value.is_finite():
        raise not_a_number(raw, where)
    if value and (value.adjusted() >= MAX_DIGITS or round(value, 6).adjusted() >= MAX_DIGITS):
        raise FileRefused(
            _("Tallet %(where)s er for stort: «%(value)s».") % {"where": where, "value": raw}
        )
    return value


def figure_text(value):
    """A figure as a Norwegian reads it: decimal comma, no trailing zeros (71,5; 72)."""
    if value is None:
        return ""
    return format(value.normalize(), "f").replace(".", ",")


def too_many_cells(count):
    if count > MAX_CELLS:
        raise FileRefused(
            _("Filen har %(cells)s celler; mest %(max)s kan importeres om gangen.")
            % {"cells": count, "max": MAX_CELLS}
        )


def checked_code(code, where):
    if not code or len(code) > MAX_CODE:
        raise FileRefused(
            _("Indikatorkoden %(where)s må ha mellom 1 og %(max)s tegn.")
            % {"where": where, "max": MAX_CODE}
        )
    if not CODE.fullmatch(code):
        raise FileRefused(
            _(
                "Indikatorkoden «%(code)s» %(where)s kan bare ha bokstaver, tall, - og _, "
                "fordi den står i adressen til indikatorens side."
            )
            % {"code": code, "where": where}
        )
    return code


def checked_period(period, where):
    if not PERIOD.fullmatch(period):
        raise FileRefused(
            _("Ukjent tid %(where)s: «%(value)s» (skriv året, for eksempel 2024).")
            % {"where": where, "value": period}
        )
    return period


def not_a_number(raw, where):
    return FileRefused(_("Ikke et tall %(where)s: «%(value)s».") % {"where": where, "value": raw})


def status_mark(raw, where):
    text = "" if raw is None else str(raw).strip()
    if text and not STATUS.match(text):
        raise FileRefused(
            _("Ukjent statusmerke %(where)s: «%(value)s».") % {"where": where, "value": raw}
        )
    return text


def no_duplicates(cells, where_of):
    seen = {}
    for position, cell in enumerate(cells):
        key = (cell.indicator.code, cell.area, cell.period)
        if key in seen:
            raise FileRefused(
                _(
                    "%(first)s og %(second)s gjelder det samme: %(indicator)s, "
                    "område %(area)s, %(period)s."
                )
                % {
                    "first": where_of(seen[key]).capitalize(),
                    "second": where_of(position),
                    "indicator": cell.indicator.code,
                    "area": cell.area,
                    "period": cell.period,
                }
            )
        seen[key] = position
    return cells


# JSON-stat 2.0 -------------------------------------------------------------------------


def read_jsonstat(data, areas):
    """The cells of a JSON-stat 2.0 dataset: one dimension with the role `geo` (the
    areas), one with `time` (the periods) and one with `metric` (the indicators, with
    their units in `category.unit`); any other dimension must have a single category.
    Positions come from `category.index`, never from the order of keys."""
    try:
        dataset = json.loads(data)
    except RecursionError:
        raise FileRefused(_("Filen er ikke gyldig JSON: den er nøstet for dypt.")) from None
    except ValueError as error:  # JSONDecodeError, bad UTF-8, a number of 5,000 digits
        raise FileRefused(_("Filen er ikke gyldig JSON: %(error)s.") % {"error": error}) from None
    if not isinstance(dataset, dict) or dataset.get("class", "dataset") != "dataset":
        raise FileRefused(_("Filen er ikke et JSON-stat-datasett (class må være «dataset»)."))
    if str(dataset.get("version", "")) != "2.0":
        raise FileRefused(
            _("Bare JSON-stat versjon 2.0 kan leses (filen sier «%(version)s»).")
            % {"version": dataset.get("version", "")}
        )
    ids, sizes = dataset.get("id"), dataset.get("size")
    if (
        not isinstance(ids, list)
        or not isinstance(sizes, list)
        or len(ids) != len(sizes)
        or not all(isinstance(name, str) for name in ids)
        or len(set(ids)) != len(ids)
        or not all(type(size) is int and size >= 0 for size in sizes)
    ):
        raise FileRefused(
            _("«id» og «size» må være like lange lister: et eget navn og et heltall per dimensjon.")
        )
    total = math.prod(sizes)
    if total > MAX_CELLS:
        raise FileRefused(
            _("Filen har %(cells)s celler; mest %(max)s kan importeres om gangen.")
            % {"cells": total, "max": MAX_CELLS}
        )
    dimensions = mapping(dataset.get("dimension"))
    categories = [
        categories_of(dimensions, name, size) for name, size in zip(ids, sizes, strict=True)
    ]
    roles = role_positions(dataset, ids, dimensions)
    values = cell_list(dataset.get("value"), total, "value")
    statuses = cell_list(dataset.get("status"), total, "status")

    geo, time, metric = roles["geo"], roles["time"], roles["metric"]
    for position, name in enumerate(ids):
        if position not in (geo, time, metric) and sizes[position] != 1:
            raise FileRefused(
                _(
                    "Dimensjonen «%(name)s» har %(size)s verdier. Bare områdene, tidene "
                    "og indikatorene kan ha flere."
                )
                % {"name": label_of(dimensions, name), "size": sizes[position]}
            )
    for code, _label in categories[time]:
        checked_period(code, _("i dimensjonen «%(name)s»") % {"name": ids[time]})
    for code, _label in categories[metric]:
        checked_code(code, _("i dimensjonen «%(name)s»") % {"name": ids[metric]})
    metric_dimension = dimensions[ids[metric]]
    units = mapping(mapping(metric_dimension.get("category")).get("unit"))
    indicators = []
    for code, label in categories[metric]:
        unit = mapping(units.get(code))
        decimals = unit.get("decimals")
        indicators.append(
            Indicator(
                code=code,
                name=label,
                unit=str(unit.get("label") or unit.get("base") or ""),
                decimals=decimals if isinstance(decimals, int) and 0 <= decimals <= 6 else None,
            )
        )
    geo_name = label_of(dimensions, ids[geo])
    area_codes = [
        known_area(code, areas, _("i dimensjonen «%(name)s»") % {"name": geo_name})
        for code, _label in categories[geo]
    ]

    strides = [math.prod(sizes[position + 1 :]) for position in range(len(sizes))]
    cells = []
    for flat in range(total):
        at = [(flat // strides[position]) % sizes[position] for position in range(len(sizes))]
        where = _("i verdi nummer %(n)s") % {"n": flat + 1}
        status = status_mark(statuses[flat], where)
        if values[flat] is None and not status:
            # No figure and no mark saying why: a cell the dataset does not state (a
            # sparse value left out, a null in a dense array), not a missing figure.
            continue
        cells.append(
            Cell(
                indicator=indicators[at[metric]],
                area=area_codes[at[geo]],
                period=categories[time][at[time]][0],
                value=values[flat] if values[flat] is None else number(values[flat], where),
                status=status,
            )
        )
    return no_duplicates(cells, lambda position: _("verdi nummer %(n)s") % {"n": position + 1})


def mapping(value):
    """A JSON object where one is expected; anything else reads as empty, and the check
    that needs what is missing says so."""
    return value if isinstance(value, dict) else {}


def label_of(dimensions, name):
    dimension = dimensions.get(name)
    if isinstance(dimension, dict) and dimension.get("label"):
        return f"{dimension['label']} ({name})"
    return name


def categories_of(dimensions, name, size):
    """[(code, label)] in the order of the dimension's positions."""
    dimension = dimensions.get(name)
    category = dimension.get("category") if isinstance(dimension, dict) else None
    if not isinstance(category, dict):
        raise FileRefused(_("Dimensjonen «%(name)s» mangler «category».") % {"name": name})
    index, labels = category.get("index"), mapping(category.get("label"))
    if index is None and len(labels) == 1:  # one category may be named by its label only
        index = list(labels)
    if isinstance(index, list):
        codes = [str(code) for code in index]
    elif isinstance(index, dict):
        positions = list(index.values())
        if not all(isinstance(p, int) for p in positions) or sorted(positions) != list(
            range(len(index))
        ):
            raise FileRefused(
                _("Posisjonene i «category.index» for «%(name)s» må være 0, 1, 2 … uten hull.")
                % {"name": name}
            )
        codes = [None] * len(index)
        for code, position in index.items():
            codes[position] = str(code)
    else:
        raise FileRefused(_("Dimensjonen «%(name)s» mangler «category.index».") % {"name": name})
    if len(codes) != size:
        raise FileRefused(
            _("Dimensjonen «%(name)s» har %(count)s kategorier, men «size» sier %(size)s.")
            % {"name": label_of(dimensions, name), "count": len(codes), "size": size}
        )
    if len(set(codes)) != len(codes):
        raise FileRefused(
            _("Dimensjonen «%(name)s» har samme kategori to ganger.")
            % {"name": label_of(dimensions, name)}
        )
    return [(code, str(labels.get(code, code))) for code in codes]


def role_positions(dataset, ids, dimensions):
    """{role: position} for geo, time and metric, from `role` (SSB names them)."""
    role = mapping(dataset.get("role"))
    found = {}
    for name in ("geo", "time", "metric"):
        listed = role.get(name)
        named = [d for d in listed if d in ids] if isinstance(listed, list) else []
        if len(named) != 1:
            raise FileRefused(
                _("Datasettet må ha nøyaktig én dimensjon med rollen «%(role)s» (i «role»).")
                % {"role": name}
            )
        found[name] = ids.index(named[0])
    if len(set(found.values())) != 3:
        raise FileRefused(_("Områder, tider og indikatorer må være tre ulike dimensjoner."))
    return found


def cell_list(raw, total, name):
    """`value` or `status` as a list of one item per cell: an array as long as the
    dataset, a sparse object {position: item}, or (status only) one string for all."""
    if raw is None:
        return [None] * total
    if isinstance(raw, str) and name == "status":
        return [raw] * total
    if isinstance(raw, list):
        if len(raw) != total:
            raise FileRefused(
                _("«%(name)s» har %(count)s elementer, men dimensjonene gir %(total)s celler.")
                % {"name": name, "count": len(raw), "total": total}
            )
        return list(raw)
    if isinstance(raw, dict):
        items = [None] * total
        for key, item in raw.items():
            if not re.fullmatch(r"[0-9]{1,12}", str(key)) or int(key) >= total:
                raise FileRefused(
                    _(
                        "«%(name)s» nevner posisjon «%(key)s», men dimensjonene gir bare "
                        "%(total)s celler."
                    )
                    % {"name": name, "key": key, "total": total}
                )
            items[int(key)] = item
        return items
    raise FileRefused(_("«%(name)s» må være en liste eller et objekt.") % {"name": name})


# CSV -------------------------------------------------------------------------------------


def decode(data):
    """UTF-8 (with or without the byte order mark Excel writes), else Windows-1252, the
    encoding of a CSV saved by Excel on Norwegian Windows."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="strict")


def csv_rows(data):
    try:
        text = decode(data)
    except UnicodeDecodeError:
        raise FileRefused(_("Filen er verken UTF-8 eller Windows-1252.")) from None
    first = text.split("\n", 1)[0]
    delimiter = ";" if first.count(";") >= first.count(",") else ","
    rows = csv.reader(io.StringIO(text), delimiter=delimiter)
    try:
        return [row for row in rows if any(cell.strip() for cell in row)]
    except csv.Error as error:  # a field longer than the csv module takes, a stray NUL
        raise FileRefused(
            _("Filen kan ikke leses som CSV: %(error)s.") % {"error": error}
        ) from None


def read_excel(data, areas, indicator=None):
    """The cells of an Excel workbook (.xlsx), its first sheet laid out as a CSV file is:
    the long form, or regions in rows and years in columns."""
    refused = FileRefused(_("Filen kan ikke leses som Excel. Lagre den som .xlsx og prøv igjen."))
    try:
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception:  # openpyxl raises errors of many kinds on a broken file
        raise refused from None
    try:
        rows, seen = [], 0
        for row in book.worksheets[0].iter_rows(values_only=True):
            seen += len(row)
            if seen > MAX_SHEET_CELLS:  # stop reading before a huge sheet fills the memory
                raise FileRefused(
                    _("Arket har mer enn %(max)s celler; del det i flere filer.")
                    % {"max": MAX_SHEET_CELLS}
                )
            cells = [excel_text(value) for value in row]
            if any(cells):
                rows.append(cells)
    except FileRefused:
        raise
    except Exception:  # a sheet's XML is only read now, row by row
        raise refused from None
    finally:
        book.close()
    return read_rows(rows, areas, indicator)


def excel_text(value):
    """A cell as the CSV reader sees it: a whole number without «.0» (a year, a kommune
    number), other numbers as Python writes them (21.5), a date as its year."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime.datetime | datetime.date):
        return str(value.year)
    return str(value).strip()


def read_csv(data, areas, indicator=None):
    """The cells of a CSV file: the long form, one row per cell with the header
    `indikator;kommunenummer;år;verdi;status` (status may be left out), or the form
    Statistikkbanken exports, regions in the first column and one column per year, for
    one indicator (`indicator`, a code)."""
    return read_rows(csv_rows(data), areas, indicator)


def read_rows(rows, areas, indicator):
    if not rows:
        raise FileRefused(_("Filen er tom."))
    header = [cell.strip().lower() for cell in rows[0]]
    if header[:4] == LONG_HEADER[:4]:
        return read_long(rows, areas)
    return read_pivoted(rows, areas, indicator)


def row_place(line, column):
    return _("på rad %(row)s, kolonne «%(column)s»") % {"row": line, "column": column}


def read_long(rows, areas):
    too_many_cells(len(rows) - 1)
    header = [cell.strip().lower() for cell in rows[0]]
    has_status = len(header) > 4 and header[4] == "status"
    indicators, cells = {}, []
    for line, row in enumerate(rows[1:], start=2):
        row = [cell.strip() for cell in row] + [""] * 5
        code, area, period, value = row[:4]
        if not code:
            raise FileRefused(_("Indikatoren mangler på rad %(row)s.") % {"row": line})
        if not PERIOD.fullmatch(period):
            raise FileRefused(
                _("Ukjent tid %(where)s: «%(value)s» (skriv året, for eksempel 2024).")
                % {"where": row_place(line, "år"), "value": period}
            )
        checked_code(code, row_place(line, "indikator"))
        indicator = indicators.setdefault(code, Indicator(code=code, name=code))
        status = status_mark(row[4] if has_status else "", row_place(line, "status"))
        if is_mark(value):  # SSB writes the mark where there is no value
            value, status = "", status or value
        cells.append(
            Cell(
                indicator=indicator,
                area=known_area(area, areas, row_place(line, "kommunenummer")),
                period=period,
                value=number(value, row_place(line, "verdi")),
                status=status,
            )
        )
    return no_duplicates(cells, lambda position: _("rad %(row)s") % {"row": position + 2})


def is_mark(raw):
    """A status mark written in a value's place (`..`, `:`), not a letter."""
    return bool(raw) and bool(STATUS.match(raw)) and not raw.isalpha()


def read_pivoted(rows, areas, indicator):
    if not indicator:
        raise FileRefused(
            _(
                "Filen har ikke kolonnene %(columns)s. En fil med ett år per kolonne "
                "gjelder én indikator: oppgi koden for den."
            )
            % {"columns": ";".join(LONG_HEADER)}
        )
    periods = [cell.strip() for cell in rows[0][1:]]
    too_many_cells(len(periods) * (len(rows) - 1))
    checked_code(indicator, _("(indikatorkoden)"))
    if len(set(periods)) != len(periods):
        raise FileRefused(_("Første rad har samme år i to kolonner."))
    for column, period in enumerate(periods, start=2):
        if not PERIOD.fullmatch(period):
            raise FileRefused(
                _("Kolonne %(column)s i første rad er ikke et år: «%(value)s».")
                % {"column": column, "value": period}
            )
    target = Indicator(code=indicator, name=indicator)
    cells = []
    for line, row in enumerate(rows[1:], start=2):
        # Statistikkbanken writes the region as «5001 Trondheim - Tråante».
        region = (row[0].strip().split(" ", 1) or [""])[0]
        area = known_area(region, areas, _("på rad %(row)s") % {"row": line})
        for column, period in enumerate(periods, start=1):
            raw = row[column].strip() if column < len(row) else ""
            mark = raw if is_mark(raw) else ""
            cells.append(
                Cell(
                    indicator=target,
                    area=area,
                    period=period,
                    value=None if mark else number(raw, row_place(line, period)),
                    status=mark,
                )
            )
    return no_duplicates(cells, lambda position: _("celle %(n)s") % {"n": position + 1})
