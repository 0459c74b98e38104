"""The Workshop page: a facilitator runs a session, participants and reviewers join with a code.

All phones talk to this one Streamlit process, which holds the store's one connection; every
write goes through :mod:`bw.workshops` on its own cursor and transaction (with retries on a
write-write conflict), so this page does not use :func:`ui.store.writer` and does not clear the
app's caches on every contribution: the session's state is cached per (session, latest event
id), a key that changes with every new event. The contributions list is a fragment that reruns
every few seconds, so everyone sees new arguments without reloading.

User text (arguments, pseudonyms, comments) is shown through :func:`_plain`, which escapes
Markdown, and never as HTML.
"""

from __future__ import annotations

import secrets
from datetime import timedelta
from urllib.parse import urlsplit

import pandas as pd
import streamlit as st

from bw import policy_cycle, workshops
from bw.auth import Permission, PermissionDenied, allows
from bw.errors import BwError
from bw.formatting import format_number
from bw.model import Level
from bw.report import Issue
from bw.reports import workshop as workshop_report
from bw.workshops import SessionState
from ui.auth import client_address, current_actor, listens_locally
from ui.i18n import current_language, t
from ui.issues import issue_text
from ui.markdown import md
from ui.numbers import FieldError, number_field, read_number, read_year, show_number, show_year
from ui.refusals import refusal_text
from ui.sidebar import REGION_KEY
from ui.store import (
    can_write,
    clear_caches,
    connection,
    is_demo,
    new_cursor,
    read_catalogue,
    read_regions,
    read_themes,
)

#: How often the contributions list refreshes itself.
REFRESH = timedelta(seconds=3)
#: Pixels of the facilitator's scrolling contributions list, so what follows stays in reach.
LIST_HEIGHT = 560
#: From this many visible arguments on, the facilitator's list scrolls in that height.
SCROLL_AFTER = 6
#: The URL query parameter that carries a join code (``?workshop=K7PX3M``).
CODE_PARAM = "workshop"

#: Widget keys.
VIEW_KEY = "workshop_view"
CODE_KEY = "workshop_code"
NAME_KEY = "workshop_name"
THEME_KEY = "workshop_theme"
TEXT_KEY = "workshop_text"
SENTIMENT_KEY = "workshop_sentiment"
SCALE_KEY = "workshop_scale"
TIME_KEY = "workshop_time"
INDICATORS_KEY = "workshop_indicators"
STAKEHOLDERS_KEY = "workshop_stakeholders"
SUBMIT_KEY = "workshop_submit"
COMMENT_TARGET_KEY = "workshop_comment_target"
COMMENT_TEXT_KEY = "workshop_comment_text"
COMMENT_SUBMIT_KEY = "workshop_comment_submit"
NEW_TITLE_KEY = "workshop_new_title"
NEW_REGION_KEY = "workshop_new_region"
NEW_PHASE_KEY = "workshop_new_phase"
NEW_THEMES_KEY = "workshop_new_themes"
NEW_SUBMIT_KEY = "workshop_new_submit"
SESSION_KEY = "workshop_session"
MOD_ARGUMENT_KEY = "workshop_mod_argument"
HIDE_KEY = "workshop_hide"
UNHIDE_KEY = "workshop_unhide"
MERGE_INTO_KEY = "workshop_merge_into"
MERGE_KEY = "workshop_merge"
EDIT_TEXT_KEY = "workshop_edit_text"
EDIT_KEY = "workshop_edit"
IND_KEY = "workshop_indicator"
MIN_KEY = "workshop_minimum"
AMB_KEY = "workshop_ambition"
YEAR_KEY = "workshop_target_year"
CHOOSE_KEY = "workshop_choose"
FINALISE_CONFIRM_KEY = "workshop_finalise_confirm"
FINALISE_KEY = "workshop_finalise"
REPORT_KEY = "workshop_report_download"
ADOPT_CONFIRM_KEY = "workshop_adopt_confirm"
ADOPT_KEY = "workshop_adopt"
#: Which session × indicator the proposal fields were last filled for.
_PROPOSAL_FILLED_FOR = "_workshop_proposal_filled_for"

