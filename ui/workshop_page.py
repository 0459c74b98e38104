"""The Workshop page: a facilitator runs a session, participants and reviewers join with a code.

All phones talk to this one Streamlit process, which holds the store's one connection; every
write goes through :mod:`bw.workshops` on its own cursor and transaction (with retries on a
write-write conflict), so this page does not use :func:`ui.store.writer` and does not clear the
app's caches on every contribution: the session's state is cached per (session, latest event
id), a key that changes with every new event. The contributions list is a fragment that reruns
every few seconds, so everyone sees new arguments without reloading.

User text (arguments, pseudonyms, comments) is shown through :func:`plain_text`, which escapes
Markdown, and never as HTML.
"""

from __future__ import annotations

import secrets

import streamlit as st

from bw import policy_cycle, workshops
from bw.auth import Permission, allows
from bw.errors import BwError
from ui.auth import client_address, current_actor
from ui.i18n import current_language, t
from ui.store import (
    can_write,
    connection,
    is_demo,
    read_catalogue,
    read_fresh,
)
from ui.workshop_common import (
    CODE_KEY,
    CODE_PARAM,
    COMMENT_SUBMIT_KEY,
    COMMENT_TARGET_KEY,
    COMMENT_TEXT_KEY,
    FLASH,
    INDICATORS_KEY,
    LINK_CODE,
    NAME_KEY,
    PARTICIPANT,
    PENDING,
    PSEUDONYM,
    REFRESH,
    SCALE_KEY,
    SENTIMENT_KEY,
    STAKEHOLDERS_KEY,
    SUBMIT_KEY,
    TEXT_KEY,
    THEME_KEY,
    TIME_KEY,
    VIEW_FOR,
    VIEW_KEY,
    VIEWS,
    argument_label,
    phase_name,
    plain_text,
    read_names,
    read_state,
    region_name,
    render_contribution_list,
    show_error,
)
from ui.workshop_facilitator import render_facilitator_view


def render_workshop_page() -> None:
    """The whole page: the view chooser, then the participant, reviewer or facilitator view."""
    for key in st.session_state.pop(PENDING, ()):
        st.session_state.pop(key, None)
    st.title(t("workshop.title"))
    st.caption(t("workshop.intro"))
    if is_demo():
        st.caption(t("workshop.demo"))
    if not can_write():
        st.info(t("workshop.read_only"), icon=":material/info:")
        return
    flash = st.session_state.pop(FLASH, None)
    if flash:
        st.success(flash, icon=":material/check_circle:")
    actor = current_actor()
    code_in_link = st.query_params.get(CODE_PARAM)
    may_facilitate = allows(actor, Permission.RUN_WORKSHOPS)
    views = [v for v in VIEWS if v != "facilitator" or may_facilitate]
    if code_in_link and st.session_state.get(LINK_CODE) != code_in_link:
        # Whoever opens a join link takes part, also the laptop in lokale modus (issue 13);
        # the facilitator view stays one click away in the chooser.
        st.session_state[LINK_CODE] = code_in_link
        st.session_state[VIEW_KEY] = "participant"
        st.session_state[CODE_KEY] = workshops.normalise_code(code_in_link)
    elif VIEW_KEY not in st.session_state or st.session_state.get(VIEW_FOR) != may_facilitate:
        # the first visit, or a login or logout since: the view that fits the role now
        st.session_state[VIEW_KEY] = (
            "facilitator" if may_facilitate and not code_in_link else "participant"
        )
    st.session_state[VIEW_FOR] = may_facilitate
    view = st.segmented_control(
        t("workshop.view"), views, key=VIEW_KEY, format_func=lambda v: t(f"workshop.view_{v}")
    )
    if view == "facilitator":
        render_facilitator_view()
    elif view == "reviewer":
        render_reviewer_view()
    else:
        render_participant_view()


def _joined_session() -> workshops.Session | None:
    """The session of the code field (seeded from ``?workshop=``), or None with a message."""
    if CODE_KEY not in st.session_state and st.query_params.get(CODE_PARAM):
        st.session_state[CODE_KEY] = workshops.normalise_code(st.query_params[CODE_PARAM])
    code = st.text_input(
        t("workshop.code"), key=CODE_KEY, max_chars=12, help=t("workshop.code_help")
    )
    if not code.strip():
        st.info(t("workshop.code_prompt"), icon=":material/key:")
        return None
    try:  # wrong codes are limited per client address (bw.workshops.join_session)
        session = read_fresh(lambda cur: workshops.join_session(cur, code, client=client_address()))
    except BwError as error:
        show_error(error)
        return None
    if session is None:
        normal = workshops.normalise_code(code)
        st.error(
            t("workshop.error.unknown_code", session=plain_text(normal)), icon=":material/error:"
        )
        return None
    st.markdown(
        t(
            "workshop.case",
            title=plain_text(session.title),
            region=plain_text(region_name(session.region_code)),
            phase=phase_name(session.phase),
        )
    )
    if not session.is_open:
        st.warning(t("workshop.closed"), icon=":material/lock:")
    return session


def _participant() -> dict[str, str | None]:
    """Who posts, for the limits: this browser session and its address."""
    if PARTICIPANT not in st.session_state:
        st.session_state[PARTICIPANT] = secrets.token_hex(8)
    return {"participant": st.session_state[PARTICIPANT], "client": client_address()}


