"""The feature modules keep their rules; their queries live in bw/store/ (issue 15 item 1)."""

import re
from pathlib import Path

import pytest

BW = Path(__file__).resolve().parents[2] / "bw"
QUERY_CALL = re.compile(r"\.(execute|executemany|sql)\(")
FEATURE_MODULES = (
    "targets.py",
    "programmes.py",
    "workshops.py",
    "policy_options.py",
    "users.py",
    "audit.py",
    "reports/workshop.py",
)


@pytest.mark.parametrize("module", FEATURE_MODULES)
def test_a_feature_module_runs_no_query_of_its_own(module):
    lines = (BW / module).read_text(encoding="utf-8").splitlines()
    calls = [f"{module}:{n}" for n, line in enumerate(lines, 1) if QUERY_CALL.search(line)]
    assert calls == []


@pytest.mark.parametrize(
    "module",
    [
        "records/programmes.py",
        "records/workshops.py",
        "records/policy_options.py",
        "records/users.py",
    ],
)
def test_records_import_neither_the_store_nor_duckdb(module):
    imports = [
        line
        for line in (BW / module).read_text(encoding="utf-8").splitlines()
        if line.startswith(("import ", "from "))
    ]
    assert not [line for line in imports if "bw.store" in line or "duckdb" in line]
