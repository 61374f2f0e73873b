"""Reading indicator files (indicators/reading.py): JSON-stat 2.0 in the shapes SSB's
Statistikkbanken gives, and CSV and Excel in the long and the pivoted form. A good file gives its
cells; a file with any error is refused whole, with a Norwegian message that says where."""

import io
import json
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from openpyxl import Workbook

from indicators.areas import area_codes
from indicators.reading import (
    LONG_HEADER,
    FileRefused,
    area_code,
    figure_text,
    read_csv,
    read_excel,
    read_jsonstat,
)

AREAS = area_codes()


def ssb_dataset(**changes):
    """A dataset as Statistikkbanken's API returns it: three regions as SSB writes them,
    one statistic with its unit, two years, a contact in `extension`. The index object
    is written out of order: positions come from its values."""
    dataset = {
        "version": "2.0",
        "class": "dataset",
        "label": "Andel innbyggere med tilgang til rekreasjonsareal",
        "source": "Statistisk sentralbyrå",
        "updated": "2026-03-01T08:00:00Z",
        "id": ["Region", "ContentsCode", "Tid"],
        "size": [3, 1, 2],
        "dimension": {
            "Region": {
                "label": "region",
                "category": {
                    "index": {"0": 2, "K-5014": 1, "K-5001": 0},
                    "label": {
                        "K-5001": "Trondheim - Tråante",
                        "K-5014": "Frøya",
                        "0": "Hele landet",
                    },
                },
            },
            "ContentsCode": {
                "label": "statistikkvariabel",
                "category": {
                    "index": {"AndelRekr": 0},
                    "label": {"AndelRekr": "Andel med tilgang til rekreasjonsareal"},
                    "unit": {"AndelRekr": {"base": "prosent", "decimals": 1}},
                },
            },
            "Tid": {
                "label": "år",
                "category": {"index": {"2023": 0, "2024": 1}, "label": {"2023": "2023"}},
            },
        },
        "extension": {"contact": [{"name": "Ola Nordmann", "phone": "+47 00000000"}]},
        "role": {"time": ["Tid"], "metric": ["ContentsCode"], "geo": ["Region"]},
        "value": [71.5, 72.0, 80.1, None, 69.9, 70.2],
        "status": {"3": ".."},
    }
    dataset.update(changes)
    return json.dumps(dataset).encode()


def as_table(cells):
    return {(c.indicator.code, c.area, c.period): (c.value, c.status) for c in cells}


def test_a_statistikkbanken_dataset_gives_every_cell_in_its_place():
    cells = read_jsonstat(ssb_dataset(), AREAS)
    assert as_table(cells) == {
        ("AndelRekr", "5001", "2023"): (Decimal("71.5"), ""),
        ("AndelRekr", "5001", "2024"): (Decimal("72.0"), ""),
        ("AndelRekr", "5014", "2023"): (Decimal("80.1"), ""),
        ("AndelRekr", "5014", "2024"): (None, ".."),
        ("AndelRekr", "0", "2023"): (Decimal("69.9"), ""),
        ("AndelRekr", "0", "2024"): (Decimal("70.2"), ""),
    }
    indicator = cells[0].indicator
    assert indicator.name == "Andel med tilgang til rekreasjonsareal"
    assert (indicator.unit, indicator.decimals) == ("prosent", 1)
    assert "Ola Nordmann" not in repr(cells)  # SSB's contact details are not kept


def test_an_index_as_a_list_sparse_values_and_one_status_for_all():
    dataset = json.loads(ssb_dataset())
    dataset["dimension"]["Region"]["category"]["index"] = ["K-5001", "K-5014", "0"]
    dataset["value"] = {"0": 1, "5": "2,5"}
    dataset["status"] = "p"
    table = as_table(read_jsonstat(json.dumps(dataset).encode(), AREAS))
    assert table[("AndelRekr", "5001", "2023")] == (Decimal(1), "p")
    assert table[("AndelRekr", "0", "2024")] == (Decimal("2.5"), "p")
    assert table[("AndelRekr", "5014", "2023")] == (None, "p")


def test_statuses_as_a_list():
    statuses = ["", "", ".", "..", ":", ""]
    table = as_table(read_jsonstat(ssb_dataset(status=statuses), AREAS))
    assert [status for _value, status in table.values()] == statuses


@pytest.mark.parametrize(
    ("written", "code"),
    [
        ("5001", "5001"),
        ("K-5001", "5001"),
        ("50", "50"),
        ("F-50", "50"),
        ("0", "0"),
        ("0000", "0"),
        ("K-0301", "0301"),
        ("Trondheim", None),
        ("", None),
    ],
)
def test_region_codes_as_ssb_writes_them(written, code):
    assert area_code(written) == code


