"""The ``cells`` table → validated observations, the same for every CBS format.

Every CBS loader turns its file into one long table ``cells`` in a DuckDB sandbox (line,
region, period, topic, value text) and hands it to :func:`stage_cells`, which validates regions,
periods and numbers with SQL and builds the observations, so every CBS format reports the same
problems with the same codes.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

import pandas as pd

from bw.loaders.cbs_codes import CodeInfo, is_region_code, level_of, parse_period
from bw.loaders.cbs_files import parents_from_text_topics
from bw.loaders.common import (
    MAX_ISSUES_PER_CODE,
    LoadContext,
    Staged,
    summarise,
)
from bw.loaders.tabular import number_sql
from bw.loaders.topics import Topic, TopicMapping, resolve_topics
from bw.model import Region, is_missing
from bw.regions import RegionResolver, clean_region_name
from bw.report import Severity, ValidationReport
from bw.sandbox import Sandbox, close_sandbox, one_row, open_sandbox, register_frame

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
    return (
        "CREATE TABLE cells (line INTEGER, ref VARCHAR, region_raw VARCHAR, "
        "period_raw VARCHAR, topic_key VARCHAR, value_raw VARCHAR, attribute VARCHAR)"
    )


def cells_frame(rows: dict[str, list[Any]]) -> pd.DataFrame:
    """A frame in the shape of ``cells`` from column lists (missing columns are NULL)."""
    length = max((len(v) for v in rows.values()), default=0)
    frame = pd.DataFrame({name: rows.get(name, [None] * length) for name in CELL_COLUMNS})
    frame["line"] = frame["line"].astype("Int64")
    for name in CELL_COLUMNS[1:]:
        frame[name] = frame[name].astype("object")
    return frame


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


def stage_cells(db: Sandbox, source: CbsSource, context: LoadContext, staged: Staged) -> None:
    """Validate the sandbox's ``cells`` against the store and fill ``staged`` when all is well.

    Regions, periods and topics are resolved once per distinct value; numbers are parsed in
    SQL; every problem is reported with its line (text files) or its reference (JSON).
    """
    report = staged.report
    rows = one_row(db.execute("SELECT count(*) FROM cells"))[0]
    if rows == 0:
        report.error("no_rows", "the source holds no data rows")

        return
    decimal = source.decimal or _detect_decimal(db, report)
    db.execute(f"""
        CREATE TABLE parsed AS
        SELECT *, {_MISSING_SQL} AS missing_reason,
               {number_sql("core", decimal)} AS number
        FROM (SELECT *, trim(regexp_replace(coalesce(value_raw, ''), '\\*{{1,2}}$', '')) AS core,
                     regexp_extract(trim(coalesce(value_raw, '')), '(\\*{{1,2}})$', 1) AS stars
              FROM cells)
    """)
    topics = _settle_topic_types(db, source.topics)
    if source.region_by == "code" and not source.parents:
        source.parents = parents_from_text_topics(db, topics)
    mapping = resolve_topics(topics, context, table=source.table, report=report)
    wanted = [t.key for t in topics if not t.is_text and t.key not in mapping.skipped]
    register_frame(
        db,
        "wanted_topics",
        pd.DataFrame(
            {
                "topic_key": pd.Series(wanted, dtype="object"),
                "indicator_id": pd.Series(
                    [mapping.indicator_of.get(k) for k in wanted], dtype="object"
                ),
            }
        ),
    )
    db.execute(
        "CREATE TABLE wanted AS SELECT p.*, w.indicator_id FROM parsed p "
        "JOIN wanted_topics w USING (topic_key)"
    )
    new_regions, empty_names = _resolve_regions(db, source, context, report)
    _resolve_periods(db, source, report)
    if source.region_by == "name":
        _skip_empty_rows(db, context, report, empty_names)
    _report_cells(
        db,
        report,
        "missing_field",
        "coalesce(trim(period_raw), '') = ''",
        "the period is empty",
        "period",
    )
    _report_cells(
        db,
        report,
        "not_a_number",
        "missing_reason IS NULL AND number IS NULL",
        "value {value_raw!r} of topic {topic_key!r} is not a number",
        "topic",
    )
    if report.ok:
        _finish(db, mapping, new_regions, staged)
    report.counts.setdefault("rows", rows)
    summarise(report)


def stage_frame(
    frame: pd.DataFrame, source: CbsSource, context: LoadContext, staged: Staged
) -> None:
    """:func:`stage_cells` for cells a loader built in Python (JSON, classic StatLine)."""
    db = open_sandbox()
    try:
        db.execute(empty_cells_sql())
        register_frame(db, "cells_in", frame)
        db.execute("INSERT INTO cells SELECT * FROM cells_in")
        stage_cells(db, source, context, staged)
    finally:
        close_sandbox(db)


def _detect_decimal(db: Sandbox, report: ValidationReport) -> str:
    has_comma, has_point = one_row(
        db.execute(
            "SELECT bool_or(contains(value_raw, ',')), "
            "bool_or(regexp_matches(value_raw, '[0-9]\\.[0-9]')) FROM cells"
        )
    )
    decimal = "," if has_comma else "."
    if has_comma or has_point:
        report.detected["decimal"] = "comma" if has_comma else "point"
    return decimal


def _settle_topic_types(db: Sandbox, topics: list[Topic]) -> list[Topic]:
    """Decide text or number for topics whose source does not say, and fill in decimals.

    Without metadata a topic is text when most of its filled cells are not numbers (codes and
    names such as 'Noord-Nederland'); a numeric topic with a few bad cells stays numeric, so
    those cells are reported as ``not_a_number``.
    """
    if not topics:
        return topics
    stats = {
        row[0]: row[1:]
        for row in db.execute("""
        SELECT topic_key, count(*) FILTER (WHERE missing_reason IS NULL),
               count(*) FILTER (WHERE missing_reason IS NULL AND number IS NULL),
               max(length(regexp_extract(core, '[.,]([0-9]+)$', 1)))
                   FILTER (WHERE number IS NOT NULL)
        FROM parsed GROUP BY topic_key
    """).fetchall()
    }
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


def _first_lines(lines: Iterable[Any] | None, refs: Iterable[Any] | None) -> tuple[int | None, str]:
    """The first line of a value and a short 'lines 3, 9, …' or JSON reference note."""
    numbers = [int(x) for x in (lines or []) if not is_missing(x)]
    notes = [r for r in (refs or []) if r]
    if len(numbers) > 1:
        shown = ", ".join(str(x) for x in numbers[:5])
        return numbers[0], f" (lines {shown}{' …' if len(numbers) > 5 else ''})"
    if numbers:
        return numbers[0], ""
    if notes:
        return None, f" ({notes[0]})"
    return None, ""


def _where_params(lines: Iterable[Any] | None, refs: Iterable[Any] | None) -> dict[str, str]:
    """Where a value is, as parameters of a translated message (see :func:`_first_lines`).

    >>> _where_params([3, 9], []), _where_params([3], []), _where_params([], ["value[4]"])
    ({'at_lines': '3, 9'}, {}, {'at_ref': 'value[4]'})
    """
    lines = [int(x) for x in (lines or []) if x is not None and not pd.isna(x)]
    refs = [r for r in (refs or []) if r]
    if len(lines) > 1:
        return {"at_lines": ", ".join(str(x) for x in lines[:5]) + (" …" if len(lines) > 5 else "")}
    if not lines and refs:
        return {"at_ref": str(refs[0])}
    return {}


def _resolve_regions(
    db: Sandbox, source: CbsSource, context: LoadContext, report: ValidationReport
) -> tuple[list[Region], list[str]]:
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
    store_names = (
        dict(zip(context.regions["code"], context.regions["name"], strict=True))
        if len(context.regions)
        else {}
    )
    codes, new_regions, historical, added, empty, unnamed = [], [], [], [], [], []
    empty_names: list[str] = []
    for raw, lines, refs, has_value, value_lines in distinct:
        line, where = _first_lines(lines, refs)
        place = _where_params(lines, refs)
        text = " ".join(str(raw or "").split())
        if not text:
            report.error(
                "missing_field", f"the region is empty{where}", line=line, variant="region", **place
            )
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
                report.error(
                    "ambiguous_region",
                    f"region name {text!r} matches more than one region{where}; CBS "
                    "writes the disambiguated name, e.g. Bergen (NH.) or "
                    "Groningen (gemeente)",
                    line=line,
                    region=text,
                    **place,
                )
            elif problem:
                mojibake = "Ã" in text or "Â" in text
                hint = (
                    " — the text looks wrongly decoded (Ã…): check the file's encoding"
                    if mojibake
                    else ""
                )
                report.error(
                    "unknown_region",
                    f"region name {text!r} is not a region of the store{where}{hint}",
                    line=line,
                    variant="mojibake" if mojibake else "name",
                    region=text,
                    **place,
                )
            if code:
                codes.append((raw, code))
            continue
        code = text.upper()
        if code in known:
            codes.append((raw, code))
            _warn_if_renamed(
                code,
                (source.code_list or {}).get(code),
                store_names,
                report,
                line=line,
                where=where,
                place=place,
            )
            continue
        if not is_region_code(code):
            report.error(
                "unknown_region",
                f"region {text!r} is not a CBS code of a level bw stores "
                f"(NL, LD, PV, CR, GM, WK, BU){where}",
                line=line,
                variant="level",
                region=text,
                **place,
            )
            continue
        info = (source.code_list or {}).get(code)
        if (
            info is None
            and source.code_list is not None
            and source.region_by == "code"
            and source.code_list
        ):
            report.error(
                "unknown_region",
                f"region {code} is neither in the store nor in the table's own region list{where}",
                line=line,
                variant="region_list",
                region=code,
                **place,
            )
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
        report.warning(
            "historical_region",
            f"{region.code} {region.name} is not in the store; it is added from the "
            f"table's region list as a historical region (last year "
            f"{region.last_year})",
            region=f"{region.code} {region.name}",
            last_year=region.last_year,
        )
    if added:
        shown = ", ".join(f"{r.code} {r.name}" for r in added[:10])
        report.warning(
            "new_region",
            f"{len(added)} regions are not in the store and are added from the "
            f"table's region list: {shown}{' …' if len(added) > 10 else ''}",
            count=len(added),
            regions=f"{shown}{' …' if len(added) > 10 else ''}",
        )
    if unnamed:
        shown = ", ".join(r.code for r in unnamed[:10])
        report.warning(
            "unnamed_region",
            f"{len(unnamed)} regions are not in the store and the file does not name "
            f"them; they are added with their code as name: {shown}"
            f"{' …' if len(unnamed) > 10 else ''} (put the table's region list "
            "(RegioS) beside the file, or load the region reference first)",
            count=len(unnamed),
            regions=f"{shown}{' …' if len(unnamed) > 10 else ''}",
        )
    if empty:
        report.add(
            Severity.INFO,
            "empty_region_skipped",
            f"{len(empty)} region codes have no value at all in the file and are not "
            f"in the store; their rows are not loaded: {', '.join(empty[:10])}"
            f"{' …' if len(empty) > 10 else ''}",
            variant="codes",
            count=len(empty),
            regions=f"{', '.join(empty[:10])}{' …' if len(empty) > 10 else ''}",
        )
    register_frame(
        db,
        "region_map",
        pd.DataFrame(codes, columns=["region_raw", "region_code"]).astype("object"),
    )
    return new_regions, empty_names


def _skip_empty_rows(
    db: Sandbox, context: LoadContext, report: ValidationReport, empty_names: list[str]
) -> None:
    """Leave out the empty rows of regions a name-keyed download lists but bw cannot use.

    Those are the rows of unknown names without any value (dissolved gemeenten), and the empty
    rows of a dissolved region of the store in a year after its ``last_year``; both are said in
    one ``empty_region_skipped`` note. A value after a region's ``last_year`` is a
    ``dissolved_region`` error: the name may now mean another region, so bw does not guess.
    """
    register_frame(
        db, "empty_names", pd.DataFrame({"region_raw": pd.Series(empty_names, dtype="string")})
    )
    regions = context.regions
    ended = (
        regions.loc[regions["last_year"].notna(), ["code", "name", "last_year"]]
        if "last_year" in regions.columns
        else pd.DataFrame()
    )
    register_frame(
        db,
        "ended_regions",
        pd.DataFrame(
            {
                "region_code": pd.Series([str(c) for c in ended.get("code", [])], dtype="string"),
                "name": pd.Series([str(n) for n in ended.get("name", [])], dtype="string"),
                "last_year": pd.Series([int(y) for y in ended.get("last_year", [])], dtype="int64"),
            }
        ),
    )
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
        report.error(
            "dissolved_region",
            f"{code} {name} ended in {last_year} (dissolved), yet the file gives it "
            f"values for {', '.join(str(y) for y in years)}{where}; remove those rows, "
            "or correct the region's last year with the region reference",
            line=line,
            region=f"{code} {name}",
            last_year=last_year,
            years=", ".join(str(y) for y in years),
            **_where_params(lines, refs),
        )

    names_rows = one_row(
        db.execute("""
        SELECT count(*) FROM (SELECT DISTINCT region_raw, period_raw FROM wanted
                              WHERE region_raw IN (SELECT region_raw FROM empty_names))
    """)
    )[0]
    ended_rows, ended_regions, ended_shown, ended_names = one_row(
        db.execute("""
        SELECT count(*), count(DISTINCT region_code), list(DISTINCT label ORDER BY label)[1:10],
               list(DISTINCT name ORDER BY name)[1:10]
        FROM (SELECT *, name || ' after ' || last_year AS label FROM after_end)
        WHERE NOT has_value
    """)
    )
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
        params.update(
            name_rows=names_rows,
            names=len(empty_names),
            names_shown=_examples(empty_names[:10], len(empty_names)),
        )
    if ended_rows:
        params.update(
            ended_rows=ended_rows,
            ended=ended_regions,
            ended_shown=_examples(ended_names, ended_regions),
        )
    if names_rows:
        shown = _examples(empty_names[:10], len(empty_names))
        parts.append(
            f"{_plural(names_rows, 'row')} of "
            f"{_plural(len(empty_names), 'region name')} not in the store ({shown})"
        )
    if ended_rows:
        shown = _examples(ended_shown, ended_regions)
        parts.append(
            f"{_plural(ended_rows, 'row')} of "
            f"{_plural(ended_regions, 'dissolved region')} in years after their last "
            f"year ({shown})"
        )
    report.counts["rows_skipped"] = names_rows + ended_rows
    report.add(
        Severity.INFO,
        "empty_region_skipped",
        "not loaded, as they have no value at all: " + "; ".join(parts),
        line=None,  # about many rows, no one line
        variant="names_and_ended"
        if names_rows and ended_rows
        else "names"
        if names_rows
        else "ended",
        **params,
    )


def _plural(count: int, noun: str) -> str:
    """'1 row', '164 rows'."""
    return f"{count} {noun}{'' if count == 1 else 's'}"


def _examples(shown: Sequence[object], total: int) -> str:
    """'Aalburg, Bedum, …' from the first names of a longer list."""
    return ", ".join(str(x) for x in shown) + (" …" if total > len(shown) else "")


def _warn_if_renamed(
    code: str,
    info: CodeInfo | None,
    store_names: dict[str, str],
    report: ValidationReport,
    *,
    line: int | None,
    where: str,
    place: dict[str, str],
) -> None:
    """A warning when the table names a known code otherwise than the store (a renamed gemeente).

    The code decides which region the values belong to, so this never blocks the load.
    """
    if info is None or not info.name or code not in store_names:
        return
    theirs, ours = clean_region_name(info.name), str(store_names[code])
    if " ".join(theirs.split()).casefold() != " ".join(ours.split()).casefold():
        report.warning(
            "renamed_region",
            f"{code} is {theirs!r} in the file but {ours!r} in the store (renamed?); "
            f"the values are loaded for {code}, the store keeps its name{where}",
            line=line,
            region=code,
            theirs=theirs,
            ours=ours,
            **place,
        )


def _new_region(
    code: str,
    info: CodeInfo | None,
    parents: dict[str, object],
    province_landsdeel: dict[str, str],
) -> Region:
    """A region a file brings, from its code list entry and the parents its file names."""
    province = _text(parents, "province_code") or (info.province_code if info else None)
    first_year = info.first_year if info else None
    last_year = info.last_year if info else None
    if first_year is not None and last_year is not None and first_year > last_year:
        first_year = None
    return Region(
        code=code,
        name=clean_region_name(info.name) if info and info.name else code,
        level=level_of(code),
        province_code=province,
        corop_code=_text(parents, "corop_code"),
        landsdeel_code=_text(parents, "landsdeel_code")
        or (province_landsdeel.get(province) if province else None),
        first_year=first_year,
        last_year=last_year,
        size_class=_whole(parents, "size_class"),
        urbanity=_whole(parents, "urbanity"),
    )


def _text(parents: dict[str, object], key: str) -> str | None:
    """A code among a region's parents (cbs_files reads them as text)."""
    value = parents.get(key)
    return value if isinstance(value, str) else None


