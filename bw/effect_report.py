"""The effect report of an option set: printable self-contained HTML and a flat table for CSV.

For the beslissing phase: the options side by side per dimension of brede welvaart (hier en nu,
later, elders), each expected effect as icon + words, the minimum flags of methods.md §7, and
where it all comes from (region, date, who, the data's latest year; demo data marked fictief).
Every text is escaped; no scripts, no links.
"""

from __future__ import annotations

from datetime import datetime
from html import escape

import duckdb
import pandas as pd

from bw import store
from bw.formatting import MINUS, format_number
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

#: The columns of the CSV table, in order.
TABLE_COLUMNS = (
    "set_id", "region", "option", "dimension", "dimensions", "indicator_id", "indicator",
    "timing", "place", "effect", "size", "confidence", "expected_change", "unit", "period",
    "value", "minimum", "expected_value", "flag", "note",
)

_TEXT = {
    "nl": {
        "title": "Effectrapport",
        "demo": "Demodata (fictief): de opties, effecten en cijfers zijn verzonnen.",
        "made": "Gemaakt op {date} door {who} met bw, het brede welvaart dashboard.",
        "region": "Regio", "question": "Vraag", "changed": "Laatst gewijzigd",
        "changed_value": "{date} door {who}", "data_year": "Gegevens tot en met",
        "options": "Opties", "summary": "Samenvatting per optie",
        "flags": "⚠ minimum in gevaar",
        "notes": "△ verslechtering op indicator met minimum", "effects": "Effecten",
        "dimension_intro": "Indicatoren die bij een thema van {dim} horen. 'Nu/later' en "
                           "'hier/elders' zeggen wanneer en waar de opstellers het effect "
                           "verwachten.",
        "indicator": "Indicator", "when_where": "Wanneer, waar", "value": "Huidige waarde",
        "minimum": "Minimum", "none_in_dimension": "Geen verwachte effecten in deze dimensie.",
        "flag_title": "Signalen: minimum in gevaar",
        "flag_none": "Geen optie brengt naar verwachting een indicator onder zijn minimum.",
        "flag_line": "{flag}: {option} — {indicator} ({when}): {detail}",
        "detail_change": "nu {value}, verwacht {expected}, minimum {minimum}",
        "detail_size": "nu {value}, minimum {minimum}, verwacht effect {size}",
        "too_few": "Deze set heeft minder dan twee opties: er valt nog niets te vergelijken.",
        "method": "Verwachte effecten zijn inschattingen van de opstellers (richting ten "
                  "opzichte van de goede richting van de indicator, grootte, vertrouwen), geen "
                  "voorspellingen. Signaal: met een verwachte verandering telt de huidige waarde "
                  "plus die verandering tegenover het huidige minimum; zonder getal is een "
                  "verslechtering een risico als de marge tot het minimum ten hoogste 2% "
                  "(klein), 5% (middel) of 10% (groot) van de huidige waarde is (methods.md §7).",
        "source": "Opzet naar Sturen op Impact (Nationaal Netwerk Brede Welvaart); cijfers: "
                  "CBS, Regionale Monitor Brede Welvaart.",
        "empty": "–",
    },
    "en": {
        "title": "Effect report",
        "demo": "Demo data (fictional): the options, effects and figures are made up.",
        "made": "Made on {date} by {who} with bw, the broad well-being dashboard.",
        "region": "Region", "question": "Question", "changed": "Last changed",
        "changed_value": "{date} by {who}", "data_year": "Data up to",
        "options": "Options", "summary": "Summary per option",
        "flags": "⚠ minimum at risk",
        "notes": "△ worsens an indicator with a minimum", "effects": "Effects",
        "dimension_intro": "Indicators of a theme of {dim}. 'Now/later' and "
                           "'here/elsewhere' say when and where the authors expect the effect.",
        "indicator": "Indicator", "when_where": "When, where", "value": "Current value",
        "minimum": "Minimum", "none_in_dimension": "No expected effects in this dimension.",
        "flag_title": "Signals: minimum at risk",
        "flag_none": "No option is expected to push an indicator below its minimum.",
        "flag_line": "{flag}: {option} — {indicator} ({when}): {detail}",
        "detail_change": "now {value}, expected {expected}, minimum {minimum}",
        "detail_size": "now {value}, minimum {minimum}, expected effect {size}",
        "too_few": "This set has fewer than two options: nothing to compare yet.",
        "method": "Expected effects are the authors' estimates (direction relative to the "
                  "indicator's good direction, size, confidence), not forecasts. Signal: with an "
                  "expected change, the current value plus that change is set against the "
                  "current minimum; without a number, a worsening is a risk when the margin to "
                  "the minimum is at most 2% (small), 5% (medium) or 10% (large) of the current "
                  "value (methods.md §7).",
        "source": "Approach after Sturen op Impact (Nationaal Netwerk Brede Welvaart); figures: "
                  "CBS, Regional Monitor of Broad Well-being.",
        "empty": "–",
    },
}