_FLASH = "_workshop_flash"
_PSEUDONYM = "_workshop_pseudonym"
_PARTICIPANT = "_workshop_participant"  # this browser session, for the limits on posting
#: The join code of the link this session last opened (a new link picks the participant view).
_LINK_CODE = "_workshop_link_code"
#: Whether the role could facilitate when the view was chosen (a login changes the default).
_VIEW_FOR = "_workshop_view_for"
#: Widget values to reset at the start of the next run (Streamlit refuses it once drawn).
_PENDING = "_workshop_pending"
_VIEWS = ("participant", "reviewer", "facilitator")


def _plain(text: str) -> str:
    """User text on one line, made inert for Markdown (no links, images, headings or emphasis)."""
    return md(" ".join(str(text).split()))


def _show_error(error: BwError) -> None:
    if isinstance(error, PermissionDenied):
        st.error(t("workshop.denied", error=_plain(error)), icon=":material/block:")
        return
    issue = error.params.get("issue")
    # A proposal refused like a streefwaarde says why in the words of the Streefwaarden page;
    # other refusals quote values typed or sent by a participant as plain text.
    message = (
        issue_text(issue)
        if isinstance(issue, Issue)
        else refusal_text(
            error,
            "workshop.error.",
            params={
                key: _plain(value) if isinstance(value, str) else value
                for key, value in error.params.items()
            },
        )
    )
    if message is None:
        message = _plain(error)
    icon = ":material/hourglass_top:" if error.code == "busy" else ":material/error:"
    st.error(message, icon=icon)


def _cursor_read(function, *args):
    cursor = new_cursor()
    try:
        return function(cursor, *args)
    finally:
        cursor.close()


@st.cache_data(max_entries=32, ttl=600, show_spinner=False)
def _cached_state(path_key: str, session_id: int, last_event_id: int) -> SessionState:
    """A session's state, read again only when a new event arrived (the key changes)."""
    return _cursor_read(workshops.read_state, session_id)


def read_state(session_id: int) -> SessionState:
    """The current state of a session through the bounded cache."""
    from ui.store import store_path

    last = _cursor_read(workshops.latest_event_id, session_id)
    status = _cursor_read(workshops.read_session, session_id)
    # the status is part of the key: finalising changes no event but changes the state
    return _cached_state(f"{store_path()}|{status.status if status else ''}", session_id, last)


def _names() -> tuple[dict[str, str], dict[str, str]]:
    lang = current_language()
    themes = read_themes()
    catalogue = read_catalogue()
    theme_col = "name_en" if lang == "en" else "name_nl"
    return (
        dict(zip(themes["theme_id"], themes[theme_col], strict=True)),
        dict(zip(catalogue["indicator_id"], catalogue[theme_col], strict=True)),
    )


def _region_name(code: str) -> str:
    regions = read_regions()
    match = regions.loc[regions["code"] == code, "name"]
    return str(match.iloc[0]) if not match.empty else code


def _phase_name(phase_id: str) -> str:
    return policy_cycle.phase(phase_id).name.in_language(current_language())


def render_workshop_page() -> None:
    """The whole page: the view chooser, then the participant, reviewer or facilitator view."""
    for key in st.session_state.pop(_PENDING, ()):
        st.session_state.pop(key, None)
    st.title(t("workshop.title"))
    st.caption(t("workshop.intro"))
    if is_demo():
        st.caption(t("workshop.demo"))
    if not can_write():
        st.info(t("workshop.read_only"), icon=":material/info:")
        return
    flash = st.session_state.pop(_FLASH, None)
    if flash:
        st.success(flash, icon=":material/check_circle:")
    actor = current_actor()
    code_in_link = st.query_params.get(CODE_PARAM)
    may_facilitate = allows(actor, Permission.RUN_WORKSHOPS)
    views = [v for v in _VIEWS if v != "facilitator" or may_facilitate]
    if code_in_link and st.session_state.get(_LINK_CODE) != code_in_link:
        # Whoever opens a join link takes part, also the laptop in lokale modus (issue 13);
        # the facilitator view stays one click away in the chooser.
        st.session_state[_LINK_CODE] = code_in_link
        st.session_state[VIEW_KEY] = "participant"
        st.session_state[CODE_KEY] = workshops.normalise_code(code_in_link)
    elif VIEW_KEY not in st.session_state or st.session_state.get(_VIEW_FOR) != may_facilitate:
        # the first visit, or a login or logout since: the view that fits the role now
        st.session_state[VIEW_KEY] = (
            "facilitator" if may_facilitate and not code_in_link else "participant"
        )
    st.session_state[_VIEW_FOR] = may_facilitate
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
        session = _cursor_read(
            lambda cur: workshops.join_session(cur, code, client=client_address())
        )
    except BwError as error:
        _show_error(error)
        return None
    if session is None:
        normal = workshops.normalise_code(code)
        st.error(t("workshop.error.unknown_code", session=_plain(normal)), icon=":material/error:")
        return None
    st.markdown(
        t(
            "workshop.case",
            title=_plain(session.title),
            region=_plain(_region_name(session.region_code)),
            phase=_phase_name(session.phase),
        )
    )
    if not session.is_open:
        st.warning(t("workshop.closed"), icon=":material/lock:")
    return session


