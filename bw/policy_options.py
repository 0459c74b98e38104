"""Beleidsopties: 2–4 options for a decision, their expected effects on indicators, compared.

For the voorbereiding and beslissing phases of the policy cycle (Sturen op Impact): the people
preparing a decision write down, per option, which indicators they expect it to move, which way
(relative to the indicator's good direction), roughly how much, how sure they are, when (nu /
later) and where (hier / elders). :func:`compare` sets the options side by side per dimension of
brede welvaart and flags an option expected to push an indicator below the council's minimum
(methods.md §7). Sets and options record who created and last changed them; a changed or
removed effect is first copied to ``policy_effect_history``. The records are in
:mod:`bw.records.policy_options` (re-exported here), the queries in
:mod:`bw.store.policy_options`. Never imports streamlit.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from datetime import datetime
from decimal import InvalidOperation
from enum import StrEnum

import duckdb
import pandas as pd

from bw import monitor, store
from bw.auth import Actor, Permission, require
from bw.formatting import parse_number
from bw.labels import Label
from bw.model import is_missing
from bw.records.policy_options import Confidence as Confidence
from bw.records.policy_options import Effect as Effect
from bw.records.policy_options import ExpectedEffect as ExpectedEffect
from bw.records.policy_options import OptionSet as OptionSet
from bw.records.policy_options import Place as Place
from bw.records.policy_options import PolicyOption as PolicyOption
from bw.records.policy_options import Size as Size
from bw.records.policy_options import Timing as Timing
from bw.store import policy_options as policy_options_store
from bw.store import targets as targets_store

#: How many options a set holds: fewer is no choice, more is no longer comparable at a glance.
MIN_OPTIONS, MAX_OPTIONS = 2, 4

#: The dimensions in presentation order.
DIMENSIONS = ("hier_en_nu", "later", "elders")


class Flag(StrEnum):
    """The minimum check of one effect (methods.md §7); the first three count as flags."""

    EXPECTED_BELOW_MINIMUM = "expected_below_minimum"
    FURTHER_BELOW_MINIMUM = "further_below_minimum"
    RISK_BELOW_MINIMUM = "risk_below_minimum"
    WORSENS_WITH_MINIMUM = "worsens_with_minimum"  # a note: no number, margin not small


#: Flags that say the minimum is (expected to be) undershot; WORSENS_WITH_MINIMUM is a note.
SERIOUS_FLAGS = frozenset(
    {Flag.EXPECTED_BELOW_MINIMUM, Flag.FURTHER_BELOW_MINIMUM, Flag.RISK_BELOW_MINIMUM}
)

#: A convention of this product, not a measurement: what share of the current value a rough
#: size stands for, used only when no expected change is given. An effect of that size on an
#: indicator whose margin to the minimum is at most this share of its value risks the minimum.
SIZE_SHARES: dict[Size, float] = {Size.KLEIN: 0.02, Size.MIDDEL: 0.05, Size.GROOT: 0.10}

#: Icon and word per vocabulary word and flag, Dutch and English (never colour alone).
LABELS: dict[str, dict[str, Label]] = {
    "nl": {
        "beter": Label("⊕", "beter"),
        "slechter": Label("⊖", "slechter"),
        "geen": Label("○", "geen effect"),
        "klein": Label("", "klein"),
        "middel": Label("", "middel"),
        "groot": Label("", "groot"),
        "laag": Label("?", "laag vertrouwen"),
        "middel_conf": Label("~", "middel vertrouwen"),
        "hoog": Label("!", "hoog vertrouwen"),
        "nu": Label("", "nu"),
        "later": Label("", "later"),
        "hier": Label("", "hier"),
        "elders": Label("", "elders"),
        "expected_below_minimum": Label("⚠", "verwacht onder minimum"),
        "further_below_minimum": Label("⚠", "al onder minimum, verslechtert verder"),
        "risk_below_minimum": Label("⚠", "risico op onder minimum"),
        "worsens_with_minimum": Label("△", "verslechtering op indicator met minimum"),
        "no_flag": Label("", ""),
    },
    "en": {
        "beter": Label("⊕", "better"),
        "slechter": Label("⊖", "worse"),
        "geen": Label("○", "no effect"),
        "klein": Label("", "small"),
        "middel": Label("", "medium"),
        "groot": Label("", "large"),
        "laag": Label("?", "low confidence"),
        "middel_conf": Label("~", "medium confidence"),
        "hoog": Label("!", "high confidence"),
        "nu": Label("", "now"),
        "later": Label("", "later"),
        "hier": Label("", "here"),
        "elders": Label("", "elsewhere"),
        "expected_below_minimum": Label("⚠", "expected below minimum"),
        "further_below_minimum": Label("⚠", "already below minimum, worsens further"),
        "risk_below_minimum": Label("⚠", "risk of falling below minimum"),
        "worsens_with_minimum": Label("△", "worsens an indicator with a minimum"),
        "no_flag": Label("", ""),
    },
}

#: The dimensions in words.
DIMENSION_NAMES: dict[str, dict[str, str]] = {
    "nl": {"hier_en_nu": "Hier en nu", "later": "Later", "elders": "Elders"},
    "en": {"hier_en_nu": "Here and now", "later": "Later", "elders": "Elsewhere"},
}


def word(key: str, *, lang: str = "nl", confidence: bool = False) -> str:
    """Icon and word of a vocabulary word or flag: ``'⊖ slechter'``; '' for no flag.

    >>> word("slechter")
    '⊖ slechter'
    >>> word("middel", confidence=True, lang="en")
    '~ medium confidence'
    """
    found = LABELS[lang]["middel_conf" if confidence and key == "middel" else key]
    return str(found).strip()


# --- validation ------------------------------------------------------------------------------


class PolicyOptionsError(store.StoreError):
    """A policy-options write refused; ``code`` and ``params`` let the UI say it in Dutch."""

    def __init__(self, code: str, message: str, **params: object) -> None:
        super().__init__(message)
        self.code = code  # 'too_many_options'
        self.params = params  # {'n': 4}


_VOCABULARIES: dict[str, type[StrEnum]] = {
    "effect": Effect,
    "size": Size,
    "confidence": Confidence,
    "timing": Timing,
    "place": Place,
}


def _vocab(kind: str, value: object) -> StrEnum:
    enum = _VOCABULARIES[kind]
    text = str(value).strip().lower() if value is not None else ""
    if text not in {str(member) for member in enum}:
        choices = ", ".join(str(member) for member in enum)
        raise PolicyOptionsError(
            f"unknown_{kind}",
            f"unknown {kind} {value!r}; choose one of {choices}",
            value=value,
            choices=choices,
        )
    return enum(text)


def parse_change(value: object) -> float | None:
    """An expected change as a float: a number, Dutch or English text, or None for blank.

    >>> parse_change("-1,5")
    -1.5
    >>> parse_change(" ") is None
    True
    >>> parse_change("veel")
    Traceback (most recent call last):
    ...
    bw.policy_options.PolicyOptionsError: expected change 'veel' is not a number
    """
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, bool):
        raise PolicyOptionsError(
            "change_not_a_number", f"expected change {value!r} is not a number", value=value
        )
    if isinstance(value, int | float):
        number = float(value)
    else:
        text = str(value).strip().replace("−", "-")
        try:
            # a comma is the Dutch decimal mark; a lone point is read as a decimal point too
            number = float(parse_number(text, lang="nl" if "," in text else "en"))
        except (InvalidOperation, ValueError):
            raise PolicyOptionsError(
                "change_not_a_number", f"expected change {value!r} is not a number", value=value
            ) from None
    if not math.isfinite(number):
        raise PolicyOptionsError(
            "change_not_a_number", f"expected change {value!r} is not a number", value=value
        )
    return number


def check_change_agrees(
    effect: Effect, direction: str, change: float | None, indicator_id: str
) -> None:
    """Refuse an expected change whose sign contradicts the effect word.

    'beter' on an indicator where higher is good needs a change above zero, on one where lower
    is good a change below zero; 'slechter' the other way round; 'geen' only zero. Neutral
    indicators have no good direction, so any sign goes.

    >>> check_change_agrees(Effect.BETER, "down", -0.5, "arbeid.werkloosheid")
    >>> try:
    ...     check_change_agrees(Effect.BETER, "up", -0.5, "x")
    ... except PolicyOptionsError as error:
    ...     print(error.code)
    change_contradicts_effect
    """
    if change is None or direction not in ("up", "down"):
        return
    if effect == Effect.GEEN:
        if change != 0:
            raise PolicyOptionsError(
                "change_with_no_effect",
                f"effect 'geen' with an expected change of {change}: choose beter or slechter",
                change=change,
            )
        return
    good_sign = 1 if direction == "up" else -1
    needed = good_sign if effect == Effect.BETER else -good_sign
    if change * needed <= 0:
        side = "above" if needed > 0 else "below"
        better = "higher" if direction == "up" else "lower"
        raise PolicyOptionsError(
            "change_contradicts_effect",
            f"effect '{effect}' on '{indicator_id}' ({better} is better) needs a change "
            f"{side} 0, got {change}",
            effect=str(effect),
            indicator=indicator_id,
            change=change,
            side=side,
        )


def _text(value: str | None, code: str, what: str) -> str:
    if value is None or not str(value).strip():
        raise PolicyOptionsError(code, f"{what} is required")
    return str(value).strip()


def _optional(value: str | None) -> str | None:
    return None if value is None or not str(value).strip() else str(value).strip()


def _check_names(names: Sequence[str]) -> None:
    seen: set[str] = set()
    for name in names:
        key = name.casefold()
        if key in seen:
            raise PolicyOptionsError(
                "duplicate_option", f"two options are called {name!r}", name=name
            )
        seen.add(key)


# --- writing ---------------------------------------------------------------------------------


def _set_of_option(con: duckdb.DuckDBPyConnection, option_id: int) -> int:
    set_id = policy_options_store.read_set_of_option(con, option_id)
    if set_id is None:
        raise PolicyOptionsError("unknown_option", f"unknown option {option_id}", id=option_id)
    return set_id


def create_option_set(
    con: duckdb.DuckDBPyConnection,
    *,
    region_code: str,
    title: str,
    question: str | None = None,
    options: Sequence[tuple[str, str | None]],
    actor: Actor,
) -> int:
    """Add a decision question for a region with its first 2–4 options (name, description).

    Raises :class:`PolicyOptionsError` (nothing written) for an unknown region, an empty title
    or option name, two options with one name, or fewer than 2 or more than 4 options.
    """
    require(actor, Permission.EDIT_POLICY_OPTIONS)
    title = _text(title, "title_required", "a set's title")
    if store.read_region(con, str(region_code)) is None:
        raise PolicyOptionsError(
            "unknown_region", f"unknown region {region_code!r}", region=region_code
        )
    if len(options) < MIN_OPTIONS:
        raise PolicyOptionsError(
            "too_few_options",
            f"a set needs at least {MIN_OPTIONS} options, got {len(options)}",
            n=len(options),
            minimum=MIN_OPTIONS,
        )
    if len(options) > MAX_OPTIONS:
        raise PolicyOptionsError(
            "too_many_options",
            f"a set holds at most {MAX_OPTIONS} options, got {len(options)}",
            n=len(options),
            maximum=MAX_OPTIONS,
        )
    names = [_text(name, "option_name_required", "an option's name") for name, _ in options]
    _check_names(names)
    now = datetime.now()
    set_id = policy_options_store.insert_option_set(
        con,
        region_code=str(region_code),
        title=title,
        question=_optional(question),
        by=actor.name,
        at=now,
    )
    for position, (name, (_, description)) in enumerate(zip(names, options, strict=True), 1):
        policy_options_store.insert_option(
            con,
            set_id,
            position=position,
            name=name,
            description=_optional(description),
            by=actor.name,
            at=now,
        )
    return set_id


def add_option(
    con: duckdb.DuckDBPyConnection,
    set_id: int,
    *,
    name: str,
    description: str | None = None,
    actor: Actor,
) -> int:
    """Add an option to a set; return its id. A fifth option is refused (``too_many_options``)."""
    require(actor, Permission.EDIT_POLICY_OPTIONS)
    if not policy_options_store.set_exists(con, set_id):
        raise PolicyOptionsError("unknown_set", f"unknown option set {set_id}", id=set_id)
    name = _text(name, "option_name_required", "an option's name")
    existing = policy_options_store.read_option_names(con, set_id)
    if len(existing) >= MAX_OPTIONS:
        raise PolicyOptionsError(
            "too_many_options",
            f"option set {set_id} already has {len(existing)} options; at most {MAX_OPTIONS}",
            n=len(existing) + 1,
            maximum=MAX_OPTIONS,
        )
    _check_names([*existing, name])
    position = policy_options_store.next_position(con, set_id)
    now = datetime.now()
    option_id = policy_options_store.insert_option(
        con,
        set_id,
        position=position,
        name=name,
        description=_optional(description),
        by=actor.name,
        at=now,
    )
    policy_options_store.touch_set(con, set_id, by=actor.name, at=now)
    return option_id


def remove_option(con: duckdb.DuckDBPyConnection, option_id: int, *, actor: Actor) -> None:
    """Remove an option and its effects (kept in the history); refused below two options."""
    require(actor, Permission.EDIT_POLICY_OPTIONS)
    set_id = _set_of_option(con, option_id)
    n = policy_options_store.count_options(con, set_id)
    if n <= MIN_OPTIONS:
        raise PolicyOptionsError(
            "too_few_options",
            f"option set {set_id} needs at least {MIN_OPTIONS} options",
            n=n - 1,
            minimum=MIN_OPTIONS,
        )
    now = datetime.now()
    for effect_id in policy_options_store.read_effect_ids(con, option_id):
        policy_options_store.archive_effect(
            con, effect_id, by=actor.name, at=now, change="verwijderd"
        )
    policy_options_store.delete_option(con, option_id)
    policy_options_store.touch_set(con, set_id, by=actor.name, at=now)


def set_effect(
    con: duckdb.DuckDBPyConnection,
    option_id: int,
    *,
    indicator_id: str,
    effect: str,
    size: str,
    confidence: str,
    timing: str,
    place: str,
    expected_change: float | str | None = None,
    note: str | None = None,
    actor: Actor,
) -> int:
    """Record an option's expected effect on an indicator at a time and place; return its id.

    One effect per option, indicator, time and place: setting it again replaces it and keeps
    the old version in ``policy_effect_history``. Raises :class:`PolicyOptionsError` (nothing
    written) for an unknown option or indicator, a word outside the vocabulary, an expected
    change that is not a number or contradicts the effect word.
    """
    require(actor, Permission.EDIT_POLICY_OPTIONS)
    set_id = _set_of_option(con, option_id)
    rule = targets_store.read_indicator_rule(con, indicator_id)
    if rule is None:
        raise PolicyOptionsError(
            "unknown_indicator", f"unknown indicator {indicator_id!r}", indicator=indicator_id
        )
    words = {
        kind: _vocab(kind, value)
        for kind, value in (
            ("effect", effect),
            ("size", size),
            ("confidence", confidence),
            ("timing", timing),
            ("place", place),
        )
    }
    change = parse_change(expected_change)
    check_change_agrees(Effect(words["effect"]), rule[0], change, indicator_id)
    now = datetime.now()
    timing_word, place_word = Timing(words["timing"]), Place(words["place"])
    effect_word, size_word = Effect(words["effect"]), Size(words["size"])
    confidence_word = Confidence(words["confidence"])
    effect_id = policy_options_store.read_effect_id(
        con, option_id, indicator_id=indicator_id, timing=timing_word, place=place_word
    )
    if effect_id is not None:
        policy_options_store.archive_effect(
            con, effect_id, by=actor.name, at=now, change="gewijzigd"
        )
        policy_options_store.update_effect(
            con,
            effect_id,
            effect=effect_word,
            size=size_word,
            confidence=confidence_word,
            expected_change=change,
            note=_optional(note),
            by=actor.name,
            at=now,
        )
    else:
        effect_id = policy_options_store.insert_effect(
            con,
            option_id,
            indicator_id=indicator_id,
            timing=timing_word,
            place=place_word,
            effect=effect_word,
            size=size_word,
            confidence=confidence_word,
            expected_change=change,
            note=_optional(note),
            by=actor.name,
            at=now,
        )
    policy_options_store.touch_set(con, set_id, by=actor.name, at=now)
    return effect_id


def remove_effect(con: duckdb.DuckDBPyConnection, effect_id: int, *, actor: Actor) -> None:
    """Remove an expected effect; the removed version stays in the history."""
    require(actor, Permission.EDIT_POLICY_OPTIONS)
    option_id = policy_options_store.read_option_of_effect(con, effect_id)
    if option_id is None:
        raise PolicyOptionsError("unknown_effect_id", f"unknown effect {effect_id}", id=effect_id)
    now = datetime.now()
    policy_options_store.archive_effect(con, effect_id, by=actor.name, at=now, change="verwijderd")
    policy_options_store.delete_effect(con, effect_id)
    policy_options_store.touch_set(con, _set_of_option(con, option_id), by=actor.name, at=now)


# --- reading ---------------------------------------------------------------------------------


def read_option_sets(
    con: duckdb.DuckDBPyConnection, region_code: str | None = None
) -> list[OptionSet]:
    """Every option set (of one region, when given) with its options but without effects."""
    return policy_options_store.read_option_sets(con, region_code)


def read_option_set(con: duckdb.DuckDBPyConnection, set_id: int) -> OptionSet | None:
    """One option set with its options and their expected effects; None when unknown."""
    return policy_options_store.read_option_set(con, set_id)


def read_effect_history(con: duckdb.DuckDBPyConnection, set_id: int) -> pd.DataFrame:
    """Earlier versions of the set's effects, newest first (also of removed options)."""
    return policy_options_store.read_effect_history(con, set_id)


