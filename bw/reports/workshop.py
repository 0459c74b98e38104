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
from bw.reports import kit
from bw.reports.texts import WORKSHOP as _TEXT
from bw.store import workshops as workshops_store
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

#: Arguments as indented lists, the case as a definition list; the rest is the base style.
#: Per indicator id: (English name, Dutch name, unit, decimals, good direction).
IndicatorLabels = dict[str, tuple[str, str, str, int, str]]
#: The report's texts in one language (bw.reports.texts.WORKSHOP["nl"]).
Texts = dict[str, str]

STYLE = """
h2 { font-size: 13pt; margin: 6mm 0 1.5mm; } h3 { font-size: 11.5pt; margin: 4mm 0 1mm; }
ul.args { margin: 0 0 2mm; padding-left: 5mm; } ul.args li { margin: 1mm 0; }
.merged { margin-left: 5mm; font-size: 9.5pt; color: #333; }
.sentiment { font-weight: 600; white-space: nowrap; }
dl { display: grid; grid-template-columns: max-content auto; gap: 0.5mm 4mm; margin: 1mm 0; }
dt { font-weight: 600; } dd { margin: 0; }
"""


def build_workshop_report(
    con: duckdb.DuckDBPyConnection,
    session_id: int,
    *,
    lang: str = "nl",
    demo: bool | None = None,
    now: datetime | None = None,
) -> str:
    """The report of one session as HTML, read from the store."""
    state = read_state(con, session_id)
    themes = {
        theme_id: (name_en if lang == "en" else name_nl)
        for theme_id, (name_en, name_nl) in workshops_store.read_theme_names(con).items()
    }
    indicators = workshops_store.read_indicator_labels(con)
    region = store.read_region(con, state.session.region_code)
    return render_workshop_report(
        state,
        theme_names=themes,
        indicators=indicators,
        region_name=region.name if region else state.session.region_code,
        lang=lang,
        demo=store.is_demo(con) if demo is None else demo,
        now=now or datetime.now(),
    )


def render_workshop_report(
    state: SessionState,
    *,
    theme_names: dict[str, str],
    indicators: IndicatorLabels,
    region_name: str,
    lang: str = "nl",
    demo: bool = False,
    now: datetime,
) -> str:
    """The report as HTML from a session's state (pure; ``indicators``: id -> (name_en,
    name_nl, unit, decimals, direction))."""
    text = _TEXT["en" if lang == "en" else "nl"]
    lang = "en" if lang == "en" else "nl"
    session = state.session
    phase = next((p.name.in_language(lang) for p in PHASES if p.id == session.phase), session.phase)
    authors = sorted(
        {a.author for a in state.arguments.values()} | {c.author for c in state.comments},
        key=str.casefold,
    )
    status = (
        text["finalised"].format(date=_date(session.finalised_at), who=session.finalised_by or "–")
        if not session.is_open
        else text["open"]
    )
    out = [kit.demo_note(text["demo"])] if demo else []
    out += [kit.heading(text["case"]), "<dl>"]
    for label, value in (
        (text["region"], f"{region_name} ({session.region_code})"),
        (text["phase"], phase),
        (text["date"], _date(session.created_at)),
        (text["facilitator"], session.created_by),
        (text["code"], session.code),
        (text["status"], status),
        (text["themes"], ", ".join(theme_names.get(t, t) for t in session.themes)),
        (text["participants"], ", ".join(authors) or "–"),
    ):
        out.append(f"<dt>{escape(label)}</dt><dd>{escape(str(value))}</dd>")
    out.append("</dl>")
    out += _arguments(state, theme_names, indicators, text, lang)
    out += _comments(state, text)
    out += _proposals(state, indicators, text, lang)
    out.append(kit.small(text["made"].format(date=_date(now))))
    return kit.document(f"{text['title']}: {session.title}", out, lang=lang, style=STYLE)


def _date(value: datetime | None) -> str:
    return value.strftime("%d-%m-%Y") if value else "–"


def _indicator_name(indicators: IndicatorLabels, indicator_id: str, lang: str) -> str:
    meta = indicators.get(indicator_id)
    if meta is None:
        return indicator_id
    return meta[0] if lang == "en" else meta[1]