def _participant() -> dict[str, str | None]:
    """Who posts, for the limits: this browser session and its address."""
    if _PARTICIPANT not in st.session_state:
        st.session_state[_PARTICIPANT] = secrets.token_hex(8)
    return {"participant": st.session_state[_PARTICIPANT], "client": client_address()}


def _pseudonym_default() -> str:
    # one short random suffix per browser session, so two "deelnemer"s stay apart
    if _PSEUDONYM not in st.session_state:
        st.session_state[_PSEUDONYM] = f"deelnemer-{secrets.token_hex(2)}"
    return st.session_state[_PSEUDONYM]


def render_participant_view() -> None:
    """Join with a code and add arguments with a short form that fits a phone."""
    session = _joined_session()
    if session is None:
        return
    theme_names, indicator_names = _names()
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
            format_func=lambda s: _plain(workshops.SENTIMENT_LABELS[lang][s]),
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
        _show_error(error)
        return
    st.session_state[_FLASH] = t("workshop.added")
    st.session_state[_PENDING] = (TEXT_KEY, INDICATORS_KEY, STAKEHOLDERS_KEY)
    st.rerun()


@st.fragment(run_every=REFRESH)
def render_contributions(session_id: int) -> None:
    """The arguments per theme as they stand now; reruns itself every few seconds."""
    _render_contribution_list(read_state(session_id))


@st.fragment(run_every=REFRESH)
def render_live_moderation(session_id: int) -> None:
    """The facilitator's live part: moderation, counts and the list, from one read of the state.

    One fragment, so a new argument reaches the moderation choices in the same refresh that
    shows it in the list (issue 13): they can never disagree.
    """
    state = read_state(session_id)
    if state.session.is_open:
        _render_moderation(state)
    # A long list scrolls in its own box, so choosing indicators and finalising stay in reach.
    long_list = len(state.visible()) > SCROLL_AFTER
    with st.container(height=LIST_HEIGHT if long_list else "content", border=False):
        _render_contribution_list(state)


def _render_contribution_list(state: SessionState) -> None:
    theme_names, indicator_names = _names()
    lang = current_language()
    visible = state.visible()
    st.subheader(t("workshop.contributions"))
    st.caption(t("workshop.live_one" if len(visible) == 1 else "workshop.live", n=len(visible)))
    for theme in state.session.themes:
        in_theme = [a for a in visible if a.theme_id == theme]
        st.markdown(f"#### {_plain(theme_names.get(theme, theme))} ({len(in_theme)})")
        if not in_theme:
            st.caption(t("workshop.no_contributions"))
        for argument in in_theme:
            _render_argument(state, argument, lang)
    general = state.comments_on(None)
    for comment in general:
        st.caption(
            t("workshop.comment_by", author=_plain(comment.author), text=_plain(comment.text))
        )


