"""Tests for the one rule by which loaders make ids of new indicators (issue 15).

The rule itself (slug, qualifiers, counter), a property over any input, and the point of the
rule: a label gets the same id whichever loader sees it first, given the same catalogue.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bw import bootstrap, store
from bw.loaders import region_reference, statline_csv, wsjg
from bw.loaders.common import MAX_SLUG, NEW_INDICATOR_PREFIX, LoadContext, new_indicator_id
from bw.loaders.tabular import map_labels
from bw.report import ValidationReport
from tests.bw.loaders.test_region_reference import tiny_context, write_folder

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures"
#: What the indicator CSV import accepts as an id (bw.indicator_csv): every made id must pass.
ID_SHAPE = re.compile(r"[a-z_]+\.[a-z0-9_]+")
BASE = "te_classificeren.werkloosheid"
QUALIFIED = BASE + "_procent_werkloos_12"


# --- the rule, as a table --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Werkloosheid", "werkloosheid"),
        ("  Concentratie fijnstof (PM2,5) ", "concentratie_fijnstof_pm2_5"),
        ("Gemiddelde verkoopprijs (€)", "gemiddelde_verkoopprijs"),
        ("Ervaren gezondheid: (zeer) goed – 18+", "ervaren_gezondheid_zeer_goed_18"),
        ("Tevredenheid één café", "tevredenheid_een_cafe"),
        ("Ĳsselmeer-oever", "ijsselmeer_oever"),
        ("Straße", "strasse"),
        ("Tevredenheid_met_het leven", "tevredenheid_met_het_leven"),
        ("(%)", "onderwerp"),
        ("", "onderwerp"),
        ("a" * 70, "a" * MAX_SLUG),
        ("a" * 59 + " b", "a" * 59),  # cut at MAX_SLUG, then no trailing '_'
    ],
)
def test_a_free_id_is_the_slug_of_the_name(name, expected):
    assert new_indicator_id(name, set()) == NEW_INDICATOR_PREFIX + expected
    # Taken ids other than the slug's change nothing, and neither do qualifiers.
    others = {"arbeid.werkloosheid", f"{NEW_INDICATOR_PREFIX}{expected}_procent"}
    assert new_indicator_id(name, others, qualifiers=("%",)) == NEW_INDICATOR_PREFIX + expected


@pytest.mark.parametrize(
    ("taken", "qualifiers", "expected"),
    [
        ({BASE}, ("%", "Werkloos_12"), BASE + "_procent"),
        ({BASE, BASE + "_procent"}, ("%", "Werkloos_12"), BASE + "_procent_werkloos_12"),
        (
            {BASE, BASE + "_procent", BASE + "_procent_werkloos_12"},
            ("%", "Werkloos_12"),
            BASE + "_procent_werkloos_12_2",
        ),
        (
            {BASE, BASE + "_procent", QUALIFIED, QUALIFIED + "_2"},
            ("%", "Werkloos_12"),
            BASE + "_procent_werkloos_12_3",
        ),
        ({BASE}, (), BASE + "_2"),
        ({BASE, BASE + "_2", BASE + "_3"}, (), BASE + "_4"),
        ({BASE, BASE + "_3"}, (), BASE + "_2"),  # the first free counter
        ({BASE}, ("aantal per 1 000 inwoners",), BASE + "_aantal_per_1_000_inwoners"),
        ({BASE}, ("‰",), BASE + "_promille"),
        ({BASE}, ("€",), BASE + "_euro"),
        # A qualifier without words is passed over; so is one the id already ends with.
        ({BASE}, ("", "()", "K1"), BASE + "_k1"),
        ({BASE}, ("werkloosheid",), BASE + "_2"),
        ({BASE, BASE + "_k1"}, ("K1", "k1"), BASE + "_k1_2"),
        # Only what is needed: a free qualified id stops the qualifying.
        ({BASE}, ("%", "Werkloos_12", "x"), BASE + "_procent"),
    ],
)
def test_a_taken_id_is_qualified_then_counted(taken, qualifiers, expected):
    assert new_indicator_id("Werkloosheid", taken, qualifiers=qualifiers) == expected


def test_the_slug_of_a_taken_id_is_never_reused():
    """The bug issue 15 names: an id of another indicator is not reused for its slug."""
    assert new_indicator_id("Werkloosheid (%)", {BASE}) != BASE
    assert new_indicator_id("werkloosheid", {BASE}, qualifiers=("%",)) != BASE


# --- the rule, as a property -----------------------------------------------------------------

_names = st.text(st.characters(codec="utf-8", exclude_categories=("Cs",)), min_size=0, max_size=80)
_qualifiers = st.lists(
    st.one_of(st.sampled_from(["%", "", "aantal", "€", "K_1", "km²"]), _names), max_size=3
)


@st.composite
def _cases(draw):
    """A name, qualifiers, and taken ids that hit the ids the rule tries for that name."""
    name, qualifiers = draw(_names), draw(_qualifiers)
    taken: set[str] = set()
    for _ in range(6):  # each taken id sends the rule one step further
        made = new_indicator_id(name, taken, qualifiers=qualifiers)
        if draw(st.booleans()):
            taken.add(made)
    others = draw(st.sets(st.from_regex(ID_SHAPE, fullmatch=True), max_size=5))
    return name, qualifiers, taken | others


@settings(max_examples=300, deadline=None)
@given(_cases())
def test_the_id_is_never_taken_well_formed_and_stable(case):
    name, qualifiers, taken = case
    made = new_indicator_id(name, taken, qualifiers=qualifiers)
    assert made not in taken
    assert made.startswith(NEW_INDICATOR_PREFIX) and ID_SHAPE.fullmatch(made)
    # The same inputs give the same id, however the taken ids are held or ordered.
    assert new_indicator_id(name, frozenset(taken), qualifiers=tuple(qualifiers)) == made
    assert new_indicator_id(name, sorted(taken, reverse=True), qualifiers=qualifiers) == made
    # A free slug is the id, whatever the qualifiers; a taken one never is.
    plain = new_indicator_id(name, ())
    assert (made == plain) is (plain not in taken)


# --- the rule in the loaders -----------------------------------------------------------------

LABEL = "Jongeren met een delict"
RENAMED = pd.DataFrame(
    # An indicator an earlier load created for this label, renamed since by an analyst: its id
    # is still the label's slug, but it is another indicator now as far as names go.
    [
        {
            "indicator_id": "te_classificeren.jongeren_met_een_delict",
            "name_nl": "Delicten door jongeren",
            "unit": "aantal",
        }
    ]
)


@pytest.fixture(scope="module")
def catalogue(tmp_path_factory) -> LoadContext:
    """The demo store's regions and catalogue, as intake hands them to a loader."""
    path = tmp_path_factory.mktemp("ids") / "demo.duckdb"
    bootstrap.init_store(path, kind="demo")
    con = store.connect_for_reading(path)
    try:
        return LoadContext(
            regions=store.read_regions(con),
            indicators=store.read_indicator_catalogue(con),
            new_indicators="create",
        )
    finally:
        con.close()


