"""The acting user of this session: login, lokale modus, and the sidebar that shows them.

Four ways, first match wins:

1. **OIDC** when ``st.secrets`` has an ``[auth]`` section: ``st.login()`` / ``st.user``; the
   role comes from the account whose name is the user's e-mail address, else from a
   ``[bw.roles]`` table in the secrets (``"a@b.nl" = "analyst"``), else viewer.
2. **Accounts in the store**: a login form in the sidebar; the actor is kept in the session
   and checked against the store on every run (a removed account is logged out at once).
3. **Lokale modus**: no accounts, no OIDC, the server listens on localhost only
   (``server.address`` in ``.streamlit/config.toml``), the request names a local host and this
   server's port, passed no proxy, and a browser's request comes from the app's own page (its
   ``Origin``): a banner says so and grants admin.
4. Otherwise an anonymous viewer.

A read-only replica (``BW_READ_ONLY=1``) never grants writes, whoever logs in. The pages hide
what a role may not use, but the write functions in ``bw`` check the role themselves.
"""

from __future__ import annotations

import dataclasses
import time
from collections.abc import Callable, Mapping
from urllib.parse import urlsplit

import streamlit as st

from bw import users
from bw.auth import ANONYMOUS, LOCAL_ACTOR, Actor, Permission, Role, allows
from ui.i18n import STRINGS, current_language, t
from ui.markdown import md
from ui.store import can_write, connection, reading_cursor

#: Session-state key of the logged-in actor.
ACTOR_KEY = "auth_actor"
#: Widget keys of the sidebar login form (tests and the browser test use the labels too).
FORM_KEY = "auth_login_form"
USER_NAME_KEY = "auth_user_name"
PASSWORD_KEY = "auth_password"
LOG_IN_KEY = "auth_log_in"
LOG_OUT_KEY = "auth_log_out"
_FLASH = "auth_flash"

#: Server addresses that mean "reachable from this computer only".
LOCAL_ADDRESSES = frozenset({"127.0.0.1", "localhost", "::1"})

#: Failed logins allowed per account name and per client address before each further attempt
#: waits; the wait doubles per failure from BASE_DELAY up to MAX_DELAY seconds (bw.users). The
#: counts live in the store, so a reload (a new session) or a restart does not reset them.
FREE_ATTEMPTS = users.FREE_ATTEMPTS
BASE_DELAY = users.BASE_DELAY
MAX_DELAY = users.MAX_DELAY

#: The clock of the throttle, seconds since the epoch (a test replaces it).
_now: Callable[[], float] = time.time
#: This process's count of failed logins: all there is on a read-only replica, and where a
#: failure goes when the store cannot take it at that moment.
_PROCESS_THROTTLE = users.MemoryThrottle()


def oidc_configured() -> bool:
    """Whether the secrets configure OIDC login (an ``[auth]`` section)."""
    try:
        return "auth" in st.secrets
    except Exception:  # noqa: BLE001 - no or unreadable secrets file: no OIDC
        return False


def listens_locally() -> bool:
    """Whether the server accepts connections from this computer only."""
    address = str(st.get_option("server.address") or "").strip().strip("[]").lower()
    return address in LOCAL_ADDRESSES


#: Headers a reverse proxy adds: a request that passed one did not come from this computer.
PROXY_HEADERS = ("Forwarded", "X-Forwarded-For", "X-Forwarded-Host", "X-Real-Ip")


def _request_headers() -> Mapping[str, str]:
    try:
        return st.context.headers or {}
    except Exception:  # noqa: BLE001 - no request (bare mode, tests): nothing to judge by
        return {}


def _own_port() -> int:
    return int(st.get_option("server.port") or 8501)


def _is_this_server(netloc: str, *, scheme: str = "http") -> bool:
    """Whether ``netloc`` (``localhost:8501``) names a local host and this server's port."""
    try:
        parts = urlsplit(f"//{netloc}")
        port = parts.port or (443 if scheme == "https" else 80)
    except ValueError:  # a port that is no number
        return False
    return (parts.hostname or "").lower() in LOCAL_ADDRESSES and port == _own_port()


