"""SQL lives only in its homes: bw/store/, the loaders and the sandbox (issue 15 items 1 and 9).

The scan reads the syntax tree, not the text: a call to ``.execute``, ``.executemany``,
``.sql`` or ``.query`` on anything counts, however it is spelt or wrapped over lines.
"""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
#: The code that may run no query of its own.
SCANNED = ("bw", "ui", "app_pages", "app.py")
#: Where queries live: the store, the loaders' sandbox queries and the sandbox itself.
HOMES = ("bw/store/", "bw/loaders/", "bw/sandbox.py")
QUERY_METHODS = frozenset({"execute", "executemany", "sql", "query"})
#: "path:line" of calls outside the homes that are allowed for now. It stays empty.
KNOWN_EXCEPTIONS: frozenset[str] = frozenset()


def query_calls(source: str, name: str) -> list[str]:
    """'name:line' of every call of a query method in ``source``, in line order."""
    lines = sorted(
        node.lineno
        for node in ast.walk(ast.parse(source, filename=name))
        if isinstance(node, ast.Call)
        and isinstance(node.func, ast.Attribute)
        and node.func.attr in QUERY_METHODS
    )
    return [f"{name}:{line}" for line in lines]


def _scanned_files() -> list[Path]:
    files: list[Path] = []
    for entry in SCANNED:
        path = ROOT / entry
        files += sorted(path.rglob("*.py")) if path.is_dir() else [path]
    return files


def _in_a_home(relative: str) -> bool:
    return any(
        relative.startswith(home) if home.endswith("/") else relative == home for home in HOMES
    )


def test_no_query_runs_outside_the_sql_homes():
    files = _scanned_files()
    assert len(files) > 50, "the scan found too few files: is ROOT right?"
    stray = [
        call
        for path in files
        if not _in_a_home(relative := path.relative_to(ROOT).as_posix())
        for call in query_calls(path.read_text(encoding="utf-8"), relative)
        if call not in KNOWN_EXCEPTIONS
    ]
    assert stray == [], "SQL outside bw/store/, bw/loaders/ and bw/sandbox.py:\n" + "\n".join(stray)


def test_the_homes_do_hold_queries():
    # The scan must see the calls where they are allowed, or it would pass by seeing none.
    calls = [
        call
        for path in _scanned_files()
        if _in_a_home(relative := path.relative_to(ROOT).as_posix())
        for call in query_calls(path.read_text(encoding="utf-8"), relative)
    ]
    assert any(call.startswith("bw/store/") for call in calls)
    assert any(call.startswith("bw/loaders/") for call in calls)
    assert any(call.startswith("bw/sandbox.py:") for call in calls)


def test_the_scanner_finds_a_query_however_it_is_written():
    source = (
        "def f(con, frame):\n"
        "    con.execute('SELECT 1')\n"
        "    con.cursor().sql(\n"
        "        'SELECT 2'\n"
        "    ).fetchall()\n"
        "    getattr(con, 'x').executemany('INSERT', [])\n"
        "    return frame.query('a > 1')\n"
    )
    assert query_calls(source, "m.py") == ["m.py:2", "m.py:3", "m.py:6", "m.py:7"]


def test_the_scanner_ignores_names_that_only_look_like_queries():
    source = (
        "execute = 1\n"
        "def sql(x):\n"
        "    return x\n"
        "text = 'con.execute(\"SELECT 1\")'\n"
        "sql('SELECT 1')\n"
        "obj.execute_later()\n"
    )
    assert query_calls(source, "m.py") == []


def test_the_homes_are_exactly_the_store_the_loaders_and_the_sandbox():
    assert _in_a_home("bw/store/meta.py")
    assert _in_a_home("bw/loaders/wsjg.py")
    assert _in_a_home("bw/sandbox.py")
    assert not _in_a_home("bw/sandbox_extra.py")
    assert not _in_a_home("bw/intake.py")
    assert not _in_a_home("ui/store.py")
