"""Tests for the waarstaatjegemeente.nl loaders: the data delivery and the table export.

CSV fixtures are named by the condition they contain; workbooks (good, broken, zip bombs) are
made in tmp_path so no binary is committed besides a zero-byte and a not-a-zip .xlsx.
"""

from __future__ import annotations

import dataclasses
import math
import shutil
import zipfile
from pathlib import Path

import openpyxl
import pandas as pd
import pytest

from bw import bootstrap, intake, store
from bw.auth import cli_actor
from bw.loaders import workbook, wsjg
from bw.loaders.common import LoadContext

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "wsjg"


@pytest.fixture(scope="module")
def demo_path(tmp_path_factory):
    """A demo store file, made once; tests that write copy it first."""
    path = tmp_path_factory.mktemp("wsjg") / "demo.duckdb"
    bootstrap.init_store(path, kind="demo")
    return path


@pytest.fixture(scope="module")
def context(demo_path):
    """The demo store's regions and catalogue, as intake hands them to a loader."""
    con = store.connect_for_reading(demo_path)
    try:
        return LoadContext(
            regions=store.read_regions(con), indicators=store.read_indicator_catalogue(con)
        )
    finally:
        con.close()


@pytest.fixture
def writable(demo_path, tmp_path):
    """A writable copy of the demo store."""
    path = tmp_path / "store.duckdb"
    shutil.copy(demo_path, path)
    con = store.connect(path)
    yield con
    con.close()


def with_options(context: LoadContext, **options) -> LoadContext:
    return LoadContext(
        regions=context.regions,
        indicators=context.indicators,
        **{"max_bytes": context.max_bytes} | options,
    )


def with_bergens(context: LoadContext) -> LoadContext:
    """The demo regions plus the two Bergens, whose bare name is ambiguous."""
    bergens = pd.DataFrame(
        [
            {"code": "GM0893", "name": "Bergen (L.)", "level": "GM", "province_code": "PV31"},
            {"code": "GM0373", "name": "Bergen (NH.)", "level": "GM", "province_code": "PV27"},
        ]
    )
    return LoadContext(
        regions=pd.concat([context.regions, bergens], ignore_index=True),
        indicators=context.indicators,
    )


def issues(staged) -> set[tuple[str, str, int | None]]:
    return {(str(i.severity), i.code, i.line) for i in staged.report.issues}


def errors(staged) -> set[tuple[str, int | None]]:
    return {(i.code, i.line) for i in staged.report.issues if i.severity == "error"}


def rows_of(staged) -> dict[tuple[str, str, str], dict]:
    frame = staged.observations.to_pandas()
    return {(r["indicator_id"], r["region_code"], r["period"]): r for r in frame.to_dict("records")}


def snapshot(con) -> dict[str, list]:
    """Everything a load may change, except the loads table itself."""
    tables = (
        "observations",
        "observations_superseded",
        "indicators",
        "indicator_themes",
        "regions",
        "latest_values",
        "reference_values",
        "ranks",
    )
    return {t: sorted(map(repr, con.execute(f"SELECT * FROM {t}").fetchall())) for t in tables}


# --- wsjg_delivery ---------------------------------------------------------------------------


def test_delivery_missing_marker_is_missing_never_a_number(context):
    staged = wsjg.load(FIXTURES / "delivery_missing_marker.csv", context)
    assert staged.report.ok, staged.report.issues
    assert staged.report.detected["decimal"] == "comma"
    rows = rows_of(staged)
    assert len(rows) == 12
    marker = rows[("arbeid.werkloosheid", "GM0363", "2023")]
    assert math.isnan(marker["value"]) and marker["missing_reason"] == "ontbreekt (-99998)"
    assert rows[("arbeid.hoogopgeleiden", "GM0599", "2022")]["missing_reason"] == (
        "ontbreekt (-99998)"
    )
    assert rows[("bevolking.inwoners", "GM0363", "2023")]["missing_reason"] == "leeg in bron"
    assert rows[("arbeid.werkloosheid", "GM0599", "2023")]["value"] == pytest.approx(5.2)
    assert rows[("bevolking.inwoners", "GM0363", "2022")]["value"] == 882633
    assert not (staged.observations.to_pandas()["value"] == -99998).any()
    assert staged.indicator_ids == [
        "arbeid.hoogopgeleiden",
        "arbeid.werkloosheid",
        "bevolking.inwoners",
    ]


