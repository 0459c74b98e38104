"""The Beheer page: list, add and remove accounts (administrators only).

The page is listed only for those who may manage accounts, but every change goes through
:mod:`bw.users`, which checks the role itself.
"""

from __future__ import annotations

import re

import pandas as pd
import streamlit as st

from bw import audit, users
from bw.auth import Actor, Permission, PermissionDenied, Role
from bw.errors import BwError
from bw.store import recovery
from ui.auth import (
    ACTOR_KEY,
    current_actor,
    may,
    oidc_configured,
    refusal,
    role_word,
)
from ui.i18n import STRINGS, current_language, t
from ui.markdown import md
from ui.refusals import refusal_text
from ui.store import reading_cursor, writer

#: Widget keys, for tests.
NEW_NAME_KEY = "beheer_new_name"
NEW_ROLE_KEY = "beheer_new_role"
NEW_PASSWORD_KEY = "beheer_new_password"
OIDC_ONLY_KEY = "beheer_oidc_only"
ADD_KEY = "beheer_add"
REMOVE_SELECT_KEY = "beheer_remove_select"
REMOVE_CONFIRM_KEY = "beheer_remove_confirm"
REMOVE_KEY = "beheer_remove"
_FLASH = "beheer_flash"
#: Lines of the audit log the page shows.
AUDIT_ROWS = 200


def _accounts_frame(accounts: list[users.User]) -> pd.DataFrame:
    pattern = "%d-%m-%Y %H:%M" if current_language() == "nl" else "%Y-%m-%d %H:%M"
    return pd.DataFrame(
        {
            "name": [u.name for u in accounts],
            "role": [role_word(u.role) for u in accounts],
            "login": [
                t("beheer.login_password") if u.has_password else t("beheer.login_oidc")
                for u in accounts
            ],
            "created": [u.created_at.strftime(pattern) for u in accounts],
            "created_by": [u.created_by for u in accounts],
        },
        columns=["name", "role", "login", "created", "created_by"],
    )


def refused_text(error: BwError) -> str:
    """A refused account change in the UI language, from the error's code and parameters."""
    # Parameters are typed names: shown as written, never as Markdown.
    params = {k: md(v) if isinstance(v, str) else v for k, v in error.params.items()}
    return t("beheer.refused", error=refusal_text(error, "beheer.err_", params=params) or md(error))


def _change(action, message: str) -> None:
    """Run an account change in one transaction; flash ``message`` or show why it was refused."""
    try:
        with writer() as cursor:
            action(cursor)
    except BwError as error:  # nothing was changed
        denied = isinstance(error, PermissionDenied)
        st.error(t("auth.denied") if denied else refused_text(error), icon=":material/block:")
        return
    st.session_state[_FLASH] = message
    st.rerun()


def _add(cursor, name: str, role: str, password: str | None, actor: Actor) -> None:
    added = users.add_user(cursor, name, role=role, password=password, actor=actor)
    if actor.local and added.role == Role.ADMIN:
        # The first account ends lokale modus; whoever made this admin stays logged in as it.
        st.session_state[ACTOR_KEY] = Actor(added.name, added.role)


def render_beheer() -> None:
    """The accounts table, the add form and the remove control."""
    st.title(t("beheer.title"))
    st.write(t("beheer.intro"))
    flash = st.session_state.pop(_FLASH, None)
    if flash:
        st.success(flash, icon=":material/check_circle:")
    if not may(Permission.MANAGE_USERS):
        st.info(refusal(Permission.MANAGE_USERS), icon=":material/lock:")
        return
    with reading_cursor() as cursor:
        accounts = users.read_users(cursor)
    st.subheader(t("beheer.accounts"))
    if accounts:
        st.dataframe(
            _accounts_frame(accounts),
            hide_index=True,
            column_config={
                key: st.column_config.TextColumn(t(f"beheer.col_{key}"))
                for key in ("name", "role", "login", "created", "created_by")
            },
        )
    else:
        st.write(t("beheer.none"))
        st.warning(t("beheer.first_admin"), icon=":material/warning:")
    actor = current_actor()
    st.subheader(t("beheer.add_heading"))
    roles = [role.value for role in Role]
    with st.form("beheer_add_form", clear_on_submit=True):
        name = st.text_input(t("beheer.new_name"), key=NEW_NAME_KEY, max_chars=64)
        role = st.selectbox(
            t("beheer.new_role"),
            roles,
            key=NEW_ROLE_KEY,
            index=roles.index(Role.ANALYST.value),
            format_func=role_word,
            placeholder=t("select.one"),
        )
        password = st.text_input(
            t("beheer.new_password", min=users.MIN_PASSWORD),
            type="password",
            key=NEW_PASSWORD_KEY,
            autocomplete="new-password",
            max_chars=users.MAX_PASSWORD,
        )
        # With OIDC an account may have no password: its e-mail address logs in elsewhere.
        oidc_only = oidc_configured() and st.checkbox(t("beheer.oidc_only"), key=OIDC_ONLY_KEY)
        if st.form_submit_button(t("beheer.add"), key=ADD_KEY, icon=":material/person_add:"):
            secret = None if oidc_only else password or ""
            _change(
                lambda cur: _add(cur, name or "", role, secret, actor),
                t("beheer.added", name=md(users.normalise_name(name or "")), role=role_word(role)),
            )
    if accounts:
        _render_remove(accounts, actor)
    _render_audit()


