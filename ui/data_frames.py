"""The Data page's tables: issues, detected settings, previews and the load history, as frames."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

import pandas as pd
import pyarrow.compute as pc

from bw.formatting import MISSING, format_number
from bw.loaders.common import Staged
from bw.model import is_missing
from bw.report import Issue, Severity, ValidationReport
from ui.i18n import STRINGS, current_language, t
from ui.issues import issue_text
from ui.markdown import md

#: Rows of each file shown as they will be stored.
PREVIEW_ROWS = 20

#: A sign before the severity word (plain text symbols: they render without an emoji font).
_SEVERITY_ICONS = {Severity.ERROR: "✖", Severity.WARNING: "⚠", Severity.INFO: "ℹ"}


def escape_markdown(text: str) -> str:
    """Text from a file (its name) shown literally where Streamlit reads markdown.

    >>> escape_markdown("**x**_[y](z).csv")
    '\\\\*\\\\*x\\\\*\\\\*\\\\_\\\\[y\\\\](z).csv'
    """
    return md(text)


def exact_number(value: object, *, lang: str) -> str:
    """A stored number with all its decimals, in the language's notation (``4,25``).

    >>> exact_number(4.25, lang="nl")
    '4,25'
    >>> exact_number(1234.0, lang="nl")
    '1.234'
    >>> exact_number(None, lang="nl")
    '–'
    """
    if is_missing(value):
        return MISSING
    try:
        exponent = Decimal(repr(float(value))).normalize().as_tuple().exponent
    except (InvalidOperation, TypeError, ValueError):
        return str(value)
    decimals = min(12, max(0, -exponent)) if isinstance(exponent, int) else 0
    return format_number(float(value), decimals, lang=lang)


def format_label(name: str) -> str:
    """A format's name for people (``Lange CSV (eigen data)``), else its machine name."""
    key = f"data.format.{name}"
    return t(key) if key in STRINGS[current_language()] else name


def count_text(value: object) -> str:
    if is_missing(value):
        return MISSING
    return format_number(int(value), 0, lang=current_language())  # type: ignore[call-overload]


def when_text(value: object) -> str:
    if is_missing(value):
        return MISSING
    pattern = "%d-%m-%Y %H:%M" if current_language() == "nl" else "%Y-%m-%d %H:%M"
    return pd.Timestamp(value).strftime(pattern)  # type: ignore[arg-type]


def issues_frame(report: ValidationReport) -> pd.DataFrame:
    """The report as a table, errors first, then warnings and notes, each by line."""
    issues: list[Issue] = report.sorted_issues()
    return pd.DataFrame(
        {
            "severity": [
                f"{_SEVERITY_ICONS[i.severity]} {t(f'data.severity.{i.severity}')}" for i in issues
            ],
            "line": [str(i.line) if i.line is not None else t("data.whole_file") for i in issues],
            "code": [i.code for i in issues],
            "message": [issue_text(i) for i in issues],
        },
        columns=["severity", "line", "code", "message"],
    )


def _detected_value(key: str, value: str) -> str:
    if key == "format":
        name, detected = value.removesuffix(" (detected)"), value.endswith(" (detected)")
        label = format_label(name)
        return f"{label} — {t('data.detected_auto')}" if detected else label
    words = {"point": "data.decimal_point", "comma": "data.decimal_comma", "tab": "data.tab"}
    return t(words[value]) if value in words else value


def detected_frame(report: ValidationReport) -> pd.DataFrame:
    """What the loader detected about the file (format, encoding, delimiter, decimals)."""
    detected = dict(report.detected)
    format = detected.pop("format", report.format)
    if format:
        detected = {"format": format, **detected}  # the format first: it explains the rest
    rows = []
    for key, value in detected.items():
        if key.startswith("decimal_"):
            what = t("data.detected.decimal_column", column=key.removeprefix("decimal_"))
        else:
            label_key = f"data.detected.{key}"
            what = t(label_key) if label_key in STRINGS[current_language()] else key
        rows.append((what, _detected_value(key, str(value))))
    return pd.DataFrame(rows, columns=["what", "value"])


def preview_frame(
    staged: Staged, regions: pd.DataFrame, *, rows: int = PREVIEW_ROWS
) -> pd.DataFrame:
    """The first rows as they will be stored, numbers in the UI language's notation."""
    lang = current_language()
    if staged.observations is None:
        return pd.DataFrame()
    observations = staged.observations
    if "line" in observations.column_names and observations.num_rows:
        # The file's first rows, in file order: a loader's SQL does not promise row order.
        first = pc.select_k_unstable(
            observations, min(rows, observations.num_rows), [("line", "ascending")]
        )
        observations = observations.take(first).sort_by("line")
    frame = observations.slice(0, rows).to_pandas()
    names = dict(zip(regions["code"], regions["name"], strict=True))
    names.update({region.code: region.name for region in staged.new_regions})
    preview = pd.DataFrame(
        {
            "indicator": frame["indicator_id"].astype(str),
            "region": frame["region_code"].astype(str),
            "region_name": frame["region_code"].map(lambda code: names.get(code, MISSING)),
            "period": frame["period"].astype(str),
            "value": [exact_number(v, lang=lang) for v in frame["value"]],
            "ci_low": [exact_number(v, lang=lang) for v in frame["ci_low"]],
            "ci_high": [exact_number(v, lang=lang) for v in frame["ci_high"]],
            "status": frame["status"].fillna(MISSING).astype(str),
            "missing_reason": frame["missing_reason"].fillna("").astype(str),
        }
    )
    return preview


def history_frame(loads: pd.DataFrame) -> pd.DataFrame:
    """The loads as a table for people: when, who, format, file, counts, active or undone."""
    return pd.DataFrame(
        {
            "id": loads["id"].astype(int),
            "when": loads["loaded_at"].map(when_text),
            "by": loads["loaded_by"].fillna(MISSING).astype(str),
            "format": loads["format"].fillna(MISSING).map(format_label),
            "file": loads["file_name"].fillna(MISSING).astype(str),
            "rows": loads["n_rows"].map(count_text),
            "new": loads["n_inserted"].map(count_text),
            "changed": loads["n_superseded"].map(count_text),
            "status": [
                t("data.status_active")
                if is_missing(undone)
                else t("data.status_undone", when=when_text(undone))
                for undone in loads["undone_at"]
            ],
        },
        columns=["id", "when", "by", "format", "file", "rows", "new", "changed", "status"],
    )
