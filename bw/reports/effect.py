"""The effect report of an option set: printable self-contained HTML and a flat table for CSV.

For the beslissing phase: the options side by side per dimension of brede welvaart (hier en nu,
later, elders), each expected effect as icon + words, the minimum flags of methods.md §7, and
where it all comes from (region, date, who, the data's latest year; demo data marked fictief).
Every text is escaped; no scripts, no links.
"""

from __future__ import annotations

from datetime import datetime
from html import escape
from typing import Any

import duckdb
import pandas as pd

from bw import store
from bw.formatting import MINUS, format_number
from bw.model import is_missing
from bw.policy_options import (
    DIMENSION_NAMES,
    DIMENSIONS,
    SERIOUS_FLAGS,
    Assess,
    OptionSet,
    PolicyOptionsError,
    compare,
    read_option_set,
    summarise,
    word,
)
from bw.reports import kit
from bw.reports.texts import EFFECT as _TEXT

#: The columns of the CSV table, in order.
TABLE_COLUMNS = (
    "set_id",
    "region",
    "option",
    "dimension",
    "dimensions",
    "indicator_id",
    "indicator",
    "timing",
    "place",
    "effect",
    "size",
    "confidence",
    "expected_change",
    "unit",
    "period",
    "value",
    "minimum",
    "expected_value",
    "flag",
    "note",
)


#: The options stand side by side as columns, so this report prints on A4 turned sideways:
#: 297 mm minus 2 × 12 mm margin leaves 273 mm.
STYLE = """
@page { size: A4 landscape; margin: 12mm; }
body { font-size: 10pt; max-width: 273mm; }
h1 { font-size: 17pt; }
"""


def signed(value: float | None, decimals: int, *, lang: str = "nl") -> str:
    """A change with its sign: ``+1,5`` or ``−0,4`` ('–' when missing).

    >>> signed(1.5, 1), signed(-0.4, 1, lang="en"), signed(None, 1)
    ('+1,5', '−0.4', '–')
    """
    shown = format_number(value, decimals, lang=lang)
    if value is None or shown.startswith((MINUS, "–")) or value == 0:
        return shown
    return f"+{shown}"


def cell_text(row: pd.Series[Any], *, lang: str = "nl") -> str:
    """One effect as words: ``⊖ slechter · middel · ~ middel vertrouwen · +19 kg · ⚠ …``."""
    parts = [
        word(row["effect"], lang=lang),
        word(row["size"], lang=lang),
        word(row["confidence"], lang=lang, confidence=True),
    ]
    if not is_missing(row["expected_change"]):
        change = signed(float(row["expected_change"]), int(row["decimals"]), lang=lang)
        parts.append(f"{change} {row['unit']}".strip())
    if not is_missing(row["flag"]):
        parts.append(word(row["flag"], lang=lang))
    return " · ".join(parts)


def when_where(row: pd.Series[Any], *, lang: str = "nl") -> str:
    """The effect's time and place in words: ``nu, hier``."""
    return f"{word(row['timing'], lang=lang)}, {word(row['place'], lang=lang)}"


def side_by_side(table: pd.DataFrame, option_set: OptionSet, *, lang: str = "nl") -> pd.DataFrame:
    """The options as columns: one row per dimension × indicator × time × place, cells in words.

    The columns are ``dimension`` (key), then the translated headers, then one per option name.
    """
    text = _TEXT[lang]
    names = [o.name for o in option_set.options]
    if table.empty:
        return pd.DataFrame(
            columns=[
                "dimension",
                text["indicator"],
                text["when_where"],
                text["value"],
                text["minimum"],
                *names,
            ]
        )
    rows = []
    keys = ["dimension", "indicator_id", "timing", "place"]
    for _, group in table.groupby(keys, sort=False, dropna=False):
        first = group.iloc[0]
        decimals = int(first["decimals"])
        value = _number(first["value"], decimals, first["unit"], lang)
        if not is_missing(first["period"]):
            value = f"{value} ({int(first['period'])})"
        row = {
            "dimension": first["dimension"],
            text["indicator"]: first["indicator"],
            text["when_where"]: when_where(first, lang=lang),
            text["value"]: value,
            text["minimum"]: _number(first["minimum"], decimals, first["unit"], lang),
        }
        by_option = {r["option"]: cell_text(r, lang=lang) for _, r in group.iterrows()}
        row.update({name: by_option.get(name, text["empty"]) for name in names})
        rows.append(row)
    return pd.DataFrame(rows)


def _number(value: float | None, decimals: int, unit: str, lang: str) -> str:
    if value is None or is_missing(value):
        return "–"
    return f"{format_number(float(value), decimals, lang=lang)} {unit}".strip()


def flat_table(table: pd.DataFrame, option_set: OptionSet, *, lang: str = "nl") -> pd.DataFrame:
    """The CSV table: the tidy comparison with words for the flags, numbers as numbers."""
    flat = table.copy()
    flat["set_id"] = option_set.id
    flat["region"] = option_set.region_code
    flat["flag"] = flat["flag"].map(lambda f: word(f, lang=lang) if isinstance(f, str) else "")
    return flat.reindex(columns=list(TABLE_COLUMNS))