def _render_audit() -> None:
    """The newest lines of the audit log: who undid a load, edited a programme, …"""
    st.subheader(t("beheer.audit_heading"))
    st.caption(t("beheer.audit_intro"))
    with reading_cursor() as cursor:
        log = audit.read_audit(cursor, limit=AUDIT_ROWS)
    if log.empty:
        st.write(t("beheer.audit_none"))
        return
    pattern = "%d-%m-%Y %H:%M:%S" if current_language() == "nl" else "%Y-%m-%d %H:%M:%S"
    st.dataframe(
        pd.DataFrame(
            {
                "when": log["done_at"].dt.strftime(pattern),
                "actor": log["actor"],
                "role": [role_word(r) for r in log["role"]],
                "action": [action_label(a) for a in log["action"]],
                "subject": [subject_label(s) for s in log["subject"]],
            }
        ),
        hide_index=True,
        column_config={
            key: st.column_config.TextColumn(t(f"beheer.col_{key}"))
            for key in ("when", "actor", "role", "action", "subject")
        },
    )


def action_label(action: str) -> str:
    """An audit action in words (``lading ongedaan gemaakt``); an unknown id as it is."""
    key = f"audit.action.{action}"
    return t(key) if key in STRINGS[current_language()] else action


#: 'user a.jansen (analyst)', 'programme 3', 'load 12', '14 indicators': the English nouns bw
#: writes in a subject, and a role in brackets.
_SUBJECT_WORD = re.compile(
    r"\b(user|programme|load|indicators)\b|\((viewer|analyst|facilitator"
    r"|admin)\)"
)


def subject_label(subject: str) -> str:
    """An audit subject in the UI language: its nouns and a role in brackets translated."""
    subject = str(subject)
    if subject.endswith(recovery.PHRASES["rebuilt"]):
        return _recovery_label(subject)

    def translate(match: re.Match) -> str:
        if match.group(1):
            return t(f"audit.word.{match.group(1)}")
        return f"({role_word(match.group(2))})"

    return _SUBJECT_WORD.sub(translate, subject)


def _recovery_label(subject: str) -> str:
    """What a repair after a crash did (bw.store.recovery's summary), in the UI language."""
    # Longest first: "computed values of a load …" holds "values of a load …".
    for key, phrase in sorted(recovery.PHRASES.items(), key=lambda kv: -len(kv[1])):
        subject = subject.replace(phrase, t(f"audit.recovery.{key}"))
    return subject


def _render_remove(accounts: list[users.User], actor: Actor) -> None:
    st.subheader(t("beheer.remove_heading"))
    names = [u.name for u in accounts]
    chosen = st.selectbox(
        t("beheer.remove_select"), names, key=REMOVE_SELECT_KEY, placeholder=t("select.one")
    )
    confirmed = st.checkbox(t("beheer.remove_confirm"), key=REMOVE_CONFIRM_KEY)
    if st.button(
        t("beheer.remove"), key=REMOVE_KEY, disabled=not confirmed, icon=":material/person_remove:"
    ):
        _change(
            lambda cur: users.remove_user(cur, chosen, actor=actor),
            t("beheer.removed", name=md(chosen)),
        )
