"""The policy cycle (beleidscyclus) as data: phases, stakeholders, crucial roles and lessons.

The content lives in ``bw/data/policy_cycle.toml``; this module turns it into checked records.

The facts come from "Sturen op Impact" (Nationaal Netwerk Brede Welvaart, see
:data:`SOURCE_CREDIT`); the sentences are our own. Tips, examples, questions and lessons are
paraphrased in Dutch with an English version, so that no run of eight words of the source is
copied (``tests/bw/test_policy_cycle.py`` checks that). Names of roles and organisations are
facts and keep the source's wording. Each phase also says which part of this product supports
it: a page path for ``st.page_link``, or ``None`` when that part is not built yet.

No Streamlit here: ``ui/cycle_page.py`` renders this.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from bw.data_files import DATA_DIR, DataFileError, read_toml


@dataclass(frozen=True, slots=True)
class Text:
    """A text in Dutch and English."""

    nl: str  # "Gemeenteraad"
    en: str  # "Municipal council"

    def in_language(self, lang: str) -> str:
        """The text in ``lang`` ("nl" or "en"); Dutch for anything else.

        >>> Text("Rijk", "Central government").in_language("en")
        'Central government'
        """
        return self.en if lang == "en" else self.nl


@dataclass(frozen=True, slots=True)
class Level:
    """A level of government (or of cooperation) the source lists stakeholders for."""

    id: str  # "regio_deal"
    name: Text  # Text("Regio Deal", "Region Deal")


@dataclass(frozen=True, slots=True)
class StakeholderGroup:
    """The stakeholders of one phase at one level, named as the source names them."""

    level: str  # "gemeenten"
    names: tuple[Text, ...]  # (Text("Gemeenteraad", "Municipal council"), …)


@dataclass(frozen=True, slots=True)
class Support:
    """A part of this product that supports a phase."""

    label: Text  # Text("Overzicht", "Overview")
    how: Text  # what it offers in this phase
    page: str | None  # "app_pages/overzicht.py"; None: not built yet


@dataclass(frozen=True, slots=True)
class Phase:
    """One phase of the policy cycle with what the source advises for it."""

    id: str  # "agendering"
    name: Text  # Text("Agendering", "Agenda setting")
    purpose: Text  # what the phase is for, in one sentence
    tips: tuple[Text, ...]
    examples: tuple[Text, ...]
    questions: tuple[Text, ...]  # essential questions to ask in this phase
    stakeholders: tuple[StakeholderGroup, ...]  # in the order of LEVELS; absent level: none listed
    supports: tuple[Support, ...]

    def stakeholders_at(self, level: str) -> tuple[Text, ...]:
        """The stakeholders of this phase at ``level`` (empty when the source lists none)."""
        for group in self.stakeholders:
            if group.level == level:
                return group.names
        return ()


@dataclass(frozen=True, slots=True)
class Role:
    """A role that matters during the whole cycle, and why."""

    id: str  # "griffier"
    name: Text  # Text("Griffier", "Clerk of the council")
    what: Text  # what the role does for steering on impact


@dataclass(frozen=True, slots=True)
class Lesson:
    """One of the source's other lessons and insights."""

    id: str  # "iteratief"
    text: Text


#: The file that holds the content: every text of the cycle in Dutch and English.
CYCLE_FILE = DATA_DIR / "policy_cycle.toml"


def _text(value: Any, where: str) -> Text:
    """A ``{nl, en}`` table as a Text; both languages are required and non-empty."""
    if not isinstance(value, dict) or set(value) != {"nl", "en"}:
        raise ValueError(f"{where}: needs exactly the keys nl and en")
    if not all(isinstance(v, str) and v.strip() for v in value.values()):
        raise ValueError(f"{where}: nl and en must be non-empty texts")
    return Text(value["nl"], value["en"])


def _texts(values: list[Any], where: str) -> tuple[Text, ...]:
    """A list of ``{nl, en}`` tables as Texts."""
    return tuple(_text(value, f"{where}[{i}]") for i, value in enumerate(values))


def _keys(table: dict[str, Any], allowed: set[str], where: str) -> dict[str, Any]:
    """The table, after checking it has no key outside ``allowed`` (a typo would be lost)."""
    unknown = sorted(set(table) - allowed)
    if unknown:
        raise ValueError(f"{where}: unknown key(s) {', '.join(unknown)}")
    return table


def _phase(table: dict[str, Any], where: str, level_ids: set[str]) -> Phase:
    """One phase table as a record."""
    _keys(
        table,
        {"id", "name", "purpose", "tips", "examples", "questions", "stakeholders", "supports"},
        where,
    )
    groups: list[StakeholderGroup] = []
    for i, group in enumerate(table.get("stakeholders", ())):
        at = f"{where}.stakeholders[{i}]"
        if _keys(group, {"level", "names"}, at)["level"] not in level_ids:
            raise ValueError(f"{at}: unknown level {group['level']!r}")
        groups.append(StakeholderGroup(group["level"], _texts(group["names"], f"{at}.names")))
    supports: list[Support] = []
    for i, support in enumerate(table.get("supports", ())):
        at = f"{where}.supports[{i}]"
        _keys(support, {"label", "how", "page"}, at)
        supports.append(
            Support(
                _text(support["label"], f"{at}.label"),
                _text(support["how"], f"{at}.how"),
                support.get("page"),
            )
        )
    return Phase(
        id=table["id"],
        name=_text(table["name"], f"{where}.name"),
        purpose=_text(table["purpose"], f"{where}.purpose"),
        tips=_texts(table.get("tips", []), f"{where}.tips"),
        examples=_texts(table.get("examples", []), f"{where}.examples"),
        questions=_texts(table.get("questions", []), f"{where}.questions"),
        stakeholders=tuple(groups),
        supports=tuple(supports),
    )