def request_is_local() -> bool:
    """Whether this session's request came straight from this computer and the app's own page.

    A guard behind :func:`listens_locally`: a proxy on the same machine would make every
    visitor look local, but it adds forwarding headers or passes the public host name. And
    Streamlit accepts a websocket from *any* page on localhost (another web app on this
    computer, on another port, could open one in the browser and act as admin): a browser
    always sends the opening page's ``Origin``, which must be this server's own, exactly the
    host the request names. Without an ``Origin`` the client is no browser but a program on
    this computer, which could open the store file anyway.
    """
    headers = _request_headers()
    if any(name in headers for name in PROXY_HEADERS):
        return False
    host = headers.get("Host")
    if host and not _is_this_server(host):
        return False
    origin = headers.get("Origin")
    if origin is None:
        return True
    parts = urlsplit(origin)
    if parts.scheme not in ("http", "https") or not _is_this_server(
        parts.netloc, scheme=parts.scheme
    ):
        return False
    return not host or host.lower() == parts.netloc.lower()


def account_count() -> int:
    """How many accounts the store holds."""
    with reading_cursor() as cursor:
        return users.count_users(cursor)


def login_mode() -> str:
    """How this session gets its actor: 'oidc', 'accounts', 'local' or 'anonymous'."""
    if oidc_configured():
        return "oidc"
    if account_count() > 0:
        return "accounts"
    if listens_locally() and request_is_local() and can_write():
        return "local"
    return "anonymous"


def _secrets_role(email: str) -> Role:
    try:
        mapping = st.secrets.get("bw", {}).get("roles", {})
        chosen = {users.normalise_name(k): v for k, v in dict(mapping).items()}.get(email)
        return users.check_role(chosen) if chosen else Role.VIEWER
    except (users.UserError, AttributeError, TypeError):
        return Role.VIEWER  # a typo in the secrets grants nothing


def oidc_logged_in() -> bool:
    """Whether this session has logged in through OIDC (False where st.user is not set up)."""
    return bool(getattr(st.user, "is_logged_in", False))


def _oidc_actor() -> Actor:
    user = st.user
    if not oidc_logged_in():
        return ANONYMOUS
    email = users.normalise_name(str(user.get("email") or ""))
    if not email or user.get("email_verified") is False:
        return ANONYMOUS
    with reading_cursor() as cursor:
        found = users.actor_for(cursor, email)
    return found or Actor(name=email, role=_secrets_role(email))


def _session_actor() -> Actor:
    actor = st.session_state.get(ACTOR_KEY)
    if not isinstance(actor, Actor):
        return ANONYMOUS
    with reading_cursor() as cursor:
        found = users.actor_for(cursor, actor.name)  # removed or changed since logging in?
    if found is None:
        st.session_state.pop(ACTOR_KEY, None)
        return ANONYMOUS
    return found


def current_actor() -> Actor:
    """Who is acting in this session (see the module docstring for the order)."""
    mode = login_mode()
    if mode == "oidc":
        actor = _oidc_actor()
    elif mode == "accounts":
        actor = _session_actor()
    elif mode == "local":
        actor = LOCAL_ACTOR
    else:
        actor = ANONYMOUS
    if not can_write() and actor.role != Role.VIEWER:
        return dataclasses.replace(actor, role=Role.VIEWER, local=False)  # a replica only reads
    return actor


def may(permission: Permission) -> bool:
    """Whether this session's actor may do ``permission`` on this instance."""
    return can_write() and allows(current_actor(), permission)


def role_word(role: Role | str) -> str:
    """The role in the UI language (``analist``); one without words (bw's own ``system``, for
    its repair after a crash) as it is rather than an error on the Beheer page."""
    key = f"auth.role.{role.value if isinstance(role, Role) else role}"
    return t(key) if key in STRINGS[current_language()] else str(role)


def refusal(permission: Permission) -> str:
    """Why this session may not do ``permission``: log in, or the role does not allow it."""
    actor = current_actor()
    if actor == ANONYMOUS:
        return t(f"auth.need.{permission.value}")
    return f"{t('auth.role_lacks', role=role_word(actor.role))} {t(f'auth.need.{permission}')}"


# --- logging in with an account in the store --------------------------------------------------


def _peer_address() -> str | None:
    """The TCP peer of this session (None for this computer, or without a request)."""
    try:
        peer = st.context.ip_address
    except Exception:  # noqa: BLE001 - no request (bare mode, tests)
        return None
    return peer if isinstance(peer, str) and peer else None  # AppTest gives a mock


