"""What the CBS loaders share: topics → indicators, region codes and names, periods, assembly.

A CBS table names its numbers by *topic* (OData v3 ``Key`` such as ``TotaleBevolking_1``, v4
``Measure`` such as ``M001534``, or a header like ``Bevolking/…/Totale bevolking (aantal)``).
:func:`resolve_topics` maps topics to catalogue indicators by an explicit mapping (source key,
title or path → indicator id) or by normalised title + unit; never by the key's numeric
suffix, which changes between yearly tables. Unmapped topics are an ``unmapped_topic`` error,
or new indicators "te classificeren" when the user asks for that.

Every CBS loader turns its file into one long table ``cells`` in a DuckDB sandbox (line,
region, period, topic, value text) and hands it to :func:`stage_cells`, which validates regions,
periods and numbers with SQL and builds the observations, so every CBS format reports the same
problems with the same codes.
"""

from __future__ import annotations

import codecs
import csv
import hashlib
import io
import json
import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

import duckdb
import pandas as pd

from bw.loaders.common import (
    MAX_ISSUES_PER_CODE,
    FileFacts,
    LoadContext,
    Staged,
    check_size,
    detect_encoding,
    summarise,
)
from bw.model import Aggregation, Direction, Indicator, Level, Region
from bw.regions import RegionResolver, clean_region_name
from bw.report import Severity, ValidationReport
from bw.sandbox import close_sandbox, open_sandbox, register_frame

# --------------------------------------------------------------------------------------------
# Topics → indicators
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Topic:
    """One numeric (or text) column of a CBS table."""

    key: str  # 'TotaleBevolking_1', 'M001534', or a download's header cell
    title: str  # 'Totale bevolking'
    unit: str | None = None  # 'aantal'; None when the source does not say
    decimals: int | None = None  # 0
    path: tuple[str, ...] = ()  # groups above it: ('Bevolking', 'Bevolkingssamenstelling')
    description: str = ""
    is_text: bool | None = False  # codes and names; None: unknown, decided from the values
    line: int | None = None  # header line of a text file, for issues


@dataclass(slots=True)
class TopicMapping:
    """Which topics are loaded as which indicators, and the indicators to create."""

    indicator_of: dict[str, str] = field(default_factory=dict)  # topic key -> indicator id
    new_indicators: list[Indicator] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)  # topic keys left out by the selection
    unmapped: list[str] = field(default_factory=list)  # topic keys in error


_UNIT_SYNONYMS = {
    "procent": "%", "percentage": "%", "percent": "%", "€": "euro", "eur": "euro",
    "aantal personen": "aantal", "x 1 000": "x 1000", "x1000": "x 1000",
}


def normalise_text(text: str | None) -> str:
    """Lower case, accents and punctuation removed, spaces collapsed: for matching titles.

    >>> normalise_text("  Gemiddelde   WOZ-waarde (Fryslân) ")
    'gemiddelde woz waarde fryslan'
    """
    if not text:
        return ""
    decomposed = unicodedata.normalize("NFKD", str(text))
    plain = "".join(ch for ch in decomposed if not unicodedata.combining(ch)).casefold()
    return " ".join(re.sub(r"[^0-9a-z%€]+", " ", plain).split())


def normalise_unit(unit: str | None) -> str:
    """A unit in one spelling: ``procent`` and ``%`` are the same unit.

    >>> normalise_unit("Procent") == normalise_unit("%")
    True
    """
    text = " ".join(str(unit or "").casefold().split())
    return _UNIT_SYNONYMS.get(text, text)


def slug(text: str) -> str:
    """An id part: lower case ASCII words joined by underscores.

    >>> slug("Gemiddelde verkoopprijs (€)")
    'gemiddelde_verkoopprijs'
    """
    decomposed = unicodedata.normalize("NFKD", text)
    plain = "".join(ch for ch in decomposed if not unicodedata.combining(ch)).lower()
    return re.sub(r"[^a-z0-9]+", "_", plain).strip("_") or "onderwerp"


def _topic_names(topic: Topic) -> list[str]:
    """What a mapping may call a topic: its key, title and path (with and without unit)."""
    path = "/".join((*topic.path, topic.title))
    names = [topic.key, topic.title, path]
    if topic.unit:
        names += [f"{topic.title} ({topic.unit})", f"{path} ({topic.unit})"]
    return names