def _render_argument(state: SessionState, argument, lang: str) -> None:
    place = workshops.place_of(argument.scale, case_level=state.session.case_level)
    with st.container(border=True):
        st.markdown(_plain(argument.text))
        # escaped: "+ positief" at the start of a line would be a Markdown list item
        meta = t(
            "workshop.meta",
            sentiment=_plain(workshops.SENTIMENT_LABELS[lang][argument.sentiment]),
            place=workshops.PLACE_LABELS[lang][place],
            when=workshops.TIME_LABELS[lang][argument.time_frame],
            scale=workshops.SCALE_LABELS[lang][argument.scale],
            author=_plain(argument.author),
        )
        if argument.versions > 1:
            meta += f" · {t('workshop.edited')}"
        st.caption(meta)
        for merged in state.merged_under(argument.id):
            st.caption(
                "↳ "
                + t("workshop.merged_from", text=_plain(merged.text), author=_plain(merged.author))
            )
        for comment in state.comments_on(argument.id):
            st.caption(
                t("workshop.comment_by", author=_plain(comment.author), text=_plain(comment.text))
            )


def _argument_label(state: SessionState):
    def label(argument_id) -> str:
        if argument_id is None:
            return t("workshop.comment_general")
        text = state.arguments[argument_id].text
        return f"#{argument_id} " + (text if len(text) <= 60 else text[:59] + "…")

    return label


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
                format_func=_argument_label(state),
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
                _show_error(error)
            else:
                st.session_state[_FLASH] = t("workshop.comment_added")
                st.session_state[_PENDING] = (COMMENT_TEXT_KEY,)
                st.rerun()
    render_contributions(session.id)


# --- the facilitator ---------------------------------------------------------------------------


def render_facilitator_view() -> None:
    """Create a session, show its code, moderate, choose indicators, finalise, report, adopt."""
    sessions = _cursor_read(workshops.read_sessions)
    if not sessions:
        st.info(t("workshop.none"), icon=":material/info:")
    _render_create_form(expanded=not sessions)
    if not sessions:
        return
    by_id = {s.id: s for s in sessions}
    if st.session_state.get(SESSION_KEY) not in by_id:
        st.session_state[SESSION_KEY] = sessions[0].id

    def label(session_id: int) -> str:
        s = by_id[session_id]
        return f"{s.code} · {s.title} ({t('workshop.status_' + s.status)})"

    chosen = st.selectbox(
        t("workshop.session"),
        list(by_id),
        key=SESSION_KEY,
        format_func=label,
        placeholder=t("select.one"),
    )
    session = by_id[chosen]
    _render_join(session)
    render_live_moderation(session.id)
    state = read_state(session.id)
    if session.is_open:
        _render_proposal_form(state)
    _render_proposals(state)
    if session.is_open:
        _render_finalise(session)
    _render_report(session)
    _render_adoption(session)


def _render_create_form(*, expanded: bool) -> None:
    regions = read_regions()
    regions = regions[~regions["level"].isin((Level.WK, Level.BU)) & regions["last_year"].isna()]
    region_names = dict(zip(regions["code"], regions["name"], strict=True))
    theme_names, _ = _names()
    with st.expander(t("workshop.create_title"), expanded=expanded), st.form("workshop_new_form"):
        title = st.text_input(
            t("workshop.session_title"), key=NEW_TITLE_KEY, max_chars=workshops.MAX_TITLE
        )
        current = st.session_state.get(REGION_KEY)  # the sidebar's region: a likely case
        codes = list(region_names)
        region = st.selectbox(
            t("workshop.region"),
            codes,
            key=NEW_REGION_KEY,
            index=codes.index(current) if current in codes else 0,
            format_func=lambda c: f"{region_names[c]} ({c})",
            placeholder=t("select.one"),
        )
        phase = st.selectbox(
            t("workshop.phase"),
            policy_cycle.PHASE_IDS,
            key=NEW_PHASE_KEY,
            index=policy_cycle.PHASE_IDS.index("beleidsvorming"),
            format_func=_phase_name,
            placeholder=t("select.one"),
        )
        themes = st.multiselect(
            t("workshop.themes"),
            list(theme_names),
            key=NEW_THEMES_KEY,
            format_func=theme_names.get,
            placeholder=t("select.many"),
            select_all=False,
        )
        if not st.form_submit_button(
            t("workshop.create_submit"), key=NEW_SUBMIT_KEY, type="primary"
        ):
            return
    try:
        session = workshops.create_session(
            connection(),
            title=title,
            region_code=region,
            phase=phase,
            themes=themes,
            actor=current_actor(),
        )
    except BwError as error:
        _show_error(error)
        return
    st.session_state[SESSION_KEY] = session.id
    st.session_state[_FLASH] = t("workshop.created", title=_plain(session.title), code=session.code)
    st.session_state[_PENDING] = (NEW_TITLE_KEY, NEW_THEMES_KEY)
    st.rerun()


