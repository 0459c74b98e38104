"""The P&C progress report (voortgangsrapportage) of a programme: printable HTML and a table.

Following Sturen op Impact, the report keeps three things apart: activiteiten (output: status,
share done, budget), doelen (outcome: the doel's indicator against its target value) and the
opgaven (impact: their indicators' trend), and it says so explicitly when activities are done
and goals met while the opgave does not move. Every text is escaped; no scripts, no links.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date, datetime
from html import escape
from typing import cast

import duckdb
import pandas as pd

from bw import monitor, store
from bw.formatting import format_number
from bw.labels import label
from bw.model import is_missing
from bw.programmes import (
    ACTIVITY_STATUS_LABELS,
    KIND_LABELS,
    ActivityStatus,
    Doel,
    Opgave,
    Programme,
    read_programme,
    smart_codes,
    smart_summary,
)
from bw.reports import kit
from bw.reports.texts import PROGRESS as _TEXT
from bw.reports.texts import PROGRESS_SECTIONS as _SECTIONS

#: Activities count as "mostly done" from this average share done (percent, stopped ones left
#: out) — a reporting convention, not a norm from the source.
MOSTLY_DONE_SHARE = 75.0

#: The columns of the flat table (CSV export), in order.
TABLE_COLUMNS = (
    "section",
    "opgave",
    "doel",
    "activiteit",
    "indicator",
    "region",
    "status",
    "share_done",
    "budget",
    "period",
    "value",
    "target_value",
    "target_year",
    "verdict",
    "trend",
    "smart",
)

#: The wide tables (six and nine columns) in smaller type, so their words fit their columns.
STYLE = """
table.fixed { font-size: 9pt; }
"""

Assess = Callable[[str], monitor.RegionAssessment | None]


@dataclass(frozen=True, slots=True)
class OpgaveSignal:
    """Whether an opgave shows 'activities done, goals met, but the opgave does not move'."""

    opgave_id: int
    mostly_done: bool  # average share done of the non-stopped activities ≥ MOSTLY_DONE_SHARE
    goals_met: bool  # every doel with a verdict met, and at least one verdict
    not_moving: tuple[tuple[str, str], ...]  # (region, indicator) impact pairs stable/worse

    @property
    def stuck(self) -> bool:
        """The signal of the source: output and outcome fine, impact not moving."""
        return self.mostly_done and self.goals_met and bool(self.not_moving)


def goal_verdict(value: float | None, target: float | None, direction: str) -> str:
    """'met', 'not_met' or 'no_verdict' for a value against a doel's target, direction-aware.

    >>> goal_verdict(3.0, 2.8, "down"), goal_verdict(77.4, 76.0, "up")
    ('not_met', 'met')
    >>> goal_verdict(1, 2, "neutral")
    'no_verdict'

    """
    if value is None or target is None or direction not in ("up", "down"):
        return "no_verdict"
    met = value >= target if direction == "up" else value <= target
    return "met" if met else "not_met"


def average_share_done(opgave_or_programme: Opgave | Programme) -> float | None:
    """Average share done of the activities that are not stopped; None without any."""
    activities = (
        opgave_or_programme.activiteiten()
        if isinstance(opgave_or_programme, Programme)
        else [a for d in opgave_or_programme.doelen for a in d.activiteiten]
    )
    counted = [a.share_done for a in activities if a.status != ActivityStatus.GESTOPT]
    return sum(counted) / len(counted) if counted else None


def assess_signal(
    opgave: Opgave, assessments: Mapping[str, monitor.RegionAssessment]
) -> OpgaveSignal:
    """Judge one opgave for the 'doelen gehaald, opgave beweegt niet' signal."""
    share = average_share_done(opgave)
    verdicts = [
        _verdict(doel, assessment) for doel in opgave.doelen for assessment in assessments.values()
    ]
    judged = [v for v in verdicts if v != "no_verdict"]
    not_moving = tuple(
        (code, indicator_id)
        for code, assessment in assessments.items()
        for indicator_id in opgave.indicators
        if (item := assessment.item(indicator_id)) is not None
        and item.trend in ("stable", "worsening")
    )
    return OpgaveSignal(
        opgave_id=opgave.id,
        mostly_done=share is not None and share >= MOSTLY_DONE_SHARE,
        goals_met=bool(judged) and all(v == "met" for v in judged),
        not_moving=not_moving,
    )


def signal_messages(table: pd.DataFrame, *, lang: str = "nl") -> list[str]:
    """The signal lines of a report table (empty when there are none)."""
    section = _SECTIONS[lang]["signaal"]
    return [str(m) for m in table.loc[table["section"] == section, "status"]]


def no_signal_text(*, lang: str = "nl") -> str:
    """What the report says when no opgave shows the signal."""
    return _TEXT[lang]["signal_none"]


def _verdict(doel: Doel, assessment: monitor.RegionAssessment) -> str:
    item = assessment.item(doel.indicator_id) if doel.indicator_id else None
    if item is None:
        return "no_verdict"
    return goal_verdict(item.value, doel.target_value, item.direction)


def build_progress_report(
    con: duckdb.DuckDBPyConnection,
    programme_id: int,
    *,
    lang: str = "nl",
    demo: bool,
    assess: Assess | None = None,
    today: date | None = None,
    generated_at: datetime | None = None,
) -> tuple[str, pd.DataFrame]:
    """The progress report of a programme as (self-contained HTML, flat table for CSV).

    ``assess`` judges a region (default :func:`bw.monitor.assess_region` on ``con``; the UI
    passes its cached reader). Raises :class:`bw.store.StoreError` for an unknown programme.
    """
    programme = read_programme(con, programme_id)
    if programme is None:
        raise store.StoreError(
            f"unknown programme {programme_id}; see `python -m bw programme list`"
        )
    judge = assess or (lambda code: monitor.assess_region(con, code))
    assessments = {
        code: found for code in programme.region_codes if (found := judge(code)) is not None
    }
    names = {code: a.region.name for code, a in assessments.items()}
    catalogue = store.read_indicator_catalogue(con).set_index("indicator_id")
    return _Report(
        programme,
        assessments,
        names,
        catalogue,
        lang,
        demo,
        today or date.today(),
        generated_at or datetime.now(),
    ).build()


class _Report:
    """Builds the HTML parts and the table rows together, so both carry the same content."""

    def __init__(
        self,
        programme: Programme,
        assessments: dict[str, monitor.RegionAssessment],
        names: dict[str, str],
        catalogue: pd.DataFrame,
        lang: str,
        demo: bool,
        today: date,
        generated_at: datetime,
    ) -> None:
        self.p, self.assessments, self.names = programme, assessments, names
        self.catalogue, self.lang, self.demo = catalogue, lang, demo
        self.today, self.generated_at = today, generated_at
        self.text = _TEXT[lang]
        self.rows: list[dict[str, object]] = []

    def build(self) -> tuple[str, pd.DataFrame]:
        text, p = self.text, self.p
        date_format = kit.date_format(self.lang)
        parts = [kit.demo_note(text["demo"])] if self.demo else []
        parts.append(kit.small(text["made"].format(date=self.generated_at.strftime(date_format))))
        parts += self._meta(date_format)
        parts.append(f"<p>{escape(text['intro'])}</p>")
        parts += self._activities()
        parts += self._goals()
        parts += self._impact()
        parts += self._signals()
        parts += [
            kit.small(text["method"].format(share=int(MOSTLY_DONE_SHARE))),
            kit.small(text["source"]),
        ]
        html = kit.document(f"{text['title']}: {p.name}", parts, lang=self.lang, style=STYLE)
        table = pd.DataFrame(self.rows, columns=list(TABLE_COLUMNS))
        return html, table

    # helpers

    def _name(self, indicator_id: str | None) -> str:
        if not indicator_id:
            return "–"
        if indicator_id not in self.catalogue.index:
            return indicator_id
        row = self.catalogue.loc[indicator_id]
        return str(row["name_en"] if self.lang == "en" else row["name_nl"])

    def _number(self, value: float | None, decimals: int = 1, unit: str = "") -> str:
        if value is None or is_missing(value):
            return "–"
        shown = format_number(float(value), decimals, lang=self.lang)
        # a no-break space: a narrow column wraps before the number, never inside "77,4 %"
        return f"{shown}\u00a0{unit}" if unit else shown

    def _euro(self, value: float | None) -> str:
        if value is None or is_missing(value):
            return "–"
        return f"€\u00a0{format_number(float(value), 0, lang=self.lang)}"

    def _row(self, section: str, **values: object) -> None:
        row = dict.fromkeys(TABLE_COLUMNS)
        row["section"] = _SECTIONS[self.lang][section]
        row.update(values)
        self.rows.append(row)

    # sections

    def _meta(self, date_format: str) -> list[str]:
        text, p = self.text, self.p
        period = f"{p.start_year or '…'}–{p.end_year or '…'}"
        regions = ", ".join(f"{self.names.get(c, c)} ({c})" for c in p.region_codes)
        past = [m for m in p.moments if m.date <= self.today]
        future = [m for m in p.moments if m.date > self.today]
        moments = [
            text["last_moment"].format(m=f"{past[-1].label}, {past[-1].date:{date_format}}")
            if past
            else None,
            text["next_moment"].format(m=f"{future[0].label}, {future[0].date:{date_format}}")
            if future
            else None,
        ]
        moments_text = "; ".join(m for m in moments if m) or text["none"]
        rows = [
            (text["kind"], KIND_LABELS[self.lang][str(p.kind)]),
            (text["owner"], p.owner or "–"),
            (text["period"], period),
            (text["regions"], regions or text["none"]),
            (text["moments"], moments_text),
        ]
        parts = kit.facts_table(rows)
        if p.description:
            parts.append(f"<p>{escape(p.description)}</p>")
        return parts

    def _activities(self) -> list[str]:
        text, lang = self.text, self.lang
        activities = self.p.activiteiten()
        counts = Counter(a.status for a in activities)
        counts_text = ", ".join(
            f"{ACTIVITY_STATUS_LABELS[lang][str(s)]} {counts[s]}" for s in ActivityStatus
        )
        share = average_share_done(self.p)
        budget = sum(a.budget for a in activities if a.budget is not None)
        summary = text["activities_summary"].format(
            n=len(activities),
            counts=counts_text,
            share=format_number(share, 0, lang=lang) if share is not None else "–",
            budget=self._euro(budget),
        )
        rows = []
        for opgave in self.p.opgaven:
            for doel in opgave.doelen:
                for a in doel.activiteiten:
                    status = ACTIVITY_STATUS_LABELS[lang][str(a.status)]
                    rows.append(
                        [
                            opgave.title,
                            doel.text,
                            a.title,
                            status,
                            f"{format_number(a.share_done, 0, lang=lang)}%",
                            self._euro(a.budget),
                        ]
                    )
                    self._row(
                        "activiteit",
                        opgave=opgave.title,
                        doel=doel.text,
                        activiteit=a.title,
                        status=status,
                        share_done=a.share_done,
                        budget=a.budget,
                    )
        headers = [
            (text["opgave"], False),
            (text["doel"], False),
            (text["activiteit"], False),
            (text["status"], False),
            (text["share"], True),
            (text["budget"], True),
        ]
        return [
            kit.heading(text["activities"]),
            f"<p>{escape(summary)}</p>",
            *kit.table(headers, rows, widths=[18, 30, 17, 11, 9, 15]),
        ]

    def _goals(self) -> list[str]:
        text, lang = self.text, self.lang
        rows = []
        for opgave in self.p.opgaven:
            for doel in opgave.doelen:
                smart = smart_summary(doel, lang=lang)
                targets = self._number(
                    doel.target_value,
                    self._decimals(doel.indicator_id),
                    self._unit(doel.indicator_id),
                )
                year = str(doel.target_year) if doel.target_year else "–"
                regions: list[tuple[str | None, monitor.RegionAssessment | None]] = [
                    *self.assessments.items()
                ] or [(None, None)]
                for code, assessment in regions:
                    item = (
                        assessment.item(doel.indicator_id)
                        if assessment is not None and doel.indicator_id
                        else None
                    )
                    verdict = goal_verdict(
                        item.value if item else None,
                        doel.target_value,
                        item.direction if item else "neutral",
                    )
                    value = (
                        f"{self._number(item.value, item.decimals, item.unit)} ({item.period})"
                        if item and item.value is not None
                        else "–"
                    )
                    trend = label("trend", item.trend, lang=lang) if item else "–"
                    rows.append(
                        [
                            opgave.title,
                            doel.text,
                            self._name(doel.indicator_id),
                            self.names.get(code, code) if code else "–",
                            value,
                            f"{targets} ({year})",
                            text[verdict],
                            trend,
                            smart,
                        ]
                    )
                    self._row(
                        "doel",
                        opgave=opgave.title,
                        doel=doel.text,
                        indicator=doel.indicator_id,
                        region=code,
                        period=item.period if item else None,
                        value=item.value if item else None,
                        target_value=doel.target_value,
                        target_year=doel.target_year,
                        verdict=text[verdict],
                        trend=trend,
                        smart="; ".join(smart_codes(doel)) or "ok",
                    )
        headers = [
            (text["opgave"], False),
            (text["doel"], False),
            (text["indicator"], False),
            (text["region"], False),
            (text["value"], True),
            (text["target"], True),
            (text["verdict"], False),
            (text["trend"], False),
            (text["smart"], False),
        ]
        # nine columns: set widths, or the longest words would push the table off the page
        widths = [12, 17, 11, 10, 11, 11, 9, 8, 11]
        return [kit.heading(text["goals"]), *kit.table(headers, rows, widths=widths)]

    def _unit(self, indicator_id: str | None) -> str:
        if indicator_id and indicator_id in self.catalogue.index:
            return str(self.catalogue.loc[indicator_id, "unit"])
        return ""

    def _decimals(self, indicator_id: str | None) -> int:
        if indicator_id and indicator_id in self.catalogue.index:
            # a cell of the catalogue's integer column (pandas types a cell as any scalar)
            return int(cast(int, self.catalogue.loc[indicator_id, "decimals"]))
        return 1

    def _impact(self) -> list[str]:
        text, lang = self.text, self.lang
        parts = [kit.heading(text["impact"], anchor="impact")]
        headers = [
            (text["indicator"], False),
            (text["region"], False),
            (text["value"], True),
            (text["trend"], False),
        ]
        for opgave in self.p.opgaven:
            parts.append(f"<h3>{escape(text['opgave'])}: {escape(opgave.title)}</h3>")
            if opgave.description:
                parts.append(kit.small(opgave.description))
            if not opgave.indicators:
                parts.append(f"<p>{escape(text['impact_none'])}</p>")
                continue
            rows = []
            for indicator_id in opgave.indicators:
                for code, assessment in self.assessments.items():
                    item = assessment.item(indicator_id)
                    value = (
                        f"{self._number(item.value, item.decimals, item.unit)} ({item.period})"
                        if item and item.value is not None
                        else "–"
                    )
                    trend = label("trend", item.trend, lang=lang) if item else "–"
                    rows.append(
                        [self._name(indicator_id), self.names.get(code, code), value, trend]
                    )
                    self._row(
                        "opgave_indicator",
                        opgave=opgave.title,
                        indicator=indicator_id,
                        region=code,
                        period=item.period if item else None,
                        value=item.value if item else None,
                        trend=trend,
                    )
            parts += kit.table(headers, rows)
        return parts

    def _signals(self) -> list[str]:
        text = self.text
        parts = [kit.heading(text["signals"])]
        stuck = []
        for opgave in self.p.opgaven:
            signal = assess_signal(opgave, self.assessments)
            if signal.stuck:
                message = text["signal_stuck"].format(
                    opgave=opgave.title,
                    indicators=", ".join(
                        f"{self._name(i)}, {self.names.get(c, c)}" for c, i in signal.not_moving
                    ),
                )
                stuck.append(message)
                self._row("signaal", opgave=opgave.title, status=message)
        if not stuck:
            return [*parts, f"<p>{escape(text['signal_none'])}</p>"]
        return [*parts, *(f'<p class="signal" role="note">⚠ {escape(m)}</p>' for m in stuck)]