def resolve_topics(
    topics: Sequence[Topic], context: LoadContext, *, table: str, report: ValidationReport
) -> TopicMapping:
    """Map numeric topics to catalogue indicators; report or create what does not map.

    A mapping entry (source key, title or path → indicator id) wins; otherwise a catalogue
    indicator whose name and unit equal the topic's title and unit (normalised). When the
    mapping names at least one topic of this source it is a *selection*: the other topics are
    left out with one ``topic_skipped`` warning, so a wide table can feed two indicators.
    """
    result = TopicMapping()
    text = [t for t in topics if t.is_text]
    if text:
        shown = ", ".join(f"{t.title} ({t.key})" for t in text[:8])
        report.add(Severity.INFO, "text_topic",
                   f"{len(text)} text topics are codes or names, not observations, and are not "
                   f"loaded: {shown}{' …' if len(text) > 8 else ''}",
                   count=len(text), topics=f"{shown}{' …' if len(text) > 8 else ''}")
    numeric = [t for t in topics if not t.is_text]
    catalogue = context.indicators
    known_ids = set(catalogue["indicator_id"]) if len(catalogue) else set()
    unit_of = (dict(zip(catalogue["indicator_id"], catalogue["unit"], strict=True))
               if len(catalogue) else {})
    by_title_unit: dict[tuple[str, str], list[str]] = {}
    for row in catalogue.itertuples(index=False) if len(catalogue) else ():
        by_title_unit.setdefault((normalise_text(row.name_nl), normalise_unit(row.unit)),
                                 []).append(row.indicator_id)
    exact = dict(context.mapping)
    loose = {normalise_text(k): v for k, v in context.mapping.items()}

    def mapped(topic: Topic) -> str | None:
        names = _topic_names(topic)
        for name in names:
            if name in exact:
                return exact[name]
        for name in names:
            if normalise_text(name) in loose:
                return loose[normalise_text(name)]
        return None

    explicit = {t.key: mapped(t) for t in numeric}
    selection = any(v is not None for v in explicit.values())
    unmapped: list[Topic] = []
    for topic in numeric:
        target = explicit[topic.key]
        if target is not None:
            if target not in known_ids:
                report.error("unknown_indicator",
                             f"the mapping sends topic {topic.title!r} ({topic.key}) to "
                             f"{target!r}, which is not in the catalogue", line=topic.line,
                             variant="mapping", topic=f"{topic.title} ({topic.key})",
                             indicator=target)
                continue
            if (topic.unit and unit_of.get(target)
                    and normalise_unit(topic.unit) != normalise_unit(unit_of[target])):
                report.error("unit_mismatch",
                             f"topic {topic.title!r} is in {topic.unit!r}, but indicator "
                             f"{target} is in {unit_of[target]!r}", line=topic.line,
                             variant="topic", topic=topic.title, unit=topic.unit,
                             indicator=target, expected=unit_of[target])
                continue
            result.indicator_of[topic.key] = target
            continue
        matches = by_title_unit.get((normalise_text(topic.title), normalise_unit(topic.unit)), [])
        if topic.unit and len(matches) == 1:
            result.indicator_of[topic.key] = matches[0]
        else:
            unmapped.append(topic)
    _report_shared_targets(numeric, result, report)
    if unmapped and context.new_indicators == "create":
        result.new_indicators = _new_indicators(unmapped, known_ids, table=table, report=report)
        result.indicator_of.update(
            {t.key: i.id for t, i in zip(unmapped, result.new_indicators, strict=True)})
    elif unmapped and selection:
        result.skipped = [t.key for t in unmapped]
        shown = ", ".join(t.title for t in unmapped[:10])
        report.warning("topic_skipped",
                       f"{len(unmapped)} topics are not in the mapping and are not loaded: "
                       f"{shown}{' …' if len(unmapped) > 10 else ''}", count=len(unmapped),
                       topics=f"{shown}{' …' if len(unmapped) > 10 else ''}")
    else:
        result.unmapped = [t.key for t in unmapped]
        for topic in unmapped:
            report.error("unmapped_topic",
                         f"topic {topic.title!r} ({topic.key}, unit {topic.unit or 'onbekend'}) "
                         "matches no catalogue indicator by name and unit: map it or load with "
                         "new indicators 'te classificeren'", line=topic.line,
                         variant="unit", topic=f"{topic.title} ({topic.key})",
                         unit=topic.unit or "–")
    return result


def _report_shared_targets(topics, result: TopicMapping, report: ValidationReport) -> None:
    by_target: dict[str, list[Topic]] = {}
    for topic in topics:
        if topic.key in result.indicator_of:
            by_target.setdefault(result.indicator_of[topic.key], []).append(topic)
    for target, sharing in by_target.items():
        if len(sharing) > 1:
            report.error("duplicate_mapping",
                         f"topics {', '.join(repr(t.key) for t in sharing)} all map to "
                         f"{target}; map one topic per indicator", line=sharing[1].line,
                         topics=", ".join(repr(t.key) for t in sharing), indicator=target)
            for topic in sharing:
                result.indicator_of.pop(topic.key, None)


def _new_indicators(topics: Sequence[Topic], taken: set[str], *, table: str,
                    report: ValidationReport) -> list[Indicator]:
    """Indicators 'te classificeren' for unmapped topics: neutral, not aggregable, no theme."""
    titles = [normalise_text(t.title) for t in topics]
    created = []
    used = set(taken)
    for topic, title in zip(topics, titles, strict=True):
        name = topic.title
        if titles.count(title) > 1:  # 'Eenpersoonshuishoudens' under several groups
            name = f"{topic.title} ({topic.path[-1] if topic.path else topic.key})"
            if sum(1 for t in topics if t.title == topic.title and
                   (t.path[-1:] or (t.key,)) == (topic.path[-1:] or (topic.key,))) > 1:
                name = f"{name}, {topic.unit or topic.key}"
        base = f"te_classificeren.{slug(name)}"
        candidate, extra = base, [slug(topic.unit or ""), slug(topic.key)]
        while candidate in used:
            candidate = f"{candidate}_{extra.pop(0)}" if extra else f"{candidate}_x"
        used.add(candidate)
        unit = topic.unit or "onbekend"
        where = "/".join((*topic.path, topic.title))
        created.append(Indicator(
            id=candidate,
            name_nl=name,
            name_en=name,
            description_nl=(topic.description.strip() or
                            f"Onderwerp {where} uit CBS-tabel {table}.")
            + " Te classificeren: richting en dimensie zijn nog niet vastgesteld.",
            description_en=(f"Topic {where} ({topic.key}) of CBS table {table}; to be "
                            "classified: direction and dimension are not set yet."),
            unit=unit,
            decimals=min(max(int(topic.decimals if topic.decimals is not None else 1), 0), 6),
            direction=Direction.NEUTRAL,
            aggregation=Aggregation.NONE,
            source=f"CBS {table}",
            theme_ids=(),
        ))
        report.warning("new_indicator",
                       f"topic {topic.title!r} ({topic.key}, {unit}) becomes indicator "
                       f"{candidate} 'te classificeren': set its direction and dimension",
                       line=topic.line, topic=f"{topic.title} ({topic.key}, {unit})",
                       indicator=candidate)

    return created


# --------------------------------------------------------------------------------------------
# Regions
# --------------------------------------------------------------------------------------------

#: CBS region codes bw stores (stripped of the padding v3 and untyped CSVs add).
REGION_CODE = re.compile(r"(NL\d{2}|LD0[1-4]|PV(2\d|3[01])|CR\d{2}|GM\d{4}|WK\d{6}|BU\d{8})")

def level_of(code: str) -> Level:
    """The level of a CBS region code from its prefix.

    >>> str(level_of("GM0363"))
    'GM'
    """
    return Level(code[:2])


def is_region_code(code: str) -> bool:
    """Whether a stripped text is a CBS region code bw can store.

    >>> is_region_code("GM0363"), is_region_code("AM01")
    (True, False)
    """
    return REGION_CODE.fullmatch(code) is not None


