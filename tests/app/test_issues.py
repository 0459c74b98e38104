"""Every validation issue bw can emit reads as a Dutch (and English) sentence on the Data page.

The codes are found by reading the source: every ``report.error/warning/add``, ``Issue(…)`` and
``_error(…)`` call with a literal code, the row-check tables (``*CHECKS``) of the loaders, the
cell checks of ``bw/loaders/cbs_cells.py`` and the "… and 12 more" lines. Each (code, variant)
needs a template in both languages whose placeholders the call provides; the fixture files of
the loader tests are then checked for real and every issue they produce must be translated.
"""

from __future__ import annotations

import ast
import importlib
import pkgutil
import shutil
import string
from pathlib import Path

import pytest

import bw.loaders
from bw import intake, store
from bw.report import Issue, Severity, ValidationReport
from ui.i18n import LANGUAGES, STRINGS
from ui.issues import issue_text, template_for, translate_issue

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = ROOT / "tests" / "fixtures"
#: Placeholders every template may use without the call giving them (made from at_lines/at_ref).
DERIVED = {"where"}
_REPORT_METHODS = {"error": 0, "warning": 0, "add": 1, "_error": 0}


def _strings(node) -> set[str]:
    """The string constants an expression can take (a constant or a conditional of them)."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return {node.value}
    if isinstance(node, ast.IfExp):
        return _strings(node.body) | _strings(node.orelse)
    return set()


def _dict_entries(node) -> list[tuple[str, ast.AST]]:
    if isinstance(node, ast.Dict):
        return [
            (k.value, v)
            for k, v in zip(node.keys, node.values, strict=True)
            if isinstance(k, ast.Constant)
        ]
    if isinstance(node, ast.IfExp):
        return _dict_entries(node.body) + _dict_entries(node.orelse)
    return []


def _call_sites():
    """(where, code, variants, params, opaque) of every literal issue in bw/ and ui/."""
    files = [*sorted((ROOT / "bw").rglob("*.py")), *sorted((ROOT / "ui").glob("*.py"))]
    for path in files:
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if not isinstance(node, ast.Call):
                continue
            func = node.func
            name = (
                func.attr
                if isinstance(func, ast.Attribute)
                else func.id
                if isinstance(func, ast.Name)
                else None
            )
            if name in _REPORT_METHODS and len(node.args) > _REPORT_METHODS[name] + (
                0 if name == "_error" else 1
            ):
                codes = _strings(node.args[_REPORT_METHODS[name]])
            elif name == "Issue" and len(node.args) >= 4:
                codes = _strings(node.args[1])
            else:
                continue
            receiver = func.value if isinstance(func, ast.Attribute) else None
            reporting = receiver is None or "report" in ast.unparse(receiver)
            if not codes or not reporting:  # log.warning(…), st.error(…) are no issues
                continue

            params, variants, opaque = set(), set(), False
            entries = _dict_entries(node.args[4]) if name == "Issue" and len(node.args) > 4 else []
            for keyword in node.keywords:
                if keyword.arg == "variant":
                    variants |= _strings(keyword.value)
                elif keyword.arg is None:
                    found = _dict_entries(keyword.value)
                    opaque = opaque or not found
                    entries += found
                elif keyword.arg != "line":
                    params.add(keyword.arg)
            for key, value in entries:
                if key == "variant":
                    variants |= _strings(value)
                else:
                    params.add(key)
            where = f"{path.relative_to(ROOT)}:{node.lineno}"
            for code in codes:
                yield where, code, variants or {None}, params, opaque


def _check_tables():
    """(where, code, variant, params) of the loaders' row-check tables (``*CHECKS``)."""
    for info in pkgutil.iter_modules(bw.loaders.__path__):
        module = importlib.import_module(f"bw.loaders.{info.name}")
        for attribute, table in vars(module).items():
            if not attribute.endswith("CHECKS") or not isinstance(table, tuple):
                continue
            for code, _condition, _message, spec in table:
                params = set(spec) - {"variant"}
                yield f"bw/loaders/{info.name}.py:{attribute}", code, spec.get("variant"), params