def refusal(read, *args):
    with pytest.raises(FileRefused) as refused:
        read(*args)
    return str(refused.value)


def test_a_size_that_does_not_match_the_values_is_refused():
    message = refusal(read_jsonstat, ssb_dataset(value=[1, 2, 3]), AREAS)
    assert "3 elementer" in message and "6 celler" in message


def test_an_unknown_kommune_is_refused_naming_the_dimension():
    dataset = json.loads(ssb_dataset())
    dataset["dimension"]["Region"]["category"]["index"] = {"K-0301": 0, "K-5014": 1, "0": 2}
    message = refusal(read_jsonstat, json.dumps(dataset).encode(), AREAS)
    assert "«K-0301»" in message and "region (Region)" in message


def test_a_category_count_that_does_not_match_size_is_refused():
    message = refusal(read_jsonstat, ssb_dataset(size=[3, 1, 3], value=[0] * 9), AREAS)
    assert "år (Tid)" in message and "2 kategorier" in message


def test_text_where_a_number_belongs_is_refused():
    values = [71.5, "mye", 80.1, None, 69.9, 70.2]
    assert "verdi nummer 2" in refusal(read_jsonstat, ssb_dataset(value=values), AREAS)


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (b"{not json", "ikke gyldig JSON"),
        (ssb_dataset(version="1.0"), "versjon 2.0"),
        (ssb_dataset(role={"time": ["Tid"], "geo": ["Region"]}), "«metric»"),
        (ssb_dataset(status={"9": ".."}), "posisjon «9»"),
        (ssb_dataset(status=[".."] * 6 + [":"]), "7 elementer"),
    ],
)
def test_broken_datasets_are_refused_with_a_reason(data, expected):
    assert expected in refusal(read_jsonstat, data, AREAS)


LONG = "indikator;kommunenummer;år;verdi;status\n"


def test_the_long_csv_form_with_decimal_comma_and_status():
    data = (
        LONG + "AndelRekr;5001;2024;71,5;\nAndelRekr;K-5014;2024;..;\nAndelRekr;50;2024;1 234,5;p\n"
    ).encode()
    assert as_table(read_csv(data, AREAS)) == {
        ("AndelRekr", "5001", "2024"): (Decimal("71.5"), ""),
        ("AndelRekr", "5014", "2024"): (None, ".."),
        ("AndelRekr", "50", "2024"): (Decimal("1234.5"), "p"),
    }


@pytest.mark.parametrize(
    "encode",
    [
        lambda text: text.encode("utf-8"),
        lambda text: b"\xef\xbb\xbf" + text.encode("utf-8"),  # Excel's byte order mark
        lambda text: text.encode("cp1252"),  # saved by Excel on Norwegian Windows
    ],
    ids=["utf-8", "utf-8-bom", "windows-1252"],
)
@pytest.mark.parametrize("delimiter", [";", ","])
def test_csv_in_every_encoding_and_delimiter_excel_writes(encode, delimiter):
    text = LONG + "AndelRekr;5014;2024;12;\n"
    if delimiter == ",":
        text = text.replace(";", ",")
    [cell] = read_csv(encode(text), AREAS)
    assert (cell.area, cell.period, cell.value) == ("5014", "2024", Decimal(12))


@pytest.mark.parametrize(
    ("rows", "expected"),
    [
        ("AndelRekr;5001;2024;mye;\n", "rad 2, kolonne «verdi»: «mye»"),
        ("AndelRekr;0301;2024;1;\n", "«0301» på rad 2, kolonne «kommunenummer»"),
        ("AndelRekr;5001;i fjor;1;\n", "rad 2, kolonne «år»"),
        ("AndelRekr;5001;2024;1;\nAndelRekr;K-5001;2024;2;\n", "Rad 2 og rad 3"),
        ("AndelRekr;5001;2024;1;oppgitt\n", "statusmerke på rad 2"),
        ("AndelRekr;5001;2024;1e20;\n", "for stort"),
        ("AndelRekr;5001;2024;NaN;\n", "Ikke et tall på rad 2"),
    ],
    ids=[
        "text-in-number",
        "unknown-kommune",
        "bad-year",
        "duplicate-row",
        "bad-status",
        "too-large",
        "not-a-number",
    ],
)
def test_a_bad_long_csv_is_refused_naming_row_and_column(rows, expected):
    assert expected in refusal(read_csv, (LONG + rows).encode(), AREAS)


PIVOTED = (
    '"region";"2022";"2023";"2024"\n'
    '"5001 Trondheim - Tråante";"10,5";"11";".."\n'
    '"5014 Frøya";"7";":";"8,25"\n'
)


