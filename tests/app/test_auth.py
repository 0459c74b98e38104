"""Roles and login in the app: lokale modus, the sidebar login form, and what each actor sees.

The labels of the login form ("Gebruikersnaam", "Wachtwoord", "Inloggen") are part of the
contract: the browser test logs in through them.
"""

from __future__ import annotations

import shutil
from datetime import datetime

import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

from bw import store, users
from bw.auth import cli_actor
from bw.store.audit import insert_audit_line
from bw.store.recovery import PHRASES, RECOVERY_ACTION, RECOVERY_ACTOR, Recovery
from tests.app.helpers import APP, TIMEOUT, open_page, texts
from ui import auth

PASSWORD = "correct horse battery"
UPLOAD_HIDDEN = "Log in als analist om data te laden"


@pytest.fixture
def store_with(demo_store, tmp_path, monkeypatch):
    """A private demo store copy holding the given accounts (name -> role)."""

    def make(**accounts: str):
        path = tmp_path / "bw.duckdb"
        shutil.copy(demo_store, path)
        con = store.connect(path)
        try:
            with store.transaction(con):
                for name, role in accounts.items():
                    users.add_user(con, name, role=role, password=PASSWORD, actor=cli_actor("test"))
        finally:
            con.close()
        monkeypatch.setenv("BW_DB", str(path))
        monkeypatch.delenv("BW_READ_ONLY", raising=False)
        st.cache_resource.clear()
        return path

    yield make
    st.cache_resource.clear()  # closes the app's connection to the copy


@pytest.fixture
def address():
    """Set server.address for one test (the repo's config.toml says 127.0.0.1)."""
    before = st.get_option("server.address")

    def set_(value: str | None) -> None:
        st.config.set_option("server.address", value)

    yield set_
    st.config.set_option("server.address", before)


def sidebar_texts(at: AppTest) -> str:
    kinds = ("markdown", "caption", "info", "warning", "error", "subheader")
    return "\n".join(str(e.value) for kind in kinds for e in getattr(at.sidebar, kind))


def log_in(at: AppTest, name: str, password: str) -> AppTest:
    """Fill the sidebar form by its labels, as a person (or the browser test) does."""
    by_label = {w.label: w for w in at.sidebar.text_input}
    by_label["Gebruikersnaam"].input(name)
    by_label["Wachtwoord"].input(password)
    next(b for b in at.sidebar.button if b.label == "Inloggen").click().run()
    assert not at.exception, at.exception
    return at


def data_page(**query: str) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=TIMEOUT)
    at.query_params.update(query)
    return open_page(at, "data")


def test_lokale_modus_banner_grants_everything_without_accounts(store_with, address):
    store_with()
    address("127.0.0.1")
    at = data_page()
    assert "Lokale modus" in sidebar_texts(at)
    assert at.file_uploader, "lokale modus may load data"
    assert not [w for w in at.sidebar.text_input if w.label == "Wachtwoord"]


def test_no_accounts_on_a_public_address_is_read_only(store_with, address):
    store_with()
    address("0.0.0.0")
    at = data_page()
    assert "Lokale modus" not in sidebar_texts(at)
    assert "python -m bw user add" in sidebar_texts(at)
    assert not at.file_uploader
    assert UPLOAD_HIDDEN in texts(at)


def test_with_an_account_the_data_page_asks_to_log_in_and_then_loads(store_with, address):
    store_with(**{"a.jansen": "analyst"})
    address("127.0.0.1")  # accounts win over lokale modus, even on localhost
    at = data_page()
    assert "Lokale modus" not in sidebar_texts(at)
    assert not at.file_uploader
    assert UPLOAD_HIDDEN in texts(at)
    log_in(at, "a.jansen", PASSWORD)
    assert at.file_uploader, "an analyst may load data"
    assert "Ingelogd als" in sidebar_texts(at) and "analist" in sidebar_texts(at)
    assert UPLOAD_HIDDEN not in texts(at)
    next(b for b in at.sidebar.button if b.label == "Uitloggen").click().run()
    assert not at.file_uploader
    assert UPLOAD_HIDDEN in texts(at)


def test_a_wrong_password_says_so_and_grants_nothing(store_with, address):
    store_with(**{"a.jansen": "analyst"})
    at = data_page()
    log_in(at, "a.jansen", "wrong password!")
    assert "klopt niet" in sidebar_texts(at)
    assert not at.file_uploader
    assert auth.ACTOR_KEY not in at.session_state


