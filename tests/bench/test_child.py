"""Tests for bench.child: work in a fresh process that never re-runs the parent's ``__main__``.

After an AppTest, ``sys.modules["__main__"]`` is the app script; multiprocessing's spawn used to
run it again in every child (issue 14 item 11), which opened the default store that a running
app holds.
"""

from __future__ import annotations

import os
import sys
import types

from bench import child


def _marker_main(tmp_path) -> types.ModuleType:
    script = tmp_path / "app_like.py"
    marker = tmp_path / "ran"
    script.write_text(f"open({str(marker)!r}, 'w').write('main ran in the child')\n")
    module = types.ModuleType("__main__")
    module.__file__ = str(script)
    return module


def test_a_child_does_not_run_the_parents_main(tmp_path, monkeypatch):
    monkeypatch.setitem(sys.modules, "__main__", _marker_main(tmp_path))
    pid = child.run_in_child(os.getpid)
    assert pid != os.getpid()
    assert not (tmp_path / "ran").exists()
    assert sys.modules["__main__"].__file__.endswith("app_like.py")  # put back as it was


def test_a_childs_error_reaches_the_caller(tmp_path):
    try:
        child.run_in_child(int, "not a number")
    except ValueError as error:
        assert "not a number" in str(error)
    else:
        raise AssertionError("the child's ValueError was lost")
