"""The domain package ``bw`` never imports Streamlit (house style: three layers, one direction)."""

import ast
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
BW = ROOT / "bw"


def _imported_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    modules: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            modules.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            modules.add(node.module)
    return modules


def test_no_bw_module_imports_streamlit():
    sources = sorted(BW.rglob("*.py"))
    assert sources, "bw/ holds no Python files"
    offenders = [
        f"{path.relative_to(ROOT)}: {module}"
        for path in sources
        for module in sorted(_imported_modules(path))
        if module.split(".")[0] == "streamlit"
    ]
    assert offenders == []


def test_importing_every_bw_module_leaves_streamlit_unloaded():
    # bw.__main__ is skipped: importing it runs the command line.
    script = (
        "import importlib, pkgutil, sys\n"
        "import bw\n"
        "names = [m.name for m in pkgutil.walk_packages(bw.__path__, 'bw.')"
        " if not m.name.endswith('__main__')]\n"
        "for name in names:\n"
        "    importlib.import_module(name)\n"
        "print(len(names))\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] == 'streamlit'))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr
    count, loaded = result.stdout.strip().splitlines()
    assert int(count) >= 4  # config, model, store, formatting at least
    assert loaded == "[]"