@dataclass(frozen=True, slots=True)
class CodeInfo:
    """A region as the table's own region list describes it."""

    code: str  # 'GM0738'
    name: str  # 'Aalburg'
    description: str = ""  # 'Opgeheven per 01-01-2019\nOntstaan per 01-01-1973'
    province_code: str | None = None  # 'PV30'

    @property
    def first_year(self) -> int | None:
        """The year the code came into use, from 'Ontstaan per' or 'Begindatum'."""
        found = re.search(r"(?:Ontstaan per|Begindatum)\s+\d{1,2}-\d{1,2}-(\d{4})",
                          self.description)
        return int(found.group(1)) if found else None

    @property
    def last_year(self) -> int | None:
        """The last calendar year of a dissolved code ('Opgeheven per 01-01-2019' → 2018)."""
        found = re.search(r"Opgeheven per\s+(\d{1,2})-(\d{1,2})-(\d{4})", self.description)
        if not found:
            return None
        day, month, year = (int(g) for g in found.groups())
        return year - 1 if (day, month) == (1, 1) else year


# --------------------------------------------------------------------------------------------
# Periods
# --------------------------------------------------------------------------------------------

_PERIOD_CODE = re.compile(r"(\d{4})(JJ00|KW0[1-4]|MM(?:0[1-9]|1[0-2]))")
_MONTHS = ("januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus",
           "september", "oktober", "november", "december")
_PERIOD_LABEL = re.compile(
    r"(\d{4})(?:\s+(?:([1-4])e\s+kwartaal|(" + "|".join(_MONTHS) + r")))?\s*(\*{0,2})",
    re.IGNORECASE)
_STATUS_WORDS = {"definitief": "definitief", "voorlopig": "voorlopig",
                 "nader voorlopig": "nader_voorlopig"}


def parse_period(raw: str | None, statuses: dict[str, str] | None = None
                 ) -> tuple[str, int, str] | None:
    """(period, year, status) of a CBS period code or StatLine label, or None.

    >>> parse_period("2023JJ00"), parse_period("2024*"), parse_period("2018 2e kwartaal")
    (('2023', 2023, 'definitief'), ('2024', 2024, 'voorlopig'), ('2018KW02', 2018, 'definitief'))
    """
    text = " ".join(str(raw or "").split())
    status = (statuses or {}).get(text)
    found = _PERIOD_CODE.fullmatch(text)
    if found:
        year, part = found.groups()
        period = year if part == "JJ00" else year + part
        return period, int(year), status or "definitief"
    found = _PERIOD_LABEL.fullmatch(text)
    if not found:
        return None
    year, quarter, month, stars = found.groups()
    period = year
    if quarter:
        period = f"{year}KW0{quarter}"
    elif month:
        period = f"{year}MM{_MONTHS.index(month.lower()) + 1:02d}"
    starred = {"*": "voorlopig", "**": "nader_voorlopig"}.get(stars, "definitief")
    return period, int(year), status or starred


def status_of(word: str | None) -> str | None:
    """A CBS period status word ('Nader voorlopig') as bw's status, or None."""
    return _STATUS_WORDS.get(" ".join(str(word or "").casefold().split()))


# --------------------------------------------------------------------------------------------
# Assembly: the ``cells`` table → validated observations
# --------------------------------------------------------------------------------------------


@dataclass(slots=True)
class CbsSource:
    """What a CBS loader read besides the cells: table, topics, region and period lists."""

    table: str  # '83625NED', or the file name when the table id is unknown
    topics: list[Topic]
    region_by: str = "code"  # 'code' (OData, untyped CSV) or 'name' (StatLine downloads)
    code_list: dict[str, CodeInfo] | None = None  # the table's own region list, if given
    period_status: dict[str, str] = field(default_factory=dict)  # '2024JJ00' -> 'voorlopig'
    decimal: str | None = None  # '.' or ','; None: detect from the values
    parents: dict[str, dict[str, object]] = field(default_factory=dict)  # new-region details


#: The columns of the ``cells`` table every CBS loader creates in its sandbox.
CELL_COLUMNS = ("line", "ref", "region_raw", "period_raw", "topic_key", "value_raw", "attribute")


def empty_cells_sql() -> str:
    """SQL creating an empty ``cells`` table."""
    return ("CREATE TABLE cells (line INTEGER, ref VARCHAR, region_raw VARCHAR, "
            "period_raw VARCHAR, topic_key VARCHAR, value_raw VARCHAR, attribute VARCHAR)")


def cells_frame(rows: dict[str, list]) -> pd.DataFrame:
    """A frame in the shape of ``cells`` from column lists (missing columns are NULL)."""
    length = max((len(v) for v in rows.values()), default=0)
    frame = pd.DataFrame({name: rows.get(name, [None] * length) for name in CELL_COLUMNS})
    frame["line"] = frame["line"].astype("Int64")
    for name in CELL_COLUMNS[1:]:
        frame[name] = frame[name].astype("object")
    return frame


def _number_sql(text: str, decimal: str) -> str:
    if decimal == ",":
        # Dutch notation: '.' groups thousands (1.234,5), ',' is the decimal mark.
        return (f"CASE WHEN regexp_full_match({text}, '-?[0-9]{{1,3}}(\\.[0-9]{{3}})*(,[0-9]+)?|"
                f"-?[0-9]+(,[0-9]+)?') THEN TRY_CAST(replace(replace({text}, '.', ''), ',', '.') "
                f"AS DOUBLE) END")
    return (f"CASE WHEN regexp_full_match({text}, '-?[0-9]+(\\.[0-9]+)?([eE][-+]?[0-9]+)?') "
            f"THEN TRY_CAST({text} AS DOUBLE) END")


# CBS symbols in a value cell: '.' unknown, blank cannot occur, 'x' secret, '-' nil.
_MISSING_SQL = """
    CASE WHEN value_raw IS NULL AND coalesce(attribute, 'None') NOT IN ('None', '') THEN attribute
         WHEN core = '' THEN 'leeg in bron'
         WHEN core = '.' THEN 'onbekend (.)'
         WHEN lower(core) = 'x' THEN 'geheim (x)'
         WHEN core = '-' THEN 'nihil (-)'
         WHEN upper(core) = 'NA' THEN 'leeg in bron'
    END
"""