def test_the_pivoted_form_statistikkbanken_exports():
    table = as_table(read_csv(PIVOTED.encode("cp1252"), AREAS, indicator="AndelRekr"))
    assert table[("AndelRekr", "5001", "2022")] == (Decimal("10.5"), "")
    assert table[("AndelRekr", "5001", "2024")] == (None, "..")
    assert table[("AndelRekr", "5014", "2023")] == (None, ":")
    assert table[("AndelRekr", "5014", "2024")] == (Decimal("8.25"), "")
    assert len(table) == 6


def test_a_pivoted_file_needs_the_indicator_named():
    assert "oppgi koden" in refusal(read_csv, PIVOTED.encode(), AREAS)


def test_a_pivoted_file_with_an_unknown_region_names_the_row():
    data = (PIVOTED + '"1103 Stavanger";"1";"2";"3"\n').encode()
    assert "«1103» på rad 4" in refusal(read_csv, data, AREAS, "AndelRekr")


def json_values():
    scalars = st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=8)
    return st.recursive(
        scalars,
        lambda inner: (
            st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=6), inner, max_size=4)
        ),
        max_leaves=12,
    )


def paths(tree, prefix=()):
    yield prefix
    if isinstance(tree, dict):
        for key, value in tree.items():
            yield from paths(value, (*prefix, key))
    elif isinstance(tree, list):
        for position, value in enumerate(tree):
            yield from paths(value, (*prefix, position))


SSB_PATHS = list(paths(json.loads(ssb_dataset())))[1:]


@settings(max_examples=300, deadline=None)
@given(where=st.sampled_from(SSB_PATHS), replacement=json_values())
def test_any_part_of_a_dataset_replaced_by_anything_gives_cells_or_a_refusal(where, replacement):
    """Bad input is refused with a reason, never a crash: any part of a good dataset
    replaced with any JSON value."""
    dataset = json.loads(ssb_dataset())
    parent = dataset
    for key in where[:-1]:
        parent = parent[key]
    parent[where[-1]] = replacement
    try:
        cells = read_jsonstat(json.dumps(dataset).encode(), AREAS)
    except FileRefused as refused:
        assert str(refused)
    else:
        assert all(cell.area in AREAS for cell in cells)


@settings(max_examples=300, deadline=None)
@given(
    text=st.lists(
        st.lists(st.text(alphabet='0123456789,;.: -Kkrpæø"\n', max_size=8), max_size=6),
        max_size=5,
    ).map(lambda rows: "\n".join(";".join(row) for row in rows)),
    long=st.booleans(),
)
def test_any_csv_gives_cells_or_a_refusal(text, long):
    data = ((LONG if long else "region;2023;2024\n") + text).encode()
    try:
        cells = read_csv(data, AREAS, indicator="AndelRekr")
    except FileRefused as refused:
        assert str(refused)
    else:
        assert all(cell.area in AREAS for cell in cells)


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (Decimal("71.500000"), "71,5"),
        (Decimal("72.000000"), "72"),
        (Decimal("1E+2"), "100"),
        (Decimal("-0.250"), "-0,25"),
        (None, ""),
    ],
)
def test_figures_are_written_as_norwegians_read_them(value, text):
    assert figure_text(value) == text


def test_files_that_would_crash_or_flood_the_reader_are_refused():
    """Found by a review: each of these was a 500 or ate memory."""
    assert "nøstet for dypt" in refusal(read_jsonstat, b"[" * 100_000 + b"]" * 100_000, AREAS)
    assert "ikke gyldig JSON" in refusal(read_jsonstat, b'{"value": [' + b"9" * 5000 + b"]}", AREAS)
    assert "posisjon" in refusal(read_jsonstat, ssb_dataset(value={"0" * 5000: 1}), AREAS)
    huge_field = (LONG + "A;5001;2024;" + "1" * 200_000 + ";\n").encode()
    assert "kan ikke leses som CSV" in refusal(read_csv, huge_field, AREAS)
    wide = ("region;" + ";".join(str(1000 + n) for n in range(2000)) + "\n").encode()
    assert "celler" in refusal(read_csv, wide + b"5001\n" * 500, AREAS, "X")
    twice = b"region;2023;2023\n5001;1;2\n"
    assert "samme år" in refusal(read_csv, twice, AREAS, "X")


