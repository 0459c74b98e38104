"""A tiny store for unit tests: three indicators (up, down, count), NL, one province, five
gemeenten in two peer classes, and helpers to load rows as one load."""

from __future__ import annotations

from contextlib import closing

import duckdb
import pandas as pd

from bw import store
from bw.model import Indicator, Region, Theme

THEMES = [
    Theme("gezondheid", "hier_en_nu", "Gezondheid", "Health", 3),
    Theme("menselijk_kapitaal", "later", "Menselijk kapitaal", "Human capital", 11),
    Theme("milieu_en_grondstoffen", "elders", "Milieu en grondstoffen", "Environment", 14),
]

INDICATORS = [
    Indicator(
        "t.up",
        "Omhoog",
        "Up",
        "Hoger is beter.",
        "Higher is better.",
        "%",
        1,
        "up",
        "weighted_mean",
        "test",
        ("gezondheid", "menselijk_kapitaal"),
    ),
    Indicator(
        "t.down",
        "Omlaag",
        "Down",
        "Lager is beter.",
        "Lower is better.",
        "ton",
        2,
        "down",
        "weighted_mean",
        "test",
        ("milieu_en_grondstoffen",),
    ),
    Indicator(
        "t.count",
        "Aantal",
        "Count",
        "Een telling.",
        "A count.",
        "aantal",
        0,
        "neutral",
        "sum",
        "test",
        ("gezondheid",),
    ),
]

REGIONS = [
    Region("NL01", "Nederland", "NL"),
    Region("PV27", "Noord-Holland", "PV"),
    Region("GM0001", "Een", "GM", province_code="PV27", size_class=4, urbanity=3),
    Region("GM0002", "Twee", "GM", province_code="PV27", size_class=4, urbanity=3),
    Region("GM0003", "Drie", "GM", province_code="PV27", size_class=5, urbanity=2),
    Region("GM0004", "Vier", "GM", province_code="PV27", size_class=5, urbanity=2),
    Region("GM0005", "Vijf", "GM", province_code="PV27", size_class=5, urbanity=2),
]


def observations(rows: list[tuple]) -> pd.DataFrame:
    """A frame of (indicator, region, year, value) rows with the other columns defaulted."""
    frame = pd.DataFrame(rows, columns=["indicator_id", "region_code", "year", "value"])
    frame["period"] = frame["year"].astype(str)
    frame["ci_low"] = None
    frame["ci_high"] = None
    frame["status"] = "definitief"
    frame["missing_reason"] = None
    return frame


def create_tiny_store(path) -> duckdb.DuckDBPyConnection:
    """A new store with a tiny catalogue, NL, one province and five gemeenten."""
    connection = store.connect(path)
    with store.transaction(connection):
        store.insert_themes(connection, THEMES)
        store.insert_indicators(connection, INDICATORS)
        store.insert_regions(connection, REGIONS)
    return connection


def load(con, rows, *, source="test") -> int:
    """Write rows as one load and refresh the derived tables; return the load id."""
    with store.transaction(con):
        load_id = store.create_load(con, source=source, format="test", n_rows=len(rows))
        store.write_observations(con, observations(rows), load_id=load_id)
        store.refresh_derived(con)
    return load_id


def tiny_store_file(path, rows):
    """A closed tiny store file at ``path`` holding ``rows`` as one load; the path."""
    with closing(create_tiny_store(path)) as con:
        load(con, rows)
    return path
