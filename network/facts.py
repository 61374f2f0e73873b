"""Reads the facts in network/data (see network/data/SOURCE.md)."""

import csv
import tomllib
from functools import cache
from pathlib import Path

DATA_DIR = Path(__file__).resolve().parent / "data"


def read_csv(filename):
    with open(DATA_DIR / filename, encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


@cache
def read_network():
    with open(DATA_DIR / "network.toml", "rb") as handle:
        return tomllib.load(handle)


def report_parts():
    """The nine parts of a kommune's Bærekraftsrapport, in order."""
    network = read_network()
    # In network.toml the list follows the [baerekraftfredag] table, so TOML files it
    # there; it describes the reports all the same.
    return network.get("report_parts") or network["baerekraftfredag"]["report_parts"]
