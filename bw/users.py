"""Accounts in the store: names, roles and salted password hashes, and logging in.

Passwords are kept only as ``scrypt`` hashes with a random salt per account; the parameters
live in the hash string, so stronger settings later still verify older hashes. Adding and
removing accounts needs :attr:`~bw.auth.Permission.MANAGE_USERS` (the command line acts as
admin). The last admin cannot be removed while other accounts remain, so an app with accounts
always has someone who can manage them; removing every account is allowed (the app then falls
back to lokale modus on localhost, or to read-only for everyone elsewhere).
"""

from __future__ import annotations

import hashlib
import hmac
import re
import secrets
import threading
from collections.abc import Sequence
from datetime import datetime

import duckdb

from bw import audit
from bw.auth import Actor, Permission, Role, require
from bw.errors import BwError
from bw.records.users import NO_PASSWORD as NO_PASSWORD
from bw.records.users import User as User
from bw.store import users as users_store

#: scrypt cost: n=2**14, r=8 takes about 16 MB and some 50 ms per check (OWASP's minimum).
SCRYPT_N = 2**14
SCRYPT_R = 8
SCRYPT_P = 1
_KEY_BYTES = 32
_SALT_BYTES = 16

#: Password length in characters: long enough to resist guessing, bounded so a huge "password"
#: cannot make one check expensive.
MIN_PASSWORD = 10
MAX_PASSWORD = 1024

#: Account names: a login name or an e-mail address (OIDC), compared in lower case.
_NAME = re.compile(r"[a-z0-9][a-z0-9._@+-]{0,63}")

#: Names history already uses for non-persons; an account with one of them would be ambiguous.
RESERVED_NAMES = frozenset({"lokaal", "anoniem", "cli", "system", "demo", "systeem"})


class UserError(BwError, ValueError):
    """An account change that was refused; the message says why. Nothing was changed.

    ``code`` and ``params`` let the UI say it in Dutch (the message stays English for the CLI).
    """

    def __init__(self, message: str, *, code: str = "refused", **params: object) -> None:
        super().__init__(message)
        self.code = code  # 'password_too_short'
        self.params = params  # {'minimum': 10}


def normalise_name(name: str) -> str:
    """An account name in the form it is stored and compared in.

    >>> normalise_name("  A.Jansen@Gemeente.NL ")
    'a.jansen@gemeente.nl'
    """
    return (name or "").strip().lower()


def check_name(name: str) -> str:
    """The normalised name, or :class:`UserError` saying what is wrong with it."""
    normal = normalise_name(name)
    if not normal:
        raise UserError("an account needs a name", code="name_required")
    if not _NAME.fullmatch(normal):
        raise UserError(
            f"account name {name.strip()!r} may hold only letters, digits and . _ @ + - "
            "(at most 64, starting with a letter or digit)",
            code="bad_name",
            name=name.strip(),
        )
    if normal in RESERVED_NAMES:
        raise UserError(
            f"account name {normal!r} is reserved for history entries; choose another",
            code="reserved_name",
            name=normal,
        )
    return normal


def check_role(role: str | Role) -> Role:
    """The role named ``role``, or :class:`UserError` listing the roles."""
    try:
        return Role(str(role).strip().lower())
    except ValueError:
        raise UserError(
            f"unknown role {role!r}; choose one of {', '.join(r.value for r in Role)}",
            code="unknown_role",
            role=str(role),
        ) from None


def check_password(password: str) -> str:
    """``password`` when its length is allowed, else :class:`UserError`."""
    if len(password) < MIN_PASSWORD:
        raise UserError(
            f"a password needs at least {MIN_PASSWORD} characters",
            code="password_too_short",
            minimum=MIN_PASSWORD,
        )
    if len(password) > MAX_PASSWORD:
        raise UserError(
            f"a password may have at most {MAX_PASSWORD} characters",
            code="password_too_long",
            maximum=MAX_PASSWORD,
        )
    return password


def hash_password(password: str, *, salt: bytes | None = None) -> str:
    """The scrypt hash string of ``password`` with a random (or given) 16-byte salt."""
    salt = secrets.token_bytes(_SALT_BYTES) if salt is None else salt
    key = hashlib.scrypt(
        password.encode("utf-8"), salt=salt, n=SCRYPT_N, r=SCRYPT_R, p=SCRYPT_P, dklen=_KEY_BYTES
    )
    return f"scrypt$n={SCRYPT_N},r={SCRYPT_R},p={SCRYPT_P}${salt.hex()}${key.hex()}"


