"""The Data page: checking uploads (nothing written), loading them in one transaction, the
history of loads with undo, templates, and read-only mode.

Uploads go through AppTest's file uploader (``set_value``) as a browser would send them; the
write tests work on a copy of the session's demo store, so the shared store never changes.
"""

from __future__ import annotations

import shutil

import duckdb
import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

from bw import bootstrap, intake
from bw.auth import LOCAL_ACTOR
from bw.formatting import format_number
from bw.loaders import long_csv
from tests.app.helpers import APP, TIMEOUT, open_page, texts
from ui import data_page, uploads

INDICATOR = "arbeid.werkloosheid"
HEERLEN = "GM0917"
#: Two new values for 2025 (the demo ends in 2024): Heerlen and the Netherlands.
GOOD = (
    f"indicator,region,period,value\n{INDICATOR},{HEERLEN},2025,4.25\n{INDICATOR},NL01,2025,3.9\n"
).encode()
#: Replaces Heerlen's 2025 value of GOOD: loaded after it, GOOD cannot be undone first.
CHANGED = f"indicator,region,period,value\n{INDICATOR},{HEERLEN},2025;5.0\n".replace(";", ",")
CHANGED_BYTES = CHANGED.encode()
#: Line 3 is not a number, line 4 an unknown region, line 5 a bad period.
BAD = (
    "indicator,region,period,value\n"
    f"{INDICATOR},{HEERLEN},2025,4.2\n"
    f"{INDICATOR},NL01,2025,veel\n"
    f"{INDICATOR},GM9999,2025,1\n"
    f"{INDICATOR},{HEERLEN},20x5,1\n"
).encode()
CSV = "text/csv"


@pytest.fixture(autouse=True)
def _fresh_connections():
    # The cached connection is keyed on the store path and opened writable or read-only once;
    # every test here may point BW_DB elsewhere or switch BW_READ_ONLY, so start afresh.
    st.cache_resource.clear()
    yield
    st.cache_resource.clear()  # closes the connection (on_release), so tmp_path can go


@pytest.fixture
def store_copy(demo_store, tmp_path, monkeypatch):
    """A private copy of the demo store that write tests may change."""
    path = tmp_path / "bw.duckdb"
    shutil.copy(demo_store, path)
    monkeypatch.setenv("BW_DB", str(path))
    monkeypatch.delenv("BW_READ_ONLY", raising=False)
    return path


@pytest.fixture
def data_app(store_copy):
    """The Data page of the app on the store copy, after a first run."""
    return open_page(AppTest.from_file(APP, default_timeout=TIMEOUT), "data")


def upload(at: AppTest, *files: tuple[str, bytes]) -> AppTest:
    """Put files in the page's uploader and run, as dropping them in the browser does."""
    at.file_uploader[0].set_value([(name, data, CSV) for name, data in files]).run()
    assert not at.exception, at.exception
    return at


def load(at: AppTest) -> AppTest:
    at.button(key=data_page.LOAD_KEY).click().run()
    assert not at.exception, at.exception
    return at


def table(at: AppTest, *columns: str):
    """The first table of the run with all these columns."""
    for element in at.dataframe:
        if set(columns) <= set(element.value.columns):
            return element.value
    raise AssertionError(f"no table with columns {columns}")


def tables(at: AppTest, *columns: str) -> list:
    return [e.value for e in at.dataframe if set(columns) <= set(e.value.columns)]


def history(at: AppTest):
    return table(at, "when", "by", "file", "status")


def metric(at: AppTest, label: str) -> str:
    return next(m.value for m in at.metric if m.label == label)


def count_rows(path, sql: str) -> int:
    st.cache_resource.clear()  # the app's connection holds the file; close it first
    con = duckdb.connect(str(path), read_only=True)
    try:
        return con.execute(sql).fetchone()[0]
    finally:
        con.close()


# --- rendering -------------------------------------------------------------------------------


