"""What every printable report shares: the HTML document, the escaped table and the A4 style.

The reports are self-contained pages (inline CSS, no scripts, no links) that council members
save and print, so every text that comes from a user or a file is escaped here or by the
report before it reaches the page.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from html import escape

#: A4 portrait: 210 mm minus 2 × 14 mm margin leaves 182 mm. A table with many columns gets set
#: widths (``table(widths=…)``, a fixed layout): there long words and numbers wrap inside their
#: column, where an automatic layout would make the table as wide as its longest words and
#: Chromium would print it cut off or shrunk. A report that needs other sizes adds its own rules
#: after these (later rules of the same weight win).
BASE_STYLE = """
@page { size: A4 portrait; margin: 14mm; }
* { box-sizing: border-box; }
html { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
body { font-family: system-ui, "DejaVu Sans", sans-serif; color: #1a1a1a; font-size: 10.5pt;
       line-height: 1.35; max-width: 182mm; margin: 0 auto; padding: 4mm 0;
       overflow-wrap: break-word; }
@media print { body { max-width: none; padding: 0; } h2, h3, h4 { break-after: avoid; } }
h1 { font-size: 18pt; margin: 0 0 2mm; line-height: 1.15; }
h2 { font-size: 12.5pt; margin: 5mm 0 1.5mm; border-bottom: 1px solid #1f5f8b; color: #1f5f8b; }
h3 { font-size: 11pt; margin: 3mm 0 1mm; } h4 { font-size: 10.5pt; margin: 2mm 0 1mm; }
p { margin: 1mm 0; } .small { font-size: 8.5pt; color: #444; }
.demo { border: 2px solid #8a4b00; color: #5c3200; padding: 1.5mm 3mm; font-weight: 600; }
.signal { border-left: 4px solid #8a4b00; padding: 1mm 3mm; font-weight: 600; }
table { border-collapse: collapse; width: 100%; margin: 1mm 0; }
tr, li { break-inside: avoid; }
th, td { border-bottom: 1px solid #ccc; padding: 1mm 1.5mm; text-align: left; vertical-align: top;
         overflow-wrap: break-word; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
th { font-size: 9pt; }
table.fixed { table-layout: fixed; }
table.fixed td.num, table.fixed th.num { white-space: normal; }
"""

_NUMERIC = ' class="num"'


def document(title: str, body: Iterable[str], *, lang: str, style: str = "") -> str:
    """A whole HTML page: the base A4 style plus ``style``, ``title`` as its heading, then
    ``body`` (HTML parts, already escaped)."""
    return "\n".join(
        [
            "<!DOCTYPE html>",
            f'<html lang="{escape(lang)}"><head><meta charset="utf-8">',
            '<meta name="viewport" content="width=device-width, initial-scale=1">',
            f"<title>{escape(title)}</title><style>{BASE_STYLE}{style}</style></head><body>",
            f"<h1>{escape(title)}</h1>",
            *body,
            "</body></html>",
        ]
    )


def table(
    headers: list[tuple[str, bool]],
    rows: Iterable[Iterable[object]],
    *,
    widths: Sequence[float] | None = None,
) -> list[str]:
    """A table as HTML parts; headers are (text, numeric) pairs, ``widths`` column percentages
    (which fix the layout, so the table never grows wider than the page); every header and cell
    is escaped here.

    >>> table([("Naam", False), ("Aantal", True)], [["<b>", 3]])[-2]
    '<tr><td>&lt;b&gt;</td><td class="num">3</td></tr>'
    """
    columns = "".join(f'<col style="width:{width}%">' for width in widths or ())
    head = "".join(
        f'<th scope="col"{_NUMERIC if numeric else ""}>{escape(text)}</th>'
        for text, numeric in headers
    )
    body = [
        "<tr>"
        + "".join(
            f"<td{_NUMERIC if numeric else ''}>{escape(str(cell))}</td>"
            for cell, (_, numeric) in zip(row, headers, strict=True)
        )
        + "</tr>"
        for row in rows
    ]
    if not columns:
        return ["<table>", f"<thead><tr>{head}</tr></thead>", "<tbody>", *body, "</tbody></table>"]
    return [
        '<table class="fixed">',
        f"<colgroup>{columns}</colgroup>",
        f"<thead><tr>{head}</tr></thead>",
        "<tbody>",
        *body,
        "</tbody></table>",
    ]


def facts_table(facts: Iterable[tuple[str, str]]) -> list[str]:
    """A two-column table of (label, value) pairs, the labels as row headers; escaped here."""
    return [
        "<table>",
        *(
            f'<tr><th scope="row">{escape(key)}</th><td>{escape(value)}</td></tr>'
            for key, value in facts
        ),
        "</table>",
    ]


def demo_note(message: str) -> str:
    """The framed line that says the data are made up."""
    return f'<p class="demo" role="note">{escape(message)}</p>'


def small(message: str) -> str:
    """A paragraph of small print (sources, method, notes)."""
    return f'<p class="small">{escape(message)}</p>'


def heading(text: str, *, anchor: str | None = None) -> str:
    """A section heading (h2), optionally with an id to link to."""
    anchor_attribute = f' id="{escape(anchor)}"' if anchor else ""
    return f"<h2{anchor_attribute}>{escape(text)}</h2>"


def date_format(lang: str) -> str:
    """How a report writes a date: Dutch day first, otherwise ISO.

    >>> date_format("nl"), date_format("en")
    ('%d-%m-%Y', '%Y-%m-%d')
    """
    return "%d-%m-%Y" if lang == "nl" else "%Y-%m-%d"
