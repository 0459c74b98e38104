"""Programmes and their indicatorenplan: opgaven → SMART doelen → activiteiten, with indicators.

Sturen op Impact (Nationaal Netwerk Brede Welvaart) asks to keep *opgaven* (the challenge,
judged by impact indicators), *doelen* (SMART goals, judged by an outcome indicator against a
target value), *activiteiten* (output) and *voortgang* (progress) apart. This module holds the
rules of a programme's writes (who may, what is refused) and the SMART check; the records are
in :mod:`bw.records.programmes` (re-exported here), the queries in :mod:`bw.store.programmes`
and the fictional demo programme in :mod:`bw.demo_programme`. It never imports streamlit.
"""

from __future__ import annotations

import re
from datetime import date

import duckdb

from bw import audit, store
from bw.auth import Actor, Permission, require
from bw.records.programmes import Activiteit as Activiteit
from bw.records.programmes import ActivityStatus as ActivityStatus
from bw.records.programmes import Doel as Doel
from bw.records.programmes import IndicatorLevel as IndicatorLevel
from bw.records.programmes import MeasurementMoment as MeasurementMoment
from bw.records.programmes import Opgave as Opgave
from bw.records.programmes import Programme as Programme
from bw.records.programmes import ProgrammeKind as ProgrammeKind
from bw.store import programmes as programmes_store
from bw.store import targets as targets_store

#: Words and icons per activity status, so the status is never carried by colour alone.
ACTIVITY_STATUS_LABELS: dict[str, dict[str, str]] = {
    "nl": {
        "gepland": "○ gepland",
        "lopend": "◐ lopend",
        "afgerond": "● afgerond",
        "gestopt": "■ gestopt",
    },
    "en": {
        "gepland": "○ planned",
        "lopend": "◐ in progress",
        "afgerond": "● completed",
        "gestopt": "■ stopped",
    },
}

#: Programme kinds in words.
KIND_LABELS: dict[str, dict[str, str]] = {
    "nl": {
        "beleidsprogramma": "beleidsprogramma",
        "regio_deal": "Regio Deal",
        "nationaal_programma": "Nationaal Programma",
    },
    "en": {
        "beleidsprogramma": "policy programme",
        "regio_deal": "Region Deal",
        "nationaal_programma": "National Programme",
    },
}


# --- SMART check -----------------------------------------------------------------------------

#: A specific goal says at least this much (characters, after trimming).
MIN_SPECIFIC_LENGTH = 15

#: Words that make a goal vague when no number says how much (a common finding in P&C reviews).
VAGUE_WORDS = (
    "meer",
    "minder",
    "beter",
    "verbeteren",
    "stimuleren",
    "bevorderen",
    "versterken",
    "inzetten op",
    "aandacht voor",
    "zoveel mogelijk",
    "waar mogelijk",
    "streven naar",
)

#: The SMART check's codes in order, with the letter they belong to and the Dutch and English
#: explanation of what is missing.
SMART_CODES: dict[str, tuple[str, str, str]] = {
    "specific_too_short": (
        "S",
        "specifiek: de doeltekst is te kort om te zeggen wat er moet veranderen",
        "specific: the goal's text is too short to say what must change",
    ),
    "specific_vague": (
        "S",
        "specifiek: de doeltekst is vaag ('meer', 'beter', 'stimuleren') zonder maat",
        "specific: the goal's text is vague ('more', 'better', 'encourage') without a measure",
    ),
    "measurable_no_indicator": (
        "M",
        "meetbaar: er is geen indicator gekoppeld",
        "measurable: no indicator is linked",
    ),
    "measurable_no_target_value": (
        "M",
        "meetbaar: er is geen streefwaarde",
        "measurable: there is no target value",
    ),
    "assignable_no_owner": (
        "A",
        "acceptabel/toewijsbaar: er is geen eigenaar",
        "assignable: there is no owner",
    ),
    "realistic_no_feasibility_note": (
        "R",
        "realistisch: er is geen onderbouwing van de haalbaarheid",
        "realistic: there is no note on feasibility",
    ),
    "time_bound_no_target_year": (
        "T",
        "tijdgebonden: er is geen doeljaar",
        "time-bound: there is no target year",
    ),
}


def _blank(text: str | None) -> bool:
    return text is None or not str(text).strip()