def _render_join(session: workshops.Session) -> None:
    with st.container(border=True):
        st.markdown(
            f"**{t('workshop.join_title')}** — "
            + t(
                "workshop.case",
                title=_plain(session.title),
                region=_plain(_region_name(session.region_code)),
                phase=_phase_name(session.phase),
            )
        )
        st.markdown(f"# {session.code}")  # the code's alphabet has no Markdown characters
        st.caption(t("workshop.join_how"))
        link = join_link(session.code)
        st.code(link, language=None)
        if listens_locally():
            # one sentence with the exact command: a QR code of this link would lead nowhere
            st.warning(t("workshop.join_local_only"), icon=":material/wifi_off:")
            return
        if workshops.is_loopback(urlsplit(link).hostname):
            st.warning(t("workshop.join_no_network"), icon=":material/wifi_off:")
            return
        qr = _qr_svg(link) if link.startswith("http") else None
        if qr:
            st.image(qr, caption=t("workshop.join_qr"), width=220)


@st.cache_data(max_entries=1, ttl=60, show_spinner=False)
def _network_address() -> str | None:
    """The laptop's network address, asked again at most once a minute (Wi-Fi changes)."""
    return workshops.network_address()


def join_link(code: str) -> str:
    """The link participants open: this page with ``?workshop=CODE``, at an address phones reach.

    See :func:`bw.workshops.join_url`: ``localhost`` becomes the laptop's network address when
    the server listens on the network.
    """
    url = getattr(st.context, "url", None) or ""
    bind = st.get_option("server.address")
    lan = _network_address() if workshops.is_loopback(urlsplit(url).hostname) else None
    return workshops.join_url(url, code, bind_address=bind, lan_address=lan)


def _qr_svg(link: str) -> str | None:
    """The link as a QR code (SVG), so phones join by pointing their camera; None without segno.

    segno (pure Python, no dependencies) draws it locally: the link never leaves the laptop.
    """
    try:
        import segno
    except ImportError:
        return None
    return segno.make(link, error="m").svg_inline(scale=6, dark="#1a1a1a", light="#ffffff")


def _act(call, success: str) -> None:
    try:
        call()
    except BwError as error:
        _show_error(error)
        return
    st.session_state[_FLASH] = success
    st.rerun()


def _render_moderation(state: SessionState) -> None:
    st.subheader(t("workshop.moderate_title"))
    ids = list(state.arguments)
    if not ids:
        st.caption(t("workshop.moderate_none"))
        return
    actor, session_id = current_actor(), state.session.id
    label = _argument_label(state)
    argument_id = st.selectbox(
        t("workshop.argument"),
        ids,
        key=MOD_ARGUMENT_KEY,
        format_func=label,
        placeholder=t("select.one"),
    )
    argument = state.arguments[argument_id]
    left, right = st.columns(2)
    if left.button(t("workshop.hide"), key=HIDE_KEY, disabled=argument.hidden):
        _act(
            lambda: workshops.hide_argument(connection(), session_id, argument_id, actor=actor),
            t("workshop.moderated"),
        )
    if right.button(t("workshop.unhide"), key=UNHIDE_KEY, disabled=not argument.hidden):
        _act(
            lambda: workshops.hide_argument(
                connection(), session_id, argument_id, actor=actor, hidden=False
            ),
            t("workshop.moderated"),
        )
    others = [a.id for a in state.visible() if a.id != argument_id]
    into = st.selectbox(
        t("workshop.merge_into"),
        others,
        key=MERGE_INTO_KEY,
        format_func=label,
        index=None,
        placeholder=t("select.one"),
    )
    if st.button(t("workshop.merge"), key=MERGE_KEY, disabled=into is None):
        _act(
            lambda: workshops.merge_arguments(
                connection(), session_id, argument_id, into, actor=actor
            ),
            t("workshop.moderated"),
        )
    new_text = st.text_area(
        t("workshop.edit_text"),
        value=argument.text,
        key=f"{EDIT_TEXT_KEY}_{argument_id}_{argument.versions}",
        max_chars=workshops.MAX_TEXT,
    )
    if st.button(t("workshop.edit"), key=EDIT_KEY):
        if " ".join(new_text.split()) == " ".join(argument.text.split()):
            st.info(t("form.unchanged"), icon=":material/info:")  # no new version of the same
            return
        _act(
            lambda: workshops.edit_argument(
                connection(),
                session_id,
                argument_id,
                theme_id=argument.theme_id,
                text=new_text,
                sentiment=argument.sentiment,
                scale=argument.scale,
                time_frame=argument.time_frame,
                indicator_ids=argument.indicator_ids,
                stakeholders=argument.stakeholders,
                actor=actor,
            ),
            t("workshop.moderated"),
        )
    hidden = state.hidden()
    if hidden:
        st.caption(t("workshop.hidden_list", n=len(hidden)))


