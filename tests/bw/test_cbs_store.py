"""Tests for bw.cbs_store and tools/build_cbs_snapshot.py: the default store of real CBS figures.

The shipped snapshot is checked against the unedited CBS files in ../shared/data/real (marked
real_data: skipped when absent, required in CI), and the store built from it against both.
"""

from __future__ import annotations

import csv
import gzip
import json
import subprocess
import sys
from pathlib import Path

import pytest

from bw import bootstrap, cbs_store, cli, config, monitor, store
from bw.assess import aggregate_group
from bw.targets import EXAMPLE_TARGET_RATIONALE, EXAMPLE_TARGET_SOURCE

ROOT = Path(__file__).resolve().parents[2]
RMBW = "cbs-rmbw-gemeenten-2013-2022/rmbw_gemeente_original_values_long.csv"


@pytest.fixture(scope="module")
def cbs_path(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("cbs") / "bw.duckdb"
    bootstrap.init_store(path, kind="cbs")
    return path


@pytest.fixture
def con(cbs_path):
    connection = store.connect(cbs_path, read_only=True)
    yield connection
    connection.close()


def rmbw_rows(real: Path) -> list[dict]:
    with (real / RMBW).open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


# --- the catalogue ----------------------------------------------------------------------------


def test_every_rmbw_code_has_one_catalogue_entry():
    codes = {r.indicator.cbs_code for r in cbs_store.read_rmbw_catalogue() if r.indicator.cbs_code}
    snapshot = config.cbs_snapshot_dir() / "rmbw_gemeenten.csv.gz"
    with gzip.open(snapshot, "rt", encoding="utf-8") as rows:
        shipped = {row[0] for row in csv.reader(rows)}
    assert codes == shipped - {"cbs_code"}
    assert len(codes) == 37


@pytest.mark.real_data
def test_catalogue_units_fit_the_values(real_data):
    """A percentage stays within 0-100, a score within its scale, euros are large numbers."""
    values: dict[str, list[float]] = {}
    for row in rmbw_rows(real_data):
        if row["usable"] == "1":
            values.setdefault(row["indicator_code"], []).append(float(row["value"]))
    for entry in cbs_store.read_rmbw_catalogue():
        indicator = entry.indicator
        if indicator.cbs_code is None:
            continue
        found = values[indicator.cbs_code]
        low, high = min(found), max(found)
        if indicator.unit == "%":
            assert low >= 0 and high <= 100, indicator.id
        elif indicator.unit == "score (1–4)":
            assert low >= 1 and high <= 4, indicator.id
        elif indicator.unit == "score (0–10)":
            assert low >= 0 and high <= 10, indicator.id
        elif indicator.unit == "euro":
            assert high > 10_000, indicator.id
        elif indicator.unit == "ton CO2-eq per inwoner":
            # kilograms (as the source's label says) would be thousands per inhabitant
            assert 1 < sum(found) / len(found) < 50, indicator.id


# --- the snapshot -----------------------------------------------------------------------------


@pytest.mark.real_data
def test_the_shipped_snapshot_is_what_the_script_makes_of_the_shared_files(real_data, tmp_path):
    out = tmp_path / "cbs"
    subprocess.run(
        [
            sys.executable,
            str(ROOT / "tools" / "build_cbs_snapshot.py"),
            "--real",
            str(real_data),
            "--out",
            str(out),
        ],
        check=True,
        capture_output=True,
        text=True,
    )
    shipped = config.cbs_snapshot_dir()
    for name in json.loads((shipped / "manifest.json").read_text())["outputs"]:
        assert (out / name).read_bytes() == (shipped / name).read_bytes(), name


def test_the_snapshot_is_small():
    total = sum(f.stat().st_size for f in config.cbs_snapshot_dir().iterdir())
    assert total < 3_000_000  # "a few MB at most"


# --- the store --------------------------------------------------------------------------------


@pytest.mark.real_data
def test_every_usable_value_is_stored_exactly_and_no_left_out_value_as_a_number(con, real_data):
    ids = {r.indicator.cbs_code: r.indicator.id for r in cbs_store.read_rmbw_catalogue()}
    stored = {
        (indicator, region, year): (value, reason)
        for indicator, region, year, value, reason in con.execute(
            "SELECT o.indicator_id, o.region_code, o.year, o.value, o.missing_reason "
            "FROM observations o JOIN loads l ON l.id = o.load_id "
            "WHERE l.file_name = 'data/cbs/rmbw_gemeenten.csv.gz'"
        ).fetchall()
    }
    rows = rmbw_rows(real_data)
    assert len(stored) == len(rows)
    for row in rows:
        value, reason = stored[(ids[row["indicator_code"]], row["statcode"], int(row["year"]))]
        if row["usable"] == "1":
            assert value == float(row["value"]) and reason is None
        else:
            assert value is None, row  # never the 0 the source wrote
            expected = "verdachte_reeks" if row["suspect_manual_fill"] == "1" else None
            assert reason == expected or (expected is None and reason in cbs_store.LEFT_OUT_REASONS)


def test_the_load_report_counts_left_out_and_suspect_values(con):
    report = json.loads(
        con.execute(
            "SELECT report FROM loads WHERE file_name = 'data/cbs/rmbw_gemeenten.csv.gz'"
        ).fetchone()[0]
    )
    assert report["counts"]["suspect"] == 60  # 3 indicators x 2 gemeenten x 10 years
    assert report["counts"]["left_out"] > 10_000
    codes = {issue["code"]: issue["message"] for issue in report["issues"]}
    assert "GM0363" in codes["suspect_series"] and "60" in codes["suspect_series"]


def test_info_says_cbs(cbs_path, capsys):
    assert cli.main(["--db", str(cbs_path), "info", "--json"]) == cli.EXIT_OK
    info = json.loads(capsys.readouterr().out)
    assert info["source"] == "cbs" and info["demo"] is False
    assert info["regions"]["GM"] >= 342 and info["regions"]["PV"] == 12
    assert info["regions"]["CR"] == 40
    assert info["indicators"]["elders"] == 0  # the RMBW does not regionalise elders


def test_regions_are_the_current_342_with_their_predecessors(con):
    current = con.execute(
        "SELECT count(*) FROM regions WHERE level = 'GM' AND last_year IS NULL"
    ).fetchone()[0]
    assert current == 342
    voorne = store.read_region(con, "GM1992")
    assert voorne.first_year == 2023 and voorne.province_code == "PV28"
    assert voorne.size_class == 5 and voorne.urbanity is None  # unknown, not guessed
    mergers = con.execute(
        "SELECT old_code, population_share FROM region_mergers WHERE new_code = 'GM1992' "
        "ORDER BY old_code"
    ).fetchall()
    assert [code for code, _ in mergers] == ["GM0501", "GM0530", "GM0614"]
    haaren = con.execute(
        "SELECT new_code, population_share FROM region_mergers WHERE old_code = 'GM0788'"
    ).fetchall()
    assert len(haaren) == 4 and abs(sum(share for _, share in haaren) - 1) < 1e-6
    assert store.read_region(con, "GM0788").last_year == 2020


def test_the_cbs_code_is_in_the_catalogue_and_its_export(con, tmp_path, cbs_path, capsys):
    catalogue = store.read_indicator_catalogue(con)
    assert catalogue.set_index("indicator_id").loc["arbeid.werkloosheid", "cbs_code"] == "09_E_V_13"
    out = tmp_path / "indicators.csv"
    assert cli.main(["--db", str(cbs_path), "indicators", "export", str(out)]) == cli.EXIT_OK
    rows = list(csv.DictReader(out.open(encoding="utf-8")))
    assert {row["cbs_code"] for row in rows} >= {"09_E_V_13", "01_KL_H_01"}


def test_a_left_out_value_says_why_and_ranks_count_only_gemeenten_with_a_value(con):
    assessment = monitor.assess_region(con, "GM0363")  # Amsterdam: suspect labour series
    unemployment = assessment.item("arbeid.werkloosheid")
    assert unemployment.value is None and unemployment.missing_reason == "verdachte_reeks"
    life = assessment.item("welzijn.tevredenheid_leven")
    assert life.n is not None and 200 <= life.n < 342  # survey: gemeenten with a value only


def test_nl_labour_figures_are_cbs_figures_the_rest_is_computed(con):
    assessment = monitor.assess_region(con, "NL01")
    record = {r["indicator"]: r for r in monitor.records(assessment)}
    assert record["arbeid.werkloosheid"]["origin"] == "source"
    assert record["arbeid.werkloosheid"]["coverage"] is None
    computed = record["welzijn.tevredenheid_leven"]
    assert computed["origin"] == "aggregated" and 0.8 <= computed["coverage"] <= 1
    # a median is not aggregable: no computed value
    assert record["economie.mediaan_vermogen"]["value"] is None


def test_a_province_below_80_percent_coverage_gets_no_value(con):
    # Noord-Holland without Amsterdam's (suspect, not loaded) unemployment: about 68% covered.
    item = monitor.assess_region(con, "PV27").item("arbeid.werkloosheid")
    assert item.value is None


@pytest.mark.real_data
def test_population_weighted_nl_unemployment_agrees_with_80590ned(real_data, con):
    """A check of the aggregation (methods.md §6) with the gemeente values CBS published.

    The store leaves Amsterdam's suspect series out, which moves NL by up to 0.12 pp (2021);
    NL's own figure therefore comes from 80590ned. The check aggregates the published values.
    """
    weights = {
        (r, y): v
        for r, y, v in con.execute(
            "SELECT region_code, year, value FROM observations "
            "WHERE indicator_id = 'bevolking.inwoners' AND region_code LIKE 'GM%'"
        ).fetchall()
    }
    nl = dict(
        con.execute(
            "SELECT year, value FROM observations WHERE indicator_id = 'arbeid.werkloosheid' "
            "AND region_code = 'NL01'"
        ).fetchall()
    )
    by_year: dict[int, list[tuple[str, float]]] = {}
    for row in rmbw_rows(real_data):
        if row["indicator_code"] == "09_E_V_13" and row["zero_value"] == "0":
            by_year.setdefault(int(row["year"]), []).append((row["statcode"], float(row["value"])))
    assert sorted(by_year) == list(range(2013, 2023))
    for year, cells in by_year.items():

        def weight(code, year=year):
            years = [y for (c, y) in weights if c == code]
            nearest = min(years, key=lambda y: (abs(y - year), y))
            return weights[(code, nearest)]

        result = aggregate_group(
            [v for _, v in cells], [weight(c) for c, _ in cells], aggregation="weighted_mean"
        )
        assert abs(result.value - nl[year]) <= 0.1, (year, result.value, nl[year])


def test_example_targets_are_labelled_and_for_at_most_two_gemeenten(con):
    rows = con.execute(
        "SELECT DISTINCT region_code, rationale, source FROM current_targets"
    ).fetchall()
    assert {r[0] for r in rows} <= {"GM0917", "GM0344"} and len({r[0] for r in rows}) <= 2
    assert all(r[1] == EXAMPLE_TARGET_RATIONALE and r[2] == EXAMPLE_TARGET_SOURCE for r in rows)


def test_init_without_a_flag_builds_the_cbs_store(tmp_path, capsys):
    path = tmp_path / "default.duckdb"
    assert cli.main(["--db", str(path), "init"]) == cli.EXIT_OK
    assert "CBS" in capsys.readouterr().out
    con = store.connect(path, read_only=True)
    try:
        assert store.read_source(con) == "cbs"
    finally:
        con.close()


def test_a_missing_snapshot_file_is_a_clear_error_and_leaves_no_store(tmp_path, monkeypatch):
    monkeypatch.setenv("BW_CBS_SNAPSHOT", str(tmp_path / "nowhere"))
    with pytest.raises(cbs_store.SnapshotError, match="build_cbs_snapshot"):
        bootstrap.init_store(tmp_path / "s.duckdb", kind="cbs")
    assert not (tmp_path / "s.duckdb").exists()


@pytest.mark.parametrize("region", ["GM1992", "1992", "Voorne aan Zee", "Haaren"])
def test_gemeenten_formed_or_dissolved_since_2013_are_known_to_the_loaders(con, tmp_path, region):
    from bw import intake

    path = tmp_path / "own.csv"
    year = 2019 if region == "Haaren" else 2024  # Haaren existed until 2020
    path.write_text(
        f"indicator,region,period,value\narbeid.werkloosheid,{region},{year},4.2\n",
        encoding="utf-8",
    )
    staged = intake.check_file(con, path)
    assert staged.report.ok, staged.report.render("own.csv")


def test_two_early_values_of_a_newer_year_leave_positions_on_the_comparison_period(tmp_path):
    """Issue 12 item 7 on real data: 2023 values for two gemeenten rank nobody among two."""
    from bw import intake
    from bw.auth import cli_actor

    path = tmp_path / "bw.duckdb"
    bootstrap.init_store(path, kind="cbs")
    early = tmp_path / "early.csv"
    early.write_text(
        "indicator,region,period,value\narbeid.werkloosheid,GM0917,2023,2.9\n"
        "arbeid.werkloosheid,GM0344,2023,3.1\n",
        encoding="utf-8",
    )
    con = store.connect(path)
    try:
        outcome = intake.load_file(con, early, actor=cli_actor("test"))
        assert outcome.report.ok
        item = monitor.assess_region(con, "GM0917").item("arbeid.werkloosheid")
    finally:
        con.close()
    assert (item.period, item.value) == (2023, 2.9)
    assert item.comparison_period == 2022
    assert item.n is not None and item.n >= 330  # ranked among the gemeenten of 2022
    assert item.vs_nl_class is not None  # compared with NL of 2022, not dropped
