"""The session report of a workshop: one self-contained, printable HTML page.

Per theme the arguments, grouped *hier* / *elders* and *nu* / *later*, each with its sentiment
as an icon and a word; hidden arguments are left out and merged ones shown once, under the
argument they were merged into, marked "samengevoegd". Then reviewer comments, the chosen
indicators with the proposed minimums and ambitions (Dutch number formatting), and the case:
region, phase, date, facilitator. Every text is escaped; inline CSS, no scripts, no links.
"""

from __future__ import annotations

from datetime import datetime
from html import escape

import duckdb

from bw import store
from bw.formatting import format_number
from bw.policy_cycle import PHASES
from bw.workshops import (
    PLACE_LABELS,
    SCALE_LABELS,
    SENTIMENT_LABELS,
    TIME_LABELS,
    Argument,
    SessionState,
    place_of,
    read_state,
)

_TEXT = {
    "nl": {
        "title": "Workshopverslag", "demo": "Demodata (fictief): de regio en de cijfers in "
        "deze database zijn verzonnen; de argumenten komen uit de workshop.",
        "case": "De casus", "region": "Regio", "phase": "Fase", "date": "Datum",
        "facilitator": "Begeleider", "code": "Code", "status": "Status",
        "open": "nog open (concept)", "finalised": "afgerond op {date} door {who}",
        "participants": "Deelnemers (schuilnamen)", "themes": "Thema's",
        "arguments": "Argumenten per thema", "no_arguments": "Geen argumenten.",
        "merged": "samengevoegd", "by": "door", "edited": "bewerkt", "scale": "schaal",
        "indicators": "indicatoren", "stakeholders": "belanghebbenden",
        "comments": "Opmerkingen van reviewers", "on": "bij", "general": "algemeen",
        "no_comments": "Geen opmerkingen.",
        "proposals": "Gekozen indicatoren en voorgestelde streefwaarden",
        "no_proposals": "Geen indicatoren gekozen.",
        "indicator": "Indicator", "unit": "Eenheid", "minimum": "Minimum",
        "ambition": "Ambitie", "target_year": "Doeljaar", "direction": "Goede richting",
        "up": "hoger is beter", "down": "lager is beter", "neutral": "neutraal",
        "proposal_note": "Voorstellen, nog geen vastgestelde streefwaarden.",
        "hidden": "{n} argument(en) verborgen door de begeleider (niet opgenomen).",
        "made": "Gemaakt op {date} met bw, het brede welvaart dashboard.",
        "count": "{n} argument(en)",
    },
    "en": {
        "title": "Workshop report", "demo": "Demo data (fictional): the region and the figures "
        "in this database are made up; the arguments come from the workshop.",
        "case": "The case", "region": "Region", "phase": "Phase", "date": "Date",
        "facilitator": "Facilitator", "code": "Code", "status": "Status",
        "open": "still open (draft)", "finalised": "finalised on {date} by {who}",
        "participants": "Participants (pseudonyms)", "themes": "Themes",
        "arguments": "Arguments per theme", "no_arguments": "No arguments.",
        "merged": "merged", "by": "by", "edited": "edited", "scale": "scale",
        "indicators": "indicators", "stakeholders": "stakeholders",
        "comments": "Reviewer comments", "on": "on", "general": "general",
        "no_comments": "No comments.",
        "proposals": "Chosen indicators and proposed targets",
        "no_proposals": "No indicators chosen.",
        "indicator": "Indicator", "unit": "Unit", "minimum": "Minimum",
        "ambition": "Ambition", "target_year": "Target year", "direction": "Good direction",
        "up": "higher is better", "down": "lower is better", "neutral": "neutral",
        "proposal_note": "Proposals, not yet adopted targets.",
        "hidden": "{n} argument(s) hidden by the facilitator (left out).",
        "made": "Made on {date} with bw, the broad well-being dashboard.",
        "count": "{n} argument(s)",
    },
}

_STYLE = """
@page { size: A4; margin: 14mm; }
body { font-family: system-ui, sans-serif; color: #1a1a1a; font-size: 10.5pt; line-height: 1.35;
       max-width: 190mm; margin: 0 auto; padding: 0 3mm; }
h1 { font-size: 18pt; margin: 0 0 2mm; } h2 { font-size: 13pt; margin: 6mm 0 1.5mm;
     border-bottom: 1px solid #1f5f8b; color: #1f5f8b; }
h3 { font-size: 11.5pt; margin: 4mm 0 1mm; } h4 { font-size: 10.5pt; margin: 2mm 0 1mm; }
p { margin: 1mm 0; } .small { font-size: 8.5pt; color: #444; }
.demo { border: 2px solid #8a4b00; color: #5c3200; padding: 1.5mm 3mm; font-weight: 600; }
ul.args { margin: 0 0 2mm; padding-left: 5mm; } ul.args li { margin: 1mm 0; }
.merged { margin-left: 5mm; font-size: 9.5pt; color: #333; }
.sentiment { font-weight: 600; white-space: nowrap; }
table { border-collapse: collapse; width: 100%; margin: 1mm 0; }
tr { page-break-inside: avoid; } li { page-break-inside: avoid; }
th, td { border-bottom: 1px solid #ccc; padding: 1mm 1.5mm; text-align: left; vertical-align: top; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
dl { display: grid; grid-template-columns: max-content auto; gap: 0.5mm 4mm; margin: 1mm 0; }
dt { font-weight: 600; } dd { margin: 0; }
@media print { h2, h3 { page-break-after: avoid; } }
"""