def stage_cells(db, source: CbsSource, context: LoadContext, staged: Staged) -> None:
    """Validate the sandbox's ``cells`` against the store and fill ``staged`` when all is well.

    Regions, periods and topics are resolved once per distinct value; numbers are parsed in
    SQL; every problem is reported with its line (text files) or its reference (JSON).
    """
    report = staged.report
    rows = db.execute("SELECT count(*) FROM cells").fetchone()[0]
    if rows == 0:
        report.error("no_rows", "the source holds no data rows")

        return
    decimal = source.decimal or _detect_decimal(db, report)
    db.execute(f"""
        CREATE TABLE parsed AS
        SELECT *, {_MISSING_SQL} AS missing_reason,
               {_number_sql('core', decimal)} AS number
        FROM (SELECT *, trim(regexp_replace(coalesce(value_raw, ''), '\\*{{1,2}}$', '')) AS core,
                     regexp_extract(trim(coalesce(value_raw, '')), '(\\*{{1,2}})$', 1) AS stars
              FROM cells)
    """)
    topics = _settle_topic_types(db, source.topics)
    if source.region_by == "code" and not source.parents:
        source.parents = parents_from_text_topics(db, topics)
    mapping = resolve_topics(topics, context, table=source.table, report=report)
    wanted = [t.key for t in topics if not t.is_text and t.key not in mapping.skipped]
    register_frame(db, "wanted_topics", pd.DataFrame({
        "topic_key": pd.Series(wanted, dtype="object"),
        "indicator_id": pd.Series([mapping.indicator_of.get(k) for k in wanted], dtype="object"),
    }))
    db.execute("CREATE TABLE wanted AS SELECT p.*, w.indicator_id FROM parsed p "
               "JOIN wanted_topics w USING (topic_key)")
    new_regions, empty_names = _resolve_regions(db, source, context, report)
    _resolve_periods(db, source, report)
    if source.region_by == "name":
        _skip_empty_rows(db, context, report, empty_names)
    _report_cells(db, report, "missing_field", "coalesce(trim(period_raw), '') = ''",
                  "the period is empty", "period")
    _report_cells(db, report, "not_a_number",
                  "missing_reason IS NULL AND number IS NULL",
                  "value {value_raw!r} of topic {topic_key!r} is not a number", "topic")
    if report.ok:
        _finish(db, mapping, new_regions, staged)
    report.counts.setdefault("rows", rows)
    summarise(report)


def stage_frame(frame: pd.DataFrame, source: CbsSource, context: LoadContext,
                staged: Staged) -> None:
    """:func:`stage_cells` for cells a loader built in Python (JSON, classic StatLine)."""
    db = open_sandbox()
    try:
        db.execute(empty_cells_sql())
        register_frame(db, "cells_in", frame)
        db.execute("INSERT INTO cells SELECT * FROM cells_in")
        stage_cells(db, source, context, staged)
    finally:
        close_sandbox(db)


def _detect_decimal(db, report: ValidationReport) -> str:
    has_comma, has_point = db.execute(
        "SELECT bool_or(contains(value_raw, ',')), "
        "bool_or(regexp_matches(value_raw, '[0-9]\\.[0-9]')) FROM cells").fetchone()
    decimal = "," if has_comma else "."
    if has_comma or has_point:
        report.detected["decimal"] = "comma" if has_comma else "point"
    return decimal


def _settle_topic_types(db, topics: list[Topic]) -> list[Topic]:
    """Decide text or number for topics whose source does not say, and fill in decimals.

    Without metadata a topic is text when most of its filled cells are not numbers (codes and
    names such as 'Noord-Nederland'); a numeric topic with a few bad cells stays numeric, so
    those cells are reported as ``not_a_number``.
    """
    if not topics:
        return topics
    stats = {row[0]: row[1:] for row in db.execute("""
        SELECT topic_key, count(*) FILTER (WHERE missing_reason IS NULL),
               count(*) FILTER (WHERE missing_reason IS NULL AND number IS NULL),
               max(length(regexp_extract(core, '[.,]([0-9]+)$', 1)))
                   FILTER (WHERE number IS NOT NULL)
        FROM parsed GROUP BY topic_key
    """).fetchall()}
    settled = []
    for topic in topics:
        filled, bad, decimals = stats.get(topic.key, (0, 0, None))
        is_text = topic.is_text
        if is_text is None:
            is_text = bool(filled) and bad * 2 > filled
        if topic.decimals is None and decimals is not None:
            topic = replace(topic, decimals=int(decimals))
        settled.append(replace(topic, is_text=is_text))
    return settled


def _first_lines(lines: Iterable, refs: Iterable) -> tuple[int | None, str]:
    """The first line of a value and a short 'lines 3, 9, …' or JSON reference note."""
    lines = [int(x) for x in (lines or []) if x is not None and not pd.isna(x)]
    refs = [r for r in (refs or []) if r]
    if len(lines) > 1:
        shown = ", ".join(str(x) for x in lines[:5])
        return lines[0], f" (lines {shown}{' …' if len(lines) > 5 else ''})"
    if lines:
        return lines[0], ""
    if refs:
        return None, f" ({refs[0]})"
    return None, ""


def _where_params(lines: Iterable, refs: Iterable) -> dict[str, str]:
    """Where a value is, as parameters of a translated message (see :func:`_first_lines`).

    >>> _where_params([3, 9], []), _where_params([3], []), _where_params([], ["value[4]"])
    ({'at_lines': '3, 9'}, {}, {'at_ref': 'value[4]'})
    """
    lines = [int(x) for x in (lines or []) if x is not None and not pd.isna(x)]
    refs = [r for r in (refs or []) if r]
    if len(lines) > 1:
        return {"at_lines": ", ".join(str(x) for x in lines[:5]) + (" …" if len(lines) > 5
                                                                     else "")}
    if not lines and refs:
        return {"at_ref": str(refs[0])}
    return {}


