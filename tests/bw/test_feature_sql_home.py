"""The feature records stay plain data: they import neither the store nor DuckDB.

That no feature module runs a query of its own is tests/test_sql_homes.py's job (issue 15 item
1): its scan of the syntax tree covers every module outside bw/store/, the loaders and the
sandbox.
"""

from pathlib import Path

import pytest

BW = Path(__file__).resolve().parents[2] / "bw"


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
    assert imports, f"{module} imports nothing: is the path right?"
    assert not [line for line in imports if "bw.store" in line or "duckdb" in line]
