"""Every page reads Dutch in the Dutch UI, on the demo store and on the real CBS store.

The test walks every page of the navigation (and the Data page with a bad file uploaded, the
Streefwaarden tabs, a running workshop), collects everything a user reads — texts, widget
labels, help, placeholders and options, tab and expander labels, table headers, chart titles,
axis titles and legend entries — and fails on any word from a list of English strings that
leaked before: Streamlit's own ("Choose an option", "Select all", "Press Enter", …) and ours
(bw's English validation messages, raw column names and action ids). Streamlit's texts that
only its frontend draws are checked through what makes them appear: an empty placeholder
shows "Choose an option", a multiselect shows "Select all" unless ``select_all`` is off, a
number input has English stepper buttons, and a file uploader needs the style that hides its
English words (tests/browser/test_dutch_texts.py looks at the real page).
"""

from __future__ import annotations

import json
import re
import shutil
from collections.abc import Iterator

import pytest
import streamlit as st

from bw import bootstrap, policy_cycle, store, workshops
from bw.auth import Actor, Role
from tests.app.helpers import make_app, open_page, use_store

#: The pages of the navigation (app.py), as their scripts are named.
PAGES = (
    "overzicht",
    "hier_en_nu",
    "later",
    "elders",
    "vergelijken",
    "streefwaarden",
    "data",
    "beleidsopties",
    "beleidscyclus",
    "workshop",
    "beheer",
)

#: English that Streamlit itself shows when it is not told otherwise.
STREAMLIT_ENGLISH = (
    "Choose an option",
    "Choose or add an option",
    "No options to select",
    "Select all",
    "No results",
    "Press Enter",
    "Drag and drop",
    "Browse files",
    "Upload",
    "per file",
    "Clear value",
    "Increment",
    "Decrement",
    "Help for",
)
#: English of our own that reached the Dutch UI before issue 13: bw's messages, raw column
#: names of tables and raw ids of the audit log.
OUR_ENGLISH = (
    "is not a number",
    "is not known",
    "is missing",
    "more lines like this",
    "does not exist",
    "not in the catalogue",
    "nothing was",
    "the file",
    "the store",
    "already has",
    "at least",
    "is empty",
    "Nothing to load",
    "busy, try",
    "section",
    "share_done",
    "target_value",
    "target_year",
    "replaced_at",
    "replaced_by",
    "updated_by",
    "effect_id",
    "option_id",
    "done_at",
    "add_user",
    "remove_user",
    "insert_programme",
    "insert_opgave",
    "insert_doel",
    "insert_activiteit",
    "update_activiteit",
    "link_indicator",
    "insert_measurement_moment",
    "undo_load",
    "import_indicators",
    "specific_too_short",
    "measurable_no_indicator",
)
#: Common English words that Dutch text does not use (whole words, case-sensitive).
ENGLISH_WORDS = ("the", "The", "and", "with", "without", "which", "should", "must")
_PATTERN = re.compile(
    "|".join(
        [
            rf"(?<![\w]){re.escape(word)}(?![\w])"
            for word in (*STREAMLIT_ENGLISH, *OUR_ENGLISH, *ENGLISH_WORDS)
        ]
    )
)

#: Proto fields that hold no text a user reads (ids, keys, formats, data, URLs, icons).
_SKIP_FIELDS = {
    "id",
    "form_id",
    "key",
    "spec",
    "columns",
    "data",
    "url",
    "page",
    "query_string",
    "icon",
    "format",
    "type",
    "mime",
    "file_id",
    "color",
    "script_hash",
    "page_script_hash",
    "query_param_key",
    "args",
    "selection_mode",
    "theme",
    "config",
    "width_config",
    "height_config",
    "editing_mode",
    "language",
    "arrow_data",
    "default",
    "value",
    "set_value",
    "raw_values",
    "label_visibility",
    "file_name",
    "deferred_file_id",
    "element_hash",
    "sidebar",
    "kind",
    "anchor",
    "tooltip",
    "alt",
}
#: What a user reads of a chart: its title, axis titles, legend and annotations.
_AXES = re.compile(r"^[xy]axis\d*$")


