"""What council members take away prints right: the factsheet of a region of real CBS data is
one A4 page, portrait, as Chromium prints it to PDF (issue 13: it was 1020 px wide in print
against A4's 794 px). The PDF is also rendered with pdftoppm, as a reviewer would look at it.
The other reports may run to more pages, but none is wider than its sheet (issue 15: the
voortgang report's nine-column table was 1138 px wide and printed cut off)."""

from __future__ import annotations

import re
import shutil
import subprocess

import pytest

from bw import bootstrap, monitor, store, workshops
from bw.auth import cli_actor
from bw.reports import effect, factsheet, progress, workshop

#: A4 portrait at 96 CSS pixels per inch: 210 mm × 297 mm.
A4_PX = {"width": 794, "height": 1123}
#: A4 turned sideways, for the effect report's options side by side.
A4_LANDSCAPE_PX = {"width": 1123, "height": 794}


@pytest.fixture(scope="module")
def cbs_store(tmp_path_factory):
    path = tmp_path_factory.mktemp("print") / "bw.duckdb"
    bootstrap.init_store(path, kind="cbs")
    return path


def pdf_pages(pdf: bytes) -> int:
    """The number of pages of a PDF: pdfinfo's count, else its page objects."""
    if shutil.which("pdfinfo"):
        info = subprocess.run(["pdfinfo", "-"], input=pdf, capture_output=True, check=True)
        return int(re.search(rb"^Pages:\s+(\d+)", info.stdout, re.MULTILINE).group(1))
    return len(re.findall(rb"/Type\s*/Page(?!s)", pdf))


@pytest.mark.parametrize(("code", "lang"), [("GM0917", "nl"), ("GM0363", "en"), ("PV20", "nl")])
def test_the_factsheet_prints_on_one_a4_page(browser, cbs_store, code, lang, tmp_path):
    con = store.connect_for_reading(cbs_store)
    try:
        html = factsheet.build_factsheet(
            monitor.assess_region(con, code), lang=lang, demo=False, cbs=True
        )
    finally:
        con.close()
    context = browser.new_context(viewport=A4_PX)
    try:
        page = context.new_page()
        page.set_content(html)
        page.emulate_media(media="print")
        # nothing wider than the sheet: no sideways overflow in print emulation
        assert page.evaluate("document.documentElement.scrollWidth") <= A4_PX["width"]
        pdf = page.pdf(format="A4", print_background=True)
    finally:
        context.close()
    assert pdf_pages(pdf) == 1
    out = tmp_path / f"factsheet-{code}-{lang}.pdf"
    out.write_bytes(pdf)
    if shutil.which("pdftoppm"):  # a picture to look at, as a reviewer would
        subprocess.run(
            ["pdftoppm", "-r", "60", "-png", "-singlefile", str(out), str(out.with_suffix(""))],
            check=True,
        )
        assert out.with_suffix(".png").stat().st_size > 10_000


@pytest.fixture(scope="module")
def demo_reports(tmp_path_factory):
    """The voortgang, effect and workshop reports of the demo store, with the sheet each is for."""
    path = tmp_path_factory.mktemp("print") / "demo.duckdb"
    bootstrap.init_store(path, kind="demo")
    con = store.connect(path)
    try:
        facilitator = cli_actor("f.visser")
        session = workshops.create_session(
            con,
            title="Groen Heerlen",
            region_code="GM0917",
            phase="beleidsvorming",
            themes=["gezondheid"],
            actor=facilitator,
        )
        for author in ("Vos", "Uil", "Das"):
            workshops.add_argument(
                con,
                session.code,
                theme_id="gezondheid",
                sentiment="positief",
                scale="wijk",
                time_frame="nu",
                author=author,
                text="Meer bomen in de wijk geeft koelte en een plek om elkaar te ontmoeten.",
            )
        return {
            "progress": (progress.build_progress_report(con, 1, demo=True)[0], A4_PX),
            "effect": (
                effect.build_effect_report(con, 1, demo=True, made_by="tester")[0],
                A4_LANDSCAPE_PX,
            ),
            "workshop": (workshop.build_workshop_report(con, session.id), A4_PX),
        }
    finally:
        con.close()


@pytest.mark.parametrize("report", ["progress", "effect", "workshop"])
def test_no_report_is_wider_than_its_a4_sheet(browser, demo_reports, report):
    html, sheet = demo_reports[report]
    context = browser.new_context(viewport=sheet)
    try:
        page = context.new_page()
        page.set_content(html)
        page.emulate_media(media="print")
        assert page.evaluate("document.documentElement.scrollWidth") <= sheet["width"]
    finally:
        context.close()