def test_the_demo_store_shows_counts_upload_history_and_templates(data_app, demo_info):
    at = data_app
    assert at.title[0].value == "Data"
    assert "demodata (fictief)" in texts(at)
    assert metric(at, "Waarnemingen") == format_number(demo_info["observations"])
    assert at.file_uploader[0].label.startswith("Bestanden")
    assert at.file_uploader[0].accept_multiple_files
    assert set(at.file_uploader[0].allowed_type) >= {".csv", ".txt", ".tsv", ".xlsx", ".zip"}
    assert at.selectbox(key=data_page.FORMAT_KEY).options == [
        "automatisch herkennen",
        *(data_page.format_label(name) for name in intake.FORMATS[1:]),
    ]
    assert at.radio(key=data_page.NEW_INDICATORS_KEY).options == [
        "fout melden",
        "nieuwe indicatoren aanmaken (te classificeren)",
    ]
    assert list(history(at)["status"]) == ["actief"]
    assert at.download_button(key=data_page.TEMPLATE_KEY)
    assert at.download_button(key=data_page.CATALOGUE_KEY)
    assert "python -m bw load" in at.code[0].value
    assert [b for b in at.button if b.key == data_page.LOAD_KEY] == [], "no files, no button"
    assert "Uploaden van bestanden komt later." not in texts(at)


def test_an_empty_store_renders_without_demo_or_loads(tmp_path, monkeypatch):
    path = tmp_path / "empty.duckdb"
    bootstrap.init_store(path, kind="empty")
    monkeypatch.setenv("BW_DB", str(path))
    at = open_page(AppTest.from_file(APP, default_timeout=TIMEOUT), "data")
    assert "demodata (fictief)" not in texts(at)
    assert metric(at, "Waarnemingen") == "0"
    assert at.file_uploader
    assert "Er zijn nog geen ladingen." in texts(at)


def test_english_labels(data_app):
    at = data_app
    at.radio(key="lang").set_value("en").run()
    assert not at.exception, at.exception
    assert "Load files" in [header.value for header in at.header]
    assert at.selectbox(key=data_page.FORMAT_KEY).options[0] == "detect automatically"
    upload(at, ("good.csv", GOOD))
    assert at.button(key=data_page.LOAD_KEY).label == "Load"


# --- checking and loading ---------------------------------------------------------------------


def test_a_good_long_csv_previews_its_rows_and_loads(data_app, store_copy):
    at = upload(data_app, ("good.csv", GOOD))
    assert [e.label for e in at.expander] == ["good.csv — geen fouten, 2 rijen"]
    preview = table(at, "indicator", "region", "period", "value")
    assert list(preview["region"]) == [HEERLEN, "NL01"]
    assert list(preview["region_name"]) == ["Heerlen", "Nederland"]
    assert list(preview["value"]) == ["4,25", "3,9"], "Dutch notation, every decimal"
    assert list(preview["period"]) == ["2025", "2025"]
    detected = table(at, "what", "value")
    assert detected.iloc[0].tolist() == ["Formaat", "lange CSV (eigen data) — automatisch herkend"]
    assert "Decimaalteken in kolom value" in set(detected["what"])
    assert metric(at, "Nieuw") == "2" and metric(at, "Gewijzigd") == "0"
    assert not at.button(key=data_page.LOAD_KEY).disabled
    assert any("één transactie" in info.value for info in at.info)

    at = load(at)
    assert "als lading 2" in at.success[0].value
    assert metric(at, "Ladingen") == "2"
    assert not at.file_uploader[0].value, "the uploader is emptied after a load"
    newest = history(at).iloc[0]
    assert (newest["id"], newest["file"], newest["by"], newest["status"]) == (
        2,
        "good.csv",
        LOCAL_ACTOR.name,  # lokale modus: no accounts, localhost only
        "actief",
    )
    assert (newest["new"], newest["changed"]) == ("2", "0")

    # The views show the new year without a restart: Overzicht for Heerlen has 2025.
    at.selectbox(key="region").set_value(HEERLEN)
    at.switch_page("app_pages/overzicht.py").run()
    assert not at.exception, at.exception
    overview = at.dataframe(key="overzicht_table").value
    assert list(overview.loc[overview["period"] == "2025", "value"]) == ["4,3%"]


def test_a_bad_file_shows_errors_by_line_and_disables_loading(data_app):
    at = upload(data_app, ("bad.csv", BAD))
    assert at.expander[0].label == "bad.csv — 3 fout(en), 4 rijen"
    report = table(at, "severity", "line", "code", "message")
    assert report["severity"].str.endswith("fout").all()
    assert {(line, code) for line, code in zip(report["line"], report["code"], strict=True)} >= {
        ("3", "not_a_number"),
        ("4", "unknown_region"),
        ("5", "bad_period"),
    }
    assert at.button(key=data_page.LOAD_KEY).disabled
    assert [error.value for error in at.error] == [
        "Dit bestand bevat fouten. Er wordt niets geladen. Verbeter de fouten en kies het "
        "bestand opnieuw."
    ]


