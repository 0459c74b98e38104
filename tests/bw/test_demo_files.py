"""The demo's data files (bw/data/demo_*): a bad row or key stops the load, naming file and line."""

from __future__ import annotations

import pytest

from bw import demo
from bw.data_files import DataFileError


def _changed_copy(tmp_path, source, change):
    """A copy of a shipped file with ``change`` applied to its text."""
    path = tmp_path / source.name
    path.write_text(change(source.read_text(encoding="utf-8")), encoding="utf-8")
    return path


def _replace_line(line_number, old, new):
    """A change that replaces ``old`` by ``new`` on one line (1-based), failing if absent."""

    def change(text):
        lines = text.splitlines(keepends=True)
        assert old in lines[line_number - 1]
        lines[line_number - 1] = lines[line_number - 1].replace(old, new, 1)
        return "".join(lines)

    return change


def test_a_gemeente_with_a_word_for_a_number_names_file_and_line(tmp_path):
    path = _changed_copy(tmp_path, demo._GEMEENTEN_FILE, _replace_line(5, ",4,4,", ",groot,4,"))
    with pytest.raises(DataFileError, match=r"^demo_gemeenten\.csv:5: "):
        demo._read_gemeenten(path)


def test_a_province_of_an_unknown_landsdeel_names_file_and_line(tmp_path):
    path = _changed_copy(tmp_path, demo._AREAS_FILE, _replace_line(7, "LD01", "LD09"))
    with pytest.raises(DataFileError, match=r"^demo_areas\.csv:7: "):
        demo._read_areas(path)


@pytest.mark.parametrize(
    ("change", "says"),
    [
        (lambda text: text.replace('years = "even"', 'years = "yearly"', 1), "calendar"),
        (lambda text: text.replace("trend_spread =", "trend_sd =", 1), "trend_sd"),
        (lambda text: text.replace("level = 86.0", 'level = "86"', 1), "level"),
        (
            lambda text: text.replace('"welzijn.tevredenheid_leven" =', '"welzijn.x" =', 1),
            "welzijn.x",
        ),
    ],
    ids=["unknown_calendar", "misspelt_key", "text_for_a_number", "unknown_indicator"],
)
def test_a_bad_series_names_the_file_and_series(tmp_path, change, says):
    path = _changed_copy(tmp_path, demo._SERIES_FILE, change)
    with pytest.raises(DataFileError, match=rf"^demo_series\.toml: series .*{says}"):
        demo._read_series(path)


@pytest.mark.parametrize(
    ("line", "old", "new"),
    [(3, "below_minimum", "halfway"), (4, "(fictief)", "(anders)")],
    ids=["unknown_placement", "second_source_for_a_region"],
)
def test_a_bad_target_row_names_file_and_line(tmp_path, line, old, new):
    path = _changed_copy(tmp_path, demo._TARGETS_FILE, _replace_line(line, old, new))
    with pytest.raises(DataFileError, match=rf"^demo_targets\.csv:{line}: "):
        demo._read_target_plan(path)


def test_the_demo_definitions_load_in_full():
    assert len(demo.DEMO_GEMEENTEN) == 84
    assert (len(demo.LANDSDELEN), len(demo.PROVINCES)) == (4, 12)
    assert [g.code for g in demo.demo_groups()] == [demo.REGIO_DEAL_CODE, demo.G4_CODE]
    assert len(demo._SERIES) == 39
    assert len(demo._TARGET_PLAN) == 23
    assert demo.PROVINCES["PV31"] == ("Limburg", "LD04")
