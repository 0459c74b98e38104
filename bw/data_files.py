"""One reader for the shipped data files in ``bw/data``: each row checked into a record.

A bad row stops the load with :class:`DataFileError` naming the file and line
(``indicators.csv:12: unknown theme 'wonen_x'``): these files ship with the code, so a bad row is
a bug to fix, not a value to report and skip.
"""

from __future__ import annotations

import csv
import tomllib
from collections.abc import Collection, Iterator
from pathlib import Path
from typing import Any

from bw.errors import BwError
from bw.model import Aggregation, Dimension, Direction, Indicator, Provenance, Theme

#: The folder of the shipped data files, found next to this module at run time.
DATA_DIR = Path(__file__).with_name("data")
THEMES_FILE = DATA_DIR / "themes.csv"
INDICATORS_FILE = DATA_DIR / "indicators.csv"

_INDICATOR_COLUMNS = (
    "id",
    "name_nl",
    "name_en",
    "description_nl",
    "description_en",
    "unit",
    "decimals",
    "direction",
    "aggregation",
    "theme_ids",
    "is_survey",
    "source",
    "cbs_code",
)
_BOOLEANS = {"true": True, "false": False}


class DataFileError(BwError, ValueError):
    """A shipped data file is missing a column or has a bad row; the message says file:line."""


def read_rows(path: Path, *, columns: Collection[str]) -> Iterator[tuple[int, dict[str, str]]]:
    """The rows of a CSV file with their line numbers, after checking the header has ``columns``.

    Cells are text (no type guessing); a row with too many or too few cells is an error.
    """
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        missing = [c for c in columns if c not in (reader.fieldnames or ())]
        if missing:
            raise DataFileError(f"{path.name}:1: missing column(s) {', '.join(missing)}")
        for row in reader:
            line = reader.line_num
            if None in row or None in row.values():
                raise DataFileError(f"{path.name}:{line}: wrong number of cells")
            yield line, row


def read_toml(path: Path) -> dict[str, Any]:
    """A TOML file as a dict; a syntax error names the file."""
    try:
        with path.open("rb") as handle:
            return tomllib.load(handle)
    except tomllib.TOMLDecodeError as error:
        raise DataFileError(f"{path.name}: {error}") from error


def read_themes(path: Path = THEMES_FILE) -> tuple[Theme, ...]:
    """The themes file as records, in file order.

    >>> [t.id for t in read_themes()][:2]
    ['subjectief_welzijn', 'materiele_welvaart']
    """
    themes = []
    for line, row in read_rows(
        path, columns=("id", "dimension", "name_nl", "name_en", "sort_order")
    ):
        try:
            themes.append(
                Theme(
                    _text(row, "id"),
                    Dimension(row["dimension"]),
                    _text(row, "name_nl"),
                    _text(row, "name_en"),
                    int(row["sort_order"]),
                )
            )
        except ValueError as error:
            raise DataFileError(f"{path.name}:{line}: {error}") from error
    _check_unique(path, [t.id for t in themes])
    return tuple(themes)


def indicator_from_row(row: dict[str, str], *, theme_ids: Collection[str]) -> Indicator:
    """One indicator row as a record; ``ValueError`` says what is wrong with it.

    >>> row = dict(id="a.b", name_nl="A", name_en="A", description_nl="d", description_en="d",
    ...            unit="%", decimals="1", direction="up", aggregation="sum", theme_ids="wonen",
    ...            is_survey="false", source="CBS", cbs_code="", value_min="0", value_max="")
    >>> indicator_from_row(row, theme_ids={"wonen"}).value_min
    0.0
    """
    themes = tuple(row["theme_ids"].split())
    if not themes:
        raise ValueError("no theme")
    unknown = [t for t in themes if t not in theme_ids]
    if unknown:
        raise ValueError("; ".join(f"unknown theme {t!r}" for t in unknown))
    if row["is_survey"] not in _BOOLEANS:
        raise ValueError(f"is_survey must be true or false, not {row['is_survey']!r}")
    return Indicator(
        id=_text(row, "id"),
        name_nl=_text(row, "name_nl"),
        name_en=_text(row, "name_en"),
        description_nl=_text(row, "description_nl"),
        description_en=_text(row, "description_en"),
        unit=_text(row, "unit"),
        decimals=int(row["decimals"]),
        direction=Direction(row["direction"]),
        aggregation=Aggregation(row["aggregation"]),
        source=_text(row, "source"),
        theme_ids=themes,
        is_survey=_BOOLEANS[row["is_survey"]],
        cbs_code=row["cbs_code"] or None,
        value_min=float(row["value_min"]) if row.get("value_min") else None,
        value_max=float(row["value_max"]) if row.get("value_max") else None,
    )


def read_indicators(
    path: Path = INDICATORS_FILE, *, themes: Collection[Theme]
) -> tuple[tuple[Indicator, Provenance], ...]:
    """The indicators file as records, each with its provenance, in file order.

    >>> rows = read_indicators(themes=read_themes())
    >>> rows[0][1].licence
    'CC BY 4.0'
    """
    theme_ids = {theme.id for theme in themes}
    result = []
    columns = (*_INDICATOR_COLUMNS, "value_min", "value_max", "licence", "retrieved", "note")
    for line, row in read_rows(path, columns=columns):
        try:
            indicator = indicator_from_row(row, theme_ids=theme_ids)
        except ValueError as error:
            raise DataFileError(f"{path.name}:{line}: {error}") from error
        provenance = Provenance(
            indicator.source,
            indicator.cbs_code,
            row["licence"] or None,
            row["retrieved"] or None,
            row["note"] or None,
        )
        result.append((indicator, provenance))
    _check_unique(path, [indicator.id for indicator, _ in result])
    return tuple(result)


def _text(row: dict[str, str], column: str) -> str:
    """A required text cell; an empty one is an error."""
    value = row[column]
    if not value.strip():
        raise ValueError(f"{column} is empty")
    return value


def _check_unique(path: Path, ids: list[str]) -> None:
    """Fail when an id occurs twice in a file."""
    twice = sorted({i for i in ids if ids.count(i) > 1})
    if twice:
        raise DataFileError(f"{path.name}: id(s) occur twice: {', '.join(twice)}")