def _resolve_regions(db, source: CbsSource, context: LoadContext,
                     report: ValidationReport) -> tuple[list[Region], list[str]]:
    """Map each distinct region of the cells to a code.

    Returns the regions to add, and (for names) the unknown names without any value, whose
    rows :func:`_skip_empty_rows` leaves out: a StatLine download keyed by name lists every
    gemeente of the table's history, hundreds of them dissolved and empty in later years.
    """
    distinct = db.execute("""
        SELECT region_raw, list(DISTINCT line ORDER BY line)[1:6], list(ref)[1:1],
               bool_or(missing_reason IS NULL),
               (list(DISTINCT line ORDER BY line) FILTER (WHERE missing_reason IS NULL))[1:6]
        FROM wanted GROUP BY region_raw ORDER BY min(line), region_raw
    """).fetchall()
    known = set(context.regions["code"]) if len(context.regions) else set()
    province_landsdeel = {}
    if len(context.regions):
        pv = context.regions[context.regions["level"] == "PV"]
        province_landsdeel = dict(zip(pv["code"], pv["landsdeel_code"], strict=True))
    names = RegionResolver(context.regions) if source.region_by == "name" else None
    store_names = (dict(zip(context.regions["code"], context.regions["name"], strict=True))
                   if len(context.regions) else {})
    codes, new_regions, historical, added, empty, unnamed = [], [], [], [], [], []
    empty_names: list[str] = []
    for raw, lines, refs, has_value, value_lines in distinct:
        line, where = _first_lines(lines, refs)
        place = _where_params(lines, refs)
        text = " ".join(str(raw or "").split())
        if not text:
            report.error("missing_field", f"the region is empty{where}", line=line,
                         variant="region", **place)
            continue
        if names is not None:
            match = names.resolve(text)
            code, problem = match.code, match.problem
            if problem == "unknown_region" and not has_value:
                empty_names.append(raw)
                continue
            if problem == "unknown_region":  # point at the rows that carry a value
                line, where = _first_lines(value_lines, refs)
                place = _where_params(value_lines, refs)
            if problem == "ambiguous_region":
                report.error("ambiguous_region",
                             f"region name {text!r} matches more than one region{where}; CBS "
                             "writes the disambiguated name, e.g. Bergen (NH.) or "
                             "Groningen (gemeente)", line=line, region=text, **place)
            elif problem:
                mojibake = "Ã" in text or "Â" in text
                hint = (" — the text looks wrongly decoded (Ã…): check the file's encoding"
                        if mojibake else "")
                report.error("unknown_region",
                             f"region name {text!r} is not a region of the store{where}{hint}",
                             line=line, variant="mojibake" if mojibake else "name",
                             region=text, **place)
            if code:
                codes.append((raw, code))
            continue
        code = text.upper()
        if code in known:
            codes.append((raw, code))
            _warn_if_renamed(code, (source.code_list or {}).get(code), store_names, report,
                             line=line, where=where, place=place)
            continue
        if not is_region_code(code):
            report.error("unknown_region",
                         f"region {text!r} is not a CBS code of a level bw stores "
                         f"(NL, LD, PV, CR, GM, WK, BU){where}", line=line, variant="level",
                         region=text, **place)
            continue
        info = (source.code_list or {}).get(code)
        if info is None and source.code_list is not None and source.region_by == "code" \
                and source.code_list:
            report.error("unknown_region",
                         f"region {code} is neither in the store nor in the table's own "
                         f"region list{where}", line=line, variant="region_list", region=code,
                         **place)
            continue
        if info is None and not has_value:
            empty.append(code)
            continue
        region = _new_region(code, info, source.parents.get(code, {}), province_landsdeel)
        new_regions.append(region)
        codes.append((raw, code))
        if info is None:
            unnamed.append(region)
        elif region.last_year is not None:
            historical.append(region)
        else:
            added.append(region)
    for region in historical:
        report.warning("historical_region",
                       f"{region.code} {region.name} is not in the store; it is added from the "
                       f"table's region list as a historical region (last year "
                       f"{region.last_year})", region=f"{region.code} {region.name}",
                       last_year=region.last_year)
    if added:
        shown = ", ".join(f"{r.code} {r.name}" for r in added[:10])
        report.warning("new_region",
                       f"{len(added)} regions are not in the store and are added from the "
                       f"table's region list: {shown}{' …' if len(added) > 10 else ''}",
                       count=len(added), regions=f"{shown}{' …' if len(added) > 10 else ''}")
    if unnamed:
        shown = ", ".join(r.code for r in unnamed[:10])
        report.warning("unnamed_region",
                       f"{len(unnamed)} regions are not in the store and the file does not name "
                       f"them; they are added with their code as name: {shown}"
                       f"{' …' if len(unnamed) > 10 else ''} (put the table's region list "
                       "(RegioS) beside the file, or load the region reference first)",
                       count=len(unnamed), regions=f"{shown}{' …' if len(unnamed) > 10 else ''}")
    if empty:
        report.add(Severity.INFO, "empty_region_skipped",
                   f"{len(empty)} region codes have no value at all in the file and are not "
                   f"in the store; their rows are not loaded: {', '.join(empty[:10])}"
                   f"{' …' if len(empty) > 10 else ''}", variant="codes", count=len(empty),
                   regions=f"{', '.join(empty[:10])}{' …' if len(empty) > 10 else ''}")
    register_frame(db, "region_map", pd.DataFrame(
        codes, columns=["region_raw", "region_code"]).astype("object"))
    return new_regions, empty_names


