"""Audit the pinned requirements for known vulnerabilities with pip-audit.

    python tools/audit_dependencies.py       # requirements.txt and requirements-dev.txt

pip-audit asks an advisory service (PyPI's JSON API) about every exact version pinned in the
two requirement files (``--no-deps --disable-pip``: the versions as written, nothing installed).
Exit 1 when the service knows a vulnerability in one of them, with one line per finding;
exit 0 with one summary line otherwise. Machines that reach only package registries may not
reach the service, or it may know none of the versions: then one line says the audit was
skipped and the exit is 0, so an offline CI never fails for it (issue 14 item 12). Exit 2 when
pip-audit is not installed (``pip install -r requirements-dev.txt``).
"""

from __future__ import annotations

import json
import subprocess
import sys
import urllib.error
import urllib.request
from collections.abc import Callable, Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
#: The pinned requirement files, audited as written (runtime, then test tools).
REQUIREMENTS = ("requirements.txt", "requirements-dev.txt")
#: The service pip-audit asks by default; any HTTP answer means it can be reached.
SERVICE_URL = "https://pypi.org/pypi/pip/json"
#: Seconds the reachability check may take: the question is only whether the network is there.
TIMEOUT = 5.0
#: Words of a pip-audit failure that mean the service went away, not that a package is unsafe.
_NETWORK_WORDS = (
    "connection",
    "timed out",
    "timeout",
    "max retries",
    "name resolution",
    "temporary failure",
    "serviceerror",
    "unreachable",
    "network",
)


class ServiceUnavailable(RuntimeError):
    """pip-audit could not talk to the advisory service; nothing is known about the packages."""


def reachable(url: str, timeout: float) -> str | None:
    """None when ``url`` answers at all (any HTTP status), else why not."""
    try:
        with urllib.request.urlopen(url, timeout=timeout):
            return None
    except urllib.error.HTTPError:
        return None  # the service answered
    except (urllib.error.URLError, OSError) as error:
        return str(getattr(error, "reason", None) or error)


def pip_audit_command(files: Sequence[str]) -> list[str]:
    """pip-audit over the pinned versions of ``files``, as JSON on standard output."""
    command = [sys.executable, "-m", "pip_audit"]
    for name in files:
        command += ["-r", name]
    return [*command, "--no-deps", "--disable-pip", "--progress-spinner", "off", "--format", "json"]


def run_pip_audit(files: Sequence[str]) -> dict:
    """pip-audit's JSON report; :class:`ServiceUnavailable` when the network failed it."""
    done = subprocess.run(
        pip_audit_command(files), cwd=ROOT, capture_output=True, text=True, check=False
    )
    try:
        return json.loads(done.stdout)
    except json.JSONDecodeError:
        problem = (done.stderr.strip().splitlines() or ["pip-audit gave no report"])[-1]
        if any(word in done.stderr.lower() for word in _NETWORK_WORDS):
            raise ServiceUnavailable(problem) from None
        raise RuntimeError(f"pip-audit failed (exit {done.returncode}): {problem}") from None


def _skipped(why: str) -> int:
    print(f"dependency audit skipped: {why}")
    return 0


def main(
    argv: Sequence[str] | None = None,
    *,
    reach: Callable[[str, float], str | None] = reachable,
    audit: Callable[[Sequence[str]], dict] = run_pip_audit,
) -> int:
    """Run the audit; the exit code (0 clean or skipped, 1 vulnerable or failed, 2 no tool)."""
    if audit is run_pip_audit and not _has_pip_audit():
        print(
            "dependency audit: pip-audit is not installed (pip install -r requirements-dev.txt)",
            file=sys.stderr,
        )
        return 2
    unreachable = reach(SERVICE_URL, TIMEOUT)
    if unreachable is not None:
        return _skipped(f"the advisory service ({SERVICE_URL}) cannot be reached: {unreachable}")
    try:
        report = audit(REQUIREMENTS)
    except ServiceUnavailable as error:
        return _skipped(f"the advisory service stopped answering: {error}")
    except RuntimeError as error:
        print(f"dependency audit: error: {error}", file=sys.stderr)
        return 1
    dependencies = report.get("dependencies", [])
    checked = [d for d in dependencies if "skip_reason" not in d]
    if dependencies and not checked:
        return _skipped(
            f"the advisory service knows none of the {len(dependencies)} pinned "
            "versions, so none could be checked"
        )
    findings = [(d, v) for d in checked for v in d.get("vulns", [])]
    for dependency, vuln in findings:
        fixed = ", ".join(vuln.get("fix_versions") or []) or "no fixed version yet"
        print(
            f"requirements: error: {dependency['name']} {dependency.get('version', '?')}: "
            f"{vuln.get('id', '?')} (fixed in {fixed})"
        )
    unknown = len(dependencies) - len(checked)
    summary = f"dependency audit: {len(checked)} packages checked" + (
        f", {unknown} unknown to the service" if unknown else ""
    )
    if findings:
        print(f"{summary}, {len(findings)} known vulnerabilities", file=sys.stderr)
        return 1
    print(f"{summary}, no known vulnerabilities")
    return 0


def _has_pip_audit() -> bool:
    import importlib.util

    return importlib.util.find_spec("pip_audit") is not None


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