def _render_proposal_form(state: SessionState) -> None:
    st.subheader(t("workshop.proposals_title"))
    catalogue = read_catalogue()
    _, indicator_names = _names()
    in_themes = catalogue[
        catalogue["theme_ids"].map(lambda ids: any(theme in state.session.themes for theme in ids))
    ]
    # The indicator is chosen outside the form, so that choosing one that already has a
    # proposal puts its values in the fields: saving never blanks what the form did not show.
    indicator = st.selectbox(
        t("workshop.indicator"),
        list(in_themes["indicator_id"]),
        key=IND_KEY,
        format_func=lambda i: indicator_names.get(i, i),
        placeholder=t("select.one"),
    )
    proposal = next((p for p in state.proposals if p.indicator_id == indicator), None)
    filled_for = (state.session.id, indicator)
    if st.session_state.get(_PROPOSAL_FILLED_FOR) != filled_for:
        st.session_state[MIN_KEY] = show_number(proposal.minimum if proposal else None)
        st.session_state[AMB_KEY] = show_number(proposal.ambition if proposal else None)
        st.session_state[YEAR_KEY] = show_year(proposal.target_year if proposal else None)
        st.session_state[_PROPOSAL_FILLED_FOR] = filled_for
    with st.form("workshop_proposal_form", border=True):
        left, middle, right = st.columns(3)
        number_field(t("workshop.minimum"), key=MIN_KEY, container=left)
        number_field(t("workshop.ambition"), key=AMB_KEY, container=middle)
        right.text_input(
            t("workshop.target_year"),
            key=YEAR_KEY,
            max_chars=4,
            placeholder=t("targets.year_placeholder"),
        )
        submitted = st.form_submit_button(t("workshop.choose"), key=CHOOSE_KEY)
    if not (submitted and indicator):
        return
    try:
        minimum = read_number(st.session_state.get(MIN_KEY), t("workshop.minimum"))
        ambition = read_number(st.session_state.get(AMB_KEY), t("workshop.ambition"))
        year = read_year(
            st.session_state.get(YEAR_KEY), t("workshop.target_year"), low=2000, high=2100
        )
    except FieldError as error:
        st.error(str(error), icon=":material/error:")
        return
    if proposal is not None and (proposal.minimum, proposal.ambition, proposal.target_year) == (
        minimum,
        ambition,
        year,
    ):
        st.info(t("form.unchanged"), icon=":material/info:")
        return
    _act(
        lambda: workshops.choose_indicator(
            connection(),
            state.session.id,
            indicator,
            minimum=minimum,
            ambition=ambition,
            target_year=year,
            actor=current_actor(),
        ),
        t("workshop.chosen"),
    )


