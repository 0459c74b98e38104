"""Tests for bw.reports.kit: the page, the escaped tables and the base A4 style of every report."""

from __future__ import annotations

import pytest

from bw.reports import kit

HOSTILE = '<script>alert("x")</script>'
ESCAPED = "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;"


def test_document_escapes_the_title_and_carries_the_base_style_then_its_own():
    html = kit.document(HOSTILE, ["<p>body</p>"], lang="en", style="h1 { color: red; }")
    assert "<script" not in html
    assert html.count(ESCAPED) == 2  # in <title> and in <h1>
    assert html.startswith("<!DOCTYPE html>") and '<html lang="en">' in html
    assert html.count("<style>") == 1
    assert html.index(kit.BASE_STYLE) < html.index("h1 { color: red; }") < html.index("<p>body")
    assert html.endswith("</body></html>")


def test_the_base_style_prints_on_a4_portrait_no_wider_than_the_sheet():
    assert "size: A4 portrait; margin: 14mm" in kit.BASE_STYLE
    assert "max-width: 182mm" in kit.BASE_STYLE  # 210 mm minus 2 × 14 mm
    assert "@media print" in kit.BASE_STYLE


def test_table_escapes_headers_and_cells_and_marks_numeric_columns():
    parts = kit.table(
        [(HOSTILE, False), ("n", True)], [[HOSTILE, 3], ["b & c", 1.5]], widths=[70, 30]
    )
    html = "".join(parts)
    assert "<script" not in html and html.count(ESCAPED) == 2
    assert '<th scope="col" class="num">n</th>' in html
    assert f'<tr><td>{ESCAPED}</td><td class="num">3</td></tr>' in html
    assert "<td>b &amp; c</td>" in html
    # set widths fix the layout, so long words wrap inside the page instead of widening it
    assert html.startswith(
        '<table class="fixed"><colgroup><col style="width:70%"><col style="width:30%"></colgroup>'
    )
    assert "table.fixed { table-layout: fixed; }" in kit.BASE_STYLE
    assert "".join(kit.table([("a", False)], [["x"]])).startswith("<table><thead>")


def test_a_row_with_the_wrong_number_of_cells_is_refused():
    with pytest.raises(ValueError):
        kit.table([("a", False), ("b", False)], [["only one"]])


def test_facts_table_escapes_labels_and_values():
    html = "".join(kit.facts_table([(HOSTILE, HOSTILE)]))
    assert html == f'<table><tr><th scope="row">{ESCAPED}</th><td>{ESCAPED}</td></tr></table>'


@pytest.mark.parametrize(
    ("helper", "expected"),
    [
        (lambda: kit.demo_note(HOSTILE), f'<p class="demo" role="note">{ESCAPED}</p>'),
        (lambda: kit.small(HOSTILE), f'<p class="small">{ESCAPED}</p>'),
        (lambda: kit.heading(HOSTILE), f"<h2>{ESCAPED}</h2>"),
        (lambda: kit.heading("Later", anchor='"x'), '<h2 id="&quot;x">Later</h2>'),
    ],
)
def test_the_small_parts_escape_their_text(helper, expected):
    assert helper() == expected