def _whole(parents: dict[str, object], key: str) -> int | None:
    """A class number among a region's parents (cbs_files reads them as whole numbers)."""
    value = parents.get(key)
    return value if isinstance(value, int) else None


def _resolve_periods(db: Sandbox, source: CbsSource, report: ValidationReport) -> None:
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
            report.error(
                "bad_period",
                f"period {raw!r} is not a year (2023, 2023JJ00, 2024*), quarter "
                f"(2023KW02) or month (2023MM10){where}",
                line=line,
                value=raw,
                **_where_params(lines, refs),
            )
            continue
        rows.append((raw, *parsed))
    register_frame(
        db,
        "period_map",
        pd.DataFrame(rows, columns=["period_raw", "period", "year", "status"]).astype(
            {"period_raw": "object", "period": "object", "year": "int64", "status": "object"}
        ),
    )


def _report_cells(
    db: Sandbox, report: ValidationReport, code: str, condition: str, message: str, variant: str
) -> None:
    """One issue per cell meeting ``condition``; the translated message is ``variant`` of
    ``code``, with the cell's value, topic and JSON reference as parameters."""
    found = db.execute(
        f"SELECT line, ref, value_raw, topic_key FROM wanted WHERE {condition} "
        f"ORDER BY line, ref LIMIT {MAX_ISSUES_PER_CODE + 1}"
    ).fetchall()
    total = None
    if len(found) > MAX_ISSUES_PER_CODE:
        total = one_row(db.execute(f"SELECT count(*) FROM wanted WHERE {condition}"))[0]
        found = found[:MAX_ISSUES_PER_CODE]
    for line, ref, value_raw, topic_key in found:
        text = message.format(value_raw=value_raw, topic_key=topic_key)
        report.error(
            code,
            f"{ref}: {text}" if ref else text,
            line=int(line) if line is not None else None,
            variant=variant,
            value=value_raw,
            topic=topic_key,
            **({"at_ref": str(ref)} if ref else {}),
        )
    if total is not None:
        report.more("error", code, total - MAX_ISSUES_PER_CODE, what="cells")


