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

import duckdb
import pandas as pd

from bw import monitor, store
from bw.formatting import format_number
from bw.labels import label
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

#: Activities count as "mostly done" from this average share done (percent, stopped ones left
#: out) — a reporting convention, not a norm from the source.
MOSTLY_DONE_SHARE = 75.0

#: The columns of the flat table (CSV export), in order.
TABLE_COLUMNS = (
    "section", "opgave", "doel", "activiteit", "indicator", "region", "status", "share_done",
    "budget", "period", "value", "target_value", "target_year", "verdict", "trend", "smart",
)

_TEXT = {
    "nl": {
        "title": "Voortgangsrapportage",
        "demo": "Demodata (fictief): het programma, de doelen, activiteiten en cijfers zijn "
                "verzonnen.",
        "made": "Gemaakt op {date} met bw, het brede welvaart dashboard.",
        "kind": "Soort", "owner": "Eigenaar", "period": "Looptijd", "regions": "Regio's",
        "moments": "Meetmomenten", "last_moment": "laatste: {m}", "next_moment": "volgende: {m}",
        "none": "geen",
        "intro": "Deze rapportage houdt opgaven, doelen, activiteiten en voortgang uit elkaar: "
                 "afgeronde activiteiten en gehaalde doelen zeggen nog niet dat de opgave "
                 "beweegt.",
        "activities": "1. Activiteiten (output)",
        "activities_summary": "{n} activiteiten: {counts}. Gemiddeld {share}% gereed "
                              "(gestopte niet meegeteld). Budget {budget}.",
        "opgave": "Opgave", "doel": "Doel", "activiteit": "Activiteit", "status": "Status",
        "share": "Gereed", "budget": "Budget",
        "goals": "2. Doelen (outcome) tegen hun streefwaarde",
        "indicator": "Indicator", "region": "Regio", "value": "Huidige waarde",
        "target": "Streefwaarde", "verdict": "Oordeel", "trend": "Trend", "smart": "SMART",
        "impact": "3. Opgaven (impact): de indicatoren van de opgave, apart gerapporteerd",
        "impact_none": "Aan deze opgave is geen impactindicator gekoppeld.",
        "signals": "4. Signalen",
        "signal_stuck": "Let op bij '{opgave}': activiteiten afgerond, doelen gehaald, maar de "
                        "opgave beweegt niet ({indicators}). Herzie de beleidstheorie: dragen "
                        "deze doelen wel bij aan de opgave?",
        "signal_none": "Geen signalen: bij geen opgave zijn de activiteiten klaar en de doelen "
                       "gehaald terwijl de opgave stilstaat of verslechtert.",
        "method": "Oordeel: de laatste waarde van de indicator van het doel tegenover de "
                  "streefwaarde, rekening houdend met de goede richting. Trend: over de laatste "
                  "acht jaar (als in het dashboard). 'Grotendeels afgerond': gemiddeld minstens "
                  "{share}% gereed.",
        "source": "Opzet naar Sturen op Impact (Nationaal Netwerk Brede Welvaart, NEIMED, Zuyd "
                  "Hogeschool, Open Universiteit); cijfers: CBS, Regionale Monitor Brede "
                  "Welvaart.",
        "met": "✓ gehaald", "not_met": "✖ niet gehaald", "no_verdict": "○ geen oordeel",
        "sections": {"activiteit": "activiteit", "doel": "doel",
                     "opgave_indicator": "opgave-indicator", "signaal": "signaal"},
    },
    "en": {
        "title": "Progress report",
        "demo": "Demo data (fictional): the programme, goals, activities and figures are made "
                "up.",
        "made": "Made on {date} with bw, the broad well-being dashboard.",
        "kind": "Kind", "owner": "Owner", "period": "Period", "regions": "Regions",
        "moments": "Measurement moments", "last_moment": "last: {m}", "next_moment": "next: {m}",
        "none": "none",
        "intro": "This report keeps challenges, goals, activities and progress apart: completed "
                 "activities and goals met do not yet mean the challenge moves.",
        "activities": "1. Activities (output)",
        "activities_summary": "{n} activities: {counts}. On average {share}% done (stopped "
                              "ones left out). Budget {budget}.",
        "opgave": "Challenge", "doel": "Goal", "activiteit": "Activity", "status": "Status",
        "share": "Done", "budget": "Budget",
        "goals": "2. Goals (outcome) against their target",
        "indicator": "Indicator", "region": "Region", "value": "Current value",
        "target": "Target value", "verdict": "Verdict", "trend": "Trend", "smart": "SMART",
        "impact": "3. Challenges (impact): the challenge's indicators, reported separately",
        "impact_none": "No impact indicator is linked to this challenge.",
        "signals": "4. Signals",
        "signal_stuck": "Note on '{opgave}': activities completed, goals met, but the challenge "
                        "does not move ({indicators}). Revisit the policy theory: do these goals "
                        "contribute to the challenge?",
        "signal_none": "No signals: for no challenge are the activities done and the goals met "
                       "while the challenge stands still or worsens.",
        "method": "Verdict: the latest value of the goal's indicator against the target value, "
                  "direction-aware. Trend: over the last eight years (as in the dashboard). "
                  "'Mostly done': at least {share}% done on average.",
        "source": "Structure after Sturen op Impact (Nationaal Netwerk Brede Welvaart, NEIMED, "
                  "Zuyd Hogeschool, Open Universiteit); figures: CBS, Regional Monitor of Broad "
                  "Well-being.",
        "met": "✓ met", "not_met": "✖ not met", "no_verdict": "○ no verdict",
        "sections": {"activiteit": "activity", "doel": "goal",
                     "opgave_indicator": "challenge indicator", "signaal": "signal"},
    },
}

