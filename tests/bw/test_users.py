"""Tests for bw.users: hashing, accounts, logging in, and who may change accounts."""

from __future__ import annotations

import pytest

from bw import audit, users
from bw.auth import ANONYMOUS, Actor, PermissionDenied, Role, cli_actor

ADMIN = cli_actor("test")
PASSWORD = "correct horse battery"


def test_the_hash_never_holds_the_password_and_the_salt_differs_per_account(con):
    users.add_user(con, "a.jansen", role="analyst", password=PASSWORD, actor=ADMIN)
    users.add_user(con, "b.smit", role="viewer", password=PASSWORD, actor=ADMIN)
    hashes = [
        row[0] for row in con.execute("SELECT password_hash FROM users ORDER BY name").fetchall()
    ]
    assert all(PASSWORD not in h and PASSWORD.encode().hex() not in h for h in hashes)
    assert all(h.startswith("scrypt$n=16384,r=8,p=1$") for h in hashes)
    salts = [h.split("$")[2] for h in hashes]
    assert len(set(salts)) == 2 and all(len(bytes.fromhex(s)) == 16 for s in salts)
    assert hashes[0] != hashes[1], "the same password hashes differently per account"


def test_authenticate_gives_the_actor_only_for_the_right_password(con):
    users.add_user(con, "A.Jansen", role="analyst", password=PASSWORD, actor=ADMIN)
    assert users.authenticate(con, "a.jansen", PASSWORD) == Actor("a.jansen", Role.ANALYST)
    assert users.authenticate(con, " A.JANSEN ", PASSWORD) == Actor("a.jansen", Role.ANALYST)
    assert users.authenticate(con, "a.jansen", PASSWORD + "!") is None
    assert users.authenticate(con, "a.jansen", "") is None
    assert users.authenticate(con, "nobody", PASSWORD) is None


def test_an_oidc_only_account_never_logs_in_with_a_password(con):
    users.add_user(con, "a@gemeente.nl", role="admin", password=None, actor=ADMIN)
    assert users.read_user(con, "a@gemeente.nl").has_password is False
    assert users.authenticate(con, "a@gemeente.nl", "") is None
    assert users.actor_for(con, "A@Gemeente.nl") == Actor("a@gemeente.nl", Role.ADMIN)


@pytest.mark.parametrize(
    ("name", "role", "password", "message"),
    [
        ("", "analyst", PASSWORD, "needs a name"),
        ("a jansen", "analyst", PASSWORD, "may hold only"),
        ("<script>", "analyst", PASSWORD, "may hold only"),
        ("x" * 65, "analyst", PASSWORD, "may hold only"),
        ("lokaal", "admin", PASSWORD, "reserved"),
        ("cli", "admin", PASSWORD, "reserved"),
        ("a.jansen", "boss", PASSWORD, "unknown role 'boss'"),
        ("a.jansen", "analyst", "short", "at least 10"),
        ("a.jansen", "analyst", "x" * 1025, "at most 1024"),
    ],
)
def test_bad_accounts_are_refused_with_a_clear_message(con, name, role, password, message):
    with pytest.raises(users.UserError, match=message):
        users.add_user(con, name, role=role, password=password, actor=ADMIN)
    assert users.count_users(con) == 0


def test_a_name_is_taken_once(con):
    users.add_user(con, "a.jansen", role="analyst", password=PASSWORD, actor=ADMIN)
    with pytest.raises(users.UserError, match="already exists"):
        users.add_user(con, "A.Jansen", role="admin", password=PASSWORD, actor=ADMIN)
    assert users.read_user(con, "a.jansen").role == Role.ANALYST


@pytest.mark.parametrize("role", [Role.VIEWER, Role.ANALYST, Role.FACILITATOR])
def test_only_an_admin_adds_or_removes_accounts(con, role):
    users.add_user(con, "a.jansen", role="analyst", password=PASSWORD, actor=ADMIN)
    actor = Actor("someone", role)
    with pytest.raises(PermissionDenied):
        users.add_user(con, "b.smit", role="admin", password=PASSWORD, actor=actor)
    with pytest.raises(PermissionDenied):
        users.remove_user(con, "a.jansen", actor=actor)
    with pytest.raises(PermissionDenied):
        users.add_user(con, "c.de.vries", role="viewer", password=PASSWORD, actor=ANONYMOUS)
    assert [u.name for u in users.read_users(con)] == ["a.jansen"]


def test_the_last_admin_stays_while_other_accounts_remain(con):
    users.add_user(con, "beheer", role="admin", password=PASSWORD, actor=ADMIN)
    users.add_user(con, "a.jansen", role="analyst", password=PASSWORD, actor=ADMIN)
    with pytest.raises(users.UserError, match="last admin"):
        users.remove_user(con, "beheer", actor=ADMIN)
    users.add_user(con, "beheer2", role="admin", password=PASSWORD, actor=ADMIN)
    users.remove_user(con, "beheer", actor=ADMIN)  # another admin remains
    users.remove_user(con, "a.jansen", actor=ADMIN)
    users.remove_user(con, "beheer2", actor=ADMIN)  # the very last account may go
    assert users.count_users(con) == 0
    with pytest.raises(users.UserError, match="no account 'beheer'"):
        users.remove_user(con, "beheer", actor=ADMIN)


def test_account_changes_record_who_made_them(con):
    users.add_user(con, "a.jansen", role="analyst", password=PASSWORD, actor=cli_actor("ops"))
    users.remove_user(con, "a.jansen", actor=cli_actor("ops2"))
    log = audit.read_audit(con)
    assert list(log["action"]) == ["remove_user", "add_user"]
    assert list(log["actor"]) == ["ops2", "ops"]
    assert users.read_users(con) == []