# --- judging ---------------------------------------------------------------------------------


def classify_flag(
    *,
    effect: str,
    direction: str,
    value: float | None,
    minimum: float | None,
    expected_change: float | None,
    size: str,
) -> Flag | None:
    """The minimum check of one effect (methods.md §7); None when there is nothing to flag.

    >>> classify_flag(effect="slechter", direction="up", value=72.0, minimum=70.0,
    ...               expected_change=-3.0, size="groot")
    <Flag.EXPECTED_BELOW_MINIMUM: 'expected_below_minimum'>
    >>> classify_flag(effect="slechter", direction="down", value=5.0, minimum=6.0,
    ...               expected_change=None, size="middel") is None
    False
    >>> classify_flag(effect="beter", direction="up", value=60.0, minimum=70.0,
    ...               expected_change=None, size="groot") is None
    True
    """
    if effect != Effect.SLECHTER or direction not in ("up", "down") or minimum is None:
        return None
    if value is None or is_missing(value):
        return Flag.WORSENS_WITH_MINIMUM
    good = 1.0 if direction == "up" else -1.0
    margin = (value - minimum) * good  # ≥ 0: at or above the minimum (equal meets it)
    if margin < 0:
        return Flag.FURTHER_BELOW_MINIMUM
    if expected_change is not None:
        return Flag.EXPECTED_BELOW_MINIMUM if margin + expected_change * good < 0 else None
    if margin == 0:
        return Flag.RISK_BELOW_MINIMUM  # any worsening at the minimum falls below it
    if value != 0 and margin <= abs(value) * SIZE_SHARES[Size(size)]:
        return Flag.RISK_BELOW_MINIMUM
    return Flag.WORSENS_WITH_MINIMUM