def read_policy_cycle(path: Path = CYCLE_FILE) -> dict[str, Any]:
    """The cycle file as records: source_credit, rijk_preparation_note, levels, phases, roles and
    lessons; :class:`bw.data_files.DataFileError` names the file and the bad entry.

    >>> read_policy_cycle()["phases"][0].id
    'agendering'
    """
    data = read_toml(path)
    try:
        _keys(
            data,
            {"source_credit", "rijk_preparation_note", "levels", "phases", "roles", "lessons"},
            "file",
        )
        levels = tuple(
            Level(lv["id"], _text(lv["name"], f"levels[{i}].name"))
            for i, lv in enumerate(data["levels"])
        )
        level_ids = {lv.id for lv in levels}
        content: dict[str, Any] = {
            "source_credit": _text(data["source_credit"], "source_credit"),
            "rijk_preparation_note": _text(data["rijk_preparation_note"], "rijk_preparation_note"),
            "levels": levels,
            "phases": tuple(
                _phase(ph, f"phases[{i}]", level_ids) for i, ph in enumerate(data["phases"])
            ),
            "roles": tuple(
                Role(
                    r["id"],
                    _text(r["name"], f"roles[{i}].name"),
                    _text(r["what"], f"roles[{i}].what"),
                )
                for i, r in enumerate(data["roles"])
            ),
            "lessons": tuple(
                Lesson(le["id"], _text(le["text"], f"lessons[{i}].text"))
                for i, le in enumerate(data["lessons"])
            ),
        }
    except (KeyError, TypeError, ValueError) as error:
        raise DataFileError(f"{path.name}: {error}") from error
    for name in ("levels", "phases", "roles", "lessons"):
        ids = [item.id for item in content[name]]
        if len(set(ids)) != len(ids):
            raise DataFileError(f"{path.name}: an id occurs twice in {name}")
    return content


_CONTENT = read_policy_cycle()

#: The source, credited wherever its content is shown.
SOURCE_CREDIT: Text = _CONTENT["source_credit"]
#: The levels in the source's order.
LEVELS: tuple[Level, ...] = _CONTENT["levels"]
#: The six phases in the order of the cycle (after evaluation it starts again).
PHASES: tuple[Phase, ...] = _CONTENT["phases"]
#: What the source notes about the Rijk in preparation: it lists no separate stakeholders.
RIJK_PREPARATION_NOTE: Text = _CONTENT["rijk_preparation_note"]
#: Roles that matter during the whole cycle.
ROLES: tuple[Role, ...] = _CONTENT["roles"]
#: The source's other lessons and insights.
LESSONS: tuple[Lesson, ...] = _CONTENT["lessons"]

#: Phase ids in the order of the cycle.
PHASE_IDS: tuple[str, ...] = tuple(phase.id for phase in PHASES)
#: Level ids in the source's order.
LEVEL_IDS: tuple[str, ...] = tuple(level.id for level in LEVELS)


def phase(phase_id: str) -> Phase:
    """The phase with id ``phase_id``.

    >>> phase("beleidsevaluatie").name.nl
    'Beleidsevaluatie'
    """
    for item in PHASES:
        if item.id == phase_id:
            return item
    raise KeyError(phase_id)


def level(level_id: str) -> Level:
    """The level with id ``level_id``."""
    for item in LEVELS:
        if item.id == level_id:
            return item
    raise KeyError(level_id)


def next_phase(phase_id: str) -> Phase:
    """The phase after ``phase_id``; after evaluation the cycle starts again.

    >>> next_phase("beleidsevaluatie").id
    'agendering'
    """
    return PHASES[(PHASE_IDS.index(phase_id) + 1) % len(PHASES)]


def previous_phase(phase_id: str) -> Phase:
    """The phase before ``phase_id``; before agenda setting comes evaluation.

    >>> previous_phase("agendering").id
    'beleidsevaluatie'
    """
    return PHASES[(PHASE_IDS.index(phase_id) - 1) % len(PHASES)]


def stakeholder_rows(lang: str = "nl") -> list[dict[str, str]]:
    """One row per stakeholder: phase id, level id, and the phase, level and name in ``lang``.

    Phases and levels with no stakeholders in the source get no row.

    >>> stakeholder_rows()[0]["name"]
    'Gemeenteraad'
    """
    rows = []
    for item in PHASES:
        for lvl in LEVELS:
            for name in item.stakeholders_at(lvl.id):
                rows.append(
                    {
                        "phase_id": item.id,
                        "level_id": lvl.id,
                        "phase": item.name.in_language(lang),
                        "level": lvl.name.in_language(lang),
                        "name": name.in_language(lang),
                    }
                )
    return rows
