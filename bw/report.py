"""The one validation report every loader returns: issues with stable codes and line numbers."""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from enum import StrEnum


class Severity(StrEnum):
    """How bad an issue is: an error blocks the load, a warning does not."""

    ERROR = "error"
    WARNING = "warning"
    INFO = "info"


@dataclass(frozen=True, slots=True)
class Issue:
    """One finding about an input, with a stable machine code."""

    severity: Severity  # Severity.ERROR
    code: str  # 'not_a_number'
    line: int | None  # 12 (1-based line of the file), None for the whole file
    message: str  # 'value "12,3,4" in column waarde is not a number'
    #: What the message is made of, for a translated text: {'column': 'value', 'value': 'vier'}.
    #: ``variant`` picks a more specific template of the code ('more': "… and 12 more").
    params: dict[str, object] = field(default_factory=dict, compare=False, hash=False)

    def render(self, file_name: str) -> str:
        """The compiler-style line ``file:line: severity: code: message``.

        >>> Issue(Severity.ERROR, "not_a_number", 12, "x").render("data.csv")
        'data.csv:12: error: not_a_number: x'
        >>> Issue(Severity.WARNING, "provisional", None, "y").render("data.csv")
        'data.csv: warning: provisional: y'
        """
        where = f"{file_name}:{self.line}" if self.line is not None else file_name
        return f"{where}: {self.severity}: {self.code}: {self.message}"


@dataclass(slots=True)
class ValidationReport:
    """Everything a loader found, plus what it detected about the file."""

    format: str | None = None  # 'long_csv'
    issues: list[Issue] = field(default_factory=list)
    detected: dict[str, str] = field(default_factory=dict)  # {'delimiter': ';', 'decimal': ','}
    counts: dict[str, int] = field(default_factory=dict)  # {'rows': 120, 'new': 100, …}

    def add(
        self,
        severity: Severity | str,
        code: str,
        message: str,
        *,
        line: int | None = None,
        **params: object,
    ) -> None:
        """Record one issue; ``params`` are the parts a translated message is built from."""
        self.issues.append(Issue(Severity(severity), code, line, message, params))

    def error(self, code: str, message: str, *, line: int | None = None, **params: object) -> None:
        """Record an error: the file will not be loaded."""
        self.add(Severity.ERROR, code, message, line=line, **params)

    def warning(
        self, code: str, message: str, *, line: int | None = None, **params: object
    ) -> None:
        """Record a warning: the file can still be loaded."""
        self.add(Severity.WARNING, code, message, line=line, **params)

    def more(self, severity: Severity | str, code: str, count: int, *, what: str = "lines") -> None:
        """Say that ``count`` more ``what`` ('lines', 'cells', 'values') like the ones listed
        were left out."""
        self.add(
            severity,
            code,
            f"… and {count} more {what} like this",
            variant=f"more_{what}",
            count=count,
        )

    def extend(self, issues: Iterable[Issue]) -> None:
        """Add issues found elsewhere."""
        self.issues.extend(issues)

    @property
    def ok(self) -> bool:
        """True when nothing blocks the load."""
        return not any(issue.severity == Severity.ERROR for issue in self.issues)

    def sorted_issues(self) -> list[Issue]:
        """Errors first, then warnings, then notes; each by line."""
        order = {Severity.ERROR: 0, Severity.WARNING: 1, Severity.INFO: 2}
        return sorted(
            self.issues, key=lambda i: (order[i.severity], i.line if i.line is not None else -1)
        )

    def render(self, file_name: str) -> list[str]:
        """Every issue as a compiler-style line, errors first."""
        return [issue.render(file_name) for issue in self.sorted_issues()]

    def to_dict(self) -> dict[str, object]:
        """A JSON-friendly form of the report."""
        return {
            "ok": self.ok,
            "format": self.format,
            "detected": dict(self.detected),
            "counts": dict(self.counts),
            "issues": [
                {"severity": str(i.severity), "code": i.code, "line": i.line, "message": i.message}
                for i in self.sorted_issues()
            ],
        }

    def to_json(self) -> str:
        """The report as JSON text."""
        return json.dumps(self.to_dict(), ensure_ascii=False, indent=2)
