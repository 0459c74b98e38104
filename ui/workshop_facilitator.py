"""The Workshop page's facilitator view: create a session, moderate, propose, finalise, adopt."""

from __future__ import annotations

from urllib.parse import urlsplit

import pandas as pd
import streamlit as st

from bw import policy_cycle, workshops
from bw.auth import Permission, allows
from bw.errors import BwError
from bw.formatting import format_number
from bw.model import Level
from bw.reports import workshop as workshop_report
from bw.workshops import SessionState
from ui.auth import current_actor, listens_locally
from ui.i18n import current_language, t
from ui.numbers import FieldError, number_field, read_number, read_year, show_number, show_year
from ui.sidebar import REGION_KEY
from ui.store import (
    clear_caches,
    connection,
    read_catalogue,
    read_fresh,
    read_regions,
)
from ui.workshop_common import (
    ADOPT_CONFIRM_KEY,
    ADOPT_KEY,
    AMB_KEY,
    CHOOSE_KEY,
    EDIT_KEY,
    EDIT_TEXT_KEY,
    FINALISE_CONFIRM_KEY,
    FINALISE_KEY,
    FLASH,
    HIDE_KEY,
    IND_KEY,
    LIST_HEIGHT,
    MERGE_INTO_KEY,
    MERGE_KEY,
    MIN_KEY,
    MOD_ARGUMENT_KEY,
    NEW_PHASE_KEY,
    NEW_REGION_KEY,
    NEW_SUBMIT_KEY,
    NEW_THEMES_KEY,
    NEW_TITLE_KEY,
    PENDING,
    PROPOSAL_FILLED_FOR,
    REFRESH,
    REPORT_KEY,
    SCROLL_AFTER,
    SESSION_KEY,
    UNHIDE_KEY,
    YEAR_KEY,
    argument_label,
    phase_name,
    plain_text,
    read_names,
    read_state,
    region_name,
    render_contribution_list,
    show_error,
)

# --- the facilitator ---------------------------------------------------------------------------


def render_facilitator_view() -> None:
    """Create a session, show its code, moderate, choose indicators, finalise, report, adopt."""
    sessions = read_fresh(workshops.read_sessions)
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
        render_contribution_list(state)


def _render_create_form(*, expanded: bool) -> None:
    regions = read_regions()
    regions = regions[~regions["level"].isin((Level.WK, Level.BU)) & regions["last_year"].isna()]
    region_names = dict(zip(regions["code"], regions["name"], strict=True))
    theme_names, _ = read_names()
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
            format_func=phase_name,
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
        show_error(error)
        return
    st.session_state[SESSION_KEY] = session.id
    st.session_state[FLASH] = t(
        "workshop.created", title=plain_text(session.title), code=session.code
    )
    st.session_state[PENDING] = (NEW_TITLE_KEY, NEW_THEMES_KEY)
    st.rerun()


def _render_join(session: workshops.Session) -> None:
    with st.container(border=True):
        st.markdown(
            f"**{t('workshop.join_title')}** — "
            + t(
                "workshop.case",
                title=plain_text(session.title),
                region=plain_text(region_name(session.region_code)),
                phase=phase_name(session.phase),
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
        show_error(error)
        return
    st.session_state[FLASH] = success
    st.rerun()


def _render_moderation(state: SessionState) -> None:
    st.subheader(t("workshop.moderate_title"))
    ids = list(state.arguments)
    if not ids:
        st.caption(t("workshop.moderate_none"))
        return
    actor, session_id = current_actor(), state.session.id
    label = argument_label(state)
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
    _, indicator_names = read_names()
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
    if st.session_state.get(PROPOSAL_FILLED_FOR) != filled_for:
        st.session_state[MIN_KEY] = show_number(proposal.minimum if proposal else None)
        st.session_state[AMB_KEY] = show_number(proposal.ambition if proposal else None)
        st.session_state[YEAR_KEY] = show_year(proposal.target_year if proposal else None)
        st.session_state[PROPOSAL_FILLED_FOR] = filled_for
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
    _, indicator_names = read_names()
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
    html = read_fresh(
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
    plan = read_fresh(workshops.plan_adoption, session.id)
    _, indicator_names = read_names()
    lang = current_language()
    for indicator, why in plan.refused:
        st.error(
            t(
                "workshop.adopt_refused",
                why=plain_text(why),
                indicator=plain_text(indicator_names.get(indicator, indicator)),
            ),
            icon=":material/error:",
        )
    if plan.skipped:
        st.caption(
            t(
                "workshop.adopt_skipped",
                names=", ".join(plain_text(indicator_names.get(i, i)) for i in plan.skipped),
            )
        )
    if not plan.targets:
        st.caption(t("workshop.error.no_proposals"))
        return
    st.markdown(t("workshop.adopt_plan", region=plain_text(region_name(session.region_code))))
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
            show_error(error)
            return
        clear_caches()  # targets changed: the monitor's judgements must be read again
        n = len(adopted.targets)
        st.session_state[FLASH] = t("workshop.adopted_one" if n == 1 else "workshop.adopted", n=n)
        st.session_state[PENDING] = (ADOPT_CONFIRM_KEY,)
        st.rerun()