def build_workshop_report(con: duckdb.DuckDBPyConnection, session_id: int, *, lang: str = "nl",
                          demo: bool | None = None, now: datetime | None = None) -> str:
    """The report of one session as HTML, read from the store."""
    state = read_state(con, session_id)
    themes = {row[0]: (row[1] if lang == "en" else row[2])
              for row in con.execute("SELECT id, name_en, name_nl FROM themes").fetchall()}
    indicators = {row[0]: row[1:] for row in con.execute(
        "SELECT id, name_en, name_nl, unit, decimals, direction FROM indicators").fetchall()}
    region = con.execute("SELECT name FROM regions WHERE code = ?",
                         [state.session.region_code]).fetchone()
    return render_workshop_report(
        state, theme_names=themes, indicators=indicators,
        region_name=region[0] if region else state.session.region_code, lang=lang,
        demo=store.is_demo(con) if demo is None else demo, now=now or datetime.now())


def render_workshop_report(state: SessionState, *, theme_names: dict[str, str],
                           indicators: dict[str, tuple], region_name: str, lang: str = "nl",
                           demo: bool = False, now: datetime) -> str:
    """The report as HTML from a session's state (pure; ``indicators``: id -> (name_en,
    name_nl, unit, decimals, direction))."""
    text = _TEXT["en" if lang == "en" else "nl"]
    lang = "en" if lang == "en" else "nl"
    session = state.session
    phase = next((p.name.in_language(lang) for p in PHASES if p.id == session.phase),
                 session.phase)
    authors = sorted({a.author for a in state.arguments.values()} |
                     {c.author for c in state.comments}, key=str.casefold)
    status = (text["finalised"].format(date=_date(session.finalised_at),
                                       who=session.finalised_by or "–")
              if not session.is_open else text["open"])
    out = [f"<!DOCTYPE html><html lang='{lang}'><head><meta charset='utf-8'>",
           "<meta name='viewport' content='width=device-width, initial-scale=1'>",
           f"<title>{escape(text['title'])}: {escape(session.title)}</title>",
           f"<style>{_STYLE}</style></head><body>",
           f"<h1>{escape(text['title'])}: {escape(session.title)}</h1>"]
    if demo:
        out.append(f"<p class='demo'>{escape(text['demo'])}</p>")
    out.append(f"<h2>{escape(text['case'])}</h2><dl>")
    for label, value in (
        (text["region"], f"{region_name} ({session.region_code})"), (text["phase"], phase),
        (text["date"], _date(session.created_at)), (text["facilitator"], session.created_by),
        (text["code"], session.code), (text["status"], status),
        (text["themes"], ", ".join(theme_names.get(t, t) for t in session.themes)),
        (text["participants"], ", ".join(authors) or "–"),
    ):
        out.append(f"<dt>{escape(label)}</dt><dd>{escape(str(value))}</dd>")
    out.append("</dl>")
    out += _arguments(state, theme_names, indicators, text, lang)
    out += _comments(state, text)
    out += _proposals(state, indicators, text, lang)
    out.append(f"<p class='small'>{escape(text['made'].format(date=_date(now)))}</p>")
    out.append("</body></html>")
    return "\n".join(out)


def _date(value: datetime | None) -> str:
    return value.strftime("%d-%m-%Y") if value else "–"


def _indicator_name(indicators: dict[str, tuple], indicator_id: str, lang: str) -> str:
    meta = indicators.get(indicator_id)
    if meta is None:
        return indicator_id
    return meta[0] if lang == "en" else meta[1]