def _render_proposals(state: SessionState) -> None:
    if not state.proposals:
        st.caption(t("workshop.no_proposals"))
        return
    catalogue = read_catalogue().set_index("indicator_id")
    _, indicator_names = _names()
    lang = current_language()

    def number(value, indicator_id):
        decimals = (
            int(catalogue.at[indicator_id, "decimals"]) if indicator_id in catalogue.index else 1
        )
        return format_number(value, decimals, lang=lang)

    st.dataframe(
        pd.DataFrame(
            [
                {
                    t("workshop.col_indicator"): indicator_names.get(
                        p.indicator_id, p.indicator_id
                    ),
                    t("workshop.col_minimum"): number(p.minimum, p.indicator_id),
                    t("workshop.col_ambition"): number(p.ambition, p.indicator_id),
                    t("workshop.col_year"): str(p.target_year or "–"),
                }
                for p in state.proposals
            ]
        ),
        hide_index=True,
    )


def _render_finalise(session: workshops.Session) -> None:
    st.subheader(t("workshop.finalise_title"))
    confirmed = st.checkbox(t("workshop.finalise_confirm"), key=FINALISE_CONFIRM_KEY)
    if st.button(t("workshop.finalise"), key=FINALISE_KEY, type="primary"):
        if not confirmed:
            st.warning(t("workshop.confirm_first"), icon=":material/rule:")
            return
        _act(
            lambda: workshops.finalise_session(connection(), session.id, actor=current_actor()),
            t("workshop.finalised"),
        )


def _render_report(session: workshops.Session) -> None:
    html = _cursor_read(
        lambda cursor: workshop_report.build_workshop_report(
            cursor, session.id, lang=current_language()
        )
    )
    st.download_button(
        t("workshop.report"),
        data=html.encode("utf-8"),
        file_name=f"workshop-{session.code}.html",
        mime="text/html",
        key=REPORT_KEY,
        icon=":material/download:",
    )


def _render_adoption(session: workshops.Session) -> None:
    actor = current_actor()
    if not allows(actor, Permission.ADOPT_WORKSHOP_TARGETS):
        return
    st.subheader(t("workshop.adopt_title"))
    if session.is_open:
        st.caption(t("workshop.adopt_after"))
        return
    plan = _cursor_read(workshops.plan_adoption, session.id)
    _, indicator_names = _names()
    lang = current_language()
    for indicator, why in plan.refused:
        st.error(
            t(
                "workshop.adopt_refused",
                why=_plain(why),
                indicator=_plain(indicator_names.get(indicator, indicator)),
            ),
            icon=":material/error:",
        )
    if plan.skipped:
        st.caption(
            t(
                "workshop.adopt_skipped",
                names=", ".join(_plain(indicator_names.get(i, i)) for i in plan.skipped),
            )
        )
    if not plan.targets:
        st.caption(t("workshop.error.no_proposals"))
        return
    st.markdown(t("workshop.adopt_plan", region=_plain(_region_name(session.region_code))))
    st.dataframe(
        pd.DataFrame(
            [
                {
                    t("workshop.col_indicator"): indicator_names.get(
                        target.indicator_id, target.indicator_id
                    ),
                    t("workshop.col_minimum"): format_number(target.minimum, 2, lang=lang),
                    t("workshop.col_ambition"): format_number(target.ambition, 2, lang=lang),
                    t("workshop.col_year"): str(target.target_year or "–"),
                    t("workshop.col_current"): "–"
                    if current is None
                    else f"{format_number(current.minimum, 2, lang=lang)} / "
                    f"{format_number(current.ambition, 2, lang=lang)}",
                }
                for target, current in plan.targets
            ]
        ),
        hide_index=True,
    )
    confirmed = st.checkbox(t("workshop.adopt_confirm"), key=ADOPT_CONFIRM_KEY)
    if st.button(t("workshop.adopt"), key=ADOPT_KEY, disabled=not plan.ok):
        if not confirmed:
            st.warning(t("workshop.confirm_first"), icon=":material/rule:")
            return
        try:
            adopted = workshops.adopt_proposals(connection(), session.id, actor=actor)
        except BwError as error:
            _show_error(error)
            return
        clear_caches()  # targets changed: the monitor's judgements must be read again
        n = len(adopted.targets)
        st.session_state[_FLASH] = t("workshop.adopted_one" if n == 1 else "workshop.adopted", n=n)
        st.session_state[_PENDING] = (ADOPT_CONFIRM_KEY,)
        st.rerun()
