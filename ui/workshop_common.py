"""What the Workshop page's views share: widget keys, the session state read per event, names."""

from __future__ import annotations

from datetime import timedelta

import streamlit as st

from bw import policy_cycle, workshops
from bw.auth import PermissionDenied
from bw.errors import BwError
from bw.report import Issue
from bw.workshops import SessionState
from ui.i18n import current_language, t
from ui.issues import issue_text
from ui.markdown import md
from ui.refusals import refusal_text
from ui.store import (
    read_catalogue,
    read_fresh,
    read_regions,
    read_themes,
)

#: How often the contributions list refreshes itself.
REFRESH = timedelta(seconds=3)
#: Pixels of the facilitator's scrolling contributions list, so what follows stays in reach.
LIST_HEIGHT = 560
#: From this many visible arguments on, the facilitator's list scrolls in that height.
SCROLL_AFTER = 6
#: Refusals that mean "someone else is writing, send it again": shown with an hourglass.
BUSY_CODES = frozenset({"busy", "lake_busy"})
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
PROPOSAL_FILLED_FOR = "_workshop_proposal_filled_for"

FLASH = "_workshop_flash"
PSEUDONYM = "_workshop_pseudonym"
PARTICIPANT = "_workshop_participant"  # this browser session, for the limits on posting
#: The join code of the link this session last opened (a new link picks the participant view).
LINK_CODE = "_workshop_link_code"
#: Whether the role could facilitate when the view was chosen (a login changes the default).
VIEW_FOR = "_workshop_view_for"
#: Widget values to reset at the start of the next run (Streamlit refuses it once drawn).
PENDING = "_workshop_pending"
VIEWS = ("participant", "reviewer", "facilitator")


def plain_text(text: str) -> str:
    """User text on one line, made inert for Markdown (no links, images, headings or emphasis)."""
    return md(" ".join(str(text).split()))


def show_error(error: BwError) -> None:
    if isinstance(error, PermissionDenied):
        st.error(t("workshop.denied", error=plain_text(error)), icon=":material/block:")
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
                key: plain_text(value) if isinstance(value, str) else value
                for key, value in error.params.items()
            },
        )
    )
    if message is None:
        message = plain_text(error)
    icon = ":material/hourglass_top:" if error.code in BUSY_CODES else ":material/error:"
    st.error(message, icon=icon)


@st.cache_data(max_entries=32, ttl=600, show_spinner=False)
def _cached_state(path_key: str, session_id: int, last_event_id: int) -> SessionState:
    """A session's state, read again only when a new event arrived (the key changes)."""
    return read_fresh(workshops.read_state, session_id)


def read_state(session_id: int) -> SessionState:
    """The current state of a session through the bounded cache."""
    from ui.store import store_path

    last = read_fresh(workshops.latest_event_id, session_id)
    status = read_fresh(workshops.read_session, session_id)
    # the status is part of the key: finalising changes no event but changes the state
    return _cached_state(f"{store_path()}|{status.status if status else ''}", session_id, last)


def read_names() -> tuple[dict[str, str], dict[str, str]]:
    lang = current_language()
    themes = read_themes()
    catalogue = read_catalogue()
    theme_col = "name_en" if lang == "en" else "name_nl"
    return (
        dict(zip(themes["theme_id"], themes[theme_col], strict=True)),
        dict(zip(catalogue["indicator_id"], catalogue[theme_col], strict=True)),
    )


def region_name(code: str) -> str:
    regions = read_regions()
    match = regions.loc[regions["code"] == code, "name"]
    return str(match.iloc[0]) if not match.empty else code


def phase_name(phase_id: str) -> str:
    return policy_cycle.phase(phase_id).name.in_language(current_language())


def render_contribution_list(state: SessionState) -> None:
    theme_names, indicator_names = read_names()
    lang = current_language()
    visible = state.visible()
    st.subheader(t("workshop.contributions"))
    st.caption(t("workshop.live_one" if len(visible) == 1 else "workshop.live", n=len(visible)))
    for theme in state.session.themes:
        in_theme = [a for a in visible if a.theme_id == theme]
        st.markdown(f"#### {plain_text(theme_names.get(theme, theme))} ({len(in_theme)})")
        if not in_theme:
            st.caption(t("workshop.no_contributions"))
        for argument in in_theme:
            render_argument(state, argument, lang)
    general = state.comments_on(None)
    for comment in general:
        st.caption(
            t(
                "workshop.comment_by",
                author=plain_text(comment.author),
                text=plain_text(comment.text),
            )
        )


def render_argument(state: SessionState, argument, lang: str) -> None:
    place = workshops.place_of(argument.scale, case_level=state.session.case_level)
    with st.container(border=True):
        st.markdown(plain_text(argument.text))
        # escaped: "+ positief" at the start of a line would be a Markdown list item
        meta = t(
            "workshop.meta",
            sentiment=plain_text(workshops.SENTIMENT_LABELS[lang][argument.sentiment]),
            place=workshops.PLACE_LABELS[lang][place],
            when=workshops.TIME_LABELS[lang][argument.time_frame],
            scale=workshops.SCALE_LABELS[lang][argument.scale],
            author=plain_text(argument.author),
        )
        if argument.versions > 1:
            meta += f" · {t('workshop.edited')}"
        st.caption(meta)
        for merged in state.merged_under(argument.id):
            st.caption(
                "↳ "
                + t(
                    "workshop.merged_from",
                    text=plain_text(merged.text),
                    author=plain_text(merged.author),
                )
            )
        for comment in state.comments_on(argument.id):
            st.caption(
                t(
                    "workshop.comment_by",
                    author=plain_text(comment.author),
                    text=plain_text(comment.text),
                )
            )


def argument_label(state: SessionState):
    def label(argument_id) -> str:
        if argument_id is None:
            return t("workshop.comment_general")
        text = state.arguments[argument_id].text
        return f"#{argument_id} " + (text if len(text) <= 60 else text[:59] + "…")

    return label