def _skip_empty_rows(db, context: LoadContext, report: ValidationReport,
                     empty_names: list[str]) -> None:
    """Leave out the empty rows of regions a name-keyed download lists but bw cannot use.

    Those are the rows of unknown names without any value (dissolved gemeenten), and the empty
    rows of a dissolved region of the store in a year after its ``last_year``; both are said in
    one ``empty_region_skipped`` note. A value after a region's ``last_year`` is a
    ``dissolved_region`` error: the name may now mean another region, so bw does not guess.
    """
    register_frame(db, "empty_names", pd.DataFrame(
        {"region_raw": pd.Series(empty_names, dtype="object")}))
    regions = context.regions
    ended = (regions.loc[regions["last_year"].notna(), ["code", "name", "last_year"]]
             if "last_year" in regions.columns else pd.DataFrame())
    register_frame(db, "ended_regions", pd.DataFrame({
        "region_code": pd.Series([str(c) for c in ended.get("code", [])], dtype="object"),
        "name": pd.Series([str(n) for n in ended.get("name", [])], dtype="object"),
        "last_year": pd.Series([int(y) for y in ended.get("last_year", [])], dtype="int64"),
    }))
    db.execute("""
        CREATE TABLE after_end AS
        SELECT w.region_raw, w.period_raw, e.region_code, e.name, e.last_year, p.year,
               bool_or(w.missing_reason IS NULL) AS has_value,
               list(DISTINCT w.line ORDER BY w.line) AS lines, list(w.ref)[1:1] AS refs
        FROM wanted w JOIN region_map USING (region_raw) JOIN period_map p USING (period_raw)
        JOIN ended_regions e USING (region_code)
        WHERE p.year > e.last_year
        GROUP BY ALL
    """)
    for code, name, last_year, years, lines, refs in db.execute("""
        SELECT region_code, any_value(name), any_value(last_year),
               list(DISTINCT year ORDER BY year), flatten(list(lines ORDER BY lines[1]))[1:6],
               flatten(list(refs))[1:1]
        FROM after_end WHERE has_value GROUP BY region_code ORDER BY min(lines[1])
    """).fetchall():
        line, where = _first_lines(lines, refs)
        report.error("dissolved_region",
                     f"{code} {name} ended in {last_year} (dissolved), yet the file gives it "
                     f"values for {', '.join(str(y) for y in years)}{where}; remove those rows, "
                     "or correct the region's last year with the region reference", line=line,
                     region=f"{code} {name}", last_year=last_year,
                     years=", ".join(str(y) for y in years), **_where_params(lines, refs))

    names_rows = db.execute("""
        SELECT count(*) FROM (SELECT DISTINCT region_raw, period_raw FROM wanted
                              WHERE region_raw IN (SELECT region_raw FROM empty_names))
    """).fetchone()[0]
    ended_rows, ended_regions, ended_shown, ended_names = db.execute("""
        SELECT count(*), count(DISTINCT region_code), list(DISTINCT label ORDER BY label)[1:10],
               list(DISTINCT name ORDER BY name)[1:10]
        FROM (SELECT *, name || ' after ' || last_year AS label FROM after_end)
        WHERE NOT has_value
    """).fetchone()
    db.execute("""
        DELETE FROM wanted
        WHERE region_raw IN (SELECT region_raw FROM empty_names)
           OR EXISTS (SELECT 1 FROM after_end a
                      WHERE NOT a.has_value AND a.region_raw = wanted.region_raw
                        AND a.period_raw = wanted.period_raw)
    """)
    if not names_rows and not ended_rows:
        return
    parts = []
    params: dict[str, object] = {}
    if names_rows:
        params.update(name_rows=names_rows, names=len(empty_names),
                      names_shown=_examples(empty_names[:10], len(empty_names)))
    if ended_rows:
        params.update(ended_rows=ended_rows, ended=ended_regions,
                      ended_shown=_examples(ended_names, ended_regions))
    if names_rows:
        shown = _examples(empty_names[:10], len(empty_names))
        parts.append(f"{_plural(names_rows, 'row')} of "
                     f"{_plural(len(empty_names), 'region name')} not in the store ({shown})")
    if ended_rows:
        shown = _examples(ended_shown, ended_regions)
        parts.append(f"{_plural(ended_rows, 'row')} of "
                     f"{_plural(ended_regions, 'dissolved region')} in years after their last "
                     f"year ({shown})")
    report.counts["rows_skipped"] = names_rows + ended_rows
    report.add(Severity.INFO, "empty_region_skipped",
               "not loaded, as they have no value at all: " + "; ".join(parts),
               variant="names_and_ended" if names_rows and ended_rows
               else "names" if names_rows else "ended", **params)



def _plural(count: int, noun: str) -> str:
    """'1 row', '164 rows'."""
    return f"{count} {noun}{'' if count == 1 else 's'}"


def _examples(shown: Sequence, total: int) -> str:
    """'Aalburg, Bedum, …' from the first names of a longer list."""
    return ", ".join(str(x) for x in shown) + (" …" if total > len(shown) else "")


def _warn_if_renamed(code: str, info: CodeInfo | None, store_names: dict[str, str],
                     report: ValidationReport, *, line: int | None, where: str,
                     place: dict[str, str]) -> None:
    """A warning when the table names a known code otherwise than the store (a renamed gemeente).

    The code decides which region the values belong to, so this never blocks the load.
    """
    if info is None or not info.name or code not in store_names:
        return
    theirs, ours = clean_region_name(info.name), str(store_names[code])
    if " ".join(theirs.split()).casefold() != " ".join(ours.split()).casefold():
        report.warning("renamed_region",
                       f"{code} is {theirs!r} in the file but {ours!r} in the store (renamed?); "
                       f"the values are loaded for {code}, the store keeps its name{where}",
                       line=line, region=code, theirs=theirs, ours=ours, **place)



def _new_region(code: str, info: CodeInfo | None, parents: dict, province_landsdeel: dict
                ) -> Region:
    province = parents.get("province_code") or (info.province_code if info else None)
    first_year = info.first_year if info else None
    last_year = info.last_year if info else None
    if first_year is not None and last_year is not None and first_year > last_year:
        first_year = None
    return Region(
        code=code,
        name=clean_region_name(info.name) if info and info.name else code,
        level=level_of(code),
        province_code=province,
        corop_code=parents.get("corop_code"),
        landsdeel_code=parents.get("landsdeel_code") or province_landsdeel.get(province),
        first_year=first_year,
        last_year=last_year,
        size_class=parents.get("size_class"),
        urbanity=parents.get("urbanity"),
    )


def _resolve_periods(db, source: CbsSource, report: ValidationReport) -> None:
    distinct = db.execute("""
        SELECT period_raw, list(DISTINCT line ORDER BY line)[1:6], list(ref)[1:1]
        FROM wanted WHERE coalesce(trim(period_raw), '') <> ''
        GROUP BY period_raw ORDER BY min(line), period_raw
    """).fetchall()
    rows = []
    for raw, lines, refs in distinct:
        parsed = parse_period(raw, source.period_status)
        if parsed is None:
            line, where = _first_lines(lines, refs)
            report.error("bad_period",
                         f"period {raw!r} is not a year (2023, 2023JJ00, 2024*), quarter "
                         f"(2023KW02) or month (2023MM10){where}", line=line, value=raw,
                         **_where_params(lines, refs))
            continue
        rows.append((raw, *parsed))
    register_frame(db, "period_map", pd.DataFrame(
        rows, columns=["period_raw", "period", "year", "status"]).astype(
        {"period_raw": "object", "period": "object", "year": "int64", "status": "object"}))


def _report_cells(db, report: ValidationReport, code: str, condition: str, message: str,
                  variant: str) -> None:
    """One issue per cell meeting ``condition``; the translated message is ``variant`` of
    ``code``, with the cell's value, topic and JSON reference as parameters."""
    found = db.execute(
        f"SELECT line, ref, value_raw, topic_key FROM wanted WHERE {condition} "
        f"ORDER BY line, ref LIMIT {MAX_ISSUES_PER_CODE + 1}").fetchall()
    total = None
    if len(found) > MAX_ISSUES_PER_CODE:
        total = db.execute(f"SELECT count(*) FROM wanted WHERE {condition}").fetchone()[0]
        found = found[:MAX_ISSUES_PER_CODE]
    for line, ref, value_raw, topic_key in found:
        text = message.format(value_raw=value_raw, topic_key=topic_key)
        report.error(code, f"{ref}: {text}" if ref else text,
                     line=int(line) if line is not None else None, variant=variant,
                     value=value_raw, topic=topic_key, **({"at_ref": str(ref)} if ref else {}))
    if total is not None:
        report.more("error", code, total - MAX_ISSUES_PER_CODE, what="cells")