def smart_codes(doel: Doel) -> list[str]:
    """The codes of what a doel misses to be SMART, in S-M-A-R-T order; [] when complete.

    >>> smart_codes(Doel(1, 1, "Meer bewegen"))[:2]
    ['specific_too_short', 'specific_vague']
    >>> smart_codes(Doel(1, 1, "In 2026 rookt hooguit 15% van de volwassenen", "x.y", 15.0,
    ...                  2026, "wethouder", "landelijke trend"))
    []
    """
    codes = []
    text = (doel.text or "").strip()
    if len(text) < MIN_SPECIFIC_LENGTH:
        codes.append("specific_too_short")
    lowered = f" {text.lower()} "
    if not re.search(r"\d", text) and any(
        re.search(rf"\b{re.escape(word)}\b", lowered) for word in VAGUE_WORDS
    ):
        codes.append("specific_vague")
    if _blank(doel.indicator_id):
        codes.append("measurable_no_indicator")
    if doel.target_value is None:
        codes.append("measurable_no_target_value")
    if _blank(doel.owner):
        codes.append("assignable_no_owner")
    if _blank(doel.feasibility_note):
        codes.append("realistic_no_feasibility_note")
    if doel.target_year is None:
        codes.append("time_bound_no_target_year")
    return codes


def smart_check(doel: Doel, *, lang: str = "nl") -> list[str]:
    """What a doel misses to be SMART, as ``"code: uitleg"`` lines (Dutch by default).

    >>> smart_check(Doel(1, 1, "In 2026 rookt hooguit 15% van de volwassenen", "x.y", 15.0,
    ...                  2026, None, "landelijke trend"))
    ['assignable_no_owner: acceptabel/toewijsbaar: er is geen eigenaar']
    """
    index = 1 if lang == "nl" else 2
    return [f"{code}: {SMART_CODES[code][index]}" for code in smart_codes(doel)]


def smart_summary(doel: Doel, *, lang: str = "nl") -> str:
    """One line with icon and words: SMART complete, or the letters and what is missing."""
    codes = smart_codes(doel)
    if not codes:
        return "✓ SMART compleet" if lang == "nl" else "✓ SMART complete"
    index = 1 if lang == "nl" else 2
    letters = "".join(dict.fromkeys(SMART_CODES[c][0] for c in codes))
    head = "⚠ niet SMART" if lang == "nl" else "⚠ not SMART"
    return f"{head} ({letters}): " + "; ".join(SMART_CODES[c][index] for c in codes)


# --- writing ---------------------------------------------------------------------------------


class ProgrammeError(store.StoreError):
    """A programme write that refers to something unknown or breaks a rule; nothing written.

    ``code`` and ``params`` let the UI say it in Dutch (the message stays English for the CLI).
    """

    def __init__(self, message: str, *, code: str = "invalid", **params: object) -> None:
        super().__init__(message)
        self.code = code  # 'moment_taken'
        self.params = params  # {'date': '2025-04-15', 'label': 'Voorjaarsnota'}


def _check_indicator(con: duckdb.DuckDBPyConnection, indicator_id: str | None) -> None:
    if indicator_id is None:
        return
    if targets_store.read_indicator_rule(con, indicator_id) is None:
        raise ProgrammeError(
            f"unknown indicator {indicator_id!r}", code="unknown_indicator", indicator=indicator_id
        )


#: Years a programme, doel or moment may name (a typo such as 20226 is refused).
MIN_YEAR, MAX_YEAR = 1990, 2100


def _check_programme(con: duckdb.DuckDBPyConnection, programme_id: int) -> None:
    if not programmes_store.exists(con, "programmes", programme_id):
        raise ProgrammeError(
            f"unknown programme {programme_id}",
            code="unknown_record",
            kind="programme",
            id=programme_id,
        )


def _required(text: str | None, what: str) -> str:
    if text is None or not str(text).strip():
        raise ProgrammeError(f"{what} is required", code="required")
    return str(text).strip()


def _optional(text: str | None) -> str | None:
    return None if text is None or not str(text).strip() else str(text).strip()


def _check_year(year: int | None, what: str) -> int | None:
    if year is None:
        return None
    if int(year) != year or not MIN_YEAR <= year <= MAX_YEAR:
        raise ProgrammeError(
            f"{what} must be a year between {MIN_YEAR} and {MAX_YEAR}, got {year}",
            code="bad_year",
            year=year,
            low=MIN_YEAR,
            high=MAX_YEAR,
        )
    return int(year)