def test_a_viewer_account_logs_in_but_may_not_write(store_with, address):
    store_with(**{"k.kijker": "viewer", "a.jansen": "analyst"})
    at = data_page(regio="GM0917")  # Streefwaarden is about a region: one is chosen
    log_in(at, "k.kijker", PASSWORD)
    assert "Ingelogd als" in sidebar_texts(at)
    assert not at.file_uploader
    assert "Uw rol (kijker)" in texts(at)
    at.switch_page("app_pages/streefwaarden.py").run()
    assert not at.exception
    assert "Log in als analist om streefwaarden te wijzigen" in texts(at)
    assert not [f for f in at.get("form") if "target_form" in str(f.proto)]


@pytest.fixture
def clock(monkeypatch):
    """The throttle's clock, moved by the test (seconds since the epoch)."""
    now = [1_000_000.0]
    monkeypatch.setattr(auth, "_now", lambda: now[0])
    return now


def test_a_reload_does_not_reset_the_wait(store_with, clock):
    """Failures are kept in the store per account: a new session (a reload) still waits."""
    store_with(**{"a.jansen": "analyst"})
    at = data_page()
    for _ in range(auth.FREE_ATTEMPTS):
        log_in(at, "a.jansen", "wrong password!")
    reloaded = data_page()
    log_in(reloaded, "a.jansen", PASSWORD)  # right, but too soon after five failures
    assert "Te veel mislukte pogingen" in sidebar_texts(reloaded)
    assert not reloaded.file_uploader
    clock[0] += auth.BASE_DELAY + 1
    log_in(reloaded, "a.jansen", PASSWORD)
    assert reloaded.file_uploader


def test_guessing_names_from_one_address_makes_that_address_wait(store_with, clock):
    store_with(**{"a.jansen": "analyst"})
    for index in range(auth.FREE_ATTEMPTS):
        log_in(data_page(), f"gok{index}", "wrong password!")  # a new session every time
    at = data_page()
    log_in(at, "a.jansen", PASSWORD)
    assert "Te veel mislukte pogingen" in sidebar_texts(at)
    assert not at.file_uploader


def test_a_replica_keeps_the_count_in_its_process(store_with, clock, monkeypatch):
    """A read-only replica cannot write the store; its process remembers (docs/deploy.md)."""
    store_with(**{"a.jansen": "analyst"})
    monkeypatch.setenv("BW_READ_ONLY", "1")
    for _ in range(auth.FREE_ATTEMPTS):
        log_in(data_page(), "a.jansen", "wrong password!")
    at = data_page()
    log_in(at, "a.jansen", PASSWORD)
    assert "Te veel mislukte pogingen" in sidebar_texts(at)


def test_unknown_and_oidc_only_accounts_get_the_wrong_password_answer(store_with, clock):
    path = store_with(**{"a.jansen": "analyst"})
    con = store.connect(path)
    try:
        users.add_user(con, "a@gemeente.nl", role="admin", password=None, actor=cli_actor("t"))
    finally:
        con.close()
    answers = set()
    for name in ("a.jansen", "niemand", "a@gemeente.nl"):
        at = data_page()
        log_in(at, name, "wrong password!")
        answers.add(tuple(e.value for e in at.sidebar.error))
    assert len(answers) == 1 and "klopt niet" in next(iter(answers))[0]


def test_the_client_address_is_the_peer_or_the_local_proxys_last_hop(monkeypatch):
    monkeypatch.setattr(auth, "_peer_address", lambda: "203.0.113.5")
    monkeypatch.setattr(
        auth, "_request_headers", lambda: _Caseless({"X-Forwarded-For": "198.51.100.1"})
    )
    assert auth.client_address() == "203.0.113.5"  # a remote peer cannot choose its address
    monkeypatch.setattr(auth, "_peer_address", lambda: None)  # a proxy on this machine
    monkeypatch.setattr(
        auth, "_request_headers", lambda: _Caseless({"X-Forwarded-For": "10.0.0.9, 198.51.100.1"})
    )
    assert auth.client_address() == "198.51.100.1"  # what the proxy appended, not the client
    monkeypatch.setattr(auth, "_request_headers", lambda: _Caseless({}))
    assert auth.client_address() is None


def test_a_read_only_replica_never_grants_writes(store_with, address, monkeypatch):
    store_with(**{"a.jansen": "analyst"})
    monkeypatch.setenv("BW_READ_ONLY", "1")
    at = data_page()
    log_in(at, "a.jansen", PASSWORD)
    assert not at.file_uploader
    assert "alleen-lezen" in sidebar_texts(at)


