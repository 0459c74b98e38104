"""Safe defaults kept by reading the source: no raw HTML in the UI, bounded caches, CSV only
through the neutralising export."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
UI_FILES = sorted(
    [ROOT / "app.py", *(ROOT / "ui").rglob("*.py"), *(ROOT / "app_pages").glob("*.py")]
)
BW_FILES = sorted((ROOT / "bw").rglob("*.py"))
#: Raw-HTML calls that pass only a constant of this module: {file: {call: constant}}.
CONSTANT_HTML = {
    "ui/focus.py": {"st.html(FOCUS_STYLE)": "FOCUS_STYLE"},
    "ui/streamlit_texts.py": {
        "st.html(TEXT_STYLE_NL)": "TEXT_STYLE_NL",
        "st.html(TEXT_STYLE_EN)": "TEXT_STYLE_EN",
    },
}
#: The one script call: a fixed cookie assignment that carries only a checked region code.
COOKIE_CALL = "st.html(REGION_COOKIE_SCRIPT.format(code=code), unsafe_allow_javascript=True)"


@pytest.mark.parametrize("path", UI_FILES, ids=lambda p: str(p.relative_to(ROOT)))
def test_the_ui_writes_no_raw_html(path):
    text = path.read_text(encoding="utf-8")
    # The raw-HTML calls allowed pass a module constant of fixed CSS rules and nothing else
    # (the keyboard focus style, the uploader's words): no user text can reach them.
    for call, constant in CONSTANT_HTML.get(path.relative_to(ROOT).as_posix(), {}).items():
        assert re.search(
            rf"^{constant} = \"\"\"<style>(?:[^{{}}<]*\{{[^{{}}<]*\}}\s*)+"
            rf"</style>\"\"\"$",
            text,
            re.M,
        ), f"{constant} must be fixed CSS rules"
        text = text.replace(call, "")
    if path.relative_to(ROOT).as_posix() == "ui/sidebar.py":
        text = _without_the_region_cookie_script(text)
    assert not re.search(r"unsafe_allow_html\s*=\s*True|st\.html\(|components\.v1\.html", text)
    assert "unsafe_allow_javascript" not in text


def _without_the_region_cookie_script(text: str) -> str:
    """ui/sidebar.py may run one script: it sets one cookie to a region code checked against a
    pattern of letters, digits, '_', '.' and '-' just before (issue 13), nothing else."""
    from ui import sidebar

    assert sidebar.REGION_COOKIE_SCRIPT == (
        "<script>document.cookie = 'bw_regio={code}; path=/; max-age=31536000; SameSite=Lax';"
        "</script>"
    )
    assert sidebar._SAFE_CODE.pattern == r"[A-Za-z0-9_.-]{1,64}"
    assert text.count(COOKIE_CALL) == 1
    guarded = re.search(
        r"if code is None or not _SAFE_CODE\.fullmatch\(code\):\n\s+return\n"
        r"(?:.*\n){1,6}?.*" + re.escape(COOKIE_CALL),
        text,
    )
    assert guarded, "the code must be checked right before it goes into the script"
    return text.replace(COOKIE_CALL, "")


@pytest.mark.parametrize("path", UI_FILES, ids=lambda p: str(p.relative_to(ROOT)))
def test_every_cache_is_bounded(path):
    text = path.read_text(encoding="utf-8")
    for decorator in re.findall(r"@st\.cache_(?:data|resource)(?:\([^)]*\))?", text):
        assert "max_entries=" in decorator, f"{path.name}: {decorator} has no max_entries"


@pytest.mark.parametrize("path", [*UI_FILES, *BW_FILES], ids=lambda p: str(p.relative_to(ROOT)))
def test_csv_is_written_only_by_the_neutralising_export(path):
    if path == ROOT / "bw" / "export.py":
        return
    text = path.read_text(encoding="utf-8")
    assert ".to_csv(" not in text, f"{path.name}: use bw.export.to_csv_bytes / neutralise_cell"
    if "csv.writer(" in text or "csv.DictWriter(" in text:
        assert "neutralise_cell(" in text, f"{path.name} writes CSV cells without neutralising"


def test_the_secrets_file_is_never_committed():
    """OIDC client secrets and the cookie secret live in .streamlit/secrets.toml (issue 14)."""
    ignored = (ROOT / ".gitignore").read_text(encoding="utf-8").splitlines()
    assert ".streamlit/secrets.toml" in [line.strip() for line in ignored]