_STATUS_RANK = "CASE {0} WHEN 'nader_voorlopig' THEN 2 WHEN 'voorlopig' THEN 1 ELSE 0 END"


def _finish(db, mapping: TopicMapping, new_regions: list[Region], staged: Staged) -> None:
    """Join, check duplicate keys, and put the observations in ``staged``."""
    report = staged.report
    db.execute(f"""
        CREATE TABLE keyed AS
        SELECT w.line, w.ref, w.indicator_id, r.region_code, p.period, p.year,
               CASE WHEN w.missing_reason IS NULL THEN w.number END AS value,
               CASE greatest({_STATUS_RANK.format('p.status')},
                             CASE w.stars WHEN '**' THEN 2 WHEN '*' THEN 1 ELSE 0 END)
                    WHEN 2 THEN 'nader_voorlopig' WHEN 1 THEN 'voorlopig' ELSE 'definitief'
               END AS status,
               w.missing_reason
        FROM wanted w
        JOIN region_map r USING (region_raw)
        JOIN period_map p USING (period_raw)
    """)
    duplicates = db.execute("""
        SELECT indicator_id, region_code, period, list(line ORDER BY line),
               list(ref ORDER BY ref), count(DISTINCT coalesce(CAST(value AS VARCHAR),
               missing_reason) || status)
        FROM keyed GROUP BY ALL HAVING count(*) > 1 ORDER BY 4, 5 LIMIT 200
    """).fetchall()
    for indicator, region, period, lines, refs, distinct in duplicates:
        line, where = _first_lines(lines[1:], refs[1:])
        first, _ = _first_lines(lines, refs)
        if distinct > 1:
            report.error("duplicate_key",
                         f"{indicator} × {region} × {period} occurs more than once with "
                         f"different values{where}", line=line,
                         key=f"{indicator} × {region} × {period}",
                         **_where_params(lines[1:], refs[1:]))
        else:
            report.warning("duplicate_row",
                           f"{indicator} × {region} × {period} repeats the same value{where}; "
                           "it is stored once", line=line,
                           key=f"{indicator} × {region} × {period}",
                           **_where_params(lines[1:], refs[1:]))

    if not report.ok:
        return
    staged.observations = db.sql("""
        SELECT indicator_id, region_code, period, CAST(any_value(year) AS INTEGER) AS year,
               any_value(value) AS value, CAST(NULL AS DOUBLE) AS ci_low,
               CAST(NULL AS DOUBLE) AS ci_high, any_value(status) AS status,
               any_value(missing_reason) AS missing_reason, min(line) AS line
        FROM keyed GROUP BY indicator_id, region_code, period
        ORDER BY indicator_id, region_code, period
    """).to_arrow_table()
    if staged.observations.num_rows == 0:
        staged.observations = None
        report.error("no_observations", "nothing to load: no topic of the source maps to an "

                     "indicator, or every row was left out")
        return
    used_indicators = {r[0] for r in db.execute(
        "SELECT DISTINCT indicator_id FROM keyed").fetchall()}
    used_regions = {r[0] for r in db.execute("SELECT DISTINCT region_code FROM keyed").fetchall()}
    staged.indicator_ids = sorted(used_indicators)
    staged.new_indicators = [i for i in mapping.new_indicators if i.id in used_indicators]
    staged.new_regions = [r for r in new_regions if r.code in used_regions]
    report.counts["observations"] = staged.observations.num_rows


# --------------------------------------------------------------------------------------------
# Files
# --------------------------------------------------------------------------------------------


def checksum_of_files(paths: Iterable[Path]) -> str:
    """One sha256 over several files (name and content), for a folder-shaped source."""
    digest = hashlib.sha256()
    for path in sorted(paths, key=lambda p: p.name):
        digest.update(path.name.encode() + b"\0")
        with path.open("rb") as handle:
            for chunk in iter(lambda: handle.read(1 << 20), b""):
                digest.update(chunk)
        digest.update(b"\n")
    return digest.hexdigest()


def natural_key(path: Path) -> tuple:
    """Sort key so that page-10 follows page-9."""
    return tuple(int(part) if part.isdigit() else part.lower()
                 for part in re.split(r"(\d+)", path.name))


def find_file(folder: Path, *names: str) -> Path | None:
    """The first file of the folder whose name equals one of ``names`` (ignoring case)."""
    if not folder.is_dir():
        return None
    by_name = {p.name.lower(): p for p in folder.iterdir() if p.is_file()}
    for name in names:
        if name.lower() in by_name:
            return by_name[name.lower()]
    return None


def check_text_encoding(path: Path, report: ValidationReport, *, expected: str,
                        facts: FileFacts | None = None) -> str | None:
    """'utf-8' or 'latin-1' for a text download; None (with an error) for UTF-16 or binary.

    ``expected`` is what CBS writes for this format ('utf-8' for current downloads,
    'latin-1' for classic StatLine); anything else that still decodes is a warning.
    """
    if facts is not None and facts.path == Path(path):
        head = facts.head
    else:
        with path.open("rb") as handle:
            head = handle.read(1 << 16)
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)) or b"\0" in head:
        report.error("wrong_encoding", "the file is UTF-16 or binary, not a CSV text file "
                     "(save it as CSV UTF-8, or download it again from StatLine)")
        return None
    encoding = detect_encoding(path, report, facts=facts)
    if not report.ok:
        return None
    if encoding != expected and expected == "utf-8":
        report.warning("unexpected_encoding",
                       "this download is normally UTF-8, but the file is not valid UTF-8; it is "
                       "read as Windows-1252/Latin-1 (was it re-saved by a spreadsheet?)")
    return encoding


def read_csv_rows(path: Path, report: ValidationReport, *, max_bytes: int) -> list[dict] | None:
    """The rows of a small metadata CSV (DataProperties.csv, RegioS.csv) as dicts."""
    if not check_size(path, report, max_bytes=max_bytes):
        return None
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = raw.decode("cp1252", errors="replace")
    first = text.split("\n", 1)[0]
    delimiter = ";" if first.count(";") > first.count(",") else ","
    try:
        return list(csv.DictReader(io.StringIO(text, newline=""), delimiter=delimiter))
    except csv.Error as error:
        report.error("malformed_csv", f"{path.name}: {error}", variant="file", file=path.name,
                     error=str(error))
        return None