def test_delivery_problems_are_reported_with_their_lines(context):
    staged = wsjg.load(FIXTURES / "delivery_problems.csv", context)
    assert staged.observations is None
    assert issues(staged) == {
        ("error", "bad_region_code", 3),
        ("error", "unknown_region", 4),
        ("error", "unsupported_geolevel", 5),
        ("error", "bad_period", 6),
        ("error", "not_a_number", 7),
        ("error", "unknown_marker", 7),
        ("error", "duplicate_key", 8),
        ("warning", "duplicate_row", 8),
    }


def test_unmapped_column_is_an_error_by_default(context):
    staged = wsjg.load(FIXTURES / "delivery_unmapped_column.csv", context)
    assert errors(staged) == {("unmapped_topic", 1)}
    assert staged.observations is None and staged.new_indicators == []


def test_unmapped_column_becomes_an_indicator_to_classify_when_asked(context):
    staged = wsjg.load(
        FIXTURES / "delivery_unmapped_column.csv", with_options(context, new_indicators="create")
    )
    assert staged.report.ok
    assert ("warning", "new_indicator", 1) in issues(staged)
    [new] = staged.new_indicators
    assert new.id == "te_classificeren.jongeren_met_een_delict"
    assert (new.direction, new.aggregation, new.theme_ids) == ("neutral", "none", ())
    rows = rows_of(staged)
    assert rows[(new.id, "GM0599", "2022")]["missing_reason"] == "ontbreekt (-99998)"
    assert rows[(new.id, "GM0363", "2022")]["value"] == pytest.approx(1.2)


def test_mapping_sends_a_column_to_an_indicator(context):
    mapping = {"Jongeren met een delict (%)": "veiligheid.geregistreerde_criminaliteit"}
    staged = wsjg.load(
        FIXTURES / "delivery_unmapped_column.csv", with_options(context, mapping=mapping)
    )
    assert staged.report.ok, staged.report.issues
    assert "veiligheid.geregistreerde_criminaliteit" in staged.indicator_ids


def test_mapping_to_an_unknown_indicator_is_an_error(context):
    mapping = {"Jongeren met een delict (%)": "veiligheid.bestaat_niet"}
    staged = wsjg.load(
        FIXTURES / "delivery_unmapped_column.csv", with_options(context, mapping=mapping)
    )
    assert errors(staged) == {("unknown_indicator", 1)}


def test_missing_key_column_is_reported(tmp_path, context):
    path = tmp_path / "no_geolevel.csv"
    path.write_text("GEOITEM;PERIOD;Werkloosheid\n363;2022;4,1\n", encoding="utf-8")
    assert errors(wsjg.load(path, context)) == {("missing_column", 1)}


# --- workbooks -------------------------------------------------------------------------------


def write_delivery_xlsx(path: Path, *, extra_sheet: bool = False) -> Path:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = "Data"
    sheet.append(["GEOITEM", "PERIOD", "GEOLEVEL", "Werkloosheid", "Hoogopgeleiden"])
    sheet.append([363, 2022, "gemeente", 4.1, 52.3])
    sheet.append([363, 2023, "gemeente344", -99998, "53,5"])  # a text cell with decimal comma
    sheet.append([599, 2022, "gemeente", 5.6, None])
    if extra_sheet:
        workbook.create_sheet("Toelichting")["A1"] = "Bron: VNG"
    workbook.save(path)
    return path


def test_delivery_xlsx_reads_numbers_text_and_the_missing_marker(tmp_path, context):
    path = write_delivery_xlsx(tmp_path / "levering.xlsx", extra_sheet=True)
    staged = wsjg.load(path, context)
    assert staged.report.ok, staged.report.issues
    assert issues(staged) == {("warning", "extra_sheets", None)}
    rows = rows_of(staged)
    assert rows[("arbeid.werkloosheid", "GM0363", "2022")]["value"] == pytest.approx(4.1)
    assert rows[("arbeid.werkloosheid", "GM0363", "2023")]["missing_reason"] == (
        "ontbreekt (-99998)"
    )
    assert rows[("arbeid.hoogopgeleiden", "GM0363", "2023")]["value"] == pytest.approx(53.5)
    assert rows[("arbeid.hoogopgeleiden", "GM0599", "2022")]["missing_reason"] == "leeg in bron"


def test_xlsx_problems_carry_sheet_row_numbers(tmp_path, context):
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(["GEOITEM", "PERIOD", "GEOLEVEL", "Werkloosheid"])
    sheet.append([363, 2022, "gemeente", 4.1])
    sheet.append([None, None, None, None])
    sheet.append([9999, 2022, "gemeente", "veel"])
    workbook.save(tmp_path / "fouten.xlsx")
    staged = wsjg.load(tmp_path / "fouten.xlsx", context)
    assert errors(staged) == {("unknown_region", 4), ("not_a_number", 4)}