#: The columns of :func:`compare`, in order.
COMPARE_COLUMNS = (
    "dimension",
    "dimensions",
    "theme",
    "indicator_id",
    "indicator",
    "unit",
    "decimals",
    "direction",
    "timing",
    "place",
    "option_id",
    "position",
    "option",
    "effect",
    "size",
    "confidence",
    "expected_change",
    "period",
    "value",
    "minimum",
    "expected_value",
    "flag",
    "note",
)

Assess = Callable[[str], "monitor.RegionAssessment | None"]


def compare(
    con: duckdb.DuckDBPyConnection,
    set_id: int,
    *,
    assess: Assess | None = None,
    lang: str = "nl",
) -> pd.DataFrame:
    """The set's effects as a tidy table: one row per option × indicator × time × place.

    ``dimension`` is the dimension of the indicator's main theme (it may count for more,
    ``dimensions``); ``timing`` and ``place`` are the authors' judgement of when and where the
    effect lands. ``value`` and ``minimum`` are the region's latest value and current minimum;
    ``expected_value`` is value + expected change; ``flag`` the :func:`classify_flag` code.
    Sorted by dimension, theme, indicator, time, place and option. ``assess`` judges a region
    (default :func:`bw.monitor.assess_region`; the UI passes its cached reader).
    """
    option_set = read_option_set(con, set_id)
    if option_set is None:
        raise PolicyOptionsError("unknown_set", f"unknown option set {set_id}", id=set_id)
    judge = assess or (lambda code: monitor.assess_region(con, code))
    assessment = judge(option_set.region_code)
    catalogue = {
        str(row["indicator_id"]): row
        for row in store.read_indicator_catalogue(con).to_dict("records")
    }
    theme_order = {t: i for i, t in enumerate(store.read_themes(con)["theme_id"])}
    rows = []
    for option in option_set.options:
        for e in option.effects:
            meta = catalogue.get(e.indicator_id)
            item = assessment.item(e.indicator_id) if assessment is not None else None
            dims = list(meta["dimensions"]) if meta is not None else []
            themes = list(meta["theme_ids"]) if meta is not None else []
            direction = str(meta["direction"]) if meta is not None else "neutral"
            value = item.value if item is not None else None
            minimum = item.minimum if item is not None else None
            expected = (
                value + e.expected_change
                if value is not None and e.expected_change is not None
                else None
            )
            flag = classify_flag(
                effect=e.effect,
                direction=direction,
                value=value,
                minimum=minimum,
                expected_change=e.expected_change,
                size=e.size,
            )
            name = (
                str(meta["name_en" if lang == "en" else "name_nl"])
                if meta is not None
                else e.indicator_id
            )
            rows.append(
                {
                    "dimension": dims[0] if dims else None,
                    "dimensions": ";".join(dims),
                    "theme": themes[0] if themes else None,
                    "indicator_id": e.indicator_id,
                    "indicator": name,
                    "unit": str(meta["unit"]) if meta is not None else "",
                    "decimals": int(meta["decimals"]) if meta is not None else 1,
                    "direction": direction,
                    "timing": str(e.timing),
                    "place": str(e.place),
                    "option_id": option.id,
                    "position": option.position,
                    "option": option.name,
                    "effect": str(e.effect),
                    "size": str(e.size),
                    "confidence": str(e.confidence),
                    "expected_change": e.expected_change,
                    "period": item.period if item is not None else None,
                    "value": value,
                    "minimum": minimum,
                    "expected_value": expected,
                    "flag": str(flag) if flag is not None else None,
                    "note": e.note,
                }
            )
    table = pd.DataFrame(rows, columns=list(COMPARE_COLUMNS))
    if table.empty:
        return table
    table["_d"] = table["dimension"].map(lambda d: DIMENSIONS.index(d) if d in DIMENSIONS else 9)
    table["_t"] = table["theme"].map(lambda t: theme_order.get(t, 999))
    table = table.sort_values(["_d", "_t", "indicator", "timing", "place", "position"])
    table = table.drop(columns=["_d", "_t"]).reset_index(drop=True)
    for column in ("flag", "note"):  # None, not NaN, for "no flag": callers test `is None`
        table[column] = table[column].astype(object).where(table[column].notna(), None)
    return table