def _argument_line(
    argument: Argument, state: SessionState, indicators: IndicatorLabels, text: Texts, lang: str
) -> str:
    sentiment = SENTIMENT_LABELS[lang][argument.sentiment]
    details = [
        f"{text['scale']}: {SCALE_LABELS[lang][argument.scale]}",
        f"{text['by']} {argument.author}",
    ]
    if argument.versions > 1:
        details.append(f"{text['edited']} ({argument.edited_by})")
    if argument.indicator_ids:
        details.append(
            f"{text['indicators']}: "
            + ", ".join(_indicator_name(indicators, i, lang) for i in argument.indicator_ids)
        )
    if argument.stakeholders:
        details.append(f"{text['stakeholders']}: " + ", ".join(argument.stakeholders))
    line = (
        f"<span class='sentiment'>{escape(sentiment)}</span> {escape(argument.text)} "
        f"<span class='small'>({escape('; '.join(details))})</span>"
    )
    for merged in state.merged_under(argument.id):
        line += (
            f"<div class='merged'>↳ {escape(text['merged'])}: "
            f"{escape(SENTIMENT_LABELS[lang][merged.sentiment])} {escape(merged.text)} "
            f"<span class='small'>({escape(text['by'])} {escape(merged.author)})</span>"
            "</div>"
        )
    return f"<li>{line}</li>"


def _arguments(
    state: SessionState,
    theme_names: dict[str, str],
    indicators: IndicatorLabels,
    text: Texts,
    lang: str,
) -> list[str]:
    out = [kit.heading(text["arguments"])]
    visible = state.visible()
    level = state.session.case_level
    for theme in state.session.themes:
        in_theme = [a for a in visible if a.theme_id == theme]
        out.append(
            f"<h3>{escape(theme_names.get(theme, theme))} "
            f"<span class='small'>({escape(text['count'].format(n=len(in_theme)))})"
            "</span></h3>"
        )
        if not in_theme:
            out.append(kit.small(text["no_arguments"]))
            continue
        for place in ("hier", "elders"):
            for when in ("nu", "later"):
                group = [
                    a
                    for a in in_theme
                    if a.time_frame == when and place_of(a.scale, case_level=level) == place
                ]
                if not group:
                    continue
                joiner = " en " if lang == "nl" else " and "
                heading = PLACE_LABELS[lang][place] + joiner + TIME_LABELS[lang][when]
                out.append(f"<h4>{escape(heading.capitalize())}</h4><ul class='args'>")
                out += [_argument_line(a, state, indicators, text, lang) for a in group]
                out.append("</ul>")
    hidden = len(state.hidden())
    if hidden:
        out.append(kit.small(text["hidden"].format(n=hidden)))
    return out


def _comments(state: SessionState, text: Texts) -> list[str]:
    out = [kit.heading(text["comments"])]
    shown = [c for c in state.comments if c.argument_id is None or state.is_shown(c.argument_id)]
    if not shown:
        return out + [kit.small(text["no_comments"])]
    out.append("<ul class='args'>")
    for comment in shown:
        about = (
            text["general"]
            if comment.argument_id is None
            else f"{text['on']} “{_short(state.arguments[comment.argument_id].text)}”"
        )
        out.append(
            f"<li>{escape(comment.text)} <span class='small'>({escape(comment.author)}, "
            f"{escape(about)})</span></li>"
        )
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


def _proposals(
    state: SessionState, indicators: IndicatorLabels, text: Texts, lang: str
) -> list[str]:
    out = [kit.heading(text["proposals"])]
    if not state.proposals:
        return out + [kit.small(text["no_proposals"])]
    out.append(kit.small(text["proposal_note"]))
    headers = [
        (text["indicator"], False),
        (text["unit"], False),
        (text["direction"], False),
        (text["minimum"], True),
        (text["ambition"], True),
        (text["target_year"], True),
    ]
    rows = []
    for proposal in state.proposals:
        meta = indicators.get(proposal.indicator_id, (proposal.indicator_id,) * 2 + ("", 1, ""))
        decimals = int(meta[3]) if meta[3] is not None else 1
        rows.append(
            [
                _indicator_name(indicators, proposal.indicator_id, lang),
                meta[2],
                text.get(meta[4], meta[4]),
                format_number(proposal.minimum, _decimals(proposal.minimum, decimals), lang=lang),
                format_number(proposal.ambition, _decimals(proposal.ambition, decimals), lang=lang),
                str(proposal.target_year) if proposal.target_year else "–",
            ]
        )
    return out + kit.table(headers, rows)
