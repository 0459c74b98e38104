"""The Beleidscyclus page: the six phases of the policy cycle, who is involved, and what helps.

The content is data in :mod:`bw.policy_cycle` (Dutch and English); this module only renders it
in the UI language. The chosen phase lives in ``?fase=`` so a shared link opens that phase.
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from bw import policy_cycle
from bw.policy_cycle import LEVELS, PHASE_IDS, PHASES, Phase, Text
from ui.i18n import current_language, t
from ui.params import seed_choice, write_choice
from ui.sidebar import RegionChoice
from ui.tables import render_wrapped_table

#: Widget key of the phase choice and its URL query parameter.
PHASE_KEY = "cycle_phase"
PHASE_PARAM = "fase"
PREVIOUS_KEY = "cycle_previous"
NEXT_KEY = "cycle_next"
#: Widget keys of the matrix filters.
MATRIX_PHASES_KEY = "cycle_matrix_phases"
MATRIX_LEVELS_KEY = "cycle_matrix_levels"


def _in(text: Text) -> str:
    return text.in_language(current_language())


def _phase_label(phase_id: str) -> str:
    number = PHASE_IDS.index(phase_id) + 1
    return f"{number}. {_in(policy_cycle.phase(phase_id).name)}"


def _bullets(texts: tuple[Text, ...]) -> str:
    return "\n".join(f"- {_in(text)}" for text in texts)


def _go_to(phase_id: str) -> None:
    # A button callback runs before the script, so the radio can still take the new value.
    st.session_state[PHASE_KEY] = phase_id


def render_cycle_page(region: RegionChoice | None) -> None:
    """The whole page; ``region`` is carried along in the links to the supporting pages."""
    st.title(t("beleidscyclus.title"))
    st.write(t("cycle.intro"))
    phase = render_phase_choice()
    render_phase(phase, region)
    st.divider()
    render_stakeholder_matrix()
    st.divider()
    render_roles()
    render_lessons()
    st.divider()
    st.caption(_in(policy_cycle.SOURCE_CREDIT))


def render_phase_choice() -> Phase:
    """The six phases as a cycle: a choice in order, previous/next buttons, kept in ``?fase=``."""
    seed_choice(
        PHASE_PARAM,
        PHASE_KEY,
        PHASE_IDS,
        default=PHASE_IDS[0],
        invalid_message=lambda value: t("cycle.phase_invalid", value=value),
    )
    chosen = st.radio(
        t("cycle.phase_choice"),
        PHASE_IDS,
        key=PHASE_KEY,
        format_func=_phase_label,
        horizontal=True,
    )
    st.caption(t("cycle.iterative"))
    before, after = policy_cycle.previous_phase(chosen), policy_cycle.next_phase(chosen)
    left, right = st.columns(2)
    left.button(
        t("cycle.previous", phase=_in(before.name)),
        key=PREVIOUS_KEY,
        icon=":material/arrow_back:",
        on_click=_go_to,
        args=(before.id,),
    )
    right.button(
        t("cycle.next", phase=_in(after.name)),
        key=NEXT_KEY,
        icon=":material/arrow_forward:",
        on_click=_go_to,
        args=(after.id,),
    )
    write_choice(PHASE_PARAM, PHASE_KEY, chosen)
    return policy_cycle.phase(chosen)


def render_phase(phase: Phase, region: RegionChoice | None) -> None:
    """One phase: its purpose, tips, examples, questions, stakeholders and supporting pages."""
    st.header(_phase_label(phase.id))
    st.markdown(f"**{_in(phase.purpose)}**")
    tips, questions = st.columns(2)
    with tips:
        st.subheader(t("cycle.tips"))
        st.markdown(_bullets(phase.tips))
        st.subheader(t("cycle.examples"))
        st.markdown(_bullets(phase.examples))
    with questions:
        st.subheader(t("cycle.questions"))
        st.markdown(_bullets(phase.questions))
        st.subheader(t("cycle.supports"))
        render_supports(phase, region)
    st.subheader(t("cycle.stakeholders"))
    columns = st.columns(len(LEVELS))
    for column, level in zip(columns, LEVELS, strict=True):
        names = phase.stakeholders_at(level.id)
        with column:
            st.markdown(f"**{_in(level.name)}**")
            if names:
                st.markdown(_bullets(names))
            else:
                st.caption(_none_listed(phase.id, level.id))


def _none_listed(phase_id: str, level_id: str) -> str:
    if phase_id == "beleidsvoorbereiding" and level_id == "rijk":
        return _in(policy_cycle.RIJK_PREPARATION_NOTE)
    return t("cycle.none_listed")


def render_supports(phase: Phase, region: RegionChoice | None) -> None:
    """A link to every page that supports the phase; a plain note for parts not built yet."""
    query = {"regio": region.code} if region else None
    for support in phase.supports:
        if support.page is None:
            st.info(
                t("cycle.not_built", part=_in(support.label), how=_in(support.how)),
                icon=":material/construction:",
            )
            continue
        st.page_link(
            support.page,
            label=_in(support.label),
            icon=":material/open_in_new:",
            query_params=query,
        )
        st.caption(_in(support.how))


def stakeholder_matrix(phase_ids: list[str], level_ids: list[str], lang: str) -> pd.DataFrame:
    """Phases (rows) × levels (columns), each cell the stakeholders separated by semicolons."""
    levels = [level for level in LEVELS if level.id in level_ids]
    rows = []
    for phase in PHASES:
        if phase.id not in phase_ids:
            continue
        row = {t("cycle.col_phase"): phase.name.in_language(lang)}
        for level in levels:
            names = phase.stakeholders_at(level.id)
            row[level.name.in_language(lang)] = (
                "; ".join(name.in_language(lang) for name in names)
                if names
                else "— " + _none_listed(phase.id, level.id)
            )
        rows.append(row)
    columns = [t("cycle.col_phase"), *(level.name.in_language(lang) for level in levels)]
    return pd.DataFrame(rows, columns=columns)


def render_stakeholder_matrix() -> None:
    """The stakeholders of every phase per level, with filters for phases and levels."""
    st.header(t("cycle.matrix"))
    st.write(t("cycle.matrix_intro"))
    left, right = st.columns(2)
    phase_ids = left.multiselect(
        t("cycle.filter_phases"),
        PHASE_IDS,
        default=list(PHASE_IDS),
        key=MATRIX_PHASES_KEY,
        format_func=_phase_label,
        placeholder=t("select.many"),
        select_all=False,
    )
    level_names = {level.id: _in(level.name) for level in LEVELS}
    level_ids = right.multiselect(
        t("cycle.filter_levels"),
        list(level_names),
        default=list(level_names),
        key=MATRIX_LEVELS_KEY,
        format_func=level_names.__getitem__,
        placeholder=t("select.many"),
        select_all=False,
    )
    if not phase_ids or not level_ids:
        st.info(t("cycle.matrix_empty"), icon=":material/filter_alt:")
        return
    # Lists of names per cell: a table whose cells wrap, each row as tall as its text.
    render_wrapped_table(
        stakeholder_matrix(phase_ids, level_ids, current_language()), alt=t("cycle.matrix")
    )


def render_roles() -> None:
    """The roles that matter throughout the cycle."""
    st.header(t("cycle.roles"))
    st.write(t("cycle.roles_intro"))
    for role in policy_cycle.ROLES:
        st.markdown(f"**{_in(role.name)}**: {_in(role.what)}")


def render_lessons() -> None:
    """The other lessons and insights of the source."""
    st.header(t("cycle.lessons"))
    st.markdown(_bullets(tuple(lesson.text for lesson in policy_cycle.LESSONS)))
