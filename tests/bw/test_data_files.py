"""Tests for bw.data_files: shipped data files load into records, and a bad row names file:line."""

from __future__ import annotations

import hashlib
import shutil

import pytest

from bw import catalogue, data_files
from bw.data_files import DataFileError


def _copy_with_line(tmp_path, source, line_number, change):
    """A copy of a shipped file with one line changed by ``change`` (1-based line number)."""
    lines = source.read_text(encoding="utf-8").splitlines(keepends=True)
    lines[line_number - 1] = change(lines[line_number - 1])
    path = tmp_path / source.name
    path.write_text("".join(lines), encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("line", "change", "says"),
    [
        (3, lambda text: text.replace(",true,", ",ja,", 1), "is_survey"),
        (5, lambda text: text.replace(",weighted_mean,", ",average,", 1), "average"),
        (7, lambda text: text.replace(",gezondheid,", ",gezondheid_x,", 1), "unknown theme"),
        (6, lambda text: text.replace(",1,", ",een,", 1), "een"),
        (8, lambda text: text.rstrip("\n") + ",extra\n", "wrong number of cells"),
    ],
    ids=["not_a_boolean", "unknown_aggregation", "unknown_theme", "not_a_number", "extra_cell"],
)
def test_a_bad_indicator_row_names_the_file_and_line(tmp_path, line, change, says):
    path = _copy_with_line(tmp_path, data_files.INDICATORS_FILE, line, change)
    with pytest.raises(DataFileError, match=rf"^indicators\.csv:{line}: .*{says}"):
        data_files.read_indicators(path, themes=catalogue.THEMES)


def test_a_bad_theme_row_names_the_file_and_line(tmp_path):
    path = _copy_with_line(
        tmp_path, data_files.THEMES_FILE, 4, lambda text: text.replace("hier_en_nu", "nu", 1)
    )
    with pytest.raises(DataFileError, match=r"^themes\.csv:4: "):
        data_files.read_themes(path)


def test_a_missing_column_names_the_file(tmp_path):
    path = tmp_path / "themes.csv"
    path.write_text("id,dimension,name_nl,name_en\nwonen,hier_en_nu,Wonen,Housing\n")
    with pytest.raises(DataFileError, match=r"^themes\.csv:1: missing column\(s\) sort_order"):
        data_files.read_themes(path)


def test_an_id_twice_is_an_error(tmp_path):
    path = tmp_path / "themes.csv"
    shutil.copy(data_files.THEMES_FILE, path)
    with path.open("a", encoding="utf-8") as handle:
        handle.write("wonen,hier_en_nu,Wonen,Housing,15\n")
    with pytest.raises(DataFileError, match="wonen"):
        data_files.read_themes(path)


def test_the_data_files_are_found_next_to_the_module():
    assert data_files.DATA_DIR.is_dir()
    assert data_files.THEMES_FILE.parent == data_files.DATA_DIR


def _digest(records) -> str:
    """A short fingerprint of records, by their repr (class names, field names and values)."""
    return hashlib.sha256(repr(records).encode()).hexdigest()[:16]


def _catalogue_records():
    return catalogue.THEMES, catalogue.INDICATORS


def _demo_records():
    from bw import demo

    return (
        demo.DEMO_GEMEENTEN,
        demo.LANDSDELEN,
        demo.PROVINCES,
        demo.demo_groups(),
        demo._SERIES,
        sorted(demo._LATE_REGISTER_IDS),
        sorted(demo._SMALL_SAMPLE_SUPPRESSED_IDS),
        demo._TARGET_PLAN,
        demo._TARGET_SOURCES,
    )


def _programme_records():
    from bw import demo_programme

    return demo_programme.read_demo_programme()


def _cycle_records():
    from bw import policy_cycle as pc

    return (pc.SOURCE_CREDIT, pc.RIJK_PREPARATION_NOTE, pc.LEVELS, pc.PHASES, pc.ROLES, pc.LESSONS)


# Fingerprints of the records the Python literals produced before they moved into bw/data
# (checked equal to the old literals at the move). A change to a data file changes its
# fingerprint: update it here on purpose, in the same commit.
@pytest.mark.parametrize(
    ("records", "digest"),
    [
        (_catalogue_records, "ff86944652779246"),
        (_demo_records, "412b6d1ccd2e586d"),
        (_programme_records, "62d3d913d99bf598"),
        (_cycle_records, "ed862935c806e5d3"),
    ],
    ids=["catalogue", "demo", "demo_programme", "policy_cycle"],
)
def test_loaded_records_keep_their_fingerprint(records, digest):
    assert _digest(records()) == digest


def test_counts_and_spot_values_of_the_loaded_records():
    from bw import demo, policy_cycle

    assert (len(catalogue.THEMES), len(catalogue.INDICATORS)) == (14, 41)
    energy = catalogue.find_indicator("natuur.hernieuwbare_energie")
    assert (energy.value_min, energy.value_max) == (0.0, None)
    assert catalogue.PROVENANCE["natuur.hernieuwbare_energie"].note.startswith("A gemeente")
    assert catalogue.PROVENANCE["welzijn.tevredenheid_leven"].licence == "CC BY 4.0"
    assert catalogue.PROVENANCE["natuur.stikstofdepositie"].licence is None
    assert len(demo.DEMO_GEMEENTEN) == 84
    heerlen = next(g for g in demo.DEMO_GEMEENTEN if g.code == "GM0917")
    assert (heerlen.corop_code, heerlen.population_2022, heerlen.first_year) == (
        "CR39",
        86845,
        None,
    )
    assert demo._SERIES["inkomen.besteedbaar_inkomen_mediaan"].level == 25000
    assert [len(policy_cycle.PHASES), len(policy_cycle.ROLES), len(policy_cycle.LESSONS)] == [
        6,
        3,
        9,
    ]