def summarise(table: pd.DataFrame, option_set: OptionSet) -> pd.DataFrame:
    """Per option: counts of better and worse effects per dimension, flags and notes.

    An indicator that counts for several dimensions is counted in each (as on the Overzicht).
    """
    rows = []
    for option in option_set.options:
        mine = table[table["option_id"] == option.id] if not table.empty else table
        row: dict[str, object] = {"option_id": option.id, "option": option.name}
        for dim in DIMENSIONS:
            in_dim = (
                mine[mine["dimensions"].map(lambda d, dim=dim: dim in d.split(";"))]
                if not mine.empty
                else mine
            )
            row[f"better_{dim}"] = int((in_dim["effect"] == "beter").sum()) if len(in_dim) else 0
            row[f"worse_{dim}"] = int((in_dim["effect"] == "slechter").sum()) if len(in_dim) else 0
        flags = mine["flag"].dropna() if not mine.empty else pd.Series(dtype=object)
        row["flags"] = int(flags.isin([str(f) for f in SERIOUS_FLAGS]).sum())
        row["notes"] = int((flags == str(Flag.WORSENS_WITH_MINIMUM)).sum())
        row["effects"] = len(mine)
        rows.append(row)
    return pd.DataFrame(rows)


# --- the demo option set ---------------------------------------------------------------------