_STATUS_RANK = "CASE {0} WHEN 'nader_voorlopig' THEN 2 WHEN 'voorlopig' THEN 1 ELSE 0 END"


def _finish(db: Sandbox, mapping: TopicMapping, new_regions: list[Region], staged: Staged) -> None:
    """Join, check duplicate keys, and put the observations in ``staged``."""
    report = staged.report
    db.execute(f"""
        CREATE TABLE keyed AS
        SELECT w.line, w.ref, w.indicator_id, r.region_code, p.period, p.year,
               CASE WHEN w.missing_reason IS NULL THEN w.number END AS value,
               CASE greatest({_STATUS_RANK.format("p.status")},
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
            report.error(
                "duplicate_key",
                f"{indicator} × {region} × {period} occurs more than once with "
                f"different values{where}",
                line=line,
                key=f"{indicator} × {region} × {period}",
                **_where_params(lines[1:], refs[1:]),
            )
        else:
            report.warning(
                "duplicate_row",
                f"{indicator} × {region} × {period} repeats the same value{where}; "
                "it is stored once",
                line=line,
                key=f"{indicator} × {region} × {period}",
                **_where_params(lines[1:], refs[1:]),
            )

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
        report.error(
            "no_observations",
            "nothing to load: no topic of the source maps to an "
            "indicator, or every row was left out",
        )
        return
    used_indicators = {
        r[0] for r in db.execute("SELECT DISTINCT indicator_id FROM keyed").fetchall()
    }
    used_regions = {r[0] for r in db.execute("SELECT DISTINCT region_code FROM keyed").fetchall()}
    staged.indicator_ids = sorted(used_indicators)
    staged.new_indicators = [i for i in mapping.new_indicators if i.id in used_indicators]
    staged.new_regions = [r for r in new_regions if r.code in used_regions]
    report.counts["observations"] = staged.observations.num_rows