def _argument_line(argument: Argument, state: SessionState, indicators, text, lang) -> str:
    sentiment = SENTIMENT_LABELS[lang][argument.sentiment]
    details = [f"{text['scale']}: {SCALE_LABELS[lang][argument.scale]}",
               f"{text['by']} {argument.author}"]
    if argument.versions > 1:
        details.append(f"{text['edited']} ({argument.edited_by})")
    if argument.indicator_ids:
        details.append(f"{text['indicators']}: " + ", ".join(
            _indicator_name(indicators, i, lang) for i in argument.indicator_ids))
    if argument.stakeholders:
        details.append(f"{text['stakeholders']}: " + ", ".join(argument.stakeholders))
    line = (f"<span class='sentiment'>{escape(sentiment)}</span> {escape(argument.text)} "
            f"<span class='small'>({escape('; '.join(details))})</span>")
    for merged in state.merged_under(argument.id):
        line += (f"<div class='merged'>↳ {escape(text['merged'])}: "
                 f"{escape(SENTIMENT_LABELS[lang][merged.sentiment])} {escape(merged.text)} "
                 f"<span class='small'>({escape(text['by'])} {escape(merged.author)})</span>"
                 "</div>")
    return f"<li>{line}</li>"


def _arguments(state: SessionState, theme_names, indicators, text, lang) -> list[str]:
    out = [f"<h2>{escape(text['arguments'])}</h2>"]
    visible = state.visible()
    level = state.session.case_level
    for theme in state.session.themes:
        in_theme = [a for a in visible if a.theme_id == theme]
        out.append(f"<h3>{escape(theme_names.get(theme, theme))} "
                   f"<span class='small'>({escape(text['count'].format(n=len(in_theme)))})"
                   "</span></h3>")
        if not in_theme:
            out.append(f"<p class='small'>{escape(text['no_arguments'])}</p>")
            continue
        for place in ("hier", "elders"):
            for when in ("nu", "later"):
                group = [a for a in in_theme if a.time_frame == when
                         and place_of(a.scale, case_level=level) == place]
                if not group:
                    continue
                joiner = " en " if lang == "nl" else " and "
                heading = PLACE_LABELS[lang][place] + joiner + TIME_LABELS[lang][when]
                out.append(f"<h4>{escape(heading.capitalize())}</h4><ul class='args'>")
                out += [_argument_line(a, state, indicators, text, lang) for a in group]
                out.append("</ul>")
    hidden = len(state.hidden())
    if hidden:
        out.append(f"<p class='small'>{escape(text['hidden'].format(n=hidden))}</p>")
    return out


def _comments(state: SessionState, text) -> list[str]:
    out = [f"<h2>{escape(text['comments'])}</h2>"]
    shown = [c for c in state.comments
             if c.argument_id is None or state.is_shown(c.argument_id)]
    if not shown:
        return out + [f"<p class='small'>{escape(text['no_comments'])}</p>"]
    out.append("<ul class='args'>")
    for comment in shown:
        about = (text["general"] if comment.argument_id is None else
                 f"{text['on']} “{_short(state.arguments[comment.argument_id].text)}”")
        out.append(f"<li>{escape(comment.text)} <span class='small'>({escape(comment.author)}, "
                   f"{escape(about)})</span></li>")
    return out + ["</ul>"]


def _decimals(value: float | None, base: int) -> int:
    """The indicator's decimals, or more (up to 3) so a proposed value shows as it was typed."""
    if value is None:
        return base
    for decimals in range(base, 4):
        if abs(round(value, decimals) - value) < 1e-9:
            return decimals
    return 3


def _short(value: str, limit: int = 60) -> str:
    return value if len(value) <= limit else value[: limit - 1] + "…"


def _proposals(state: SessionState, indicators, text, lang) -> list[str]:
    out = [f"<h2>{escape(text['proposals'])}</h2>"]
    if not state.proposals:
        return out + [f"<p class='small'>{escape(text['no_proposals'])}</p>"]
    out.append(f"<p class='small'>{escape(text['proposal_note'])}</p>")
    headers = [(text["indicator"], False), (text["unit"], False), (text["direction"], False),
               (text["minimum"], True), (text["ambition"], True), (text["target_year"], True)]
    out.append("<table><thead><tr>" + "".join(
        f"<th{' class=num' if num else ''}>{escape(h)}</th>" for h, num in headers)
        + "</tr></thead><tbody>")
    for proposal in state.proposals:
        meta = indicators.get(proposal.indicator_id, (proposal.indicator_id,) * 2 + ("", 1, ""))
        decimals = int(meta[3]) if meta[3] is not None else 1
        cells = [(_indicator_name(indicators, proposal.indicator_id, lang), False),
                 (meta[2], False), (text.get(meta[4], meta[4]), False),
                 (format_number(proposal.minimum, _decimals(proposal.minimum, decimals),
                                lang=lang), True),
                 (format_number(proposal.ambition, _decimals(proposal.ambition, decimals),
                                lang=lang), True),
                 (str(proposal.target_year) if proposal.target_year else "–", True)]
        out.append("<tr>" + "".join(f"<td{' class=num' if num else ''}>{escape(str(c))}</td>"
                                    for c, num in cells) + "</tr>")
    return out + ["</tbody></table>"]