def test_beheer_adds_the_first_account_which_ends_lokale_modus(store_with, address):
    path = store_with()
    address("127.0.0.1")
    at = open_page(AppTest.from_file(APP, default_timeout=TIMEOUT), "beheer")
    assert "Beheer" in at.title[0].value
    at.text_input(key="beheer_new_name").input("Beheer.Der")
    at.selectbox(key="beheer_new_role").set_value("admin")
    at.text_input(key="beheer_new_password").input(PASSWORD)
    at.button(key="beheer_add").click().run()
    assert not at.exception, at.exception
    assert "Lokale modus" not in sidebar_texts(at)
    assert "Ingelogd als" in sidebar_texts(at), "the first admin stays logged in"
    log = next(e.value for e in at.dataframe if "action" in e.value.columns)
    assert (log.iloc[0]["actor"], log.iloc[0]["action"], log.iloc[0]["subject"]) == (
        "lokaal",
        "account toegevoegd",
        "account beheer.der (beheerder)",
    )  # words, not ids
    at.text_input(key="beheer_new_name").input("a.jansen")
    at.text_input(key="beheer_new_password").input("kort")
    at.button(key="beheer_add").click().run()
    assert any("minstens 10 tekens" in e.value for e in at.error), "refused with the reason"
    at.selectbox(key="beheer_remove_select").set_value("beheer.der")
    at.checkbox(key="beheer_remove_confirm").check().run()
    at.button(key="beheer_remove").click().run()  # the only account may go: lokale modus again
    assert not at.exception, at.exception
    assert "Lokale modus" in sidebar_texts(at)
    st.cache_resource.clear()
    con = store.connect_for_reading(path)
    try:
        assert users.read_users(con) == []
        assert con.execute(
            "SELECT actor, action, subject FROM audit_log WHERE action LIKE '%_user' ORDER BY id"
        ).fetchall() == [
            ("lokaal", "add_user", "user beheer.der (admin)"),
            ("beheer.der", "remove_user", "user beheer.der (admin)"),
        ]
    finally:
        con.close()


def test_beheer_shows_a_repair_after_a_crash_in_words(store_with, address):
    path = store_with()
    repair = Recovery(((PHRASES["computed"], 1), (PHRASES["values"], 3)), 1, 2)
    con = store.connect(path)
    try:
        with store.transaction(con):
            insert_audit_line(
                con,
                done_at=datetime(2026, 12, 7, 5, 6),
                actor=RECOVERY_ACTOR,
                role="system",
                action=RECOVERY_ACTION,
                subject=repair.summary(),
            )
    finally:
        con.close()
    st.cache_resource.clear()
    address("127.0.0.1")
    at = open_page(AppTest.from_file(APP, default_timeout=TIMEOUT), "beheer")
    assert not at.exception, at.exception
    log = next(e.value for e in at.dataframe if "action" in e.value.columns)
    assert list(log.iloc[0][["actor", "role", "action", "subject"]]) == [
        "bw",
        "systeem",
        "hersteld na een onderbroken schrijfactie",
        "verwijderd: 1 berekende waarden van een niet-geregistreerde lading; 3 waarden van een "
        "niet-geregistreerde lading; 1 vervangen waarden teruggezet; 2 ranglijsten met dubbele "
        "rijen; afgeleide tabellen opnieuw opgebouwd",
    ]


def test_beheer_is_not_listed_for_an_analyst(store_with):
    store_with(**{"a.jansen": "analyst"})
    at = data_page()
    log_in(at, "a.jansen", PASSWORD)
    with pytest.raises(ValueError, match="Could not find a navigation page"):
        at.switch_page("app_pages/beheer.py")


def test_oidc_in_the_secrets_offers_the_organisation_login_instead_of_the_form(store_with):
    store_with(**{"a.jansen": "analyst"})
    at = AppTest.from_file(APP, default_timeout=TIMEOUT)
    at.secrets["auth"] = {
        "redirect_uri": "http://localhost:8501/oauth2callback",
        "cookie_secret": "test-only",
        "client_id": "x",
        "client_secret": "y",
        "server_metadata_url": "https://example.invalid/.well-known/x",
    }
    open_page(at, "data")
    assert [b.label for b in at.sidebar.button] == ["Inloggen met uw organisatieaccount"]
    assert not at.sidebar.text_input
    assert not at.file_uploader


class _FakeUser(dict):
    """What st.user holds after an OIDC login (a mapping with is_logged_in)."""

    is_logged_in = True


