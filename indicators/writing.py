"""Writing figures as JSON-stat 2.0, in the shape indicators/reading.py reads: one
dimension of areas (role geo), one of indicators with their units (metric) and one of
periods (time)."""

import json
from decimal import Decimal


def jsonstat(areas, indicators, periods, values, status=None, label="", notes=(), area_names=None):
    """A dataset as bytes. `indicators` are reading.Indicator; `values` (numbers, Decimals
    or None) run through the areas, then the indicators, then the periods (the last
    changes fastest); `status` is {position: mark}; `notes` go in the dataset's `note`."""
    codes = [indicator.code for indicator in indicators]
    dataset = {
        "version": "2.0",
        "class": "dataset",
        "label": label,
        "id": ["Region", "ContentsCode", "Tid"],
        "size": [len(areas), len(codes), len(periods)],
        "role": {"geo": ["Region"], "metric": ["ContentsCode"], "time": ["Tid"]},
        "dimension": {
            "Region": {
                "label": "region",
                "category": {"index": list(areas), **({"label": area_names} if area_names else {})},
            },
            "ContentsCode": {
                "label": "statistikkvariabel",
                "category": {
                    "index": codes,
                    "label": {i.code: i.name for i in indicators},
                    "unit": {i.code: {"base": i.unit, "decimals": i.decimals} for i in indicators},
                },
            },
            "Tid": {"label": "år", "category": {"index": [str(p) for p in periods]}},
        },
        "value": [plain(value) for value in values],
        "status": {str(position): mark for position, mark in (status or {}).items()},
    }
    if any(notes):
        dataset["note"] = [note for note in notes if note]
    return json.dumps(dataset, ensure_ascii=False).encode()


def plain(value):
    """A Decimal as a JSON number: whole numbers without decimals, others as the shortest
    float that reads back as the same figure."""
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    return value
