"""The loader registry, the loaders' imports, and intake reading a file once."""

from __future__ import annotations

import ast
import io
from pathlib import Path

import pytest

from bw import bootstrap, intake, store
from bw.loaders import FORMAT_NAMES, LOADERS, loader_for
from bw.loaders.common import FormatLoader, read_file_facts, read_header, sha256_of

LOADERS_DIR = Path(__file__).resolve().parents[3] / "bw" / "loaders"
#: Modules that are one input format each; the others hold what the formats share.
FORMAT_MODULES = {
    "cbs_odata",
    "long_csv",
    "region_reference",
    "regional_monitor",
    "statline_csv",
    "wsjg",
}


def test_every_registered_loader_is_a_format_loader_with_a_unique_name():
    assert all(isinstance(loader, FormatLoader) for loader in LOADERS)
    assert len(set(FORMAT_NAMES)) == len(FORMAT_NAMES)
    assert all(name == loader_for(name).FORMAT for name in FORMAT_NAMES)
    with pytest.raises(KeyError):
        loader_for("no_such_format")


@pytest.mark.parametrize("module", sorted(FORMAT_MODULES))
def test_a_loader_imports_no_other_loader(module):
    tree = ast.parse((LOADERS_DIR / f"{module}.py").read_text(encoding="utf-8"))
    imported = {
        node.module.rsplit(".", 1)[-1]
        for node in ast.walk(tree)
        if isinstance(node, ast.ImportFrom)
        and node.module
        and node.module.startswith("bw.loaders.")
    }
    assert not imported & (FORMAT_MODULES - {module})


def test_file_facts_match_what_the_readers_find(tmp_path):
    path = tmp_path / "a.csv"
    path.write_bytes("\ufeffindicator;region\r\nx;Bergen (L.)\r\n".encode())
    facts = read_file_facts(path)
    assert facts.encoding == "utf-8" and facts.size == path.stat().st_size
    assert facts.checksum == sha256_of(path)
    assert read_header(path, "utf-8", facts=facts) == read_header(path, "utf-8")


@pytest.fixture
def demo(tmp_path):
    path = tmp_path / "demo.duckdb"
    bootstrap.init_store(path, kind="demo")
    con = store.connect(path)
    yield con
    con.close()


def test_intake_opens_a_long_csv_once(demo, tmp_path, monkeypatch):
    path = tmp_path / "long.csv"
    path.write_text(
        "indicator,region,period,value\narbeid.werkloosheid,GM0344,2022,4.1\n", encoding="utf-8"
    )
    opened = []
    real_open = io.open

    def counting_open(file, *args, **kwargs):
        if str(file) == str(path):
            opened.append(file)
        return real_open(file, *args, **kwargs)

    monkeypatch.setattr(io, "open", counting_open)
    staged = intake.check_file(demo, path)
    assert staged.report.ok, staged.report.issues
    assert len(opened) == 1  # size, sniffing, encoding, header and checksum from one read