#: The demo region of the fictional option set.
DEMO_REGION = "GM0917"  # Heerlen


def write_demo_option_set(con: duckdb.DuckDBPyConnection, *, actor: Actor) -> int | None:
    """Write a small fictional option set for Heerlen; return its id (None without Heerlen).

    Run after the derived tables are refreshed: the expected change of the flagged effect is
    placed from the demo's current value so that it lands just below the minimum.
    """
    if store.read_region(con, DEMO_REGION) is None:
        return None
    set_id = create_option_set(
        con,
        region_code=DEMO_REGION,
        actor=actor,
        title="Aanpak armoede en schulden 2026–2030 (fictief)",
        question="Welke aanpak verkleint armoede en schulden in Heerlen het meest, zonder "
        "elders of later schade te doen? (fictief voorbeeld)",
        options=[
            (
                "A. Schuldhulp in de wijk (fictief)",
                "Wijkteams met schuldhulpverleners, vroegsignalering via woningcorporaties.",
            ),
            (
                "B. Werkgarantie met scholing (fictief)",
                "Leerwerkbanen bij regionale werkgevers, met scholing in de techniek.",
            ),
            (
                "C. Bedrijventerrein uitbreiden (fictief)",
                "Nieuwe logistieke bedrijven op een uitgebreid terrein aan de A76.",
            ),
        ],
    )
    ids = [o.id for o in read_option_sets(con, DEMO_REGION)[-1].options]
    assessment = monitor.assess_region(con, DEMO_REGION)
    catalogue = set(store.read_indicator_catalogue(con)["indicator_id"])
    for (
        option_index,
        indicator_id,
        effect,
        size,
        confidence,
        timing,
        place,
        change,
        note,
    ) in _DEMO_EFFECTS:
        if indicator_id not in catalogue:
            continue
        expected = (
            _just_below_minimum(assessment.item(indicator_id))
            if change == "just_below_minimum"
            else change
        )
        set_effect(
            con,
            ids[option_index],
            indicator_id=indicator_id,
            effect=effect,
            size=size,
            confidence=confidence,
            timing=timing,
            place=place,
            expected_change=expected,
            note=note,
            actor=actor,
        )
    return set_id