@pytest.mark.parametrize(
    ("email", "verified", "expected"),
    [
        ("A.Jansen@Gemeente.nl", True, ("a.jansen@gemeente.nl", "analyst")),  # account wins
        ("b.smit@gemeente.nl", True, ("b.smit@gemeente.nl", "facilitator")),  # [bw.roles]
        ("c@gemeente.nl", True, ("c@gemeente.nl", "viewer")),  # unknown: viewer
        ("d@gemeente.nl", True, ("d@gemeente.nl", "viewer")),  # a typo in the role: viewer
        ("a.jansen@gemeente.nl", False, ("anoniem", "viewer")),  # unverified e-mail
    ],
)
def test_an_oidc_user_gets_the_role_of_their_account_or_the_secrets(
    store_with, monkeypatch, email, verified, expected
):
    store_with(**{"a.jansen@gemeente.nl": "analyst"})
    monkeypatch.setattr(st, "user", _FakeUser(email=email, email_verified=verified))
    monkeypatch.setattr(
        st,
        "secrets",
        {
            "auth": {"redirect_uri": "x"},
            "bw": {"roles": {"B.Smit@gemeente.nl": "facilitator", "d@gemeente.nl": "baas"}},
        },
    )
    actor = auth.current_actor()
    assert (actor.name, str(actor.role)) == expected


def test_an_analyst_sets_a_target_recorded_under_their_account(store_with):
    path = store_with(**{"a.jansen": "analyst"})
    at = AppTest.from_file(APP, default_timeout=TIMEOUT)
    at.query_params.update({"regio": "GM0917", "indicator": "arbeid.nettoarbeidsparticipatie"})
    open_page(at, "streefwaarden")
    assert "Log in als analist om streefwaarden te wijzigen" in texts(at)
    log_in(at, "a.jansen", PASSWORD)
    assert "target_by" not in [w.key for w in at.text_input], "the account says who"
    at.text_input(key="target_minimum").set_value("99")
    at.text_input(key="target_ambition").set_value("99,5")
    at.button(key="target_submit").click().run()
    assert not at.exception, at.exception
    assert at.success
    st.cache_resource.clear()
    con = store.connect_for_reading(path)
    try:
        assert con.execute(
            "SELECT set_by FROM targets ORDER BY set_at DESC, id DESC LIMIT 1"
        ).fetchone() == ("a.jansen",)
    finally:
        con.close()


@pytest.mark.parametrize(
    ("headers", "local"),
    [
        ({}, True),  # no request to judge by (tests, bare mode)
        ({"Host": "localhost:8501"}, True),
        ({"Host": "127.0.0.1:8501"}, True),
        ({"Host": "[::1]:8501"}, True),
        ({"Host": "bw.gemeente.nl"}, False),  # a proxy passing the public host name
        ({"Host": "127.0.0.1:8501", "X-Forwarded-For": "203.0.113.9"}, False),
        ({"Host": "localhost", "forwarded": "for=203.0.113.9"}, False),
        # Issue 14 item 9: only the app's own origin. A browser always names the page that
        # opens the websocket; another web app on this computer has another port.
        ({"Host": "localhost:8501", "Origin": "http://localhost:8501"}, True),
        ({"Host": "127.0.0.1:8501", "Origin": "http://127.0.0.1:8501"}, True),
        ({"Host": "[::1]:8501", "Origin": "http://[::1]:8501"}, True),
        ({"Host": "localhost:8501", "Origin": "http://localhost:3000"}, False),
        ({"Host": "localhost:8501", "Origin": "http://127.0.0.1:8501"}, False),
        ({"Host": "localhost:8501", "Origin": "http://evil.example"}, False),
        ({"Host": "localhost:8501", "Origin": "null"}, False),  # a file:// or sandboxed page
        ({"Host": "localhost:8501", "Origin": "http://localhost"}, False),
        ({"Host": "localhost:3000", "Origin": "http://localhost:3000"}, False),  # not our port
        ({"Host": "localhost:8501"}, True),  # no Origin: not a browser (a program here)
    ],
)
def test_lokale_modus_needs_a_request_from_this_computer(monkeypatch, headers, local):
    monkeypatch.setattr(auth, "_request_headers", lambda: _Caseless(headers))
    before = st.get_option("server.port")
    st.config.set_option("server.port", 8501)
    try:
        assert auth.request_is_local() is local
    finally:
        st.config.set_option("server.port", before)


class _Caseless(dict):
    """Headers looked up without regard to case, as st.context.headers does."""

    def __init__(self, headers):
        super().__init__({k.lower(): v for k, v in headers.items()})

    def __contains__(self, key):
        return super().__contains__(str(key).lower())

    def get(self, key, default=None):
        return super().get(str(key).lower(), default)