def verify_password(password: str, hashed: str) -> bool:
    """Whether ``password`` matches the hash string (constant-time comparison).

    >>> verify_password("correct horse", hash_password("correct horse"))
    True
    >>> verify_password("wrong", hash_password("correct horse")) or verify_password("x", "")
    False
    """
    try:
        scheme, params, salt_hex, key_hex = hashed.split("$")
        options = dict(part.split("=") for part in params.split(","))
        n, r, p = int(options["n"]), int(options["r"]), int(options["p"])
        salt, expected = bytes.fromhex(salt_hex), bytes.fromhex(key_hex)
    except (ValueError, KeyError):
        return False  # no password (OIDC only) or a damaged hash never matches
    if scheme != "scrypt" or len(password) > MAX_PASSWORD:
        return False
    key = hashlib.scrypt(
        password.encode("utf-8"),
        salt=salt,
        n=n,
        r=r,
        p=p,
        dklen=len(expected),
        maxmem=2 * 128 * r * (n + p + 2),
    )
    return hmac.compare_digest(key, expected)


#: A hash to check unknown names against, so a wrong name takes as long as a wrong password.
_DUMMY_HASH = hash_password("not a password of anyone", salt=bytes(_SALT_BYTES))


def add_user(
    con: duckdb.DuckDBPyConnection,
    name: str,
    *,
    role: str | Role,
    password: str | None,
    actor: Actor,
) -> User:
    """Add an account; ``password=None`` for one that logs in only through OIDC.

    Raises :class:`~bw.auth.PermissionDenied` unless ``actor`` manages users, and
    :class:`UserError` for a bad or taken name, an unknown role or a password of bad length.
    """
    require(actor, Permission.MANAGE_USERS)
    normal = check_name(name)
    chosen = check_role(role)
    hashed = NO_PASSWORD if password is None else hash_password(check_password(password))
    if read_user(con, normal) is not None:
        raise UserError(
            f"account {normal!r} already exists; remove it first to change it",
            code="exists",
            name=normal,
        )
    now = datetime.now().replace(microsecond=0)
    users_store.insert_user(
        con, normal, role=chosen, password_hash=hashed, created_at=now, created_by=actor.name
    )
    audit.record(con, actor, "add_user", f"user {normal} ({chosen})")
    return User(normal, chosen, now, actor.name, password is not None)


def remove_user(con: duckdb.DuckDBPyConnection, name: str, *, actor: Actor) -> None:
    """Remove an account.

    Raises :class:`~bw.auth.PermissionDenied` unless ``actor`` manages users, and
    :class:`UserError` for an unknown account or the last admin while other accounts remain.
    """
    require(actor, Permission.MANAGE_USERS)
    normal = normalise_name(name)
    user = read_user(con, normal)
    if user is None:
        raise UserError(f"there is no account {normal!r}", code="unknown_account", name=normal)
    if user.role == Role.ADMIN:
        admins, others = users_store.count_admins_and_others(con)
        if admins == 1 and others > 0:
            raise UserError(
                f"{normal!r} is the last admin and {others} other account(s) remain; add another "
                "admin first, or remove the other accounts",
                code="last_admin",
                name=normal,
                others=others,
            )

    users_store.delete_user(con, normal)
    audit.record(con, actor, "remove_user", f"user {normal} ({user.role})")


def read_user(con: duckdb.DuckDBPyConnection, name: str) -> User | None:
    """The account called ``name`` (case-insensitive), or None."""
    return users_store.read_user(con, normalise_name(name))


def read_users(con: duckdb.DuckDBPyConnection) -> list[User]:
    """Every account, by name."""
    return users_store.read_users(con)


def count_users(con: duckdb.DuckDBPyConnection) -> int:
    """How many accounts the store holds (0: no login configured)."""
    return users_store.count_users(con)


def authenticate(con: duckdb.DuckDBPyConnection, name: str, password: str) -> Actor | None:
    """The actor for a correct name and password, else None (never says which was wrong).

    An unknown name and an account without a password (OIDC only) are checked against a dummy
    hash, so every refusal costs one scrypt and their answers take as long as a wrong password.
    """
    row = users_store.read_credentials(con, normalise_name(name))
    hashed = row[2] if row is not None and row[2] != NO_PASSWORD else _DUMMY_HASH
    matches = verify_password(password, hashed)
    if row is None or hashed is _DUMMY_HASH or not matches:
        return None
    return Actor(name=row[0], role=row[1])


def actor_for(con: duckdb.DuckDBPyConnection, name: str) -> Actor | None:
    """The actor of an existing account by name (after an OIDC login), or None."""
    user = read_user(con, name)
    return None if user is None else Actor(name=user.name, role=user.role)


