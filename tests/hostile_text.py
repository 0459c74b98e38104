"""A store with image, link and HTML payloads in every text field (issue 14 item 6).

Shared by the AppTest check (``tests/app/test_markdown_injection.py``) and the browser check
(``tests/browser/test_injection.py``). Every payload points at ``attacker.invalid``, a name that
never resolves, so a test can look for that host in what a page renders or fetches.
"""

from __future__ import annotations

import csv
import shutil
from datetime import date
from pathlib import Path

from bw import indicator_csv, policy_options, programmes, store, targets, workshops
from bw.auth import LOCAL_ACTOR
from bw.model import GroupKind, Target

HOST = "attacker.invalid"
IMAGE = f"![x](http://{HOST}/p.png)"
LINK = f"[klik](https://{HOST}/l)"
HTML = f'<img src="http://{HOST}/h.png"><a href="http://{HOST}/a">a</a>'
AUTOLINK = f"www.{HOST} http://{HOST}/x x@{HOST} http&#58;//{HOST}/e www&#46;{HOST}"
REFERENCE = f"[r]\n\n[r]: http://{HOST}/r"
#: Everything at once, for fields without a tight length limit.
ALL = f"{IMAGE} {LINK} {HTML} {AUTOLINK} {REFERENCE}"
#: Pseudonyms have at most 40 characters.
SHORT = IMAGE

GROUP = "RD_INJECTIE"
INDICATOR = "arbeid.werkloosheid"  # observed in the demo: its names, source and definition change
NEW_INDICATOR = "arbeid.injectie"  # a new one without observations: also its unit


def _seed(con, folder: Path) -> None:
    """Payloads in every text field, through the product's write paths."""
    actor = LOCAL_ACTOR
    catalogue = store.read_indicator_catalogue(con)
    row = catalogue.set_index("indicator_id").loc[INDICATOR]
    csv_path = folder / "indicators.csv"
    dims, themes = ";".join(row["dimensions"]), ";".join(row["theme_ids"])
    with csv_path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, delimiter=",")
        writer.writerow(indicator_csv.COLUMNS)
        writer.writerow(
            [
                INDICATOR,
                f"Werkloosheid {IMAGE} {HTML}",
                f"Unemployment {LINK} {HTML}",
                row["unit"],
                1,
                "down",
                dims,
                themes,
                "weighted_mean",
                f"CBS {HTML}",
                f"Definitie {AUTOLINK}",
                "",
                "",
                "",
            ]
        )
        writer.writerow(
            [
                NEW_INDICATOR,
                f"Nieuw {HTML}",
                f"New {IMAGE}",
                f"% {IMAGE}",
                1,
                "up",
                dims,
                themes,
                "weighted_mean",
                f"bron {LINK}",
                IMAGE,
                "",
                "",
                "",
            ]
        )
    indicators, report = indicator_csv.read_indicator_file(con, csv_path)
    assert report.ok, [(i.code, i.message) for i in report.issues]
    indicator_csv.import_indicators(con, indicators, actor=actor)

    members = [
        code
        for code, level in con.execute(
            "SELECT code, level FROM regions WHERE level = 'GM' ORDER BY code LIMIT 3"
        ).fetchall()
    ]
    store.insert_group(
        con,
        code=GROUP,
        name=f"Regio {IMAGE} {HTML}",
        kind=GroupKind.REGIO_DEAL,
        member_codes=["GM0917", *members],
        description=ALL,
    )
    store.refresh_derived(con)

    for region in ("GM0917", GROUP):
        programme = programmes.insert_programme(
            con,
            name=f"Programma {IMAGE}",
            kind="beleidsprogramma",
            region_codes=[region],
            owner=LINK,
            start_year=2024,
            end_year=2030,
            description=ALL,
            actor=actor,
        )
        opgave = programmes.insert_opgave(
            con,
            programme,
            title=f"Opgave {LINK}",
            description=ALL,
            indicators=[INDICATOR],
            actor=actor,
        )
        doel = programmes.insert_doel(
            con,
            opgave,
            text=f"Doel {HTML}",
            indicator_id=INDICATOR,
            target_value=4.0,
            target_year=2030,
            owner=IMAGE,
            feasibility_note=ALL,
            actor=actor,
        )
        programmes.insert_activiteit(con, doel, title=f"Activiteit {AUTOLINK}", actor=actor)
        programmes.insert_measurement_moment(
            con, programme, on=date(2026, 6, 1), label=f"Moment {IMAGE}", actor=actor
        )
        targets.set_target(
            con,
            Target(
                region,
                INDICATOR,
                minimum=12.0,
                ambition=None,
                rationale=ALL,
                source=f"anders {LINK}",
            ),
            actor=actor,
        )
        targets.set_target(
            con,
            Target(
                region,
                INDICATOR,
                minimum=9.0,
                ambition=5.0,
                target_year=2030,
                rationale=f"Waarom {IMAGE}",
                source=f"anders {HTML}",
            ),
            actor=actor,
        )
        option_set = policy_options.create_option_set(
            con,
            region_code=region,
            title=f"Keuze {IMAGE}",
            question=ALL,
            options=[(f"Optie {LINK}", ALL), (f"Optie {HTML}", IMAGE)],
            actor=actor,
        )
        first = policy_options.read_option_set(con, option_set).options[0]
        policy_options.set_effect(
            con,
            first.id,
            indicator_id=INDICATOR,
            effect="beter",
            size="klein",
            confidence="laag",
            timing="nu",
            place="hier",
            note=ALL,
            actor=actor,
        )
    store.create_load(
        con,
        source=f"bron {IMAGE}",
        format="long_csv",
        file_name=f"{LINK}.csv",
        loaded_by="lokaal",
        report={"note": ALL},
    )


def _seed_workshop(con) -> str:
    theme = (
        store.read_indicator_catalogue(con).set_index("indicator_id").at[INDICATOR, "theme_ids"][0]
    )
    session = workshops.create_session(
        con,
        title=f"Werksessie {IMAGE}",
        region_code="GM0917",
        phase="beleidsvorming",
        themes=[theme],
        actor=LOCAL_ACTOR,
    )
    argument = workshops.add_argument(
        con,
        session.code,
        theme_id=theme,
        text=ALL,
        sentiment="positief",
        scale="wijk",
        time_frame="nu",
        stakeholders=[LINK],
        author=SHORT,
    )
    second = workshops.add_argument(
        con,
        session.code,
        theme_id=theme,
        text=f"Twee {HTML}",
        sentiment="negatief",
        scale="eu",
        time_frame="later",
        author="x@" + HOST,
    )
    workshops.merge_arguments(con, session.id, second, argument, actor=LOCAL_ACTOR)
    workshops.add_comment(con, session.code, text=ALL, argument_id=argument, author=LINK[:40])
    workshops.add_comment(con, session.code, text=IMAGE, author=HTML[:40])
    return session.code


def make_hostile_store(demo_store: Path, folder: Path) -> tuple[Path, str]:
    """A copy of ``demo_store`` in ``folder`` with payloads everywhere; (path, workshop code)."""
    path = folder / "bw.duckdb"
    shutil.copy(demo_store, path)
    con = store.connect(path)
    try:
        with store.transaction(con):
            _seed(con, folder)
        code = _seed_workshop(con)
    finally:
        con.close()
    return path, code