def _just_below_minimum(item: monitor.IndicatorAssessment | None) -> float | None:
    """A worsening change that takes the item one step past its minimum (demo only)."""
    if item is None or item.value is None or item.minimum is None:
        return None
    good = 1.0 if item.direction == "up" else -1.0
    margin = (item.value - item.minimum) * good
    step = 10.0**-item.decimals
    return round(-good * (max(margin, 0) + 5 * step), item.decimals)


#: (option index, indicator, effect, size, confidence, timing, place, change, note). Fictional.
_DEMO_EFFECTS = (
    (
        0,
        "inkomen.laag_inkomen",
        "beter",
        "middel",
        "middel",
        "nu",
        "hier",
        None,
        "fictief: minder huishoudens met betalingsachterstanden",
    ),
    (0, "welzijn.tevredenheid_leven", "beter", "klein", "middel", "nu", "hier", None, None),
    (0, "samenleving.eenzaamheid", "beter", "klein", "laag", "nu", "hier", None, None),
    (
        1,
        "arbeid.werkloosheid",
        "beter",
        "middel",
        "middel",
        "nu",
        "hier",
        None,
        "fictief: pilot met 40 leerwerkbanen",
    ),
    (
        1,
        "onderwijs.voortijdig_schoolverlaters",
        "beter",
        "klein",
        "laag",
        "later",
        "hier",
        None,
        None,
    ),
    (1, "arbeid.hoogopgeleiden", "beter", "middel", "laag", "later", "hier", None, None),
    (2, "arbeid.werkloosheid", "beter", "groot", "middel", "nu", "hier", None, None),
    (
        2,
        "grondstoffen.co2_uitstoot",
        "slechter",
        "groot",
        "hoog",
        "later",
        "elders",
        None,
        "fictief: meer vrachtverkeer",
    ),
    (
        2,
        "grondstoffen.restafval",
        "slechter",
        "middel",
        "middel",
        "nu",
        "hier",
        "just_below_minimum",
        "fictief: bedrijfsafval via de gemeentelijke inzameling",
    ),
)