def insert_programme(
    con: duckdb.DuckDBPyConnection,
    *,
    name: str,
    kind: str,
    region_codes: tuple[str, ...] | list[str] = (),
    owner: str | None = None,
    start_year: int | None = None,
    end_year: int | None = None,
    description: str | None = None,
    actor: Actor,
) -> int:
    """Add a programme and its regions; return its id.

    Raises :class:`ProgrammeError` (nothing written) for an empty name, an unknown kind or
    region, a year outside 1990–2100 or an end year before the start year, and
    :class:`~bw.auth.PermissionDenied` unless ``actor`` may edit programmes.
    """
    require(actor, Permission.EDIT_PROGRAMMES)
    name = _required(name, "a programme's name")
    if kind not in set(ProgrammeKind):
        choices = ", ".join(ProgrammeKind)
        raise ProgrammeError(
            f"unknown programme kind {kind!r}; choose one of {choices}",
            code="unknown_kind",
            kind=kind,
        )
    kind = ProgrammeKind(kind)
    start_year = _check_year(start_year, "the start year")
    end_year = _check_year(end_year, "the end year")
    if start_year is not None and end_year is not None and end_year < start_year:
        raise ProgrammeError(
            f"the end year {end_year} is before the start year {start_year}",
            code="years_order",
            start=start_year,
            end=end_year,
        )
    region_codes = list(dict.fromkeys(region_codes))
    for code in region_codes:
        if store.read_region(con, code) is None:
            raise ProgrammeError(f"unknown region {code!r}", code="unknown_region", region=code)
    programme_id = programmes_store.insert_programme(
        con,
        name=name,
        kind=kind,
        region_codes=region_codes,
        owner=_optional(owner),
        start_year=start_year,
        end_year=end_year,
        description=_optional(description),
    )
    audit.record(con, actor, "insert_programme", f"programme {programme_id}")
    return programme_id


def insert_opgave(
    con: duckdb.DuckDBPyConnection,
    programme_id: int,
    *,
    title: str,
    description: str | None = None,
    indicators: tuple[str, ...] | list[str] = (),
    actor: Actor,
) -> int:
    """Add an opgave with its impact indicators; return its id.

    Raises :class:`ProgrammeError` (nothing written) for an unknown programme or indicator or an
    empty title, and :class:`~bw.auth.PermissionDenied` unless ``actor`` may edit programmes.
    """
    require(actor, Permission.EDIT_PROGRAMMES)
    _check_programme(con, programme_id)
    title = _required(title, "an opgave's title")
    for indicator_id in indicators:
        _check_indicator(con, indicator_id)
    opgave_id = programmes_store.insert_opgave(
        con, programme_id, title=title, description=_optional(description)
    )
    for indicator_id in indicators:
        link_indicator(
            con,
            programme_id,
            level="opgave",
            ref_id=opgave_id,
            indicator_id=indicator_id,
            actor=actor,
        )
    audit.record(con, actor, "insert_opgave", f"opgave {opgave_id}")
    return opgave_id


def insert_doel(
    con: duckdb.DuckDBPyConnection,
    opgave_id: int,
    *,
    text: str,
    indicator_id: str | None = None,
    target_value: float | None = None,
    target_year: int | None = None,
    owner: str | None = None,
    feasibility_note: str | None = None,
    actor: Actor,
) -> int:
    """Add a doel (SMART parts may be missing; :func:`smart_check` says which); return its id.

    An incomplete doel is allowed (the SMART check is advice). Raises :class:`ProgrammeError`
    (nothing written) for an unknown opgave or indicator, an empty text or a target year
    outside 1990–2100, and :class:`~bw.auth.PermissionDenied` unless ``actor`` may edit
    programmes.
    """
    require(actor, Permission.EDIT_PROGRAMMES)
    if not programmes_store.exists(con, "opgaven", opgave_id):
        raise ProgrammeError(
            f"unknown opgave {opgave_id}", code="unknown_record", kind="opgave", id=opgave_id
        )
    text = _required(text, "a doel's text")
    indicator_id = _optional(indicator_id)
    _check_indicator(con, indicator_id)
    target_year = _check_year(target_year, "the target year")
    doel_id = programmes_store.insert_doel(
        con,
        opgave_id,
        text=text,
        indicator_id=indicator_id,
        target_value=target_value,
        target_year=target_year,
        owner=_optional(owner),
        feasibility_note=_optional(feasibility_note),
    )
    audit.record(con, actor, "insert_doel", f"doel {doel_id}")
    return doel_id


def insert_activiteit(
    con: duckdb.DuckDBPyConnection,
    doel_id: int,
    *,
    title: str,
    status: str = "gepland",
    share_done: float = 0.0,
    budget: float | None = None,
    actor: Actor,
) -> int:
    """Add an activiteit under a doel; return its id (``actor`` must edit programmes)."""
    require(actor, Permission.EDIT_PROGRAMMES)
    if not programmes_store.exists(con, "doelen", doel_id):
        raise ProgrammeError(
            f"unknown doel {doel_id}", code="unknown_record", kind="doel", id=doel_id
        )
    _check_share(share_done)
    if not title or not title.strip():
        raise ProgrammeError("an activiteit needs a title", code="required")
    activiteit_id = programmes_store.insert_activiteit(
        con,
        doel_id,
        title=title.strip(),
        status=ActivityStatus(status),
        share_done=float(share_done),
        budget=budget,
    )
    audit.record(con, actor, "insert_activiteit", f"activiteit {activiteit_id}")
    return activiteit_id


