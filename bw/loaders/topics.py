"""CBS topics to catalogue indicators: the one rule every CBS loader maps its numbers by.

A CBS table names its numbers by *topic* (OData v3 ``Key`` such as ``TotaleBevolking_1``, v4
``Measure`` such as ``M001534``, or a header like ``Bevolking/…/Totale bevolking (aantal)``).
:func:`resolve_topics` maps topics to catalogue indicators by an explicit mapping (source key,
title or path → indicator id) or by normalised title + unit; never by the key's numeric
suffix, which changes between yearly tables. Unmapped topics are an ``unmapped_topic`` error,
or new indicators "te classificeren" when the user asks for that, with ids by
:func:`bw.loaders.common.new_indicator_id` (qualified by unit, then source key).

The rest of what the CBS loaders share lives beside it, split by job: :mod:`cbs_codes`
(region codes, periods), :mod:`cbs_cells` (the ``cells`` table → validated observations) and
:mod:`cbs_files` (reading the files of a download).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from bw.loaders.common import (
    LoadContext,
    new_indicator_id,
)
from bw.model import Aggregation, Direction, Indicator
from bw.report import Severity, ValidationReport

# --------------------------------------------------------------------------------------------
# Topics → indicators
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Topic:
    """One numeric (or text) column of a CBS table."""

    key: str  # 'TotaleBevolking_1', 'M001534', or a download's header cell
    title: str  # 'Totale bevolking'
    unit: str | None = None  # 'aantal'; None when the source does not say
    decimals: int | None = None  # 0
    path: tuple[str, ...] = ()  # groups above it: ('Bevolking', 'Bevolkingssamenstelling')
    description: str = ""
    is_text: bool | None = False  # codes and names; None: unknown, decided from the values
    line: int | None = None  # header line of a text file, for issues


@dataclass(slots=True)
class TopicMapping:
    """Which topics are loaded as which indicators, and the indicators to create."""

    indicator_of: dict[str, str] = field(default_factory=dict)  # topic key -> indicator id
    new_indicators: list[Indicator] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)  # topic keys left out by the selection
    unmapped: list[str] = field(default_factory=list)  # topic keys in error


_UNIT_SYNONYMS = {
    "procent": "%",
    "percentage": "%",
    "percent": "%",
    "€": "euro",
    "eur": "euro",
    "aantal personen": "aantal",
    "x 1 000": "x 1000",
    "x1000": "x 1000",
}


def normalise_text(text: str | None) -> str:
    """Lower case, accents and punctuation removed, spaces collapsed: for matching titles.

    >>> normalise_text("  Gemiddelde   WOZ-waarde (Fryslân) ")
    'gemiddelde woz waarde fryslan'
    """
    if not text:
        return ""
    decomposed = unicodedata.normalize("NFKD", str(text))
    plain = "".join(ch for ch in decomposed if not unicodedata.combining(ch)).casefold()
    return " ".join(re.sub(r"[^0-9a-z%€]+", " ", plain).split())


def normalise_unit(unit: str | None) -> str:
    """A unit in one spelling: ``procent`` and ``%`` are the same unit.

    >>> normalise_unit("Procent") == normalise_unit("%")
    True
    """
    text = " ".join(str(unit or "").casefold().split())
    return _UNIT_SYNONYMS.get(text, text)


def _topic_names(topic: Topic) -> list[str]:
    """What a mapping may call a topic: its key, title and path (with and without unit)."""
    path = "/".join((*topic.path, topic.title))
    names = [topic.key, topic.title, path]
    if topic.unit:
        names += [f"{topic.title} ({topic.unit})", f"{path} ({topic.unit})"]
    return names


def resolve_topics(
    topics: Sequence[Topic], context: LoadContext, *, table: str, report: ValidationReport
) -> TopicMapping:
    """Map numeric topics to catalogue indicators; report or create what does not map.

    A mapping entry (source key, title or path → indicator id) wins; otherwise a catalogue
    indicator whose name and unit equal the topic's title and unit (normalised). When the
    mapping names at least one topic of this source it is a *selection*: the other topics are
    left out with one ``topic_skipped`` warning, so a wide table can feed two indicators.
    """
    result = TopicMapping()
    text = [t for t in topics if t.is_text]
    if text:
        shown = ", ".join(f"{t.title} ({t.key})" for t in text[:8])
        report.add(
            Severity.INFO,
            "text_topic",
            f"{len(text)} text topics are codes or names, not observations, and are not "
            f"loaded: {shown}{' …' if len(text) > 8 else ''}",
            count=len(text),
            topics=f"{shown}{' …' if len(text) > 8 else ''}",
        )
    numeric = [t for t in topics if not t.is_text]
    catalogue = context.indicators
    known_ids = set(catalogue["indicator_id"]) if len(catalogue) else set()
    unit_of = (
        dict(zip(catalogue["indicator_id"], catalogue["unit"], strict=True))
        if len(catalogue)
        else {}
    )
    by_title_unit: dict[tuple[str, str], list[str]] = {}
    columns = ("indicator_id", "name_nl", "unit")
    for indicator_id, name_nl, unit in (
        zip(*(catalogue[column] for column in columns), strict=True) if len(catalogue) else ()
    ):
        by_title_unit.setdefault((normalise_text(name_nl), normalise_unit(unit)), []).append(
            indicator_id
        )
    exact = dict(context.mapping)
    loose = {normalise_text(k): v for k, v in context.mapping.items()}

    def mapped(topic: Topic) -> str | None:
        names = _topic_names(topic)
        for name in names:
            if name in exact:
                return exact[name]
        for name in names:
            if normalise_text(name) in loose:
                return loose[normalise_text(name)]
        return None

    explicit = {t.key: mapped(t) for t in numeric}
    selection = any(v is not None for v in explicit.values())
    unmapped: list[Topic] = []
    for topic in numeric:
        target = explicit[topic.key]
        if target is not None:
            if target not in known_ids:
                report.error(
                    "unknown_indicator",
                    f"the mapping sends topic {topic.title!r} ({topic.key}) to "
                    f"{target!r}, which is not in the catalogue",
                    line=topic.line,
                    variant="mapping",
                    topic=f"{topic.title} ({topic.key})",
                    indicator=target,
                )
                continue
            if (
                topic.unit
                and unit_of.get(target)
                and normalise_unit(topic.unit) != normalise_unit(unit_of[target])
            ):
                report.error(
                    "unit_mismatch",
                    f"topic {topic.title!r} is in {topic.unit!r}, but indicator "
                    f"{target} is in {unit_of[target]!r}",
                    line=topic.line,
                    variant="topic",
                    topic=topic.title,
                    unit=topic.unit,
                    indicator=target,
                    expected=unit_of[target],
                )
                continue
            result.indicator_of[topic.key] = target
            continue
        matches = by_title_unit.get((normalise_text(topic.title), normalise_unit(topic.unit)), [])
        if topic.unit and len(matches) == 1:
            result.indicator_of[topic.key] = matches[0]
        else:
            unmapped.append(topic)
    _report_shared_targets(numeric, result, report)
    if unmapped and context.new_indicators == "create":
        result.new_indicators = _new_indicators(unmapped, known_ids, table=table, report=report)
        result.indicator_of.update(
            {t.key: i.id for t, i in zip(unmapped, result.new_indicators, strict=True)}
        )
    elif unmapped and selection:
        result.skipped = [t.key for t in unmapped]
        shown = ", ".join(t.title for t in unmapped[:10])
        report.warning(
            "topic_skipped",
            f"{len(unmapped)} topics are not in the mapping and are not loaded: "
            f"{shown}{' …' if len(unmapped) > 10 else ''}",
            count=len(unmapped),
            topics=f"{shown}{' …' if len(unmapped) > 10 else ''}",
        )
    else:
        result.unmapped = [t.key for t in unmapped]
        for topic in unmapped:
            report.error(
                "unmapped_topic",
                f"topic {topic.title!r} ({topic.key}, unit {topic.unit or 'onbekend'}) "
                "matches no catalogue indicator by name and unit: map it or load with "
                "new indicators 'te classificeren'",
                line=topic.line,
                variant="unit",
                topic=f"{topic.title} ({topic.key})",
                unit=topic.unit or "–",
            )
    return result


def _report_shared_targets(
    topics: Iterable[Topic], result: TopicMapping, report: ValidationReport
) -> None:
    by_target: dict[str, list[Topic]] = {}
    for topic in topics:
        if topic.key in result.indicator_of:
            by_target.setdefault(result.indicator_of[topic.key], []).append(topic)
    for target, sharing in by_target.items():
        if len(sharing) > 1:
            report.error(
                "duplicate_mapping",
                f"topics {', '.join(repr(t.key) for t in sharing)} all map to "
                f"{target}; map one topic per indicator",
                line=sharing[1].line,
                topics=", ".join(repr(t.key) for t in sharing),
                indicator=target,
            )
            for topic in sharing:
                result.indicator_of.pop(topic.key, None)


def _new_indicators(
    topics: Sequence[Topic], taken: set[str], *, table: str, report: ValidationReport
) -> list[Indicator]:
    """Indicators 'te classificeren' for unmapped topics: neutral, not aggregable, no theme."""
    titles = [normalise_text(t.title) for t in topics]
    created = []
    used = set(taken)
    for topic, title in zip(topics, titles, strict=True):
        name = topic.title
        if titles.count(title) > 1:  # 'Eenpersoonshuishoudens' under several groups
            name = f"{topic.title} ({topic.path[-1] if topic.path else topic.key})"
            if (
                sum(
                    1
                    for t in topics
                    if t.title == topic.title
                    and (t.path[-1:] or (t.key,)) == (topic.path[-1:] or (topic.key,))
                )
                > 1
            ):
                name = f"{name}, {topic.unit or topic.key}"
        candidate = new_indicator_id(name, used, qualifiers=(topic.unit or "", topic.key))
        used.add(candidate)
        unit = topic.unit or "onbekend"
        where = "/".join((*topic.path, topic.title))
        created.append(
            Indicator(
                id=candidate,
                name_nl=name,
                name_en=name,
                description_nl=(
                    topic.description.strip() or f"Onderwerp {where} uit CBS-tabel {table}."
                )
                + " Te classificeren: richting en dimensie zijn nog niet vastgesteld.",
                description_en=(
                    f"Topic {where} ({topic.key}) of CBS table {table}; to be "
                    "classified: direction and dimension are not set yet."
                ),
                unit=unit,
                decimals=min(max(int(topic.decimals if topic.decimals is not None else 1), 0), 6),
                direction=Direction.NEUTRAL,
                aggregation=Aggregation.NONE,
                source=f"CBS {table}",
                theme_ids=(),
            )
        )
        report.warning(
            "new_indicator",
            f"topic {topic.title!r} ({topic.key}, {unit}) becomes indicator "
            f"{candidate} 'te classificeren': set its direction and dimension",
            line=topic.line,
            topic=f"{topic.title} ({topic.key}, {unit})",
            indicator=candidate,
        )

    return created