def test_errors_come_first_in_the_report(data_app):
    # '.' is a missing value (a warning on the file), 'x' an error on line 3.
    data = f"indicator,region,period,value\n{INDICATOR},{HEERLEN},2025,.\n{INDICATOR},NL01,2025,x\n"
    at = upload(data_app, ("mixed.csv", data.encode()))
    severities = list(table(at, "severity", "code")["severity"])
    assert severities[0].endswith("fout")
    assert severities == sorted(severities, key=lambda s: not s.endswith("fout"))


def test_one_bad_file_of_two_loads_nothing(data_app, store_copy):
    at = upload(data_app, ("good.csv", GOOD), ("bad.csv", BAD))
    labels = [e.label for e in at.expander]
    assert labels[0].startswith("good") and "geen fouten" in labels[0]
    assert labels[1].startswith("bad") and "fout" in labels[1]
    assert at.button(key=data_page.LOAD_KEY).disabled
    assert any(error.value.startswith("1 van de 2 bestanden") for error in at.error)
    assert count_rows(store_copy, "SELECT count(*) FROM loads") == 1


def test_files_load_in_one_transaction_all_or_nothing(store_copy, tmp_path):
    # Both files pass their check; the second is spoilt before loading (as if the store changed
    # meanwhile). The first file's load, already written in the transaction, is rolled back.
    checks = uploads.check_uploads(
        [("good.csv", GOOD), ("changed.csv", CHANGED_BYTES)],
        tmp_path / "uploads",
        format="auto",
        new_indicators="error",
    )
    assert all(check.ok for check in checks)
    checks[1].path.write_bytes(BAD)
    result = uploads.load_uploads(checks, format="auto", new_indicators="error")
    assert result.problem == "refused" and result.refused.name == "changed.csv"
    assert not result.refused.ok
    assert count_rows(store_copy, "SELECT count(*) FROM loads") == 1
    assert count_rows(store_copy, "SELECT count(*) FROM observations WHERE year = 2025") == 0


def test_two_good_files_load_together(store_copy, tmp_path):
    other = f"indicator,region,period,value\n{INDICATOR},PV31,2025,4.0\n".encode()
    checks = uploads.check_uploads(
        [("good.csv", GOOD), ("other.csv", other)],
        tmp_path,
        format="long_csv",
        new_indicators="error",
    )
    result = uploads.load_uploads(checks, format="long_csv", new_indicators="error")
    assert result.loaded and result.load_ids == [2, 3]
    assert [o.counts["new"] for o in result.outcomes] == [2, 1]
    assert count_rows(store_copy, "SELECT count(*) FROM observations WHERE year = 2025") == 3


def test_loading_reports_each_files_phases_in_order(store_copy, tmp_path):
    other = f"indicator,region,period,value\n{INDICATOR},PV31,2025,4.0\n".encode()
    checks = uploads.check_uploads(
        [("good.csv", GOOD), ("other.csv", other)],
        tmp_path,
        format="long_csv",
        new_indicators="error",
    )
    seen = []
    result = uploads.load_uploads(
        checks,
        format="long_csv",
        new_indicators="error",
        progress=lambda fraction, text: seen.append((fraction, text)),
    )
    assert result.loaded
    fractions = [fraction for fraction, _ in seen]
    assert fractions == sorted(fractions) and fractions[0] == 0.0 and fractions[-1] == 1.0
    assert len(seen) == 2 * len(intake.PHASES)
    assert "other.csv" in seen[-1][1]


def test_a_busy_store_says_try_again(data_app, monkeypatch, store_copy):
    def busy(*args, **kwargs):
        raise duckdb.TransactionException("Conflict on tuple deletion!")

    monkeypatch.setattr(uploads, "load_checked", busy)
    at = load(upload(data_app, ("good.csv", GOOD)))
    assert [w.value for w in at.warning][0].startswith("Bezig, probeer het zo opnieuw.")
    assert not at.success
    assert count_rows(store_copy, "SELECT count(*) FROM loads") == 1