def _strings(message, path: str = "") -> Iterator[tuple[str, str]]:
    """(field path, text) of every string field of a proto message a user may read."""
    for field, value in message.ListFields():
        if field.name in _SKIP_FIELDS:
            continue
        where = f"{path}.{field.name}"
        repeated = hasattr(value, "__len__") and not isinstance(value, str | bytes)
        values = value if repeated and not hasattr(value, "ListFields") else [value]

        for item in values:
            if isinstance(item, str):
                yield where, item
            elif hasattr(item, "ListFields"):
                yield from _strings(item, where)


def _chart_texts(spec: str) -> Iterator[tuple[str, str]]:
    figure = json.loads(spec)
    layout = figure.get("layout", {})
    title = layout.get("title")
    yield "chart.title", title.get("text", "") if isinstance(title, dict) else str(title or "")
    for name, axis in layout.items():
        if _AXES.match(name) and isinstance(axis, dict):
            axis_title = axis.get("title")
            yield (
                f"chart.{name}",
                (
                    axis_title.get("text", "")
                    if isinstance(axis_title, dict)
                    else str(axis_title or "")
                ),
            )
    for annotation in layout.get("annotations", []):
        yield "chart.annotation", str(annotation.get("text", ""))
    for trace in figure.get("data", []):
        if trace.get("showlegend", True) and trace.get("name"):
            yield "chart.legend", str(trace["name"])


def _table_headers(element) -> Iterator[tuple[str, str]]:
    # st.dataframe carries a column config; st.table (wrapped text tables) has none, and its
    # cells are text the reader sees, so they are checked too.
    config = json.loads(getattr(element.proto, "columns", "") or "{}")
    if element.type == "table":
        for row in element.value.astype(str).itertuples(index=False):
            yield from (("table.cell", str(cell)) for cell in row)
    for column in element.value.columns:
        spec = config.get(str(column), {})
        if spec.get("hidden"):
            continue
        yield "table.header", str(spec.get("label") or column)
        if spec.get("help"):
            yield "table.help", str(spec["help"])


def _leaks(element) -> Iterator[tuple[str, str]]:
    """Streamlit's frontend texts that this element will show, as if they were its text."""
    kind, proto = element.type, element.proto
    if kind in ("selectbox", "multiselect") and not proto.placeholder.strip():
        yield f"{kind}.placeholder", "Choose an option"
    if kind == "multiselect" and (not proto.HasField("select_all") or proto.select_all != 0):
        yield "multiselect.select_all", "Select all"
    if kind == "number_input":
        yield "number_input.stepper", "Increment"


def page_texts(at) -> list[tuple[str, str]]:
    """(where, text) of everything the run shows (main area and sidebar)."""
    found: list[tuple[str, str]] = []
    uploader, uploader_style = False, False
    for block in at._tree.children.values():  # main, sidebar and the event container (styles)
        for element in block:
            kind = element.type
            if kind == "code":
                continue  # commands (python -m bw …) are the same in every language
            if kind == "html":
                uploader_style |= "stFileUploaderDropzoneInstructions" in element.proto.body
                continue
            if kind == "file_uploader":
                uploader = True
            if kind in ("dataframe", "arrow_data_frame", "table"):
                found += list(_table_headers(element))
                continue
            if kind == "plotly_chart":
                found += [(w, text) for w, text in _chart_texts(element.proto.spec) if text]
                continue
            proto = getattr(element, "proto", None)
            if proto is not None and hasattr(proto, "ListFields"):
                found += [(f"{kind}{where}", text) for where, text in _strings(proto)]
                found += list(_leaks(element))
    for tab in at.tabs:
        found.append(("tab.label", tab.label))
    for expander in at.expander:
        found.append(("expander.label", expander.label))
    if uploader and not uploader_style:
        found.append(("file_uploader", "200MB per file"))
    return found


