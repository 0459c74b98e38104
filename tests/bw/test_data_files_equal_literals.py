"""While the literals move into bw/data: loaded records equal what the old Python produced.

Temporary: the old modules are read from git at main 1819d31, so any difference in the move shows.
"""

from __future__ import annotations

import subprocess
import sys
import types
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
OLD = "1819d31"


def _old_module(name: str) -> types.ModuleType:
    try:
        text = subprocess.run(["git", "show", f"{OLD}:bw/{name}.py"], cwd=ROOT, check=True,
                              capture_output=True, text=True).stdout
    except (OSError, subprocess.CalledProcessError):
        pytest.skip("old commit not available")
    module = types.ModuleType(f"_old_{name}")
    module.__file__ = str(ROOT / "bw" / f"{name}.py")
    sys.modules[module.__name__] = module
    exec(compile(text, module.__file__, "exec"), module.__dict__)
    return module


def test_catalogue_equals_old_literals():
    from bw import catalogue

    old = _old_module("catalogue")
    assert catalogue.THEMES == old.THEMES
    assert catalogue.INDICATORS == old.INDICATORS
    assert catalogue.POPULATION_INDICATOR_ID == old.POPULATION_INDICATOR_ID


def test_demo_programme_equals_old_literals():
    from bw import demo_programme

    old = _old_module("demo")
    assert demo_programme.read_demo_programme() == old.demo_programme()


def test_demo_definitions_equal_old_literals():
    from dataclasses import astuple

    from bw import demo

    old = _old_module("demo")
    assert [astuple(g) for g in demo.DEMO_GEMEENTEN] == [astuple(g) for g in old.DEMO_GEMEENTEN]
    assert demo.LANDSDELEN == old.LANDSDELEN
    assert list(demo.LANDSDELEN) == list(old.LANDSDELEN)
    assert demo.PROVINCES == old.PROVINCES
    assert list(demo.PROVINCES) == list(old.PROVINCES)
    assert [astuple(g) for g in demo.demo_groups()] == [astuple(g) for g in old.demo_groups()]
    assert demo.demo_regions() == old.demo_regions()
    assert list(demo._SERIES) == list(old._SERIES)
    assert {k: astuple(v) for k, v in demo._SERIES.items()} == {
        k: astuple(v) for k, v in old._SERIES.items()
    }
    assert demo._LATE_REGISTER_IDS == old._LATE_REGISTER_IDS
    assert demo._SMALL_SAMPLE_SUPPRESSED_IDS == old._SMALL_SAMPLE_SUPPRESSED_IDS
    assert demo._TARGET_PLAN == old._TARGET_PLAN
    assert demo._TARGET_SOURCES == old._TARGET_SOURCES


def test_policy_cycle_equals_old_literals():
    from dataclasses import astuple

    from bw import policy_cycle

    old = _old_module("policy_cycle")
    for name in ("SOURCE_CREDIT", "RIJK_PREPARATION_NOTE"):
        assert astuple(getattr(policy_cycle, name)) == astuple(getattr(old, name))
    for name in ("LEVELS", "PHASES", "ROLES", "LESSONS"):
        assert [astuple(x) for x in getattr(policy_cycle, name)] == [
            astuple(x) for x in getattr(old, name)
        ]
    assert policy_cycle.stakeholder_rows("en") == old.stakeholder_rows("en")