_STYLE = """
@page { size: A4 landscape; margin: 12mm; }
body { font-family: system-ui, sans-serif; color: #1a1a1a; font-size: 10pt; line-height: 1.35;
       max-width: 275mm; margin: 0 auto; }
h1 { font-size: 17pt; margin: 0 0 2mm; } h2 { font-size: 12.5pt; margin: 5mm 0 1.5mm;
     border-bottom: 1px solid #1f5f8b; color: #1f5f8b; }
p { margin: 1mm 0; } .small { font-size: 8.5pt; color: #444; }
.demo { border: 2px solid #8a4b00; color: #5c3200; padding: 1.5mm 3mm; font-weight: 600; }
.signal { border-left: 4px solid #8a4b00; padding: 1mm 3mm; font-weight: 600; }
table { border-collapse: collapse; width: 100%; margin: 1mm 0; page-break-inside: auto; }
tr { page-break-inside: avoid; }
th, td { border-bottom: 1px solid #ccc; padding: 1mm 1.5mm; text-align: left; vertical-align: top; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
th { font-size: 9pt; }
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


def cell_text(row, *, lang: str = "nl") -> str:
    """One effect as words: ``⊖ slechter · middel · ~ middel vertrouwen · +19 kg · ⚠ …``."""
    parts = [word(row["effect"], lang=lang), word(row["size"], lang=lang),
             word(row["confidence"], lang=lang, confidence=True)]
    if row["expected_change"] is not None and not pd.isna(row["expected_change"]):
        change = signed(float(row["expected_change"]), int(row["decimals"]), lang=lang)
        parts.append(f"{change} {row['unit']}".strip())
    if row["flag"] is not None and not pd.isna(row["flag"]):
        parts.append(word(row["flag"], lang=lang))
    return " · ".join(parts)


def when_where(row, *, lang: str = "nl") -> str:
    """The effect's time and place in words: ``nu, hier``."""
    return f"{word(row['timing'], lang=lang)}, {word(row['place'], lang=lang)}"


def side_by_side(table: pd.DataFrame, option_set: OptionSet, *, lang: str = "nl") -> pd.DataFrame:
    """The options as columns: one row per dimension × indicator × time × place, cells in words.

    The columns are ``dimension`` (key), then the translated headers, then one per option name.
    """
    text = _TEXT[lang]
    names = [o.name for o in option_set.options]
    if table.empty:
        return pd.DataFrame(columns=["dimension", text["indicator"], text["when_where"],
                                     text["value"], text["minimum"], *names])
    rows = []
    keys = ["dimension", "indicator_id", "timing", "place"]
    for _, group in table.groupby(keys, sort=False, dropna=False):
        first = group.iloc[0]
        decimals = int(first["decimals"])
        value = _number(first["value"], decimals, first["unit"], lang)
        if first["period"] is not None and not pd.isna(first["period"]):
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


def _number(value, decimals: int, unit: str, lang: str) -> str:
    if value is None or pd.isna(value):
        return "–"
    return f"{format_number(float(value), decimals, lang=lang)} {unit}".strip()