def test_a_damaged_hash_never_matches():
    assert not users.verify_password("x", "scrypt$n=oops$00$00")
    assert not users.verify_password("x", "bcrypt$n=1,r=1,p=1$00$00")
    assert not users.verify_password("x", "")


# --- the same work for every wrong answer (issue 14 item 7) -----------------------------------


@pytest.fixture
def scrypt_calls(monkeypatch):
    """How many scrypt derivations each login attempt costs."""
    calls: list[int] = []
    real = users.hashlib.scrypt

    def counting(*args, **kwargs):
        calls.append(1)
        return real(*args, **kwargs)

    monkeypatch.setattr(users.hashlib, "scrypt", counting)
    return calls


@pytest.mark.parametrize(
    "name",
    ["a.jansen", "nobody", "a@gemeente.nl"],
    ids=["wrong password", "unknown account", "oidc-only account"],
)
def test_every_refusal_costs_one_scrypt(con, scrypt_calls, name):
    users.add_user(con, "a.jansen", role="analyst", password=PASSWORD, actor=ADMIN)
    users.add_user(con, "a@gemeente.nl", role="admin", password=None, actor=ADMIN)
    scrypt_calls.clear()
    assert users.authenticate(con, name, "not the password") is None
    assert len(scrypt_calls) == 1, "an unknown or OIDC-only name must cost a wrong password's work"


# --- throttling failed logins per account and per address (issue 14 item 7) -------------------


@pytest.mark.parametrize(
    ("failures", "wait"),
    [
        (0, 0.0),
        (4, 0.0),
        (5, 30.0),
        (6, 60.0),
        (7, 120.0),
        (9, 480.0),
        (10, 900.0),
        (40, 900.0),
    ],
)
def test_the_wait_doubles_after_five_failures(failures, wait):
    assert users.delay_after(failures) == wait


def _fail(throttle, name, address, now, times=1):
    for _ in range(times):
        throttle.record_failure(users.throttle_keys(name, address), now=now)


def _wait(throttle, name, address, now):
    return throttle.wait(users.throttle_keys(name, address), now=now)


@pytest.fixture(params=["store", "memory"])
def throttle(request, con):
    """The store's throttle (writer) and the in-process one (read-only replicas)."""
    if request.param == "store":
        return users.StoreThrottle(con)
    return users.MemoryThrottle()


def test_five_failures_make_the_account_wait_from_any_address(throttle):
    _fail(throttle, "a.jansen", "192.0.2.1", 1000.0, times=4)
    assert _wait(throttle, "a.jansen", "192.0.2.1", 1000.0) == 0
    _fail(throttle, "a.jansen", "192.0.2.2", 1000.0)
    assert _wait(throttle, "A.Jansen", "198.51.100.7", 1000.0) == 30.0
    assert _wait(throttle, "a.jansen", "198.51.100.7", 1031.0) == 0
    assert _wait(throttle, "b.smit", "198.51.100.7", 1000.0) == 0


def test_five_failures_from_one_address_make_every_name_wait_there(throttle):
    for index in range(5):
        _fail(throttle, f"guess{index}", "192.0.2.1", 1000.0)
    assert _wait(throttle, "someone.else", "192.0.2.1", 1000.0) == 30.0
    assert _wait(throttle, "someone.else", "192.0.2.9", 1000.0) == 0


def test_success_clears_the_account_but_not_the_address(throttle):
    _fail(throttle, "a.jansen", "192.0.2.1", 1000.0, times=5)
    throttle.forget(users.throttle_keys("a.jansen", "192.0.2.1")[:1])
    assert _wait(throttle, "a.jansen", "192.0.2.9", 1000.0) == 0
    assert _wait(throttle, "a.jansen", "192.0.2.1", 1000.0) == 30.0


def test_a_counter_starts_again_an_hour_after_its_last_failure(throttle):
    _fail(throttle, "a.jansen", "192.0.2.1", 1000.0, times=7)
    later = 1000.0 + users.FORGET_AFTER
    assert _wait(throttle, "a.jansen", "192.0.2.1", later) == 0
    _fail(throttle, "a.jansen", "192.0.2.1", later)
    assert _wait(throttle, "a.jansen", "192.0.2.1", later) == 0  # one failure, not eight


def test_failures_outlive_the_connection(tmp_path):
    """A reload is a new session, a restart a new process: the store still knows."""
    from bw import store

    path = tmp_path / "bw.duckdb"
    first = store.connect(path)
    _fail(users.StoreThrottle(first), "a.jansen", "192.0.2.1", 1000.0, times=5)
    first.close()
    again = store.connect(path)
    try:
        assert _wait(users.StoreThrottle(again), "a.jansen", "192.0.2.1", 1000.0) == 30.0
    finally:
        again.close()


def test_a_store_that_cannot_write_falls_back_to_the_process(tmp_path):
    from bw import store

    path = tmp_path / "bw.duckdb"
    store.connect(path).close()
    reader = store.connect(path, read_only=True)
    try:
        throttle = users.StoreThrottle(reader)
        _fail(throttle, "a.jansen", "192.0.2.1", 1000.0, times=5)
        assert _wait(throttle, "a.jansen", "192.0.2.1", 1000.0) == 30.0
    finally:
        reader.close()


def test_old_counters_are_pruned(con):
    throttle = users.StoreThrottle(con)
    for index in range(20):
        _fail(throttle, f"guess{index}", f"192.0.2.{index}", 1000.0)
    _fail(throttle, "a.jansen", "192.0.2.1", 1000.0 + users.FORGET_AFTER + 1)
    assert con.execute("SELECT count(*) FROM login_failures").fetchone()[0] == 2
