"""The areas figures can be imported for: the kommuner of the network's data, the county
and the country, by the codes SSB gives them."""

from functools import cache

from indicators.reading import NORWAY
from network.facts import read_csv

COUNTY = "50"


@cache
def area_codes():
    kommuner = {row["kommunenummer"] for row in read_csv("kommuner.csv")}
    return frozenset(kommuner | {COUNTY, NORWAY})