def english_in(texts: list[tuple[str, str]]) -> list[str]:
    """Each text with a known English word, as 'where: …word…: text'."""
    return sorted(
        {
            f"{where}: {match.group(0)!r} in {text[:160]!r}"
            for where, text in texts
            for match in [_PATTERN.search(text)]
            if match
        }
    )


# --- the stores ---------------------------------------------------------------------------------

FACILITATOR = Actor("facilitator", Role.ADMIN)


@pytest.fixture(scope="module")
def cbs_store(tmp_path_factory):
    """The real CBS store, built once for this module."""
    path = tmp_path_factory.mktemp("cbs") / "bw.duckdb"
    bootstrap.init_store(path, kind="cbs")
    return path


def _with_workshop(path) -> None:
    """An open workshop with an argument and a proposal, so the facilitator's forms show."""
    con = store.connect(path)
    try:
        session = workshops.create_session(
            con,
            title="Brede welvaart in de wijk",
            region_code=_a_gemeente(con),
            phase=policy_cycle.PHASE_IDS[0],
            themes=["gezondheid"],
            actor=FACILITATOR,
        )
        workshops.add_argument(
            con,
            session.code,
            theme_id="gezondheid",
            text="Meer groen",
            sentiment="positief",
            scale="wijk",
            time_frame="nu",
        )
    finally:
        con.close()


def _a_gemeente(con) -> str:
    return con.execute(
        "SELECT min(code) FROM regions WHERE level = 'GM' AND last_year IS NULL"
    ).fetchone()[0]


@pytest.fixture(params=["demo", "cbs"])
def dutch_store(request, demo_store, tmp_path, monkeypatch):
    """A private copy of the demo or the CBS store, with a workshop, for the app to open; its
    value is the query of the link to open (the demo on Heerlen, which has a programme and
    policy options; the CBS store on its default gemeente)."""
    source = demo_store if request.param == "demo" else request.getfixturevalue("cbs_store")
    path = tmp_path / "bw.duckdb"
    shutil.copy(source, path)
    _with_workshop(path)
    use_store(path, monkeypatch)
    yield {"regio": "GM0917"} if request.param == "demo" else {}
    st.cache_resource.clear()


# --- the tests -----------------------------------------------------------------------------------


def test_the_walk_catches_what_leaked_before():
    """The checks themselves: last issue's leaks are found, Dutch text passes."""
    leaked = [
        ("table.header", "section"),
        ("table.cell", "add_user"),
        ("markdown", "value 'vier' is not a number"),
        ("selectbox.placeholder", "Choose an option"),
    ]
    assert len(english_in(leaked)) == 4
    assert (
        english_in(
            [
                ("markdown", "Waarde 'vier' is geen getal. De sectie Beheer."),
                ("markdown", "Bestanden (CSV) — uploaden kan hier"),
            ]
        )
        == []
    )


@pytest.mark.parametrize("page", PAGES)
def test_every_page_reads_dutch(dutch_store, page):
    at = open_page(make_app(**dutch_store), page)
    assert not at.exception, at.exception
    texts = page_texts(at)
    assert len(texts) > 10, "the walk read (almost) nothing"
    assert english_in(texts) == []


def test_the_data_page_reports_a_bad_file_in_dutch(dutch_store):
    at = open_page(make_app(**dutch_store), "data")
    bad = (
        "indicator,region,period,value\n"
        "arbeid.werkloosheid,GM0363,2023,vier\n"
        "geen.indicator,GM9999,20x3,1\n"
    )
    at.file_uploader[0].set_value(("slecht.csv", bad.encode(), "text/csv")).run()
    assert not at.exception, at.exception
    report = next(element.value for element in at.dataframe if "message" in element.value.columns)
    assert "Kolom value: 'vier' is geen getal." in set(report["message"])
    assert {"not_a_number", "unknown_indicator", "unknown_region", "bad_period"} <= set(
        report["code"]
    ), "the codes stay the stable machine codes"
    assert english_in(page_texts(at)) == []
    assert english_in([("table.cell", text) for text in report["message"]]) == []
