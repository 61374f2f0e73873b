"""Importing indicator files: read (indicators/reading.py), compare with what is stored
(a preview of new, changed and unchanged figures), store in one transaction as an
ImportBatch that remembers every change, and undo a batch."""

from dataclasses import dataclass, field
from pathlib import PurePath

from django.db import connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.models import Locale

from indicators.areas import area_codes
from indicators.reading import FileRefused, read_csv, read_excel, read_jsonstat
from indicators.records import Area, ImportBatch, Indicator, Observation, ObservationChange

# A number as the database keeps it: six decimals.
PLACES = 6
# Rows per INSERT.
BATCH = 1000
# The advisory lock imports and undos hold on PostgreSQL.
LOCK = 7_060_002


def read_file(name, data, indicator=None):
    """The cells of a file, by its kind: JSON-stat (.json), CSV (.csv) or Excel (.xlsx)."""
    suffix = PurePath(name).suffix.lower()
    if suffix == ".json":
        return read_jsonstat(data, area_codes())
    if suffix in (".csv", ".txt"):
        return read_csv(data, area_codes(), indicator=indicator)
    if suffix == ".xlsx":
        return read_excel(data, area_codes(), indicator=indicator)
    raise FileRefused(
        _("«%(name)s» er verken JSON-stat (.json), CSV (.csv) eller Excel (.xlsx).")
        % {"name": name}
    )


def stored(value):
    return None if value is None else round(value, PLACES)


@dataclass
class Stored:
    """A figure as it is stored, as much of it as a comparison needs."""

    pk: int
    value: object
    status: str
    batch_id: int


@dataclass
class Preview:
    """What importing the cells would do."""

    cells: list
    new_indicators: list = field(default_factory=list)
    added: list = field(default_factory=list)
    changed: list = field(default_factory=list)  # (cell, Stored)
    unchanged: int = 0


def preview(cells):
    locale = Locale.get_default()
    indicators = {i.code: i for i in Indicator.objects.filter(locale=locale)}
    new_codes = []
    for cell in cells:
        code = cell.indicator.code
        if code not in indicators and code not in new_codes:
            new_codes.append(code)
    areas = set(Area.objects.values_list("code", flat=True))
    # Read as plain rows: at 100,000 figures, model instances cost seconds.
    rows = Observation.objects.filter(
        indicator__locale=locale, indicator__code__in={c.indicator.code for c in cells}
    ).values_list("indicator__code", "area__code", "period", "pk", "value", "status", "batch")
    existing = {(code, area, period): Stored(*rest) for code, area, period, *rest in rows}
    result = Preview(cells=cells, new_indicators=new_codes)
    for cell in cells:
        if cell.area not in areas:
            raise FileRefused(
                _("Området %(area)s finnes ikke i portalen ennå: kjør `manage.py bootstrap`.")
                % {"area": cell.area}
            )
        figure = existing.get((cell.indicator.code, cell.area, cell.period))
        if figure is None:
            result.added.append(cell)
        elif (stored(figure.value), figure.status) != (stored(cell.value), cell.status):
            result.changed.append((cell, figure))
        else:
            result.unchanged += 1
    return result


def stage(file_name, content, source="", user=None, indicator=""):
    """Keeps an uploaded file as a batch not yet applied, after checking that it can be
    read: FileRefused otherwise, and nothing is kept."""
    read_file(file_name, content, indicator=indicator or None)
    return ImportBatch.objects.create(
        file_name=file_name[:255],
        content=bytes(content),
        source=source[:255],
        indicator=indicator[:60],
        created_by=user,
    )


def preview_batch(batch):
    return preview(read_file(batch.file_name, bytes(batch.content), batch.indicator or None))