def _cell_checks():
    """(where, code, variant, params) of ``_report_cells(db, report, code, condition, message,
    variant)`` in bw/loaders/cbs_cells.py."""
    path = ROOT / "bw" / "loaders" / "cbs_cells.py"
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Name)
            and node.func.id == "_report_cells"
        ):
            code, variant = node.args[2].value, node.args[5].value
            yield (
                f"bw/loaders/cbs_cells.py:{node.lineno}",
                code,
                variant,
                {"value", "topic", "at_ref"},
            )


def _emitted():
    """Every (where, code, variant, params, opaque) bw can put in a report."""
    for where, code, variants, params, opaque in _call_sites():
        for variant in variants:
            yield where, code, variant, params, opaque
    for where, code, variant, params in [*_check_tables(), *_cell_checks()]:
        yield where, code, variant, params, False
    # report.more() and bw.loaders.common.summarise: "… and 12 more lines like this".
    for variant in ("more_lines", "more_cells", "more_values"):
        yield "bw/report.py:more", "any_code", variant, {"count"}, False
    # bw/plausibility.py builds its variants from a rule's kind and the side of its range.
    outside = {"key", "value", "low", "high", "unit"}
    for code in ("implausible_value", "unlikely_value"):
        for kind in ("catalogue", "percent", "mark", "score", "non_negative", "source_unit"):
            for side in ("below", "above"):
                yield "bw/plausibility.py:_outside_params", code, f"{kind}_{side}", outside, False
    yield "bw/plausibility.py", "unlikely_value", "count_fraction", {"key", "value"}, False
    yield "bw/plausibility.py", "implausible_period", None, {"key", "value", "low", "high"}, False
    yield "bw/plausibility.py", "future_period", None, {"key", "value", "today"}, False
    # bw/loaders/common.sniff_content returns its code and parameters (read where it is used).
    for code, variant, params in (
        ("compressed_file", None, {"what"}),
        ("compressed_file", "named", {"what", "file"}),
        ("compressed_file", "zip", {"file"}),
        ("compressed_file", "zip_named", {"file"}),
        ("binary_file", None, {"what"}),
        ("binary_file", "named", {"what", "file"}),
        ("binary_file", "nul", set()),
        ("wrong_encoding", "unicode", {"name"}),
        ("wrong_encoding", "utf16_no_bom", set()),
    ):
        yield "bw/loaders/common.py:sniff_content", code, variant, params, False


EMITTED = list(_emitted())


def _placeholders(text: str) -> set[str]:
    return {field for _, field, _, _ in string.Formatter().parse(text) if field}


def test_the_source_scan_finds_the_codes():
    codes = {code for _, code, _, _, _ in EMITTED}
    assert len(codes) > 90, "the scan of bw/ lost track of the report calls"
    assert {
        "not_a_number",
        "missing_column",
        "unknown_region",
        "bad_region_code",
        "unknown_marker",
        "check_failed",
        "empty_target",
    } <= codes


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_emitted_code_has_a_template_with_the_parameters_it_needs(lang):
    missing, unfilled = [], []
    for where, code, variant, params, opaque in EMITTED:
        template = template_for(code, variant, lang)
        if template is None:
            missing.append(f"{where}: {code}" + (f".{variant}" if variant else ""))
            continue
        need = _placeholders(template) - DERIVED - params
        if need and not opaque:
            unfilled.append(f"{where}: {code}.{variant}: {sorted(need)}")
    assert missing == []
    assert unfilled == []


