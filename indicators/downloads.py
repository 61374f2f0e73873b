"""The figures a page shows as files: CSV (UTF-8, Norwegian headers, decimal comma),
Excel and JSON-stat 2.0. The CSV's first five columns and the JSON-stat are what
`import_indicators` reads, so a download can be imported again, status marks and all.
Example figures are marked as such in every format."""

import csv
import io

from django.http import Http404, HttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.utils import get_column_letter

from indicators.reading import LONG_HEADER, figure_text
from indicators.reading import Indicator as Figure
from indicators.writing import jsonstat

HEADER = LONG_HEADER + ["område", "indikatornavn", "enhet", "eksempel"]
TYPES = {
    "csv": ("text/csv; charset=utf-8", "csv"),
    "excel": ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "xlsx"),
    "json-stat": ("application/json; charset=utf-8", "json"),
}


def rows(table, indicators, areas):
    """(indicator, area, period, figure), every cell of the table, in a fixed order."""
    for indicator in indicators:
        for area in areas:
            for period in table.periods_of(indicator):
                figure = table.figure(indicator, area.code, period)
                if figure.value is None and not figure.status:
                    continue  # never imported: not a figure, not even a missing one
                yield indicator, area, period, figure


def example_note(indicators):
    if any(indicator.is_example for indicator in indicators):
        return _("Eksempel: tallene er oppdiktet og viser bare hvordan portalen virker.")
    return ""


def as_csv(table, indicators, areas, title):
    out = io.StringIO()
    out.write("\ufeff")  # so that Excel reads æ, ø and å as UTF-8
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    writer.writerow(HEADER)
    for indicator, area, period, figure in rows(table, indicators, areas):
        writer.writerow(
            [
                indicator.code,
                area.code,
                period,
                figure_text(figure.value),
                figure.status,
                area.label,
                indicator.name,
                indicator.unit,
                _("ja") if indicator.is_example else "",
            ]
        )
    return out.getvalue().encode()


def as_excel(table, indicators, areas, title):
    book = Workbook()
    sheet = book.active
    sheet.title = _("Tall")
    sheet.append(HEADER)
    for indicator, area, period, figure in rows(table, indicators, areas):
        sheet.append(
            [
                indicator.code,
                area.code,
                period,
                figure.value,
                figure.status,
                area.label,
                indicator.name,
                indicator.unit,
                _("ja") if indicator.is_example else "",
            ]
        )
    for row in sheet.iter_rows(min_row=2):
        for cell in row:
            if cell.data_type == "f":
                # A name or unit that starts with «=» is text, not a formula to run.
                cell.data_type = "s"
    for column, name in enumerate(HEADER, start=1):
        sheet.column_dimensions[get_column_letter(column)].width = max(12, len(name) + 2)
    about = book.create_sheet(_("Om tallene"))
    about.append([title])
    for line in [example_note(indicators), *sources(indicators)]:
        if line:
            about.append([line])
    about.append([_("Lastet ned %(date)s") % {"date": timezone.localdate().strftime("%d.%m.%Y")}])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def sources(indicators):
    return sorted(
        {
            _("Kilde for %(name)s: %(source)s") % {"name": i.name, "source": i.source}
            for i in indicators
            if i.source
        }
    )


def as_jsonstat(table, indicators, areas, title):
    periods = sorted({p for indicator in indicators for p in table.periods_of(indicator)})
    values, status = [], {}
    for area in areas:
        for indicator in indicators:
            for period in periods:
                figure = table.figure(indicator, area.code, period)
                if figure.status:
                    status[len(values)] = figure.status
                values.append(figure.value)
    note = example_note(indicators)
    return jsonstat(
        [area.code for area in areas],
        [Figure(code=i.code, name=i.name, unit=i.unit, decimals=i.decimals) for i in indicators],
        periods,
        values,
        status=status,
        label=f"{_('Eksempel')}: {title}" if note else title,
        notes=[note, *sources(indicators)],
        area_names={area.code: area.label for area in areas},
    )


WRITERS = {"csv": as_csv, "excel": as_excel, "json-stat": as_jsonstat}


def respond(kind, table, indicators, areas, name, title):
    if kind not in WRITERS:
        raise Http404
    content_type, extension = TYPES[kind]
    response = HttpResponse(
        WRITERS[kind](table, indicators, areas, title), content_type=content_type
    )
    response["Content-Disposition"] = f'attachment; filename="{name}.{extension}"'
    return response