@pytest.mark.parametrize(
    ("name", "data", "codes"),
    [
        ("empty.csv", b"", {"empty_file"}),
        ("image.csv", b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4, set()),
        ("too_big.csv", GOOD * 100, {"file_too_large"}),
    ],
    ids=["empty", "binary", "too_large"],
)
def test_bad_input_gets_a_report_not_a_crash(data_app, monkeypatch, name, data, codes):
    monkeypatch.setenv("BW_MAX_UPLOAD_MB", "0.005")  # 5 kB: GOOD * 100 is larger
    at = upload(data_app, (name, data))
    report = table(at, "severity", "code")
    assert set(report["code"]) >= codes  # a binary file: whichever error the loaders give
    assert report["severity"].iloc[0].endswith("fout")
    assert at.button(key=data_page.LOAD_KEY).disabled


def test_file_names_cannot_leave_the_folder_or_become_markdown(data_app, tmp_path):
    assert uploads.safe_file_name("../../etc/passwd") == "passwd"
    assert uploads.safe_file_name("C:\\data\\monitor.csv") == "monitor.csv"
    path = uploads.write_upload(tmp_path, 0, "../../x.csv", b"1")
    assert path == tmp_path / "0" / "x.csv"
    at = upload(data_app, ("**vet**[link](x).csv", GOOD))
    assert at.expander[0].label.startswith("\\*\\*vet\\*\\*\\[link\\](x).csv")


# --- history and undo -------------------------------------------------------------------------


def test_undo_of_the_new_load_restores_the_store(data_app, demo_info):
    at = load(upload(data_app, ("good.csv", GOOD)))
    assert at.selectbox(key=data_page.UNDO_SELECT_KEY).value == 2, "the newest load first"
    assert at.button(key=data_page.UNDO_KEY).disabled, "undo needs the confirmation first"
    at.checkbox(key=data_page.undo_confirm_key(2)).check().run()
    at.button(key=data_page.UNDO_KEY).click().run()
    assert not at.exception, at.exception
    assert "Lading 2 is ongedaan gemaakt" in at.success[0].value
    assert history(at).iloc[0]["status"].startswith("ongedaan gemaakt")
    assert metric(at, "Waarnemingen") == format_number(demo_info["observations"])
    options = at.selectbox(key=data_page.UNDO_SELECT_KEY).options
    assert len(options) == 1 and options[0].startswith("Lading 1:"), "only active loads"
    assert not at.checkbox(key=data_page.undo_confirm_key(1)).value

    at.selectbox(key="region").set_value(HEERLEN)
    at.switch_page("app_pages/overzicht.py").run()
    assert "2025" not in set(at.dataframe(key="overzicht_table").value["period"])


def test_a_refused_undo_says_which_load_to_undo_first(data_app, store_copy):
    at = load(upload(data_app, ("good.csv", GOOD)))
    at = load(upload(at, ("changed.csv", CHANGED_BYTES)))
    assert "als lading 3" in at.success[0].value
    assert at.selectbox(key=data_page.UNDO_SELECT_KEY).value == 3, "the newest load first"
    at.selectbox(key=data_page.UNDO_SELECT_KEY).set_value(2).run()
    assert not at.checkbox(key=data_page.undo_confirm_key(2)).value, "confirm per load"
    at.checkbox(key=data_page.undo_confirm_key(2)).check().run()
    at.button(key=data_page.UNDO_KEY).click().run()
    assert not at.exception, at.exception
    assert any("Lading 2 kan niet ongedaan worden gemaakt" in e.value for e in at.error)
    assert "load(s) 3" in at.code[0].value and "undo those first" in at.code[0].value
    assert list(history(at)["status"]) == ["actief", "actief", "actief"]
    assert count_rows(store_copy, "SELECT count(*) FROM loads WHERE undone_at IS NULL") == 3


# --- templates and read-only ------------------------------------------------------------------


def test_the_templates_download_as_csv(data_app):
    at = data_app
    assert at.download_button(key=data_page.TEMPLATE_KEY).label == "Sjabloon lange CSV"
    assert at.download_button(key=data_page.CATALOGUE_KEY).label == "Indicatorcatalogus (CSV)"
    assert uploads.template_bytes().decode() == long_csv.TEMPLATE
    catalogue = uploads.catalogue_bytes().decode().splitlines()
    assert catalogue[0].startswith("id,name_nl,name_en,unit")
    assert any(line.startswith(f"{INDICATOR},") for line in catalogue)
    columns = table(at, "column", "required", "meaning")
    assert list(columns["column"]) == [*long_csv.REQUIRED, *long_csv.OPTIONAL]