def client_address() -> str | None:
    """The address this session's browser connects from, for the login throttle.

    A remote peer is taken as it is: it cannot choose its TCP address, and forwarding headers
    it sends are ignored. A peer on this computer is either a browser here or a reverse proxy
    here (docs/deploy.md); the proxy's ``X-Forwarded-For`` ends with the address it saw, so the
    last entry is used (earlier entries come from the client and prove nothing). None when
    neither says anything.
    """
    peer = _peer_address()
    if peer:
        return peer
    headers = _request_headers()
    forwarded = (headers.get("X-Forwarded-For") or "").split(",")[-1].strip()
    return forwarded or (headers.get("X-Real-Ip") or "").strip() or None


def login_throttle_of_this_process() -> users.MemoryThrottle:
    """The failed-login count kept in this process (a replica's only one; tests clear it)."""
    return _PROCESS_THROTTLE


def _login_throttle() -> users.StoreThrottle | users.MemoryThrottle:
    """The store's throttle on the writing app; this process's own on a read-only replica."""
    if not can_write():
        return _PROCESS_THROTTLE
    return users.StoreThrottle(connection(), _PROCESS_THROTTLE)


def log_in(name: str, password: str) -> str | None:
    """Log this session in; None on success, else the message why not (nothing kept).

    A wrong password, an unknown name and an account without a password (OIDC only) get the
    same answer after the same work, and each counts as a failure for the name and for this
    client's address (:mod:`bw.users`: the wait doubles after five failures).
    """
    if not name.strip() or not password:
        return t("auth.fields_required")
    throttle = _login_throttle()
    keys = users.throttle_keys(name, client_address())
    wait = throttle.wait(keys, now=_now())
    if wait > 0:
        return t("auth.throttled", seconds=int(wait) + 1)
    with reading_cursor() as cursor:
        actor = users.authenticate(cursor, name, password)
    if actor is None:
        throttle.record_failure(keys, now=_now())
        return t("auth.failed")
    throttle.forget(keys[:1])  # the account's count; the address's stays (see bw.users)
    st.session_state[ACTOR_KEY] = actor
    return None


def log_out() -> None:
    """Forget this session's login."""
    st.session_state.pop(ACTOR_KEY, None)


def _render_login_form() -> None:
    with st.sidebar.form(FORM_KEY, clear_on_submit=True, border=False):
        name = st.text_input(
            t("auth.user_name"), key=USER_NAME_KEY, autocomplete="username", max_chars=64
        )
        password = st.text_input(
            t("auth.password"),
            type="password",
            key=PASSWORD_KEY,
            autocomplete="current-password",
            max_chars=users.MAX_PASSWORD,
        )
        submitted = st.form_submit_button(t("auth.log_in"), key=LOG_IN_KEY, icon=":material/login:")
    if submitted:
        problem = log_in(name or "", password or "")
        if problem is None:
            st.rerun()
        st.sidebar.error(problem, icon=":material/error:")


def _render_logged_in(actor: Actor, *, on_log_out: Callable[[], None]) -> None:
    st.sidebar.markdown(t("auth.logged_in_as", name=md(actor.name), role=role_word(actor.role)))
    if st.sidebar.button(t("auth.log_out"), key=LOG_OUT_KEY, icon=":material/logout:"):
        on_log_out()
        st.rerun()


def render_auth_sidebar() -> None:
    """The sidebar's account block: lokale modus banner, login form or who is logged in."""
    mode = login_mode()
    if mode == "local":
        # A badge and its explanation, not st.warning: pages keep warnings for their data.
        st.sidebar.badge(t("auth.local_badge"), icon=":material/lock_open:", color="blue")
        st.sidebar.caption(t("auth.local_banner"))
        return
    st.sidebar.subheader(t("auth.heading"))
    if mode == "oidc":
        if oidc_logged_in():
            _render_logged_in(current_actor(), on_log_out=st.logout)
        elif st.sidebar.button(t("auth.log_in_oidc"), key=LOG_IN_KEY, icon=":material/login:"):
            st.login()
    elif mode == "accounts":
        actor = current_actor()
        if actor == ANONYMOUS:
            _render_login_form()
        else:
            _render_logged_in(actor, on_log_out=log_out)
    else:
        st.sidebar.caption(t("auth.anonymous_note"))
    if not can_write():
        st.sidebar.caption(t("auth.read_only_note"))


def show_beheer() -> bool:
    """Whether the navigation lists the Beheer page: for those who may manage accounts."""
    return may(Permission.MANAGE_USERS)