def test_what_the_database_cannot_hold_is_refused():
    rounded_up = (LONG + "A;5001;2024;99999999999999,9999999;\n").encode()
    assert "for stort" in refusal(read_csv, rounded_up, AREAS)
    long_code = (LONG + "A" * 61 + ";5001;2024;1;\n").encode()
    assert "mellom 1 og 60 tegn" in refusal(read_csv, long_code, AREAS)
    dataset = json.loads(ssb_dataset())
    dataset["dimension"]["Tid"]["category"]["index"] = ["2023", "2024 gjennomsnitt"]
    assert "Ukjent tid" in refusal(read_jsonstat, json.dumps(dataset).encode(), AREAS)


def test_what_the_writer_writes_the_reader_reads_back():
    from indicators.reading import Indicator
    from indicators.writing import jsonstat

    indicators = [Indicator("A", "Første", "prosent", 1), Indicator("B", "Andre", "kg", 0)]
    values = [1.5, None, 3, 4, 5.25, 6, 7, 8]
    data = jsonstat(["5001", "50"], indicators, [2023, 2024], values, status={1: ".."})
    cells = read_jsonstat(data, AREAS)
    assert [(c.indicator.code, c.area, c.period) for c in cells][:3] == [
        ("A", "5001", "2023"),
        ("A", "5001", "2024"),
        ("B", "5001", "2023"),
    ]
    assert [c.value for c in cells] == [None if v is None else Decimal(str(v)) for v in values]
    assert cells[1].status == ".." and cells[0].indicator == indicators[0]


# Excel ----------------------------------------------------------------------------------


def workbook(rows):
    book = Workbook()
    for row in rows:
        book.active.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def test_an_excel_sheet_in_the_long_form_with_numbers_as_excel_keeps_them():
    data = workbook(
        [
            ["Indikator", "Kommunenummer", "År", "Verdi", "Status"],
            ["SYKKEL", 5001, 2024, 21.5, None],
            ["SYKKEL", 5014, 2024.0, None, ".."],
            ["SYKKEL", "K-5014", 2023, 18, "p"],
        ]
    )
    cells = read_excel(data, AREAS)
    assert [(c.area, c.period, c.value, c.status) for c in cells] == [
        ("5001", "2024", Decimal("21.5"), ""),
        ("5014", "2024", None, ".."),
        ("5014", "2023", Decimal("18"), "p"),
    ]


def test_the_pivoted_form_in_excel():
    data = workbook([["region", 2023, 2024], ["5001 Trondheim - Tråante", 20.25, ".."]])
    cells = read_excel(data, AREAS, indicator="SYKKEL")
    assert [(c.period, c.value, c.status) for c in cells] == [
        ("2023", Decimal("20.25"), ""),
        ("2024", None, ".."),
    ]


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (b"not a zip file at all", "kan ikke leses som Excel"),
        (b"PK\x03\x04broken", "kan ikke leses som Excel"),
        (
            workbook([LONG_HEADER, ["SYKKEL", 5001, 2024, "mye", None]]),
            "Ikke et tall på rad 2, kolonne «verdi»",
        ),
        (workbook([LONG_HEADER, ["SYKKEL", 9999, 2024, 1, None]]), "9999"),
        (workbook([]), "Filen er tom"),
    ],
)
def test_a_bad_excel_file_is_refused_with_a_reason(data, expected):
    with pytest.raises(FileRefused, match=expected):
        read_excel(data, AREAS)


def test_a_sheet_too_large_to_read_is_refused_before_it_is_read_whole(monkeypatch):
    monkeypatch.setattr("indicators.reading.MAX_SHEET_CELLS", 10)
    data = workbook([LONG_HEADER] + [["SYKKEL", 5001, year, 1, None] for year in range(2000, 2010)])
    with pytest.raises(FileRefused, match="mer enn 10 celler"):
        read_excel(data, AREAS)


@pytest.mark.parametrize("code", ["SDG 11.6.1", "A.B", "a/b"])
def test_a_code_that_cannot_stand_in_an_address_is_refused(code):
    data = f"indikator;kommunenummer;år;verdi\n{code};5001;2024;1\n".encode()
    with pytest.raises(FileRefused, match="kan bare ha bokstaver, tall, - og _"):
        read_csv(data, AREAS)


def test_an_excel_file_with_broken_xml_inside_is_refused():
    import zipfile

    good = io.BytesIO(workbook([LONG_HEADER, ["SYKKEL", 5001, 2024, 1, None]]))
    broken = io.BytesIO()
    with zipfile.ZipFile(good) as source, zipfile.ZipFile(broken, "w") as target:
        for item in source.infolist():
            content = source.read(item.filename)
            if item.filename.endswith("sheet1.xml"):
                content = content[: len(content) // 2]  # cut off mid-way
            target.writestr(item, content)
    with pytest.raises(FileRefused, match="kan ikke leses som Excel"):
        read_excel(broken.getvalue(), AREAS)
