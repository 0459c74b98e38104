"""The dependency audit (issue 14 item 12): ``python tools/audit_dependencies.py``.

It fails on a known vulnerability in a pinned version where the advisory service answers, and
otherwise says in one line that it was skipped: CI machines reach only package registries, and
an unreachable service must never fail CI. pip-audit itself is not run here (that needs the
network); its JSON answers are given as examples.
"""

from __future__ import annotations

import importlib.util
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def _tool():
    spec = importlib.util.spec_from_file_location(
        "audit_dependencies", ROOT / "tools" / "audit_dependencies.py"
    )
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


audit = _tool()

CLEAN = {
    "dependencies": [
        {"name": "streamlit", "version": "1.67.0", "vulns": []},
        {"name": "duckdb", "version": "1.5.5", "vulns": []},
        {"name": "pytest", "skip_reason": "Dependency not found on PyPI and could not be audited"},
    ],
    "fixes": [],
}
VULNERABLE = {
    "dependencies": [
        {
            "name": "streamlit",
            "version": "1.67.0",
            "vulns": [
                {
                    "id": "GHSA-xxxx-yyyy-zzzz",
                    "fix_versions": ["1.67.1"],
                    "aliases": ["CVE-2026-1"],
                    "description": "a hole",
                }
            ],
        },
        {"name": "duckdb", "version": "1.5.5", "vulns": []},
    ],
    "fixes": [],
}
NOTHING_KNOWN = {
    "dependencies": [
        {
            "name": "streamlit",
            "skip_reason": "Dependency not found on PyPI and could not be audited",
        },
        {"name": "duckdb", "skip_reason": "Dependency not found on PyPI and could not be audited"},
    ],
    "fixes": [],
}


def _run(capsys, *, reach=None, answer=None, failure=None):
    def fake_audit(files):
        if failure is not None:
            raise failure
        return answer

    code = audit.main([], reach=lambda url, timeout: reach, audit=fake_audit)
    out, err = capsys.readouterr()
    return code, out + err


def test_no_known_vulnerability_passes_with_one_summary_line(capsys):
    code, printed = _run(capsys, answer=CLEAN)
    assert code == 0
    assert printed.strip().count("\n") == 0
    assert "2 packages checked" in printed and "no known vulnerabilities" in printed


def test_a_known_vulnerability_fails_and_names_it(capsys):
    code, printed = _run(capsys, answer=VULNERABLE)
    assert code == 1
    assert re.search(r"streamlit 1\.67\.0.*GHSA-xxxx-yyyy-zzzz.*1\.67\.1", printed)


@pytest.mark.parametrize("reason", ["timed out", "[Errno -3] Temporary failure in name resolution"])
def test_an_unreachable_service_is_skipped_in_one_line(capsys, reason):
    code, printed = _run(capsys, reach=reason, answer=VULNERABLE)
    assert code == 0
    assert printed.count("\n") == 1 and printed.startswith("dependency audit skipped")
    assert reason in printed


def test_a_service_that_knows_none_of_the_packages_is_skipped(capsys):
    code, printed = _run(capsys, answer=NOTHING_KNOWN)
    assert code == 0
    assert printed.count("\n") == 1 and printed.startswith("dependency audit skipped")


def test_losing_the_connection_halfway_is_skipped_not_failed(capsys):
    code, printed = _run(capsys, failure=audit.ServiceUnavailable("Connection reset by peer"))
    assert code == 0 and printed.startswith("dependency audit skipped")


def test_the_pinned_requirement_files_are_audited():
    assert audit.REQUIREMENTS == ("requirements.txt", "requirements-dev.txt")
    command = audit.pip_audit_command(["requirements.txt", "requirements-dev.txt"])
    assert command[1:3] == ["-m", "pip_audit"]
    assert command.count("-r") == 2 and {"--no-deps", "--disable-pip"} <= set(command)


def test_pip_audit_is_pinned_documented_and_run_by_ci():
    dev = (ROOT / "requirements-dev.txt").read_text(encoding="utf-8")
    assert re.search(r"^pip-audit==\d+\.\d+\.\d+", dev, re.M)
    assert "python tools/audit_dependencies.py" in (ROOT / "README.md").read_text("utf-8")
    assert "tools/audit_dependencies.py" in (ROOT / ".ci" / "run").read_text("utf-8")