def test_read_only_hides_upload_and_undo(store_copy, monkeypatch):
    monkeypatch.setenv("BW_READ_ONLY", "1")
    at = open_page(AppTest.from_file(APP, default_timeout=TIMEOUT), "data")
    assert not at.file_uploader
    assert not [b for b in at.button if b.key in (data_page.LOAD_KEY, data_page.UNDO_KEY)]
    assert any("alleen-lezen" in info.value for info in at.info)
    assert list(history(at)["status"]) == ["actief"], "the history stays visible"
    assert at.download_button(key=data_page.TEMPLATE_KEY)


# --- map boundaries (Kaartgrenzen) -------------------------------------------------------------

#: A valid one-area gemeente file (a small square around Heerlen, WGS84).
_SQUARE = [[[5.95, 50.87], [6.0, 50.87], [6.0, 50.9], [5.95, 50.9], [5.95, 50.87]]]
_ONE_GEMEENTE = (
    '{"type": "FeatureCollection", "features": [{"type": "Feature", "properties": '
    '{"statcode": "GM0917", "statnaam": "Heerlen"}, "geometry": {"type": "Polygon", '
    f'"coordinates": {_SQUARE}}}}}]}}'
)


def _boundaries_section(at: AppTest) -> str:
    return "\n".join(element.value for element in at.markdown if "Gemeenten:" in element.value)


def test_the_shipped_boundaries_are_named_with_advice_to_install_others(
    store_copy, tmp_path, monkeypatch
):
    monkeypatch.setenv("BW_DATA_DIR", str(tmp_path))
    at = open_page(AppTest.from_file(APP, default_timeout=TIMEOUT), "data")
    assert "Kaartgrenzen" in [header.value for header in at.header]
    section = _boundaries_section(at)
    assert "Gemeenten: meegeleverd met bw, indeling 2025 (342 gebieden)." in section
    assert "Provincies: meegeleverd met bw, indeling 2023 (12 gebieden)." in section
    assert "CBS/PDOK (CC BY 4.0)" in section
    commands = "\n".join(code.value for code in at.code)
    assert "python -m bw fetch boundaries 2026 --file grenzen.geojson" in commands
    assert "--level provincie" in commands
    assert str(tmp_path / "boundaries") in texts(at)  # where installed files go, for analysts


def test_an_installed_file_is_named_instead_of_the_shipped_one(store_copy, tmp_path, monkeypatch):
    (tmp_path / "boundaries").mkdir()
    (tmp_path / "boundaries" / "gemeente_2024.geojson").write_text(_ONE_GEMEENTE, "utf-8")
    monkeypatch.setenv("BW_DATA_DIR", str(tmp_path))
    at = open_page(AppTest.from_file(APP, default_timeout=TIMEOUT), "data")
    section = _boundaries_section(at)
    assert "Gemeenten: geïnstalleerd, indeling 2024 (1 gebieden)." in section
    assert "Provincies: meegeleverd met bw" in section  # the other level still falls back


def test_an_unusable_installed_file_is_explained_to_analysts(store_copy, tmp_path, monkeypatch):
    (tmp_path / "boundaries").mkdir()
    (tmp_path / "boundaries" / "gemeente_2025.geojson").write_text('{"type": "Topology"}', "utf-8")
    monkeypatch.setenv("BW_DATA_DIR", str(tmp_path))
    at = open_page(AppTest.from_file(APP, default_timeout=TIMEOUT), "data")
    assert "Gemeenten: het geïnstalleerde bestand is niet te gebruiken" in _boundaries_section(at)
    assert any("TopoJSON" in warning.value for warning in at.warning)


def test_without_permission_to_load_only_the_boundaries_in_use_are_named(
    store_copy, tmp_path, monkeypatch
):
    monkeypatch.setenv("BW_READ_ONLY", "1")  # a replica: everyone reads, nobody loads
    monkeypatch.setenv("BW_DATA_DIR", str(tmp_path))
    at = open_page(AppTest.from_file(APP, default_timeout=TIMEOUT), "data")
    assert "Gemeenten: meegeleverd met bw" in _boundaries_section(at)
    shown = "\n".join([texts(at), *(code.value for code in at.code)])
    assert "fetch boundaries" not in shown and str(tmp_path) not in shown
