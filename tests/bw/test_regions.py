"""Tests for bw.regions: one resolver of region names and codes for every file format."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bw.loaders import long_csv, wsjg
from bw.loaders.common import LoadContext
from bw.regions import (
    RegionResolver,
    base_name,
    clean_region_name,
    match_region_names,
    normalise_name,
    split_tag,
)

#: Regions whose names CBS has to tell apart, as a store holds them after the region reference.
REGIONS = pd.DataFrame(
    [
        ("NL01", "Nederland", "NL", None),
        ("PV20", "Groningen", "PV", None),
        ("PV26", "Utrecht", "PV", None),
        ("CR17", "Utrecht", "CR", "PV26"),
        ("GM0014", "Groningen", "GM", "PV20"),
        ("GM0344", "Utrecht", "GM", "PV26"),
        ("GM0373", "Bergen (NH.)", "GM", "PV27"),
        ("GM0893", "Bergen (L.)", "GM", "PV31"),
        ("GM0164", "Hengelo", "GM", "PV23"),
        ("GM0518", "'s-Gravenhage", "GM", "PV28"),
        ("GM0687", "Middelburg", "GM", "PV29"),
        ("GM0796", "'s-Hertogenbosch", "GM", "PV30"),
        # A herindeling: Haaren dissolved in 2021 (stored with its last year); Groesbeek became
        # Berg en Dal in 2016 under the same people, a new name the region reference gives.
        ("GM0788", "Haaren", "GM", "PV30"),
        ("GM1945", "Berg en Dal", "GM", "PV25"),
        ("GM1979", "Eemsdelta", "GM", "PV20"),
        ("RD_X", "Regio Deal X", "group", None),
    ],
    columns=["code", "name", "level", "province_code"],
)

#: CBS tags its own names where it must: "Hengelo (O.)" in some tables, "Hengelo" in others.
TAGGED_STORE = pd.DataFrame(
    [
        ("GM0164", "Hengelo (O.)", "GM", "PV23"),
        ("GM0518", "'s-Gravenhage (gemeente)", "GM", "PV28"),
        ("PV26", "Utrecht (PV)", "PV", None),
        ("GM0344", "Utrecht (gemeente)", "GM", "PV26"),
    ],
    columns=["code", "name", "level", "province_code"],
)


@pytest.mark.parametrize(
    ("raw", "code", "problem"),
    [
        # codes, in any case and padding
        ("GM0344", "GM0344", None),
        (" gm0344 ", "GM0344", None),
        ("RD_X", "RD_X", None),
        ("Nederland", "NL01", None),
        # 's-Gravenhage / Den Haag, whatever the apostrophe
        ("'s-Gravenhage", "GM0518", None),
        ("’s-Gravenhage", "GM0518", None),
        ("‘s-gravenhage", "GM0518", None),
        ("'s-Gravenhage (gemeente)", "GM0518", None),
        ("Den Haag", "GM0518", None),
        ("den  haag", "GM0518", None),
        ("Den Bosch", "GM0796", None),
        # Bergen: every spelling of the province tags CBS and VNG use
        ("Bergen", None, "ambiguous_region"),
        ("Bergen (NH.)", "GM0373", None),
        ("Bergen (N.H.)", "GM0373", None),
        ("bergen (nh)", "GM0373", None),
        ("Bergen (L.)", "GM0893", None),
        ("Bergen (Li.)", "GM0893", None),
        ("Bergen (Lb.)", "GM0893", None),
        ("Bergen (ZH.)", None, "unknown_region"),
        # Hengelo (O.) is the gemeente; Hengelo (Gld.) is a village, no gemeente
        ("Hengelo", "GM0164", None),
        ("Hengelo (O.)", "GM0164", None),
        ("Hengelo (Ov.)", "GM0164", None),
        ("Hengelo (G.)", None, "unknown_region"),
        ("Hengelo (Gld.)", None, "unknown_region"),
        # Utrecht: gemeente, COROP region and province share the name
        ("Utrecht", None, "ambiguous_region"),
        ("Utrecht (gemeente)", "GM0344", None),
        ("Utrecht (provincie)", "PV26", None),
        ("Utrecht (PV)", "PV26", None),
        ("Utrecht (CR)", "CR17", None),
        ("Utrecht (ut.)", "GM0344", None),
        ("Utrecht (U.)", "GM0344", None),
        ("Utrecht (Utr.)", "GM0344", None),
        ("Groningen", None, "ambiguous_region"),
        ("Groningen (PV)", "PV20", None),
        ("Groningen (gemeente)", "GM0014", None),
        ("Middelburg (Z.)", "GM0687", None),
        ("  middelburg ", "GM0687", None),
        # names after a herindeling: a dissolved gemeente keeps its code, a renamed one is found
        # by its former name, a new one by the name the reference gives
        ("Haaren", "GM0788", None),
        ("Groesbeek", "GM1945", None),
        ("Berg en Dal", "GM1945", None),
        ("Eemsdelta", "GM1979", None),
        # groups are matched by code only; a tag nobody uses matches nothing
        ("Regio Deal X", None, "unknown_region"),
        ("Bergen (XY)", None, "unknown_region"),
        ("Atlantis", None, "unknown_region"),
        ("", None, "unknown_region"),
    ],
)
def test_hard_region_names(raw, code, problem):
    match = RegionResolver(REGIONS).resolve(raw)
    assert (match.code, match.problem) == (code, problem)


@pytest.mark.parametrize(
    ("raw", "code", "problem"),
    [
        ("Hengelo", "GM0164", None),  # the only Hengelo, though the store tags it
        ("hengelo (o.)", "GM0164", None),
        ("'s-Gravenhage", "GM0518", None),
        ("Den Haag", "GM0518", None),
        ("Den Haag (gemeente)", "GM0518", None),
        ("Utrecht", None, "ambiguous_region"),
        ("Utrecht (U.)", "GM0344", None),
        ("Utrecht (provincie)", "PV26", None),
    ],
)
def test_names_tagged_in_the_store(raw, code, problem):
    match = RegionResolver(TAGGED_STORE).resolve(raw)
    assert (match.code, match.problem) == (code, problem)


def test_a_preferred_level_settles_a_shared_name():
    assert RegionResolver(REGIONS, prefer_level="GM").resolve("Utrecht").code == "GM0344"
    match = RegionResolver(REGIONS, prefer_level="GM").resolve("Bergen")
    assert (match.problem, match.candidates) == ("ambiguous_region", ("GM0373", "GM0893"))
    assert match_region_names(["Utrecht"], REGIONS, prefer_level="PV")["Utrecht"].code == "PV26"


def test_name_helpers():
    assert normalise_name("  ’s-Gravenhage   (gemeente) ") == "'s-gravenhage (gemeente)"
    assert split_tag("Bergen (N. H.)") == ("Bergen", "nh")
    assert base_name("Hengelo (O.)") == base_name("hengelo") == "hengelo"
    assert clean_region_name("Groningen (PV)") == "Groningen"
    assert clean_region_name("Utrecht (gemeente)") == "Utrecht (gemeente)"


def test_an_empty_store_knows_nothing():
    empty = REGIONS.iloc[0:0]
    assert RegionResolver(empty).resolve("Utrecht").problem == "unknown_region"


# --- every format resolves a name the same way ----------------------------------------------

CATALOGUE = pd.DataFrame(
    [("arbeid.werkloosheid", "Werkloosheid", "%")],
    columns=["indicator_id", "name_nl", "unit"],
)

#: Spellings of regions; bare names that a table of gemeenten settles differently from a
#: table of any level ("Utrecht": the gemeente in wsjg_table, ambiguous elsewhere) are left out.
_NAMES = (
    "'s-Gravenhage",
    "Den Haag",
    "Bergen",
    "Bergen (NH.)",
    "Bergen (N.H.)",
    "Bergen (L.)",
    "Bergen (Li.)",
    "Hengelo",
    "Hengelo (O.)",
    "Hengelo (G.)",
    "Hengelo (Gld.)",
    "Utrecht (gemeente)",
    "Utrecht (ut.)",
    "Utrecht (U.)",
    "Utrecht (provincie)",
    "Groningen (PV)",
    "Middelburg (Z.)",
    "Haaren",
    "Groesbeek",
    "Atlantis",
    "Regio Deal X",
)


@st.composite
def spellings(draw):
    """A name as people type it: any case, extra spaces, another apostrophe."""
    name = draw(st.sampled_from(_NAMES))
    name = "".join(ch.upper() if draw(st.booleans()) else ch.lower() for ch in name)
    if draw(st.booleans()):
        name = name.replace("'", "’")
    if draw(st.booleans()):
        name = name.replace(" ", "  ")
    return draw(st.sampled_from(("", " "))) + name + draw(st.sampled_from(("", "  ")))


def _outcome(staged) -> str:
    if staged.report.ok:
        (code,) = set(staged.observations.column("region_code").to_pylist())
        return code
    codes = {issue.code for issue in staged.report.issues if issue.severity == "error"}
    assert codes <= {"unknown_region", "ambiguous_region"}, staged.report.issues
    (code,) = codes
    return code


def _via_long_csv(folder: Path, name: str, context: LoadContext) -> str:
    path = folder / "long.csv"
    path.write_text(
        f"indicator,region,period,value\narbeid.werkloosheid,{name},2022,1.5\n", encoding="utf-8"
    )
    return _outcome(long_csv.load(path, context))


def _via_wsjg_table(folder: Path, name: str, context: LoadContext) -> str:
    path = folder / "tabel.csv"
    path.write_text(f'"Gemeenten";"Werkloosheid 2022"\n"{name}";"1,5"\n', encoding="utf-8")
    return _outcome(wsjg.load_table(path, context))


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(name=spellings())
def test_a_name_resolves_the_same_in_every_format(tmp_path, name):
    """The long CSV, the wsjg table and the CBS loaders (which ask the resolver directly, as
    the regional monitor and the region reference do) agree on every spelling."""
    context = LoadContext(regions=REGIONS, indicators=CATALOGUE)
    match = RegionResolver(REGIONS).resolve(name)
    expected = match.code or match.problem
    assert _via_long_csv(tmp_path, name, context) == expected
    assert _via_wsjg_table(tmp_path, name, context) == expected
    # and every spelling of one name means what its plain spelling means
    plain = RegionResolver(REGIONS).resolve(" ".join(name.replace("’", "'").split()))
    assert (plain.code, plain.problem) == (match.code, match.problem)