def _pseudonym_default() -> str:
    # one short random suffix per browser session, so two "deelnemer"s stay apart
    if PSEUDONYM not in st.session_state:
        st.session_state[PSEUDONYM] = f"deelnemer-{secrets.token_hex(2)}"
    return st.session_state[PSEUDONYM]


def render_participant_view() -> None:
    """Join with a code and add arguments with a short form that fits a phone."""
    session = _joined_session()
    if session is None:
        return
    theme_names, indicator_names = read_names()
    lang = current_language()
    if session.is_open:
        name = st.text_input(
            t("workshop.name"),
            key=NAME_KEY,
            max_chars=workshops.MAX_NAME,
            help=t("workshop.name_help"),
        )
        _render_argument_form(
            session, theme_names, indicator_names, lang, author=name.strip() or _pseudonym_default()
        )
    render_contributions(session.id)


def _render_argument_form(session, theme_names, indicator_names, lang, *, author: str) -> None:
    catalogue = read_catalogue()
    in_themes = catalogue[
        catalogue["theme_ids"].map(lambda ids: any(theme in session.themes for theme in ids))
    ]
    stakeholders = sorted(
        {
            name.in_language(lang)
            for group in policy_cycle.phase(session.phase).stakeholders
            for name in group.names
        },
        key=str.casefold,
    )
    limit = workshops.SCALE_LABELS[lang][
        workshops.HIER_UP_TO.get(session.case_level, "regio_provincie")
    ]
    with st.form("workshop_argument_form", border=True):
        st.markdown(f"**{t('workshop.form_title')}**")
        theme = st.selectbox(
            t("workshop.theme"),
            list(session.themes),
            key=THEME_KEY,
            format_func=lambda i: theme_names.get(i, i),
            placeholder=t("select.one"),
        )
        text = st.text_area(
            t("workshop.text"),
            key=TEXT_KEY,
            max_chars=workshops.MAX_TEXT,
            help=t("workshop.text_help", limit=workshops.MAX_TEXT),
        )
        sentiment = st.radio(
            t("workshop.sentiment"),
            workshops.SENTIMENTS,
            key=SENTIMENT_KEY,
            horizontal=True,
            format_func=lambda s: plain_text(workshops.SENTIMENT_LABELS[lang][s]),
        )
        scale = st.selectbox(
            t("workshop.scale"),
            workshops.SCALES,
            key=SCALE_KEY,
            index=2,
            format_func=workshops.SCALE_LABELS[lang].get,
            help=t("workshop.scale_help", limit=limit),
            placeholder=t("select.one"),
        )
        when = st.radio(
            t("workshop.time"),
            workshops.TIMES,
            key=TIME_KEY,
            horizontal=True,
            format_func=workshops.TIME_LABELS[lang].get,
        )
        indicators = st.multiselect(
            t("workshop.indicators"),
            list(in_themes["indicator_id"]),
            key=INDICATORS_KEY,
            format_func=lambda i: indicator_names.get(i, i),
            placeholder=t("select.many"),
            select_all=False,
        )
        chosen_stakeholders = st.multiselect(
            t("workshop.stakeholders"),
            stakeholders,
            key=STAKEHOLDERS_KEY,
            placeholder=t("select.many"),
            select_all=False,
        )
        if not st.form_submit_button(t("workshop.submit"), key=SUBMIT_KEY, type="primary"):
            return
    try:
        workshops.add_argument(
            connection(),
            session.code,
            theme_id=theme,
            text=text,
            sentiment=sentiment,
            scale=scale,
            time_frame=when,
            indicator_ids=indicators,
            stakeholders=chosen_stakeholders,
            author=author,
            **_participant(),
        )
    except BwError as error:
        show_error(error)
        return
    st.session_state[FLASH] = t("workshop.added")
    st.session_state[PENDING] = (TEXT_KEY, INDICATORS_KEY, STAKEHOLDERS_KEY)
    st.rerun()


@st.fragment(run_every=REFRESH)
def render_contributions(session_id: int) -> None:
    """The arguments per theme as they stand now; reruns itself every few seconds."""
    render_contribution_list(read_state(session_id))


def render_reviewer_view() -> None:
    """Reviewers read along and comment on an argument or on the whole workshop."""
    session = _joined_session()
    if session is None:
        return
    if session.is_open:
        state = read_state(session.id)
        with st.form("workshop_comment_form", border=True):
            st.markdown(f"**{t('workshop.comment_title')}**")
            target = st.selectbox(
                t("workshop.comment_target"),
                [None, *[a.id for a in state.visible()]],
                key=COMMENT_TARGET_KEY,
                format_func=argument_label(state),
                placeholder=t("select.one"),
            )
            text = st.text_area(
                t("workshop.comment_text"), key=COMMENT_TEXT_KEY, max_chars=workshops.MAX_TEXT
            )
            name = st.text_input(t("workshop.name"), key=NAME_KEY, max_chars=workshops.MAX_NAME)
            submitted = st.form_submit_button(t("workshop.comment_submit"), key=COMMENT_SUBMIT_KEY)
        if submitted:
            try:
                workshops.add_comment(
                    connection(),
                    session.code,
                    text=text,
                    argument_id=target,
                    author=name.strip() or "reviewer",
                    **_participant(),
                )
            except BwError as error:
                show_error(error)
            else:
                st.session_state[FLASH] = t("workshop.comment_added")
                st.session_state[PENDING] = (COMMENT_TEXT_KEY,)
                st.rerun()
    render_contributions(session.id)