def one_at_a_time():
    """Holds the importers' lock to the end of the transaction: two imports (or an import
    and an undo) that ran side by side could each record the other's figures as the old
    ones. On SQLite the first write takes the database's own lock."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [LOCK])
    else:
        ImportBatch.objects.filter(pk=-1).update(source="")


@transaction.atomic
def apply(batch):
    """Stores what the batch's file holds, compared with what is stored when it runs (not
    when its preview was shown), and remembers every change in the batch. Returns
    (batch, the comparison)."""
    one_at_a_time()
    batch = ImportBatch.objects.get(pk=batch.pk)
    if batch.applied_at:
        raise FileRefused(_("Denne filen er allerede importert."))
    plan = preview_batch(batch)
    locale = Locale.get_default()
    for code in plan.new_indicators:
        first = next(cell.indicator for cell in plan.cells if cell.indicator.code == code)
        Indicator.objects.create(
            locale=locale,
            code=code,
            name=first.name[:255],
            unit=first.unit[:60],
            decimals=first.decimals if first.decimals is not None else 1,
            source=batch.source,
        )
    indicators = {i.code: i for i in Indicator.objects.filter(locale=locale)}
    areas = {area.code: area for area in Area.objects.all()}
    Observation.objects.bulk_create(
        (
            Observation(
                indicator=indicators[cell.indicator.code],
                area=areas[cell.area],
                period=cell.period,
                value=stored(cell.value),
                status=cell.status,
                batch=batch,
            )
            for cell in plan.added
        ),
        batch_size=BATCH,
    )
    # An added figure is traced by its batch; a changed one also keeps what it was.
    changes = [
        ObservationChange(
            batch=batch,
            observation_id=figure.pk,
            old_value=figure.value,
            old_status=figure.status,
            old_batch_id=figure.batch_id,
        )
        for _cell, figure in plan.changed
    ]
    set_figures(
        [(stored(cell.value), cell.status, batch.pk, figure.pk) for cell, figure in plan.changed]
    )
    ObservationChange.objects.bulk_create(changes, batch_size=BATCH)
    batch.added, batch.changed, batch.unchanged = (
        len(plan.added),
        len(plan.changed),
        plan.unchanged,
    )
    batch.applied_at = timezone.now()
    batch.save(update_fields=["added", "changed", "unchanged", "applied_at"])
    return batch, plan


def set_figures(rows):
    """Sets (value, status, batch) of figures by id, as one prepared UPDATE run for each:
    Django's bulk_update writes a CASE per column and row, 5 s for 10,000 figures."""
    table = Observation._meta.db_table
    # A list before the cursor is in use: psycopg's executemany reads the rows in pipeline
    # mode, and a queryset read then would wait for that same connection for ever.
    rows = list(rows)
    with connection.cursor() as cursor:
        cursor.executemany(
            f"UPDATE {table} SET value = %s, status = %s, batch_id = %s WHERE id = %s", rows
        )


@transaction.atomic
def import_file(name, data, source="", user=None, indicator=None):
    """Reads, compares and stores a file at once: (batch, preview)."""
    return apply(stage(name, data, source=source, user=user, indicator=indicator or ""))


@transaction.atomic
def undo(batch):
    """Puts back what the batch changed. Refused if a later import has changed the same
    figures since: undo that one first."""
    one_at_a_time()
    batch = ImportBatch.objects.get(pk=batch.pk)
    if batch.undone_at:
        raise FileRefused(_("Denne importen er allerede angret."))
    if not batch.applied_at:
        raise FileRefused(_("Denne filen er ikke importert, så det er ingenting å angre."))
    # A later import that changed a figure this one set remembers this one as its old
    # batch.
    later = (
        ObservationChange.objects.filter(old_batch=batch, batch__undone_at__isnull=True)
        .values_list("batch__file_name", flat=True)
        .first()
    )
    if later:
        raise FileRefused(
            _("En senere import (%(name)s) har endret de samme tallene. Angre den først.")
            % {"name": later}
        )
    # The changed figures get back what they were (and their earlier batch); what is
    # left with this batch is what it added.
    set_figures(batch.changes.values_list("old_value", "old_status", "old_batch", "observation"))
    Observation.objects.filter(batch=batch).delete()
    batch.undone_at = timezone.now()
    batch.save(update_fields=["undone_at"])