def flat_table(table: pd.DataFrame, option_set: OptionSet, *, lang: str = "nl") -> pd.DataFrame:
    """The CSV table: the tidy comparison with words for the flags, numbers as numbers."""
    flat = table.copy()
    flat["set_id"] = option_set.id
    flat["region"] = option_set.region_code
    flat["flag"] = flat["flag"].map(
        lambda f: word(f, lang=lang) if isinstance(f, str) else "")
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
        raise PolicyOptionsError("unknown_set", f"unknown option set {set_id}; see `python -m bw "
                                 "options list`", id=set_id)
    table = compare(con, set_id, assess=assess, lang=lang)
    region = store.read_region(con, option_set.region_code)
    region_name = region.name if region is not None else option_set.region_code
    text = _TEXT[lang]
    date_format = "%d-%m-%Y" if lang == "nl" else "%Y-%m-%d"
    made = (generated_at or datetime.now()).strftime(date_format)
    title = f"{text['title']}: {option_set.title}"
    periods = table["period"].dropna() if not table.empty else pd.Series(dtype=float)
    data_year = str(int(periods.max())) if len(periods) else "–"
    parts = [
        "<!DOCTYPE html>",
        f'<html lang="{lang}"><head><meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{escape(title)}</title><style>{_STYLE}</style></head><body>",
        f"<h1>{escape(title)}</h1>",
    ]
    if demo:
        parts.append(f'<p class="demo" role="note">{escape(text["demo"])}</p>')
    parts.append(f'<p class="small">{escape(text["made"].format(date=made, who=made_by))}</p>')
    changed = text["changed_value"].format(date=option_set.updated_at.strftime(date_format),
                                           who=option_set.updated_by)
    meta = [(text["region"], f"{region_name} ({option_set.region_code})"),
            (text["question"], option_set.question or "–"),
            (text["changed"], changed), (text["data_year"], data_year)]
    parts += ["<table>", *(f'<tr><th scope="row">{escape(k)}</th><td>{escape(v)}</td></tr>'
                           for k, v in meta), "</table>"]
    parts.append(f"<h2>{escape(text['options'])}</h2><ol>")
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
        parts.append(f'<h2 id="{dim}">{escape(text["effects"])}: {escape(dim_name)}</h2>')
        parts.append(f'<p class="small">{escape(text["dimension_intro"].format(dim=dim_name))}'
                     "</p>")
        rows = wide[wide["dimension"] == dim].drop(columns=["dimension"])
        if rows.empty:
            parts.append(f"<p>{escape(text['none_in_dimension'])}</p>")
            continue
        numeric = {text["value"], text["minimum"]}
        parts += _table([(c, c in numeric) for c in rows.columns], rows.values.tolist())
    parts += _flags(table, lang)
    parts += [f'<p class="small">{escape(text["method"])}</p>',
              f'<p class="small">{escape(text["source"])}</p>', "</body></html>"]
    return "\n".join(parts), flat_table(table, option_set, lang=lang)


def _summary(table: pd.DataFrame, option_set: OptionSet, lang: str) -> list[str]:
    text = _TEXT[lang]
    summary = summarise(table, option_set)
    if summary.empty:
        return []
    headers = [("", False)] + [(str(name), True) for name in summary["option"]]
    rows = []
    for dim in DIMENSIONS:
        dim_name = DIMENSION_NAMES[lang][dim]
        rows.append([f"{dim_name}: {word('beter', lang=lang)}",
                     *summary[f"better_{dim}"].tolist()])
        rows.append([f"{dim_name}: {word('slechter', lang=lang)}",
                     *summary[f"worse_{dim}"].tolist()])
    rows.append([text["flags"], *summary["flags"].tolist()])
    rows.append([text["notes"], *summary["notes"].tolist()])
    return [f"<h2>{escape(text['summary'])}</h2>", *_table(headers, rows)]


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
        if row["expected_value"] is not None and not pd.isna(row["expected_value"]):
            detail = text["detail_change"].format(
                value=value, minimum=minimum,
                expected=_number(row["expected_value"], decimals, row["unit"], lang))
        else:
            detail = text["detail_size"].format(value=value, minimum=minimum,
                                                size=word(row["size"], lang=lang))
        lines.append(text["flag_line"].format(
            flag=word(row["flag"], lang=lang), option=row["option"], indicator=row["indicator"],
            when=when_where(row, lang=lang), detail=detail))
    return lines


def _flags(table: pd.DataFrame, lang: str) -> list[str]:
    text = _TEXT[lang]
    lines = flag_lines(table, lang=lang)
    parts = [f"<h2>{escape(text['flag_title'])}</h2>"]
    if not lines:
        return [*parts, f"<p>{escape(text['flag_none'])}</p>"]
    return [*parts, *(f'<p class="signal" role="note">{escape(line)}</p>' for line in lines)]


def _table(headers: list[tuple[str, bool]], rows: list[list]) -> list[str]:
    """A table; headers are (text, numeric) pairs; every cell is escaped here."""
    numeric = ' class="num"'
    head = "".join(f'<th scope="col"{numeric if n else ""}>{escape(h)}</th>' for h, n in headers)
    body = [
        "<tr>" + "".join(
            f"<td{numeric if n else ''}>{escape(str(cell))}</td>"
            for cell, (_, n) in zip(row, headers, strict=True)
        ) + "</tr>"
        for row in rows
    ]
    return ["<table>", f"<thead><tr>{head}</tr></thead>", "<tbody>", *body, "</tbody></table>"]