def _with(context: LoadContext, extra: pd.DataFrame | None) -> LoadContext:
    indicators = context.indicators
    if extra is not None:
        indicators = pd.concat([indicators, extra], ignore_index=True)
    return LoadContext(regions=context.regions, indicators=indicators, new_indicators="create")


def _label_file(tmp_path: Path) -> Path:
    """A WSJG delivery with the label as a column (labels → map_labels)."""
    return Path(shutil.copy(FIXTURES / "wsjg" / "delivery_unmapped_column.csv", tmp_path))


def _topic_file(tmp_path: Path) -> Path:
    """A StatLine download whose first topic has the label as title, in % (topics)."""
    folder = Path(shutil.copytree(FIXTURES / "cbs" / "untyped_with_metadata", tmp_path / "cbs"))
    properties = folder / "99999ned_DataProperties_01022024_101010.csv"
    text = properties.read_text(encoding="utf-8-sig")
    before = '"Totale bevolking";"Aantal inwoners op 1 januari.";"Long";"aantal"'
    assert before in text
    properties.write_text(
        text.replace(before, f'"{LABEL}";"Aandeel jongeren.";"Double";"%"'), encoding="utf-8-sig"
    )
    return folder / "99999ned_UntypedDataSet_01022024_101010.csv"


def _new_id(staged, name: str) -> str:
    assert staged.report.ok, staged.report.render("test")
    (made,) = [i.id for i in staged.new_indicators if i.name_nl.startswith(name)]
    return made


@pytest.mark.parametrize(
    ("extra", "expected"),
    [
        (None, "te_classificeren.jongeren_met_een_delict"),
        (RENAMED, "te_classificeren.jongeren_met_een_delict_procent"),
    ],
)
def test_a_label_file_and_a_topic_file_give_one_id(catalogue, tmp_path, extra, expected):
    context = _with(catalogue, extra)
    from_labels = _new_id(wsjg.load(_label_file(tmp_path), context), LABEL)
    from_topics = _new_id(statline_csv.UNTYPED.load(_topic_file(tmp_path), context), LABEL)
    assert from_labels == from_topics == expected


def test_a_label_is_matched_by_name_before_any_id_is_made(catalogue):
    """The same label again maps to the indicator made for it, not to a new one."""
    first, made = map_labels({f"{LABEL} (%)": 1}, catalogue, ValidationReport(), source="x")
    (indicator,) = made
    again = _with(
        catalogue,
        pd.DataFrame([{"indicator_id": indicator.id, "name_nl": indicator.name_nl, "unit": ""}]),
    )
    second, made_again = map_labels({f"{LABEL} (%)": 1}, again, ValidationReport(), source="x")
    assert second == first and made_again == []


@pytest.mark.parametrize(
    ("catalogue_row", "expected_id", "created"),
    [
        (None, "te_classificeren.inwonertal", 1),
        # An earlier load made it under that name: reused, nothing new.
        (("te_classificeren.inwonertal", "Inwonertal"), "te_classificeren.inwonertal", 0),
        # The id belongs to another indicator now: a new, qualified id.
        (("te_classificeren.inwonertal", "Inwoners BRP"), "te_classificeren.inwonertal_aantal", 1),
    ],
)
def test_the_region_reference_follows_the_rule(tmp_path, catalogue_row, expected_id, created):
    context = tiny_context()
    indicators = context.indicators.iloc[0:0]  # no bevolking.inwoners to map onto
    if catalogue_row is not None:
        row = {"indicator_id": catalogue_row[0], "name_nl": catalogue_row[1], "unit": "aantal"}
        indicators = pd.DataFrame([row])
    staged = region_reference.load(
        write_folder(tmp_path / "t"),
        LoadContext(regions=context.regions, indicators=indicators, new_indicators="create"),
    )
    assert staged.report.ok, staged.report.issues
    assert staged.indicator_ids == [expected_id]
    assert [i.id for i in staged.new_indicators] == [expected_id] * created