def _check_share(share_done: float) -> None:
    if not 0 <= share_done <= 100:
        raise ProgrammeError(
            f"share done must be between 0 and 100, got {share_done}",
            code="bad_share",
            share=share_done,
        )


def update_activiteit(
    con: duckdb.DuckDBPyConnection,
    activiteit_id: int,
    *,
    status: str | None = None,
    share_done: float | None = None,
    actor: Actor,
) -> None:
    """Set an activiteit's status and/or share done; a field given as None keeps its value.

    ``actor`` must edit programmes. Giving neither field writes nothing (and no audit line).
    """
    require(actor, Permission.EDIT_PROGRAMMES)
    if share_done is not None:
        _check_share(share_done)
    if not programmes_store.exists(con, "activiteiten", activiteit_id):
        raise ProgrammeError(
            f"unknown activiteit {activiteit_id}",
            code="unknown_record",
            kind="activiteit",
            id=activiteit_id,
        )
    changes: dict[str, str | float] = {}
    if status is not None:
        changes["status"] = str(ActivityStatus(status))
    if share_done is not None:
        changes["share_done"] = float(share_done)
    if not changes:
        return
    programmes_store.update_activiteit(
        con,
        activiteit_id,
        status=None if status is None else ActivityStatus(status),
        share_done=None if share_done is None else float(share_done),
    )
    audit.record(
        con,
        actor,
        "update_activiteit",
        f"activiteit {activiteit_id}: "
        + ", ".join(
            f"{value:g}%" if name == "share_done" else str(value) for name, value in changes.items()
        ),
    )


def link_indicator(
    con: duckdb.DuckDBPyConnection,
    programme_id: int,
    *,
    level: str,
    ref_id: int,
    indicator_id: str,
    actor: Actor,
) -> None:
    """Link an impact indicator to an opgave or an outcome indicator to a doel.

    Raises :class:`ProgrammeError` for an unknown level or indicator, or an opgave or doel that
    is not part of the programme, and :class:`~bw.auth.PermissionDenied` unless ``actor`` may
    edit programmes. Linking twice is harmless.
    """
    require(actor, Permission.EDIT_PROGRAMMES)
    if level not in set(IndicatorLevel):
        raise ProgrammeError(
            f"unknown level {level!r}; choose 'opgave' or 'doel'", code="unknown_level", level=level
        )
    _check_programme(con, programme_id)
    owner_id = programmes_store.read_programme_id_of(con, IndicatorLevel(level), ref_id)
    if owner_id != programme_id:
        raise ProgrammeError(
            f"{level} {ref_id} is not part of programme {programme_id}",
            code="not_in_programme",
            kind=level,
            id=ref_id,
        )
    _check_indicator(con, indicator_id)
    programmes_store.insert_indicator_link(
        con, programme_id, level=IndicatorLevel(level), ref_id=ref_id, indicator_id=indicator_id
    )
    audit.record(con, actor, "link_indicator", f"{level} {ref_id}: {indicator_id}")


def insert_measurement_moment(
    con: duckdb.DuckDBPyConnection, programme_id: int, *, on: date, label: str, actor: Actor
) -> None:
    """Add a moment of the P&C cycle at which progress is reported.

    Raises :class:`ProgrammeError` (nothing written) for an unknown programme, an empty label,
    a year outside 1990–2100 or a date the programme already has a moment on, and
    :class:`~bw.auth.PermissionDenied` unless ``actor`` may edit programmes.
    """
    require(actor, Permission.EDIT_PROGRAMMES)
    _check_programme(con, programme_id)
    label = _required(label, "a measurement moment's label")
    if not isinstance(on, date):
        raise ProgrammeError(f"a measurement moment needs a date, got {on!r}", code="no_date")
    _check_year(on.year, "the moment's year")
    taken = programmes_store.read_moment_label(con, programme_id, on)
    if taken is not None:
        raise ProgrammeError(
            f"programme {programme_id} already has a moment on {on.isoformat()} ({taken!r})",
            code="moment_taken",
            date=on.isoformat(),
            label=taken,
        )
    programmes_store.insert_measurement_moment(con, programme_id, on=on, label=label)
    audit.record(con, actor, "insert_measurement_moment", f"programme {programme_id}: {on}")


# --- reading ---------------------------------------------------------------------------------


def read_programmes(con: duckdb.DuckDBPyConnection) -> list[Programme]:
    """Every programme with its regions (without the plan), by name."""
    return programmes_store.read_programmes(con)


def read_programme(con: duckdb.DuckDBPyConnection, programme_id: int) -> Programme | None:
    """A programme with its whole plan (opgaven, doelen, activiteiten, indicators, moments)."""
    return programmes_store.read_programme(con, programme_id)