# --- throttling failed logins ------------------------------------------------------------------

#: Failed logins in a row allowed per account name and per client address before every further
#: attempt waits; the wait doubles per failure from BASE_DELAY up to MAX_DELAY seconds. Each
#: counter starts again once its last failure is FORGET_AFTER seconds old. A success clears the
#: account's counter, never the address's (else one valid account would reset it for guessing).
FREE_ATTEMPTS = 5
BASE_DELAY = 30.0
MAX_DELAY = 900.0
FORGET_AFTER = 3600.0
#: Longest key kept: account names have at most 64 characters, addresses fewer.
_MAX_KEY = 80

#: A throttle key: ('account', 'a.jansen') or ('address', '203.0.113.9').
Key = tuple[str, str]


def delay_after(failures: int) -> float:
    """Seconds the next attempt waits after ``failures`` failures in a row.

    >>> [delay_after(n) for n in (4, 5, 6, 10)]
    [0.0, 30.0, 60.0, 900.0]
    """
    if failures < FREE_ATTEMPTS:
        return 0.0
    return min(MAX_DELAY, BASE_DELAY * 2.0 ** (failures - FREE_ATTEMPTS))


def throttle_keys(name: str, address: str | None) -> list[Key]:
    """The account key (the name as typed, normalised) and the client address key.

    Unknown names count like known ones, so the throttle never tells which accounts exist.

    >>> throttle_keys(" A.Jansen ", None)
    [('account', 'a.jansen'), ('address', 'unknown')]
    """
    return [
        ("account", normalise_name(name)[:_MAX_KEY]),
        ("address", (address or "unknown").strip().lower()[:_MAX_KEY] or "unknown"),
    ]


def _wait_of(failures: int, last_failure: float, now: float) -> float:
    if now - last_failure >= FORGET_AFTER:
        return 0.0
    return max(0.0, last_failure + delay_after(failures) - now)


class MemoryThrottle:
    """Failed logins counted in this process: for read-only replicas, which cannot write the
    store (each replica counts on its own; a proxy's sticky sessions keep a browser on one)."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._counts: dict[Key, tuple[int, float]] = {}

    def wait(self, keys: Sequence[Key], *, now: float) -> float:
        """Seconds before the next attempt for these keys may run (0: now)."""
        with self._lock:
            return max(
                (_wait_of(*self._counts[key], now) for key in keys if key in self._counts),
                default=0.0,
            )

    def record_failure(self, keys: Sequence[Key], *, now: float) -> None:
        """Count one failed attempt for every key."""
        with self._lock:
            for key in keys:
                failures, last = self._counts.get(key, (0, now))
                self._counts[key] = (1 if now - last >= FORGET_AFTER else failures + 1, now)
            for key in [k for k, (_, last) in self._counts.items() if now - last >= FORGET_AFTER]:
                del self._counts[key]

    def forget(self, keys: Sequence[Key]) -> None:
        """Start these counters again (after a successful login)."""
        with self._lock:
            for key in keys:
                self._counts.pop(key, None)

    def clear(self) -> None:
        """Forget every counter (tests)."""
        with self._lock:
            self._counts.clear()


class StoreThrottle:
    """Failed logins counted in the store's ``login_failures`` table (migration v5), shared by
    every session and restart of the writing app. Each change is one short transaction on its
    own cursor; when the store cannot be written (a read-only connection, a lock held too long)
    the count goes to ``fallback`` instead, and :meth:`wait` takes the larger of both."""

    def __init__(
        self, con: duckdb.DuckDBPyConnection, fallback: MemoryThrottle | None = None
    ) -> None:
        self._con = con
        self.fallback = fallback if fallback is not None else MemoryThrottle()

    def wait(self, keys: Sequence[Key], *, now: float) -> float:
        """Seconds before the next attempt for these keys may run (0: now)."""
        waits = [self.fallback.wait(keys, now=now)]
        try:
            counted = users_store.read_login_failures(self._con, keys)
        except duckdb.Error:
            counted = []  # no table (a store not yet upgraded): the process's count still holds
        waits.extend(_wait_of(failures, last, now) for failures, last in counted)
        return max(waits)

    def record_failure(self, keys: Sequence[Key], *, now: float) -> None:
        """Count one failed attempt for every key (and drop counters older than an hour)."""
        if not users_store.record_login_failures(
            self._con, keys, now=now, forget_after=FORGET_AFTER
        ):
            self.fallback.record_failure(keys, now=now)

    def forget(self, keys: Sequence[Key]) -> None:
        """Start these counters again (after a successful login)."""
        self.fallback.forget(keys)
        users_store.forget_login_failures(self._con, keys)
