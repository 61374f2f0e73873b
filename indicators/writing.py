"""Writing figures as JSON-stat 2.0, in the shape indicators/reading.py reads: one
dimension of areas (role geo), one of indicators with their units (metric) and one of
periods (time)."""

import json


def jsonstat(areas, indicators, periods, values, status=None, label=""):
    """A dataset as bytes. `indicators` are reading.Indicator; `values` run through the
    areas, then the indicators, then the periods (the last changes fastest); `status` is
    {position: mark}."""
    codes = [indicator.code for indicator in indicators]
    dataset = {
        "version": "2.0",
        "class": "dataset",
        "label": label,
        "id": ["Region", "ContentsCode", "Tid"],
        "size": [len(areas), len(codes), len(periods)],
        "role": {"geo": ["Region"], "metric": ["ContentsCode"], "time": ["Tid"]},
        "dimension": {
            "Region": {"label": "region", "category": {"index": list(areas)}},
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
        "value": list(values),
        "status": {str(position): mark for position, mark in (status or {}).items()},
    }
    return json.dumps(dataset, ensure_ascii=False).encode()
