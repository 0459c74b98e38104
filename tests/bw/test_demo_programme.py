"""Tests for bw.demo_programme: the demo programme file and the import order it settles."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from bw import catalogue, demo, demo_programme
from bw.data_files import DataFileError
from bw.programmes import ActivityStatus, ProgrammeKind

BW = Path(demo.__file__).parent


def _imported_modules(module_file: Path) -> set[str]:
    """Every bw module a file imports, at any depth (function-level imports too)."""
    found = set()
    for node in ast.walk(ast.parse(module_file.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module:
            found.add(node.module)
            found.update(f"{node.module}.{alias.name}" for alias in node.names)
        elif isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
    return found


@pytest.mark.parametrize(
    ("importer", "imported"), [("demo", "bw.programmes"), ("programmes", "bw.demo")]
)
def test_demo_and_programmes_do_not_import_each_other(importer, imported):
    assert imported not in _imported_modules(BW / f"{importer}.py")


def test_the_demo_programme_file_loads_into_records():
    programme = demo_programme.read_demo_programme()
    assert programme.kind is ProgrammeKind.REGIO_DEAL
    assert programme.region_codes == (demo.REGIO_DEAL_CODE,)
    assert [len(o.doelen) for o in programme.opgaven] == [2, 2]
    assert len(programme.activiteiten()) == 7
    assert all(isinstance(a.status, ActivityStatus) for a in programme.activiteiten())
    assert len(programme.moments) == 2 * (programme.end_year - programme.start_year + 1)
    assert programme.moments[0].label == "Voortgangsrapportage voorjaar 2023 (bij de jaarrekening)"


def test_every_indicator_of_the_demo_programme_is_in_the_catalogue():
    programme = demo_programme.read_demo_programme()
    ids = {i for o in programme.opgaven for i in o.indicators}
    ids |= {i for d in programme.doelen() for i in (*d.indicators, d.indicator_id) if i}
    assert ids <= {indicator.id for indicator in catalogue.INDICATORS}


@pytest.mark.parametrize(
    ("change", "says"),
    [
        (lambda text: text.replace('status = "gestopt"', 'status = "klaar"'), "klaar"),
        (lambda text: text.replace("feasibility_note =", "feasability_note =", 1), "unknown key"),
        (lambda text: text.replace('kind = "regio_deal"', 'kind = "deal"'), "deal"),
        (lambda text: text.replace("[[opgaven]]", "[[opgaven", 1), "line"),
    ],
    ids=["unknown_status", "misspelt_key", "unknown_kind", "toml_syntax"],
)
def test_a_bad_demo_programme_file_names_the_file(tmp_path, change, says):
    path = tmp_path / "demo_programme.toml"
    path.write_text(
        change(demo_programme.PROGRAMME_FILE.read_text(encoding="utf-8")), encoding="utf-8"
    )
    with pytest.raises(DataFileError, match=rf"^demo_programme\.toml: .*{says}"):
        demo_programme.read_demo_programme(path)