def test_templates_are_not_left_over():
    """Each issue template belongs to an emitted code (or is a shared part: role, where)."""
    used = {
        key
        for _, code, variant, _, _ in EMITTED
        for key in (f"issue.{code}.{variant}", f"issue.{variant}", f"issue.{code}")
    }
    shared = ("issue.role.", "issue.kind.", "issue.what.", "issue.where_")
    stale = [
        key
        for key in STRINGS["nl"]
        if key.startswith("issue.") and not key.startswith(shared) and key not in used
    ]
    assert stale == []


@pytest.mark.parametrize(
    ("issue", "dutch"),
    [
        (
            Issue(
                Severity.ERROR,
                "not_a_number",
                4,
                "value 'vier' is not a number",
                {"column": "value", "value": "vier"},
            ),
            "Kolom value: 'vier' is geen getal.",
        ),
        (
            Issue(Severity.ERROR, "file_too_large", None, "…", {"size_mb": 12.5, "limit_mb": 10}),
            "Het bestand is 12,5 MB; de grens is 10 MB (BW_MAX_UPLOAD_MB).",
        ),
        (
            Issue(
                Severity.ERROR,
                "duplicate_key",
                7,
                "…",
                {"key": "a.b × GM0363 × 2023", "at_lines": "3, 7"},
            ),
            "a.b × GM0363 × 2023 komt meer dan eens voor met verschillende waarden (regels 3, 7).",
        ),
        (
            Issue(
                Severity.ERROR, "unknown_region", 2, "…", {"variant": "more_lines", "count": 1234}
            ),
            "… en nog 1.234 regels zoals deze",
        ),
        (
            Issue(
                Severity.ERROR,
                "implausible_value",
                None,
                "…",
                {
                    "variant": "range",
                    "role": "minimum",
                    "value": 120.0,
                    "unit": "%",
                    "low": 0.0,
                    "high": 100.0,
                },
            ),
            "Het minimum (120) kan niet in '%': de waarde ligt tussen 0 en 100.",
        ),
    ],
)
def test_an_issue_reads_in_dutch_with_dutch_numbers(issue, dutch):
    assert translate_issue(issue, "nl") == dutch


def test_a_code_without_a_template_falls_back_to_the_english_message():
    issue = Issue(Severity.ERROR, "brand_new_code", 1, "something new")
    assert issue_text(issue, lang="nl") == "something new"
    # A template whose parameters the issue lacks also shows the message, never a KeyError.
    assert issue_text(Issue(Severity.ERROR, "not_a_number", 1, "msg"), lang="nl") == "msg"


def test_the_english_message_and_the_command_line_are_unchanged():
    report = ValidationReport()
    report.error(
        "not_a_number", "value 'vier' is not a number", line=3, column="value", value="vier"
    )
    assert report.render("x.csv") == ["x.csv:3: error: not_a_number: value 'vier' is not a number"]
    assert report.issues[0] == Issue(
        Severity.ERROR, "not_a_number", 3, "value 'vier' is not a number"
    )
    assert "params" not in report.to_dict()["issues"][0]


def _fixture_files() -> list[Path]:
    found = []
    for folder in ("long_csv", "wsjg", "monitor", "cbs", "hostile"):
        found += sorted(p for p in (FIXTURES / folder).iterdir() if not p.name.startswith("."))
    return found


@pytest.fixture(scope="module")
def demo_reader(demo_store, tmp_path_factory):
    # A copy: the app's cached connection to the demo store may be open in this process.
    path = tmp_path_factory.mktemp("issues") / "bw.duckdb"
    shutil.copy(demo_store, path)
    con = store.connect(path, read_only=True)
    yield con
    con.close()


@pytest.mark.parametrize("path", _fixture_files(), ids=lambda p: f"{p.parent.name}/{p.name}")
def test_every_issue_of_the_loader_fixtures_is_translated(demo_reader, path):
    staged = intake.check_file(demo_reader, path)
    for issue in staged.report.issues:
        for lang in LANGUAGES:
            assert translate_issue(issue, lang) is not None, (
                issue.code,
                issue.params,
                issue.message,
            )