def test_table_export_xlsx(tmp_path, context):
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(["Gemeenten", "Werkloosheid 2022", "Werkloosheid 2023"])
    sheet.append(["Amsterdam", 4.1, 3.9])
    sheet.append(["Rotterdam", 5.6, -99998])
    workbook.save(tmp_path / "tabel.xlsx")
    staged = wsjg.load_table(tmp_path / "tabel.xlsx", context)
    assert staged.report.ok, staged.report.issues
    rows = rows_of(staged)
    assert rows[("arbeid.werkloosheid", "GM0599", "2023")]["missing_reason"] == (
        "ontbreekt (-99998)"
    )
    assert wsjg.looks_like_table(tmp_path / "tabel.xlsx", [])


@pytest.mark.parametrize("loader", [wsjg.load, wsjg.load_table])
def test_zero_byte_and_not_a_zip_xlsx_are_not_xlsx(loader, context):
    for name in ("zero_bytes.xlsx", "corrupt_csv_named_xlsx.xlsx"):
        staged = loader(FIXTURES / name, context)
        assert errors(staged) == {("not_xlsx", None)}, name
        assert staged.observations is None


def test_truncated_workbook_is_not_xlsx(tmp_path, context):
    good = write_delivery_xlsx(tmp_path / "goed.xlsx").read_bytes()
    broken = tmp_path / "afgebroken.xlsx"
    broken.write_bytes(good[: len(good) // 2])
    assert errors(wsjg.load(broken, context)) == {("not_xlsx", None)}


def test_zip_without_workbook_parts_is_not_xlsx(tmp_path, context):
    path = tmp_path / "archief.xlsx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("readme.txt", "geen werkmap")
    assert errors(wsjg.load(path, context)) == {("not_xlsx", None)}


def test_workbook_with_damaged_sheet_xml_is_not_xlsx(tmp_path, context):
    good = write_delivery_xlsx(tmp_path / "goed.xlsx")
    damaged = tmp_path / "beschadigd.xlsx"
    with zipfile.ZipFile(good) as source, zipfile.ZipFile(damaged, "w") as target:
        for member in source.infolist():
            data = source.read(member.filename)
            if member.filename.startswith("xl/worksheets/"):
                data = data[: len(data) // 2]
            target.writestr(member, data)
    assert errors(wsjg.load(damaged, context)) == {("not_xlsx", None)}


def _bomb(path: Path, *, member_bytes: int) -> Path:
    """A zip with the parts of a workbook and one member of ``member_bytes`` zeros."""
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("xl/workbook.xml", "<workbook/>")
        archive.writestr("xl/worksheets/sheet1.xml", b"\0" * member_bytes)
    return path


def test_zip_bomb_that_expands_past_the_upload_limit_is_refused_before_opening(tmp_path, context):
    path = _bomb(tmp_path / "bom.xlsx", member_bytes=4_000_000)
    assert path.stat().st_size < 50_000  # it is small on disk
    # The unpacked limit is the upload limit (issue 14): 1 MB here, not a fixed 512 MB.
    staged = wsjg.load(path, dataclasses.replace(context, max_bytes=1_000_000))
    assert errors(staged) == {("xlsx_too_large", None)}
    assert wsjg.load(path, context).report.ok is False  # 4 MB passes 200 MB; no sheet XML


def test_zip_member_claiming_gigabytes_is_refused(tmp_path, context):
    path = _bomb(tmp_path / "claim.xlsx", member_bytes=10)
    data = bytearray(path.read_bytes())
    # Patch the sheet's uncompressed size in the central directory (offset 24) to ~4 GB.
    start = data.find(b"PK\x01\x02")
    while start != -1:
        name_length = int.from_bytes(data[start + 28 : start + 30], "little")
        if data[start + 46 : start + 46 + name_length] == b"xl/worksheets/sheet1.xml":
            data[start + 24 : start + 28] = (0xFFFFFFF0).to_bytes(4, "little")
        start = data.find(b"PK\x01\x02", start + 4)
    path.write_bytes(bytes(data))
    assert zipfile.ZipFile(path).getinfo("xl/worksheets/sheet1.xml").file_size > 4e9
    assert errors(wsjg.load(path, context)) == {("xlsx_too_large", None)}


def test_workbook_with_too_many_parts_is_refused(tmp_path, context, monkeypatch):
    monkeypatch.setattr(workbook, "MAX_XLSX_MEMBERS", 5)
    path = tmp_path / "veel.xlsx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("xl/workbook.xml", "<workbook/>")
        for i in range(6):
            archive.writestr(f"xl/media/image{i}.png", b"x")
    assert errors(wsjg.load(path, context)) == {("xlsx_too_large", None)}


# --- wsjg_table ------------------------------------------------------------------------------


def test_table_export_with_names_decimal_comma_and_provisional_columns(context):
    staged = wsjg.load_table(FIXTURES / "table_decimal_comma_names.csv", context)
    assert staged.report.ok, staged.report.issues
    rows = rows_of(staged)
    # "Utrecht" in a table of gemeenten is the gemeente, not the province or COROP region.
    assert rows[("arbeid.werkloosheid", "GM0344", "2022")]["value"] == pytest.approx(3.5)
    assert rows[("arbeid.werkloosheid", "GM0344", "2023")]["missing_reason"] == "leeg in bron"
    assert rows[("arbeid.werkloosheid", "GM0363", "2023")]["status"] == "voorlopig"
    assert rows[("arbeid.werkloosheid", "GM0164", "2022")]["value"] == pytest.approx(4.8)
    assert ("arbeid.werkloosheid", "GM0518", "2022") in rows
    assert ("arbeid.werkloosheid", "NL01", "2022") in rows
    assert rows[("gezondheid.ervaren_gezondheid", "GM0164", "2022")]["missing_reason"] == (
        "ontbreekt (-99998)"
    )


def test_table_export_reports_unknown_and_ambiguous_names(context):
    staged = wsjg.load_table(
        FIXTURES / "table_ambiguous_and_unknown_names.csv", with_bergens(context)
    )
    assert errors(staged) == {("ambiguous_region", 3), ("unknown_region", 5)}


def test_table_export_column_without_a_year_is_an_error(context):
    staged = wsjg.load_table(FIXTURES / "table_column_without_year.csv", context)
    assert errors(staged) == {("no_period_in_column", 1)}


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("delivery_missing_marker.csv", "wsjg_delivery"),
        ("table_decimal_comma_names.csv", "wsjg_table"),
    ],
)
def test_auto_detection(writable, name, expected):
    staged = intake.check_file(writable, FIXTURES / name)
    assert staged.report.format == expected
    assert staged.report.ok


# --- end to end: intake and undo -------------------------------------------------------------


def test_load_and_undo_a_delivery_restores_the_earlier_state(writable):
    before = snapshot(writable)
    outcome = intake.load_file(
        writable,
        FIXTURES / "delivery_missing_marker.csv",
        format="wsjg_delivery",
        actor=cli_actor("test"),
    )
    assert outcome.load_id is not None, outcome.report.issues
    stored = writable.execute(
        "SELECT value, missing_reason FROM observations WHERE indicator_id = "
        "'arbeid.werkloosheid' AND region_code = 'GM0363' AND period = '2023'"
    ).fetchone()
    assert stored == (None, "ontbreekt (-99998)")
    assert (
        writable.execute("SELECT count(*) FROM observations WHERE value = -99998").fetchone()[0]
        == 0
    )
    assert outcome.counts["changed"] > 0  # the demo had values for these keys
    store.undo_load(writable, outcome.load_id)
    assert snapshot(writable) == before


def test_load_and_undo_with_a_new_indicator_and_a_workbook(writable, tmp_path):
    before = snapshot(writable)
    first = intake.load_file(
        writable,
        FIXTURES / "delivery_unmapped_column.csv",
        format="wsjg_delivery",
        new_indicators="create",
        actor=cli_actor("test"),
    )
    assert first.load_id is not None, first.report.issues
    assert writable.execute(
        "SELECT classification FROM indicators WHERE id = "
        "'te_classificeren.jongeren_met_een_delict'"
    ).fetchone() == ("te_classificeren",)
    second = intake.load_file(
        writable,
        write_delivery_xlsx(tmp_path / "levering.xlsx"),
        format="wsjg_delivery",
        actor=cli_actor("test"),
    )
    assert second.load_id is not None, second.report.issues
    store.undo_load(writable, second.load_id)
    store.undo_load(writable, first.load_id)
    assert snapshot(writable) == before


def test_zero_byte_workbook_through_intake_is_an_empty_file(writable):
    staged = intake.check_file(writable, FIXTURES / "zero_bytes.xlsx", format="wsjg_delivery")
    assert errors(staged) == {("empty_file", None)}