def build_effect_report(
    con: duckdb.DuckDBPyConnection,
    set_id: int,
    *,
    lang: str = "nl",
    demo: bool,
    made_by: str,
    assess: Assess | None = None,
    generated_at: datetime | None = None,
) -> tuple[str, pd.DataFrame]:
    """The effect report of an option set as (self-contained HTML, flat table for CSV).

    Raises :class:`bw.policy_options.PolicyOptionsError` for an unknown set.
    """
    option_set = read_option_set(con, set_id)
    if option_set is None:
        raise PolicyOptionsError(
            "unknown_set",
            f"unknown option set {set_id}; see `python -m bw options list`",
            id=set_id,
        )
    table = compare(con, set_id, assess=assess, lang=lang)
    region = store.read_region(con, option_set.region_code)
    region_name = region.name if region is not None else option_set.region_code
    text = _TEXT[lang]
    date_format = kit.date_format(lang)
    made = (generated_at or datetime.now()).strftime(date_format)
    periods = table["period"].dropna() if not table.empty else pd.Series(dtype=float)
    data_year = str(int(periods.max())) if len(periods) else "–"
    parts = [kit.demo_note(text["demo"])] if demo else []
    parts.append(kit.small(text["made"].format(date=made, who=made_by)))
    changed = text["changed_value"].format(
        date=option_set.updated_at.strftime(date_format), who=option_set.updated_by
    )
    parts += kit.facts_table(
        [
            (text["region"], f"{region_name} ({option_set.region_code})"),
            (text["question"], option_set.question or "–"),
            (text["changed"], changed),
            (text["data_year"], data_year),
        ]
    )
    parts += [kit.heading(text["options"]), "<ol>"]
    for option in option_set.options:
        description = f" — {escape(option.description)}" if option.description else ""
        parts.append(f"<li><strong>{escape(option.name)}</strong>{description}</li>")
    parts.append("</ol>")
    if len(option_set.options) < 2:
        parts.append(f"<p>{escape(text['too_few'])}</p>")
    parts += _summary(table, option_set, lang)
    wide = side_by_side(table, option_set, lang=lang)
    for dim in DIMENSIONS:
        dim_name = DIMENSION_NAMES[lang][dim]
        parts.append(kit.heading(f"{text['effects']}: {dim_name}", anchor=dim))
        parts.append(kit.small(text["dimension_intro"].format(dim=dim_name)))
        rows = wide[wide["dimension"] == dim].drop(columns=["dimension"])
        if rows.empty:
            parts.append(f"<p>{escape(text['none_in_dimension'])}</p>")
            continue
        numeric = {text["value"], text["minimum"]}
        parts += kit.table([(c, c in numeric) for c in rows.columns], rows.values.tolist())
    parts += _flags(table, lang)
    parts += [kit.small(text["method"]), kit.small(text["source"])]
    html = kit.document(f"{text['title']}: {option_set.title}", parts, lang=lang, style=STYLE)
    return html, flat_table(table, option_set, lang=lang)


def _summary(table: pd.DataFrame, option_set: OptionSet, lang: str) -> list[str]:
    text = _TEXT[lang]
    summary = summarise(table, option_set)
    if summary.empty:
        return []
    headers = [("", False)] + [(str(name), True) for name in summary["option"]]
    rows = []
    for dim in DIMENSIONS:
        dim_name = DIMENSION_NAMES[lang][dim]
        rows.append([f"{dim_name}: {word('beter', lang=lang)}", *summary[f"better_{dim}"].tolist()])
        rows.append(
            [f"{dim_name}: {word('slechter', lang=lang)}", *summary[f"worse_{dim}"].tolist()]
        )
    rows.append([text["flags"], *summary["flags"].tolist()])
    rows.append([text["notes"], *summary["notes"].tolist()])
    return [kit.heading(text["summary"]), *kit.table(headers, rows)]


def flag_lines(table: pd.DataFrame, *, lang: str = "nl") -> list[str]:
    """One line per serious flag (⚠), in words, for the report and the page."""
    text = _TEXT[lang]
    if table.empty:
        return []
    lines = []
    serious = {str(f) for f in SERIOUS_FLAGS}
    for _, row in table[table["flag"].isin(serious)].iterrows():
        decimals = int(row["decimals"])
        value = _number(row["value"], decimals, row["unit"], lang)
        minimum = _number(row["minimum"], decimals, row["unit"], lang)
        if not is_missing(row["expected_value"]):
            detail = text["detail_change"].format(
                value=value,
                minimum=minimum,
                expected=_number(row["expected_value"], decimals, row["unit"], lang),
            )
        else:
            detail = text["detail_size"].format(
                value=value, minimum=minimum, size=word(row["size"], lang=lang)
            )
        lines.append(
            text["flag_line"].format(
                flag=word(row["flag"], lang=lang),
                option=row["option"],
                indicator=row["indicator"],
                when=when_where(row, lang=lang),
                detail=detail,
            )
        )
    return lines


def _flags(table: pd.DataFrame, lang: str) -> list[str]:
    text = _TEXT[lang]
    lines = flag_lines(table, lang=lang)
    parts = [kit.heading(text["flag_title"])]
    if not lines:
        return [*parts, f"<p>{escape(text['flag_none'])}</p>"]
    return [*parts, *(f'<p class="signal" role="note">{escape(line)}</p>' for line in lines)]
