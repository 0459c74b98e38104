"""What the command line prints about files: terminal-safe text and validation reports."""

from __future__ import annotations

import json
import re
import sys
from collections.abc import Mapping
from pathlib import Path

from bw.cli.common import EXIT_DATA_ERROR, EXIT_OK
from bw.report import ValidationReport

# Characters a terminal acts on instead of showing: C0 and C1 controls (escape sequences,
# carriage returns that overwrite a line, newlines that forge one), DEL, bidirectional
# overrides that reorder text, and lone surrogates (undecodable bytes in a file name).
_UNSAFE = re.compile(
    "[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\ud800-\udfff]"
)
# The same inside JSON text, where json.dumps has escaped C0 already.
_UNSAFE_IN_JSON = re.compile("[\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\ud800-\udfff]")


def terminal_safe(text: str) -> str:
    r"""Text with every character a terminal would act on shown as an escape.

    >>> terminal_safe("regio \x1b[31mrood\x1b[0m\r\nx\u202e")
    'regio \\x1b[31mrood\\x1b[0m\\r\\nx\\u202e'
    """
    return _UNSAFE.sub(_escape, text)


def _escape(found: re.Match[str]) -> str:
    code = ord(found.group())
    named = {0x09: "\\t", 0x0A: "\\n", 0x0D: "\\r"}
    return named.get(code) or (f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}")


def json_safe(text: str) -> str:
    """JSON text whose strings escape what a terminal would act on (valid JSON still)."""
    return _UNSAFE_IN_JSON.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


def counts_text(counts: Mapping[str, object]) -> str:
    """``3 new, 1 changed, 0 unchanged, 0 missing``: what a load did."""
    return ", ".join(f"{counts[k]} {k}" for k in ("new", "changed", "unchanged", "missing"))


def print_report(
    report: ValidationReport, file: Path, *, as_json: bool, extra: Mapping[str, object]
) -> int:
    """Print a file's report (compiler-style lines, or JSON with ``extra``); its exit code."""
    # Messages quote a file's cells and the file's own name: never hand their raw bytes or
    # escape sequences to the terminal.
    if as_json:
        print(json_safe(json.dumps({**report.to_dict(), **extra}, ensure_ascii=False, indent=2)))
    else:
        name = str(file)
        for issue in report.sorted_issues():
            print(
                terminal_safe(issue.render(name)),
                file=sys.stderr if issue.severity == "error" else sys.stdout,
            )
        detected = ", ".join(f"{k}: {v}" for k, v in report.detected.items())
        if detected:
            print(terminal_safe(f"{file}: detected {detected}"))
    return EXIT_OK if report.ok else EXIT_DATA_ERROR