_STYLE = """
@page { size: A4; margin: 14mm; }
body { font-family: system-ui, sans-serif; color: #1a1a1a; font-size: 10.5pt; line-height: 1.35;
       max-width: 190mm; margin: 0 auto; }
h1 { font-size: 18pt; margin: 0 0 2mm; } h2 { font-size: 12.5pt; margin: 5mm 0 1.5mm;
     border-bottom: 1px solid #1f5f8b; color: #1f5f8b; } h3 { font-size: 11pt; margin: 3mm 0 1mm; }
p { margin: 1mm 0; } .small { font-size: 8.5pt; color: #444; }
.demo { border: 2px solid #8a4b00; color: #5c3200; padding: 1.5mm 3mm; font-weight: 600; }
.signal { border-left: 4px solid #8a4b00; padding: 1mm 3mm; font-weight: 600; }
table { border-collapse: collapse; width: 100%; margin: 1mm 0; page-break-inside: auto; }
tr { page-break-inside: avoid; }
th, td { border-bottom: 1px solid #ccc; padding: 1mm 1.5mm; text-align: left; vertical-align: top; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
th { font-size: 9pt; }
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


def average_share_done(opgave_or_programme) -> float | None:
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
        _verdict(doel, assessment)
        for doel in opgave.doelen
        for assessment in assessments.values()
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
    section = _TEXT[lang]["sections"]["signaal"]
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
        raise store.StoreError(f"unknown programme {programme_id}; see `python -m bw programme "
                               "list`")
    judge = assess or (lambda code: monitor.assess_region(con, code))
    assessments = {
        code: found for code in programme.region_codes if (found := judge(code)) is not None
    }
    names = {code: a.region.name for code, a in assessments.items()}
    catalogue = store.read_indicator_catalogue(con).set_index("indicator_id")
    return _Report(programme, assessments, names, catalogue, lang, demo,
                   today or date.today(), generated_at or datetime.now()).build()


class _Report:
    """Builds the HTML parts and the table rows together, so both carry the same content."""

    def __init__(self, programme, assessments, names, catalogue, lang, demo, today, generated_at):
        self.p, self.assessments, self.names = programme, assessments, names
        self.catalogue, self.lang, self.demo = catalogue, lang, demo
        self.today, self.generated_at = today, generated_at
        self.text = _TEXT[lang]
        self.rows: list[dict] = []

    def build(self) -> tuple[str, pd.DataFrame]:
        text, p = self.text, self.p
        title = f"{text['title']}: {p.name}"
        date_format = "%d-%m-%Y" if self.lang == "nl" else "%Y-%m-%d"
        parts = [
            "<!DOCTYPE html>",
            f'<html lang="{self.lang}"><head><meta charset="utf-8">',
            '<meta name="viewport" content="width=device-width, initial-scale=1">',
            f"<title>{escape(title)}</title><style>{_STYLE}</style></head><body>",
            f"<h1>{escape(title)}</h1>",
        ]
        if self.demo:
            parts.append(f'<p class="demo" role="note">{escape(text["demo"])}</p>')
        parts.append(f'<p class="small">'
                     f'{escape(text["made"].format(date=self.generated_at.strftime(date_format)))}'
                     "</p>")
        parts += self._meta(date_format)
        parts.append(f"<p>{escape(text['intro'])}</p>")
        parts += self._activities()
        parts += self._goals()
        parts += self._impact()
        parts += self._signals()
        parts += [
            f'<p class="small">{escape(text["method"].format(share=int(MOSTLY_DONE_SHARE)))}</p>',
            f'<p class="small">{escape(text["source"])}</p>',
            "</body></html>",
        ]
        table = pd.DataFrame(self.rows, columns=list(TABLE_COLUMNS))
        return "\n".join(parts), table

    # helpers

    def _name(self, indicator_id: str | None) -> str:
        if not indicator_id:
            return "–"
        if indicator_id not in self.catalogue.index:
            return indicator_id
        row = self.catalogue.loc[indicator_id]
        return str(row["name_en"] if self.lang == "en" else row["name_nl"])

    def _number(self, value, decimals: int = 1, unit: str = "") -> str:
        if value is None or pd.isna(value):
            return "–"
        shown = format_number(float(value), decimals, lang=self.lang)
        return f"{shown} {unit}".strip()

    def _euro(self, value) -> str:
        if value is None or pd.isna(value):
            return "–"
        return f"€ {format_number(float(value), 0, lang=self.lang)}"

    def _row(self, section: str, **values) -> None:
        row = dict.fromkeys(TABLE_COLUMNS)
        row["section"] = self.text["sections"][section]
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
            if past else None,
            text["next_moment"].format(m=f"{future[0].label}, {future[0].date:{date_format}}")
            if future else None,
        ]
        moments_text = "; ".join(m for m in moments if m) or text["none"]
        rows = [
            (text["kind"], KIND_LABELS[self.lang][str(p.kind)]),
            (text["owner"], p.owner or "–"),
            (text["period"], period),
            (text["regions"], regions or text["none"]),
            (text["moments"], moments_text),
        ]
        parts = ["<table>"] + [
            f'<tr><th scope="row">{escape(k)}</th><td>{escape(v)}</td></tr>' for k, v in rows
        ] + ["</table>"]
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
            n=len(activities), counts=counts_text,
            share=format_number(share, 0, lang=lang) if share is not None else "–",
            budget=self._euro(budget),
        )
        rows = []
        for opgave in self.p.opgaven:
            for doel in opgave.doelen:
                for a in doel.activiteiten:
                    status = ACTIVITY_STATUS_LABELS[lang][str(a.status)]
                    rows.append([opgave.title, doel.text, a.title, status,
                                 f"{format_number(a.share_done, 0, lang=lang)}%",
                                 self._euro(a.budget)])
                    self._row("activiteit", opgave=opgave.title, doel=doel.text,
                              activiteit=a.title, status=status, share_done=a.share_done,
                              budget=a.budget)
        headers = [(text["opgave"], False), (text["doel"], False), (text["activiteit"], False),
                   (text["status"], False), (text["share"], True), (text["budget"], True)]
        return [f"<h2>{escape(text['activities'])}</h2>", f"<p>{escape(summary)}</p>",
                *_table(headers, rows)]

    def _goals(self) -> list[str]:
        text, lang = self.text, self.lang
        rows = []
        for opgave in self.p.opgaven:
            for doel in opgave.doelen:
                smart = smart_summary(doel, lang=lang)
                targets = self._number(doel.target_value, self._decimals(doel.indicator_id),
                                       self._unit(doel.indicator_id))
                year = str(doel.target_year) if doel.target_year else "–"
                regions = list(self.assessments.items()) or [(None, None)]
                for code, assessment in regions:
                    item = (assessment.item(doel.indicator_id)
                            if assessment is not None and doel.indicator_id else None)
                    verdict = goal_verdict(item.value if item else None, doel.target_value,
                                           item.direction if item else "neutral")
                    value = (f"{self._number(item.value, item.decimals, item.unit)} "
                             f"({item.period})" if item and item.value is not None else "–")
                    trend = label("trend", item.trend, lang=lang) if item else "–"
                    rows.append([opgave.title, doel.text, self._name(doel.indicator_id),
                                 self.names.get(code, code or "–"), value,
                                 f"{targets} ({year})", text[verdict], trend, smart])
                    self._row(
                        "doel", opgave=opgave.title, doel=doel.text,
                        indicator=doel.indicator_id, region=code,
                        period=item.period if item else None,
                        value=item.value if item else None, target_value=doel.target_value,
                        target_year=doel.target_year, verdict=text[verdict], trend=trend,
                        smart="; ".join(smart_codes(doel)) or "ok",
                    )
        headers = [(text["opgave"], False), (text["doel"], False), (text["indicator"], False),
                   (text["region"], False), (text["value"], True), (text["target"], True),
                   (text["verdict"], False), (text["trend"], False), (text["smart"], False)]
        return [f"<h2>{escape(text['goals'])}</h2>", *_table(headers, rows)]

    def _unit(self, indicator_id: str | None) -> str:
        if indicator_id and indicator_id in self.catalogue.index:
            return str(self.catalogue.loc[indicator_id, "unit"])
        return ""

    def _decimals(self, indicator_id: str | None) -> int:
        if indicator_id and indicator_id in self.catalogue.index:
            return int(self.catalogue.loc[indicator_id, "decimals"])
        return 1

    def _impact(self) -> list[str]:
        text, lang = self.text, self.lang
        parts = [f'<h2 id="impact">{escape(text["impact"])}</h2>']
        headers = [(text["indicator"], False), (text["region"], False), (text["value"], True),
                   (text["trend"], False)]
        for opgave in self.p.opgaven:
            parts.append(f"<h3>{escape(text['opgave'])}: {escape(opgave.title)}</h3>")
            if opgave.description:
                parts.append(f'<p class="small">{escape(opgave.description)}</p>')
            if not opgave.indicators:
                parts.append(f"<p>{escape(text['impact_none'])}</p>")
                continue
            rows = []
            for indicator_id in opgave.indicators:
                for code, assessment in self.assessments.items():
                    item = assessment.item(indicator_id)
                    value = (f"{self._number(item.value, item.decimals, item.unit)} "
                             f"({item.period})" if item and item.value is not None else "–")
                    trend = label("trend", item.trend, lang=lang) if item else "–"
                    rows.append([self._name(indicator_id), self.names.get(code, code), value,
                                 trend])
                    self._row("opgave_indicator", opgave=opgave.title, indicator=indicator_id,
                              region=code, period=item.period if item else None,
                              value=item.value if item else None, trend=trend)
            parts += _table(headers, rows)
        return parts

    def _signals(self) -> list[str]:
        text = self.text
        parts = [f"<h2>{escape(text['signals'])}</h2>"]
        stuck = []
        for opgave in self.p.opgaven:
            signal = assess_signal(opgave, self.assessments)
            if signal.stuck:
                message = text["signal_stuck"].format(
                    opgave=opgave.title,
                    indicators=", ".join(f"{self._name(i)}, {self.names.get(c, c)}"
                                         for c, i in signal.not_moving))
                stuck.append(message)
                self._row("signaal", opgave=opgave.title, status=message)
        if not stuck:
            return [*parts, f"<p>{escape(text['signal_none'])}</p>"]
        return [*parts, *(f'<p class="signal" role="note">⚠ {escape(m)}</p>' for m in stuck)]


def _table(headers: list[tuple[str, bool]], rows: list[list[str]]) -> list[str]:
    """A table; headers are (text, numeric) pairs; every cell is escaped here."""
    numeric = ' class="num"'
    head = "".join(f'<th scope="col"{numeric if n else ""}>{escape(h)}</th>' for h, n in headers)
    body = [
        "<tr>" + "".join(
            f"<td{numeric if n else ''}>{escape(str(cell))}</td>"
            for cell, (_, n) in zip(row, headers, strict=True)
        ) + "</tr>"
        for row in rows
    ]
    return ["<table>", f"<thead><tr>{head}</tr></thead>", "<tbody>", *body, "</tbody></table>"]