def read_json(path: Path, report: ValidationReport, *, max_bytes: int):
    """A saved API response, or None with a ``malformed_json`` error naming the file."""
    if not check_size(path, report, max_bytes=max_bytes):
        return None
    try:
        return json.loads(path.read_bytes().decode("utf-8-sig"))
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        report.error("malformed_json", f"{path.name} is not valid JSON: {error}",
                     file=path.name, error=str(error))
        return None
    except RecursionError:  # an OData page is three levels deep; this is no saved response
        report.error("malformed_json", f"{path.name} nests arrays or objects too deeply to "
                     "be a saved OData response", variant="too_deep_file", file=path.name)

        return None


def json_rows(data, path: Path, report: ValidationReport) -> list[dict] | None:
    """The ``value`` rows of an OData response (or a bare list of rows)."""
    rows = data.get("value") if isinstance(data, dict) else data
    if not isinstance(rows, list) or not all(isinstance(r, dict) for r in rows):
        report.error("malformed_json",
                     f"{path.name} has no list of rows under 'value' (not an OData response)",
                     variant="no_rows", file=path.name)
        return None
    return rows


def read_wide_csv(db, path: Path, report: ValidationReport, *, delimiter: str, encoding: str,
                  n_columns: int) -> bool:
    """Read a CSV with a header into ``raw`` (c0, c1, … as text, plus ``line``).

    Rows with too few or too many fields, or an unterminated quote (a cut-off download), are
    reported as ``malformed_csv`` with their line; the whole file is read before deciding.
    """
    columns = {f"c{i}": "VARCHAR" for i in range(n_columns)}
    try:
        db.execute(
            "CREATE TABLE raw AS SELECT row_number() OVER () + 1 AS line, * FROM read_csv(?, "
            "delim = ?, header = true, quote = '\"', escape = '\"', encoding = ?, columns = ?, "
            "strict_mode = true, null_padding = false, auto_detect = false, "
            "store_rejects = true, max_line_size = 4194304)",
            [str(path.resolve()), delimiter, encoding, columns],
        )
    except duckdb.Error as error:
        report.error("malformed_csv", " ".join(str(error).split("\n")[:3]).strip(),
                     error=" ".join(str(error).split("\n")[:3]).strip())
        return False
    rejects = db.execute(
        "SELECT line, error_type, error_message FROM reject_errors ORDER BY line").fetchall()
    for line, kind, message in rejects[:MAX_ISSUES_PER_CODE]:
        cut = "unterminated" in str(message).lower()
        report.error("malformed_csv",
                     f"{'the line is cut off (unterminated quote)' if cut else message} "
                     f"[{str(kind).lower()}]", line=int(line),
                     **({"variant": "cut_off"} if cut else {"error": f"{message} "
                                                             f"[{str(kind).lower()}]"}))
    if len(rejects) > MAX_ISSUES_PER_CODE:
        report.more("error", "malformed_csv", len(rejects) - MAX_ISSUES_PER_CODE)
    return not rejects


def unpivot_cells(db, *, region_col: str, period_col: str | None, fixed_period: str | None,
                  topic_cols: dict[str, str]) -> None:
    """Turn ``raw`` (one row per region and period) into ``cells`` (one row per value)."""
    register_frame(db, "topic_columns", pd.DataFrame(
        {"col": list(topic_cols), "topic_key": list(topic_cols.values())}, dtype="object"))
    period = period_col if period_col else "CAST(? AS VARCHAR)"
    names = ", ".join(topic_cols)
    db.execute(
        f"CREATE TABLE cells AS WITH wide AS (SELECT line, {region_col} AS region_raw, "
        f"{period} AS period_raw, {names} FROM raw) "
        f"SELECT u.line::INTEGER AS line, NULL::VARCHAR AS ref, u.region_raw, u.period_raw, "
        f"t.topic_key, u.value_raw, NULL::VARCHAR AS attribute "
        f"FROM (SELECT * FROM wide UNPIVOT INCLUDE NULLS (value_raw FOR col IN ({names}))) u "
        f"JOIN topic_columns t USING (col) ORDER BY u.line",
        [fixed_period] if not period_col else [],
    )


def parents_from_text_topics(db, topics: Sequence[Topic]) -> dict[str, dict[str, object]]:
    """Parent codes and classes of regions from a table's text topics (85067NED style).

    A text topic whose values are all province codes gives ``province_code``, likewise COROP
    and landsdeel codes; the code topics under 'Gemeentegrootte' and 'Stedelijkheid' give the
    size class and urbanity. Only used for regions the load adds.
    """
    text = {t.key: t for t in topics if t.is_text}
    if not text:
        return {}
    register_frame(db, "text_topics", pd.DataFrame({"topic_key": list(text)},
                                                         dtype="object"))
    values = db.execute(
        "SELECT upper(trim(region_raw)), topic_key, trim(value_raw) FROM cells "
        "WHERE topic_key IN (SELECT topic_key FROM text_topics) AND trim(value_raw) <> ''"
    ).fetchall()
    by_topic: dict[str, list[tuple[str, str]]] = {}
    for region, key, value in values:
        by_topic.setdefault(key, []).append((region, value))
    parents: dict[str, dict[str, object]] = {}
    for key, pairs in by_topic.items():
        topic = text[key]
        groups = " ".join(topic.path).lower()
        target, convert = None, str
        for field_name, pattern in (("province_code", r"PV(2\d|3[01])"),
                                    ("corop_code", r"CR\d{2}"), ("landsdeel_code", r"LD0[1-4]")):
            if all(re.fullmatch(pattern, v) for _, v in pairs):
                target = field_name
        if target is None and all(v.isdigit() for _, v in pairs):
            if "gemeentegrootte" in groups and all(1 <= int(v) <= 9 for _, v in pairs):
                target, convert = "size_class", int
            elif "stedelijkheid" in groups and all(1 <= int(v) <= 5 for _, v in pairs):
                target, convert = "urbanity", int
        if target is None:
            continue
        for region, value in pairs:
            parents.setdefault(region, {})[target] = convert(value)
    return parents
