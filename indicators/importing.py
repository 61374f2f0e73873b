"""Importing indicator files: read (indicators/reading.py), compare with what is stored
(a preview of new, changed and unchanged figures), store in one transaction as an
ImportBatch that remembers every change, and undo a batch."""

from dataclasses import dataclass, field
from pathlib import PurePath

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.models import Locale

from indicators.areas import area_codes
from indicators.models import Area, ImportBatch, Indicator, Observation, ObservationChange
from indicators.reading import FileRefused, read_csv, read_jsonstat

# A number as the database keeps it: six decimals.
PLACES = 6


def read_file(name, data, indicator=None):
    """The cells of a file, by its kind: JSON-stat (.json) or CSV (.csv)."""
    suffix = PurePath(name).suffix.lower()
    if suffix == ".json":
        return read_jsonstat(data, area_codes())
    if suffix in (".csv", ".txt"):
        return read_csv(data, area_codes(), indicator=indicator)
    raise FileRefused(
        _("«%(name)s» er verken JSON-stat (.json) eller CSV (.csv).") % {"name": name}
    )


def stored(value):
    return None if value is None else round(value, PLACES)


@dataclass
class Preview:
    """What importing the cells would do."""

    cells: list
    new_indicators: list = field(default_factory=list)
    added: list = field(default_factory=list)
    changed: list = field(default_factory=list)  # (cell, observation)
    unchanged: int = 0


def preview(cells):
    locale = Locale.get_default()
    indicators = {i.code: i for i in Indicator.objects.filter(locale=locale)}
    new_codes = []
    for cell in cells:
        code = cell.indicator.code
        if code not in indicators and code not in new_codes:
            new_codes.append(code)
    areas = {area.code: area for area in Area.objects.all()}
    existing = {
        (o.indicator.code, o.area.code, o.period): o
        for o in Observation.objects.filter(
            indicator__locale=locale, indicator__code__in={c.indicator.code for c in cells}
        ).select_related("indicator", "area")
    }
    result = Preview(cells=cells, new_indicators=new_codes)
    for cell in cells:
        if cell.area not in areas:
            raise FileRefused(
                _("Området %(area)s finnes ikke i portalen ennå: kjør `manage.py bootstrap`.")
                % {"area": cell.area}
            )
        observation = existing.get((cell.indicator.code, cell.area, cell.period))
        if observation is None:
            result.added.append(cell)
        elif (stored(observation.value), observation.status) != (stored(cell.value), cell.status):
            result.changed.append((cell, observation))
        else:
            result.unchanged += 1
    return result


@transaction.atomic
def apply(plan, file_name, content, source="", user=None):
    """Stores what `plan` (a Preview) says, as one ImportBatch."""
    locale = Locale.get_default()
    batch = ImportBatch.objects.create(
        file_name=file_name[:255],
        content=bytes(content),
        source=source[:255],
        created_by=user,
        added=len(plan.added),
        changed=len(plan.changed),
        unchanged=plan.unchanged,
    )
    for code in plan.new_indicators:
        first = next(cell.indicator for cell in plan.cells if cell.indicator.code == code)
        Indicator.objects.create(
            locale=locale,
            code=code,
            name=first.name[:255],
            unit=first.unit[:60],
            decimals=first.decimals if first.decimals is not None else 1,
            source=source[:255],
        )
    indicators = {i.code: i for i in Indicator.objects.filter(locale=locale)}
    areas = {area.code: area for area in Area.objects.all()}
    added = Observation.objects.bulk_create(
        Observation(
            indicator=indicators[cell.indicator.code],
            area=areas[cell.area],
            period=cell.period,
            value=stored(cell.value),
            status=cell.status,
            batch=batch,
        )
        for cell in plan.added
    )
    changes = [ObservationChange(batch=batch, observation=o, added=True) for o in added]
    updated = []
    for cell, observation in plan.changed:
        changes.append(
            ObservationChange(
                batch=batch,
                observation=observation,
                old_value=observation.value,
                old_status=observation.status,
                old_batch_id=observation.batch_id,
            )
        )
        observation.value, observation.status = stored(cell.value), cell.status
        observation.batch = batch
        updated.append(observation)
    Observation.objects.bulk_update(updated, ["value", "status", "batch"], batch_size=1000)
    ObservationChange.objects.bulk_create(changes, batch_size=1000)
    return batch


def import_file(name, data, source="", user=None, indicator=None):
    """Reads, compares and stores a file: (batch, preview)."""
    plan = preview(read_file(name, data, indicator=indicator))
    return apply(plan, name, data, source=source, user=user), plan


@transaction.atomic
def undo(batch):
    """Puts back what the batch changed. Refused if a later import has changed the same
    figures since: undo that one first."""
    if batch.undone_at:
        raise FileRefused(_("Denne importen er allerede angret."))
    touched = batch.changes.values("observation")
    later = (
        ObservationChange.objects.filter(observation__in=touched, batch__undone_at__isnull=True)
        .exclude(batch=batch)
        .filter(batch__pk__gt=batch.pk)
        .values_list("batch__file_name", flat=True)
        .first()
    )
    if later:
        raise FileRefused(
            _("En senere import (%(name)s) har endret de samme tallene. Angre den først.")
            % {"name": later}
        )
    restored = []
    for change in batch.changes.select_related("observation"):
        if change.added:
            continue
        observation = change.observation
        observation.value, observation.status = change.old_value, change.old_status
        observation.batch_id = change.old_batch_id
        restored.append(observation)
    Observation.objects.bulk_update(restored, ["value", "status", "batch"], batch_size=1000)
    Observation.objects.filter(
        pk__in=batch.changes.filter(added=True).values("observation")
    ).delete()
    batch.undone_at = timezone.now()
    batch.save(update_fields=["undone_at"])
