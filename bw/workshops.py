"""Workshops for Communities of Practice: sessions, contributions as events, and their state.

A facilitator creates a session for a case (region, phase, themes) and gets a short join code;
participants join with the code on their own device, without an account, under an optional
pseudonym, and add arguments per theme. Design decisions:

- **Append-only events.** Every contribution is a row of ``workshop_events``: an argument, a
  new version of it (``edit``), ``hide``/``unhide``, ``merge`` into another argument, a
  reviewer's ``comment``, and the facilitator's chosen ``indicator`` with a proposed minimum and
  ambition (or ``indicator_removed``). Nothing is updated in place except the session's status,
  so two people writing at once never overwrite each other: :func:`derive_state` replays the
  events in id order and the latest event wins. Every event keeps its author and time.
- **One writer process.** DuckDB lets one process write a file; the facilitator's Streamlit
  process holds the one connection and every participant's phone talks to it. Each write runs
  on its own ``cursor()`` in one transaction (:func:`_write`); a ``duckdb.TransactionException``
  (a write-write conflict) is retried a few times with a short, jittered backoff, and only then
  surfaces as :class:`WorkshopError` ``busy`` ("bezig, probeer het zo opnieuw"). Contributions
  check that the session is open inside a shared gate and finalising takes it exclusively, so
  no contribution can slip in while a session is being finalised.
- **Hier or elders.** An argument's scale says where its effect lands. Following the product's
  definition (*elders* is the region's effect on people outside it: other regions, abroad), a
  scale up to the case's own level is *hier* and any wider scale *elders*: for a gemeente (and
  a wijk or buurt, whose effects on the rest of the gemeente still count as local) up to
  ``gemeente``; for a COROP region, province, landsdeel or region group up to
  ``regio_provincie``; for the Netherlands up to ``nederland``. So ``nederland``, ``eu`` and
  ``buiten_eu`` are always *elders* for a regional case.
- **Merges** point one argument at another; a chain resolves to its root, and a merge that
  would make a cycle (two moderators merging both ways at once) is ignored when replayed.
  Hiding an argument hides what was merged into it.
- **Join codes** are 6 characters from an alphabet without look-alikes (no 0/O, 1/I), unique
  over all sessions ever made (stronger than "among open sessions", and simpler to enforce).
- **Abuse limits** (:class:`Limits`, set in ``bw.config``): a client address may try only a few
  wrong join codes per minute (:func:`join_session`), a participant may post only a few
  contributions per minute and a bounded number per workshop, and fresh browser sessions from
  one address share a larger allowance. They are counted in this process, which is the one
  writer every phone talks to. A pseudonym may not be the facilitator's name or the word
  "begeleider" (or "facilitator").

Moderation (edit, hide, merge, finalise, choosing indicators) requires
:attr:`Permission.RUN_WORKSHOPS`; adopting proposals as streefwaarden requires
:attr:`Permission.ADOPT_WORKSHOP_TARGETS` and writes through :func:`bw.targets.set_target`.
The stored records (:class:`Session`, :class:`Event`) are in :mod:`bw.records.workshops`
(re-exported here), the queries in :mod:`bw.store.workshops`.
"""

from __future__ import annotations

import ipaddress
import math
import random
import secrets
import socket
import threading
import time
import unicodedata
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from datetime import datetime
from typing import TypeVar
from urllib.parse import urlsplit, urlunsplit

import duckdb

from bw import config, store, targets
from bw.auth import Actor, Permission, require
from bw.errors import BwError
from bw.model import Target
from bw.policy_cycle import PHASES
from bw.records.workshops import Event as Event
from bw.records.workshops import Session as Session
from bw.report import Severity
from bw.store import targets as targets_store
from bw.store import workshops as workshops_store

#: Letters and digits that cannot be mistaken for one another on a phone screen or a beamer.
CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
CODE_LENGTH = 6
#: Limits of free text (characters).
MAX_TEXT = 1000
MAX_TITLE = 120
MAX_NAME = 40
MAX_STAKEHOLDERS = 10
#: Closed vocabularies of an argument.
SENTIMENTS = ("positief", "negatief", "neutraal")
SCALES = ("straat_buurt", "wijk", "gemeente", "regio_provincie", "nederland", "eu", "buiten_eu")
TIMES = ("nu", "later")
STATUSES = ("open", "finalised")
PHASE_IDS = tuple(phase.id for phase in PHASES)

#: Icon + word per sentiment (never colour alone), per language.
SENTIMENT_LABELS: dict[str, dict[str, str]] = {
    "nl": {"positief": "+ positief", "negatief": "− negatief", "neutraal": "○ neutraal"},
    "en": {"positief": "+ positive", "negatief": "− negative", "neutraal": "○ neutral"},
}
# The plus is ASCII: the fullwidth "＋" (U+FF0B) is missing from the fonts Debian's Chromium
# ships, which drew an empty box on the facilitator's laptop (issue 13).
SCALE_LABELS: dict[str, dict[str, str]] = {
    "nl": {
        "straat_buurt": "straat/buurt",
        "wijk": "wijk",
        "gemeente": "gemeente",
        "regio_provincie": "regio/provincie",
        "nederland": "Nederland",
        "eu": "EU",
        "buiten_eu": "buiten EU",
    },
    "en": {
        "straat_buurt": "street/neighbourhood",
        "wijk": "district",
        "gemeente": "municipality",
        "regio_provincie": "region/province",
        "nederland": "the Netherlands",
        "eu": "EU",
        "buiten_eu": "outside the EU",
    },
}
TIME_LABELS: dict[str, dict[str, str]] = {
    "nl": {"nu": "nu", "later": "later"},
    "en": {"nu": "now", "later": "later"},
}
PLACE_LABELS: dict[str, dict[str, str]] = {
    "nl": {"hier": "hier", "elders": "elders"},
    "en": {"hier": "here", "elders": "elsewhere"},
}

#: The widest scale that is still *hier* for a case at this region level (see module doc).
HIER_UP_TO = {
    "BU": "gemeente",
    "WK": "gemeente",
    "GM": "gemeente",
    "CR": "regio_provincie",
    "PV": "regio_provincie",
    "LD": "regio_provincie",
    "group": "regio_provincie",
    "NL": "nederland",
}

#: Retries of a write that met a write-write conflict, and the first backoff (seconds).
WRITE_ATTEMPTS = 6
_BACKOFF = 0.02


class WorkshopError(BwError, ValueError):
    """Bad input or a refused write; nothing was changed.

    ``code`` is stable (the page shows its own sentence per code), ``params`` fill it in.
    """

    def __init__(self, code: str, message: str, **params: object) -> None:
        super().__init__(message)
        self.code = code
        self.params = params


# --- records ----------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Argument:
    """An argument as it stands now (its latest version)."""

    id: int  # 17: the id of the event that added it
    theme_id: str  # 'gezondheid'
    text: str  # 'Meer groen in de wijk'
    sentiment: str  # 'positief'
    scale: str  # 'wijk'
    time_frame: str  # 'nu'
    indicator_ids: tuple[str, ...]
    stakeholders: tuple[str, ...]
    author: str  # who added it
    created_at: datetime | None
    versions: int = 1  # 1 + the number of edits
    edited_by: str | None = None  # the author of the latest edit
    hidden: bool = False
    merged_into: int | None = None  # the argument it was merged into (directly)


@dataclass(frozen=True, slots=True)
class Comment:
    """A reviewer's comment on an argument, or on the session when ``argument_id`` is None."""

    id: int
    argument_id: int | None
    text: str
    author: str
    created_at: datetime | None


@dataclass(frozen=True, slots=True)
class Proposal:
    """A chosen indicator with the proposed minimum and ambition."""

    indicator_id: str  # 'wonen.woonlasten'
    minimum: float | None  # 40.0
    ambition: float | None  # 35.0
    target_year: int | None  # 2030
    set_by: str
    event_id: int


@dataclass(frozen=True, slots=True)
class SessionState:
    """The current state of a session, derived from its events."""

    session: Session
    arguments: dict[int, Argument]  # every argument ever added, by id
    comments: tuple[Comment, ...]
    proposals: tuple[Proposal, ...]  # in the order they were last set
    last_event_id: int  # 0 without events
    roots: dict[int, int] = field(default_factory=dict)  # argument -> the one it is shown under

    def is_shown(self, argument_id: int) -> bool:
        """Whether the argument shows: neither it nor anything it was merged into is hidden."""
        current: int | None = argument_id
        seen: set[int] = set()
        while current is not None and current not in seen:
            seen.add(current)
            if self.arguments[current].hidden:
                return False
            current = self.arguments[current].merged_into
        return True

    def visible(self) -> list[Argument]:
        """The arguments shown as cards: shown and not merged into another, oldest first."""
        return [a for a in self.arguments.values() if a.merged_into is None and self.is_shown(a.id)]

    def merged_under(self, argument_id: int) -> list[Argument]:
        """The shown arguments merged (directly or through a chain) into ``argument_id``."""
        return [
            a
            for a in self.arguments.values()
            if a.id != argument_id and self.roots.get(a.id) == argument_id and self.is_shown(a.id)
        ]

    def hidden(self) -> list[Argument]:
        """The arguments a moderator hid (they stay in the history)."""
        return [a for a in self.arguments.values() if a.hidden]

    def comments_on(self, argument_id: int | None) -> list[Comment]:
        """Comments on one argument (or on the session for None)."""
        return [c for c in self.comments if c.argument_id == argument_id]


# --- pure rules -------------------------------------------------------------------------------


def new_code(choose: Callable[[str], str] = secrets.choice) -> str:
    """A fresh join code: 6 characters from :data:`CODE_ALPHABET`.

    >>> new_code(lambda alphabet: alphabet[0])
    'AAAAAA'
    """
    return "".join(choose(CODE_ALPHABET) for _ in range(CODE_LENGTH))


def normalise_code(text: str) -> str:
    """A typed join code in its stored form: upper case, spaces and dashes dropped.

    >>> normalise_code(" k7p-x3m ")
    'K7PX3M'
    """
    return "".join(ch for ch in (text or "").upper() if ch not in " -\t")


#: Host names a request or a bind address uses for "this computer only".
LOOPBACK_NAMES = frozenset({"localhost", "localhost.localdomain", "ip6-localhost"})
#: Bind addresses that mean every network interface (Streamlit's default when none is set).
ALL_INTERFACES = frozenset({"", "0.0.0.0", "::"})
#: A private address to "connect" a UDP socket to: that only picks the route and so the
#: computer's own address on it; a UDP connect sends no packet.
_ROUTE_PROBE = ("10.254.254.254", 9)


def _bare_host(host: str | None) -> str:
    return (host or "").strip().strip("[]").lower()


def is_loopback(host: str | None) -> bool:
    """Whether a host name or address reaches this computer only.

    >>> is_loopback("localhost"), is_loopback("127.0.0.1"), is_loopback("[::1]")
    (True, True, True)
    >>> is_loopback("192.168.1.20"), is_loopback("bw.example.nl"), is_loopback("0.0.0.0")
    (False, False, False)
    """
    bare = _bare_host(host)
    if bare in LOOPBACK_NAMES:
        return True
    try:
        return ipaddress.ip_address(bare).is_loopback
    except ValueError:
        return False


def _usable_network_address(address: str) -> bool:
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return False
    return not (ip.is_loopback or ip.is_unspecified or ip.is_link_local or ip.is_multicast)


def network_address() -> str | None:
    """This computer's IPv4 address on its network (what phones in the room can reach), or None.

    Never sends network traffic: connecting a UDP socket only asks the operating system which
    route, and so which own address, it would use; no packet leaves until one is sent. Falls
    back to the address the computer's own name resolves to.
    """
    with suppress(OSError), socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as probe:
        probe.connect(_ROUTE_PROBE)
        address = str(probe.getsockname()[0])
        if _usable_network_address(address):
            return address
    with suppress(OSError):
        address = socket.gethostbyname(socket.gethostname())
        if _usable_network_address(address):
            return address
    return None


def join_url(
    request_url: str | None, code: str, *, bind_address: str | None, lan_address: str | None
) -> str:
    """The link participants open: the page's own address with ``?workshop=CODE``.

    A facilitator who opened the app as ``localhost`` on a server that listens on the network
    gets the address phones can reach instead: the bound address, or for every interface
    (``0.0.0.0``) the computer's ``lan_address``. A request that came by any other name (a
    server's domain behind a proxy) is already reachable and stays as it is. A server bound to
    this computer only keeps ``localhost``: no address would help (the page says so).

    >>> join_url("http://localhost:8501/workshop?regio=GM0363", "K7PX3M",
    ...          bind_address="0.0.0.0", lan_address="192.168.1.20")
    'http://192.168.1.20:8501/workshop?workshop=K7PX3M'
    >>> join_url("http://localhost:8501/workshop", "K7PX3M", bind_address="127.0.0.1",
    ...          lan_address="192.168.1.20")
    'http://localhost:8501/workshop?workshop=K7PX3M'
    >>> join_url("https://bw.example.nl/workshop", "K7PX3M", bind_address="0.0.0.0",
    ...          lan_address="10.0.0.5")
    'https://bw.example.nl/workshop?workshop=K7PX3M'
    >>> join_url("http://127.0.0.1:8501/workshop", "K7PX3M", bind_address="192.168.1.7",
    ...          lan_address=None)
    'http://192.168.1.7:8501/workshop?workshop=K7PX3M'
    >>> join_url(None, "K7PX3M", bind_address=None, lan_address=None)
    '/workshop?workshop=K7PX3M'
    """
    parts = urlsplit(request_url or "/workshop")
    bound = _bare_host(bind_address)
    host = parts.hostname
    if host is not None and is_loopback(host) and not is_loopback(bound):
        reachable = lan_address if bound in ALL_INTERFACES else bound
        if reachable:
            shown = f"[{reachable}]" if ":" in reachable else reachable
            netloc = shown if parts.port is None else f"{shown}:{parts.port}"
            parts = parts._replace(netloc=netloc)
    return urlunsplit(parts._replace(query=f"workshop={code}", fragment=""))


def place_of(scale: str, *, case_level: str) -> str:
    """'hier' or 'elders' for an argument at ``scale`` in a case at ``case_level``.

    >>> place_of("regio_provincie", case_level="GM"), place_of("regio_provincie", case_level="PV")
    ('elders', 'hier')
    >>> place_of("nederland", case_level="GM"), place_of("nederland", case_level="NL")
    ('elders', 'hier')
    """
    if scale not in SCALES:
        raise WorkshopError(
            "unknown_scale", f"unknown scale {scale!r}; use one of {SCALES}", value=scale
        )
    limit = HIER_UP_TO.get(case_level, "regio_provincie")
    return "hier" if SCALES.index(scale) <= SCALES.index(limit) else "elders"


def _clean_text(text: str | None, *, limit: int = MAX_TEXT) -> str:
    cleaned = (text or "").strip()
    if not cleaned:
        raise WorkshopError("empty_text", "the text is empty")
    if len(cleaned) > limit:
        raise WorkshopError(
            "text_too_long",
            f"the text has {len(cleaned)} characters; at most {limit}",
            length=len(cleaned),
            limit=limit,
        )
    return cleaned


def _clean_author(name: str | None, *, default: str) -> str:
    cleaned = " ".join((name or "").split())
    if len(cleaned) > MAX_NAME:
        raise WorkshopError(
            "name_too_long",
            f"the name has {len(cleaned)} characters; at most {MAX_NAME}",
            limit=MAX_NAME,
        )
    return cleaned or default


#: Words a pseudonym may not be: it would pass for the one who runs the workshop.
RESERVED_PSEUDONYMS = ("begeleider", "facilitator")


def _name_key(name: str) -> str:
    """A name as compared for posing: compatibility form, case and punctuation ignored.

    >>> _name_key(" Be-ge-lei-der! "), _name_key("F. Visser")
    ('begeleider', 'fvisser')
    """
    return "".join(ch for ch in unicodedata.normalize("NFKC", name).casefold() if ch.isalnum())


def _check_pseudonym(name: str, session: Session) -> None:
    key = _name_key(name)
    if key in RESERVED_PSEUDONYMS or key == _name_key(session.created_by):
        raise WorkshopError(
            "reserved_name",
            f"the pseudonym {name!r} is the facilitator's; choose another",
            value=name,
        )


def _check_choice(value: str, allowed: Sequence[str], code: str, what: str) -> str:
    if value not in allowed:
        raise WorkshopError(
            code, f"unknown {what} {value!r}; use one of {', '.join(allowed)}", value=value
        )
    return value


def _number(value: float | None, what: str) -> float | None:
    if value is None:
        return None
    try:
        number = float(value)
    except (TypeError, ValueError):
        raise WorkshopError(
            "bad_number", f"the {what} {value!r} is not a number", what=what
        ) from None
    if not math.isfinite(number):
        raise WorkshopError("bad_number", f"the {what} is not a finite number", what=what)
    return number


def derive_state(session: Session, events: Iterable[Event]) -> SessionState:
    """Replay a session's events in id order into its current state (pure).

    Later events win; events about unknown arguments, merges into oneself and merges that would
    make a cycle are ignored, so any sequence of events gives a consistent state.
    """
    arguments: dict[int, Argument] = {}
    comments: list[Comment] = []
    proposals: dict[str, Proposal] = {}
    last = 0
    for event in sorted(events, key=lambda e: e.id):
        last = max(last, event.id)
        kind, target = event.kind, event.argument_id
        if kind == "argument":
            arguments[event.id] = Argument(
                event.id,
                event.theme_id or "",
                event.text or "",
                event.sentiment or "neutraal",
                event.scale or "gemeente",
                event.time_frame or "nu",
                tuple(event.indicator_ids),
                tuple(event.stakeholders),
                event.author,
                event.created_at,
            )
        elif kind == "comment":
            if target is None or target in arguments:
                comments.append(
                    Comment(event.id, target, event.text or "", event.author, event.created_at)
                )
        elif kind == "indicator" and event.indicator_id:
            proposals[event.indicator_id] = Proposal(
                event.indicator_id,
                event.minimum,
                event.ambition,
                event.target_year,
                event.author,
                event.id,
            )
        elif kind == "indicator_removed" and event.indicator_id:
            proposals.pop(event.indicator_id, None)
        elif target in arguments:
            current = arguments[target]
            if kind == "edit":
                arguments[target] = _replace(
                    current,
                    theme_id=event.theme_id or current.theme_id,
                    text=event.text or current.text,
                    sentiment=event.sentiment or current.sentiment,
                    scale=event.scale or current.scale,
                    time_frame=event.time_frame or current.time_frame,
                    indicator_ids=tuple(event.indicator_ids),
                    stakeholders=tuple(event.stakeholders),
                    versions=current.versions + 1,
                    edited_by=event.author,
                )
            elif kind in ("hide", "unhide"):
                arguments[target] = _replace(current, hidden=kind == "hide")
            elif (
                kind == "merge"
                and event.into_id in arguments
                and not _reaches(arguments, event.into_id, target)
            ):  # else itself or a cycle
                arguments[target] = _replace(current, merged_into=event.into_id)
    roots = {a: _root(arguments, a) for a in arguments}
    ordered = sorted(proposals.values(), key=lambda p: p.event_id)
    return SessionState(session, arguments, tuple(comments), tuple(ordered), last, roots)


def _replace(argument: Argument, **changes: object) -> Argument:
    values = {name: getattr(argument, name) for name in Argument.__slots__}
    values.update(changes)
    return Argument(**values)


def _reaches(arguments: dict[int, Argument], start: int, target: int) -> bool:
    """Whether the merge chain from ``start`` (itself included) passes ``target``."""
    current: int | None = start
    seen: set[int] = set()
    while current is not None and current not in seen:
        if current == target:
            return True
        seen.add(current)
        current = arguments[current].merged_into
    return False


def _root(arguments: dict[int, Argument], argument_id: int) -> int:
    current, seen = argument_id, set[int]()
    while (merged := arguments[current].merged_into) is not None and current not in seen:
        seen.add(current)
        current = merged
    return current


# --- limits against abuse ----------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Limits:
    """How much one client or participant may do (``BW_WORKSHOP_*``, README)."""

    join_tries_per_minute: int = 10  # wrong join codes per client address
    posts_per_minute: int = 6  # arguments and comments per participant (browser session)
    max_posts: int = 100  # per participant and workshop
    #: Fresh browser sessions from one address share this many participants' minute allowance
    #: (phones behind one router stay free; a script opening a session per post does not).
    address_factor: int = 5


def limits() -> Limits:
    """The limits in force, read from the environment each time (tests change it)."""
    return Limits(
        join_tries_per_minute=config.workshop_join_tries(),
        posts_per_minute=config.workshop_posts_per_minute(),
        max_posts=config.workshop_max_posts(),
    )


#: The limits' clock in seconds (a test replaces it).
_now: Callable[[], float] = time.monotonic
_MINUTE = 60.0


class _Window:
    """Events per key in the last minute, thread-safe; an item already counted counts once."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._events: dict[str, deque[tuple[float, object]]] = {}

    def _live(self, key: str, now: float) -> deque[tuple[float, object]]:
        events = self._events.setdefault(key, deque())
        while events and now - events[0][0] >= _MINUTE:
            events.popleft()
        return events

    def wait(self, key: str, limit: int, *, now: float) -> float:
        """Seconds until ``key`` may act again (0: now)."""
        with self._lock:
            events = self._live(key, now)
            return 0.0 if len(events) < limit else events[-limit][0] + _MINUTE - now

    def add(self, key: str, *, now: float, item: object = None) -> None:
        """Count one event for ``key``."""
        with self._lock:
            events = self._live(key, now)
            if item is None or all(seen != item for _, seen in events):
                events.append((now, item))
            if len(self._events) > 10_000:  # forget keys that have been quiet for a minute
                for stale in [
                    k for k, v in self._events.items() if not v or now - v[-1][0] >= _MINUTE
                ]:
                    del self._events[stale]

    def clear(self) -> None:
        with self._lock:
            self._events.clear()


_WRONG_CODES = _Window()  # per client address
_POSTS = _Window()  # per participant, and per address
_POST_TOTALS: dict[tuple[str, str], int] = {}  # (join code, participant) -> posts
_TOTALS_LOCK = threading.Lock()


def reset_limits() -> None:
    """Forget every count (tests)."""
    _WRONG_CODES.clear()
    _POSTS.clear()
    with _TOTALS_LOCK:
        _POST_TOTALS.clear()


def _refused(code: str, what: str, wait: float) -> WorkshopError:
    seconds = max(1, math.ceil(wait))
    return WorkshopError(code, f"too many {what}; try again in {seconds} s", seconds=seconds)


def join_session(
    con: duckdb.DuckDBPyConnection, code: str, *, client: str | None
) -> Session | None:
    """The session a participant joins with ``code`` (None for an unknown code).

    Every different wrong code counts against ``client`` (the client's address); after
    :attr:`Limits.join_tries_per_minute` of them in a minute every try is refused with
    ``too_many_tries`` until the oldest is a minute old. The same wrong code looked up again (a
    page rerun) counts once.
    """
    key, now = client or "unknown", _now()
    wait = _WRONG_CODES.wait(key, limits().join_tries_per_minute, now=now)
    if wait > 0:
        raise _refused("too_many_tries", "wrong join codes", wait)
    session = read_session(con, code)
    if session is None:
        _WRONG_CODES.add(key, now=now, item=normalise_code(code))
    return session


def _check_post_limits(code: str, participant: str | None, client: str | None) -> None:
    if participant is None:
        return  # the command line and tests: nobody to limit
    allowed, now = limits(), _now()
    with _TOTALS_LOCK:
        posted = _POST_TOTALS.get((normalise_code(code), participant), 0)
    if posted >= allowed.max_posts:
        raise WorkshopError(
            "post_cap",
            f"at most {allowed.max_posts} contributions per participant",
            limit=allowed.max_posts,
        )
    wait = _POSTS.wait(f"p:{participant}", allowed.posts_per_minute, now=now)
    if client:
        wait = max(
            wait,
            _POSTS.wait(f"a:{client}", allowed.posts_per_minute * allowed.address_factor, now=now),
        )
    if wait > 0:
        raise _refused("too_many_posts", "contributions", wait)


def _count_post(code: str, participant: str | None, client: str | None) -> None:
    if participant is None:
        return
    now = _now()
    _POSTS.add(f"p:{participant}", now=now)
    if client:
        _POSTS.add(f"a:{client}", now=now)
    with _TOTALS_LOCK:
        key = (normalise_code(code), participant)
        _POST_TOTALS[key] = _POST_TOTALS.get(key, 0) + 1


# --- concurrency ------------------------------------------------------------------------------


class _Gate:
    """A shared/exclusive lock: contributions share it, finalising a session takes it alone.

    Process-local on purpose: one process writes the store (DuckDB's rule), so every writer of
    a session passes this gate.
    """

    def __init__(self) -> None:
        self._cond = threading.Condition()
        self._shared = 0
        self._exclusive = False

    @contextmanager
    def shared(self) -> Iterator[None]:
        with self._cond:
            while self._exclusive:
                self._cond.wait()
            self._shared += 1
        try:
            yield
        finally:
            with self._cond:
                self._shared -= 1
                self._cond.notify_all()

    @contextmanager
    def exclusive(self) -> Iterator[None]:
        with self._cond:
            while self._exclusive or self._shared:
                self._cond.wait()
            self._exclusive = True
        try:
            yield
        finally:
            with self._cond:
                self._exclusive = False
                self._cond.notify_all()


_GATE = _Gate()
T = TypeVar("T")


def _write(
    con: duckdb.DuckDBPyConnection,
    write: Callable[[duckdb.DuckDBPyConnection], T],
    *,
    attempts: int = WRITE_ATTEMPTS,
    sleep: Callable[[float], None] = time.sleep,
) -> T:
    """Run ``write`` on a fresh cursor in one transaction, retrying write-write conflicts.

    On a lake, a write that waited the whole lock wait for another instance's write (a long
    load) is refused at once as ``lake_busy``: each retry would wait that long again.
    """
    for attempt in range(attempts):
        cursor = store.cursor(con)
        try:
            with store.transaction(cursor):
                return write(cursor)
        except store.LakeBusyError as error:
            raise WorkshopError(
                "lake_busy",
                "busy: another instance is writing to the lake (a load?); nothing was written, "
                "try again in a moment",
                seconds=error.params.get("seconds"),
            ) from error
        except duckdb.TransactionException:
            if attempt == attempts - 1:
                break
            sleep(_BACKOFF * (2**attempt) * (1 + random.random()))
        finally:
            cursor.close()
    raise WorkshopError("busy", "busy: someone else is writing; try again in a moment")


# --- reading ----------------------------------------------------------------------------------


def read_sessions(con: duckdb.DuckDBPyConnection) -> list[Session]:
    """Every session, newest first."""
    return workshops_store.read_sessions(con)


def read_session(con: duckdb.DuckDBPyConnection, code_or_id: str | int) -> Session | None:
    """One session by join code (any case, dashes allowed) or id; None when unknown."""
    if isinstance(code_or_id, int):
        return workshops_store.read_session(con, session_id=code_or_id)
    return workshops_store.read_session(con, code=normalise_code(code_or_id))


def read_events(con: duckdb.DuckDBPyConnection, session_id: int) -> list[Event]:
    """Every event of a session in id order."""
    return workshops_store.read_events(con, session_id)


def latest_event_id(con: duckdb.DuckDBPyConnection, session_id: int) -> int:
    """The newest event id of a session (0 without events): a cheap key for caching its state."""
    return workshops_store.latest_event_id(con, session_id)


def read_state(con: duckdb.DuckDBPyConnection, session_id: int) -> SessionState:
    """A session's current state (:func:`derive_state` over its events)."""
    session = read_session(con, session_id)
    if session is None:
        raise WorkshopError("unknown_session", f"no workshop session {session_id}")
    return derive_state(session, read_events(con, session_id))


def _open_session(con: duckdb.DuckDBPyConnection, code: str) -> Session:
    session = read_session(con, code)
    if session is None:
        raise WorkshopError(
            "unknown_code",
            f"no workshop with code {normalise_code(code)!r}",
            session=normalise_code(code),
        )
    if not session.is_open:
        raise WorkshopError(
            "finalised",
            f"workshop {session.code} is finalised; contributions are closed",
            session=session.code,
        )
    return session


def _session_by_id(con: duckdb.DuckDBPyConnection, session_id: int) -> Session:
    session = read_session(con, int(session_id))
    if session is None:
        raise WorkshopError("unknown_session", f"no workshop session {session_id}")
    return session


# --- writing ----------------------------------------------------------------------------------


def create_session(
    con: duckdb.DuckDBPyConnection,
    *,
    title: str,
    region_code: str,
    phase: str,
    themes: Sequence[str],
    actor: Actor,
) -> Session:
    """Open a new session for a case and return it with its fresh join code."""
    require(actor, Permission.RUN_WORKSHOPS)
    title = _clean_text(title, limit=MAX_TITLE)
    _check_choice(phase, PHASE_IDS, "unknown_phase", "phase")
    themes = list(dict.fromkeys(themes))
    if not themes:
        raise WorkshopError("no_themes", "choose at least one theme")

    def write(cursor: duckdb.DuckDBPyConnection) -> Session:
        if store.read_region(cursor, region_code) is None:
            raise WorkshopError(
                "unknown_region", f"region {region_code!r} is not known", value=region_code
            )
        known = workshops_store.read_theme_names(cursor)
        unknown = [theme for theme in themes if theme not in known]
        if unknown:
            raise WorkshopError("unknown_theme", f"unknown theme {unknown[0]!r}", value=unknown[0])
        for _ in range(20):  # a clash among 32**6 codes is rare; draw again when it happens
            code = new_code()
            if not workshops_store.is_code_taken(cursor, code):
                break
        new_id = workshops_store.insert_session(
            cursor,
            code=code,
            title=title,
            region_code=region_code,
            phase=phase,
            themes=themes,
            created_by=actor.name,
            created_at=datetime.now(),
        )
        return _session_by_id(cursor, new_id)

    return _write(con, write)


def _argument_fields(
    cursor: duckdb.DuckDBPyConnection,
    session: Session,
    *,
    theme_id: str,
    text: str,
    sentiment: str,
    scale: str,
    time_frame: str,
    indicator_ids: Sequence[str],
    stakeholders: Sequence[str],
) -> dict[str, object]:
    if theme_id not in session.themes:
        raise WorkshopError(
            "unknown_theme",
            f"theme {theme_id!r} is not one of this workshop's "
            f"themes ({', '.join(session.themes)})",
            value=theme_id,
        )
    text = _clean_text(text)
    _check_choice(sentiment, SENTIMENTS, "unknown_sentiment", "sentiment")
    _check_choice(scale, SCALES, "unknown_scale", "scale")
    _check_choice(time_frame, TIMES, "unknown_time", "time")
    indicator_ids = list(dict.fromkeys(indicator_ids))
    if indicator_ids:
        known = workshops_store.read_known_indicators(cursor, indicator_ids)
        unknown = [i for i in indicator_ids if i not in known]
        if unknown:
            raise WorkshopError(
                "unknown_indicator", f"indicator {unknown[0]!r} is not known", value=unknown[0]
            )
    names = [" ".join(s.split()) for s in stakeholders if s and s.strip()]
    if len(names) > MAX_STAKEHOLDERS or any(len(s) > 2 * MAX_NAME for s in names):
        raise WorkshopError(
            "bad_stakeholders",
            f"at most {MAX_STAKEHOLDERS} stakeholders of at most {2 * MAX_NAME} characters each",
            limit=MAX_STAKEHOLDERS,
        )
    return {
        "theme_id": theme_id,
        "text": text,
        "sentiment": sentiment,
        "scale": scale,
        "time_frame": time_frame,
        "indicator_ids": indicator_ids,
        "stakeholders": list(dict.fromkeys(names)),
    }


def add_argument(
    con: duckdb.DuckDBPyConnection,
    code: str,
    *,
    theme_id: str,
    text: str,
    sentiment: str,
    scale: str,
    time_frame: str,
    indicator_ids: Sequence[str] = (),
    stakeholders: Sequence[str] = (),
    author: str | None = None,
    participant: str | None = None,
    client: str | None = None,
) -> int:
    """A participant adds an argument to an open session (no account: the code is the key).

    Returns the argument's id. ``author`` is a pseudonym; empty means "deelnemer", and it may
    not pose as the facilitator (``reserved_name``). ``participant`` (the browser session) and
    ``client`` (its address) are held to :func:`limits` (``too_many_posts``, ``post_cap``).
    """
    name = _clean_author(author, default="deelnemer")
    _check_post_limits(code, participant, client)

    def write(cursor: duckdb.DuckDBPyConnection) -> int:
        session = _open_session(cursor, code)
        _check_pseudonym(name, session)
        fields = _argument_fields(
            cursor,
            session,
            theme_id=theme_id,
            text=text,
            sentiment=sentiment,
            scale=scale,
            time_frame=time_frame,
            indicator_ids=indicator_ids,
            stakeholders=stakeholders,
        )
        return workshops_store.insert_event(cursor, session.id, "argument", name, **fields)

    with _GATE.shared():
        written = _write(con, write)
    _count_post(code, participant, client)
    return written


def add_comment(
    con: duckdb.DuckDBPyConnection,
    code: str,
    *,
    text: str,
    argument_id: int | None = None,
    author: str | None = None,
    participant: str | None = None,
    client: str | None = None,
) -> int:
    """A reviewer comments on an argument (or on the whole session) of an open session; the
    pseudonym and limits of :func:`add_argument` apply."""
    name = _clean_author(author, default="reviewer")
    _check_post_limits(code, participant, client)

    def write(cursor: duckdb.DuckDBPyConnection) -> int:
        session = _open_session(cursor, code)
        _check_pseudonym(name, session)
        if argument_id is not None:
            _known_argument(cursor, session.id, argument_id)
        return workshops_store.insert_event(
            cursor, session.id, "comment", name, text=_clean_text(text), argument_id=argument_id
        )

    with _GATE.shared():
        written = _write(con, write)
    _count_post(code, participant, client)
    return written


def _known_argument(cursor: duckdb.DuckDBPyConnection, session_id: int, argument_id: int) -> None:
    if not workshops_store.is_argument_of(cursor, session_id, argument_id):
        raise WorkshopError(
            "unknown_argument",
            f"argument {argument_id} is not part of this workshop",
            value=argument_id,
        )


def _moderate(
    con: duckdb.DuckDBPyConnection,
    session_id: int,
    actor: Actor,
    write: Callable[[duckdb.DuckDBPyConnection, Session], int],
) -> int:
    require(actor, Permission.RUN_WORKSHOPS)

    def run(cursor: duckdb.DuckDBPyConnection) -> int:
        session = _session_by_id(cursor, session_id)
        if not session.is_open:
            raise WorkshopError(
                "finalised", f"workshop {session.code} is finalised", session=session.code
            )
        return write(cursor, session)

    with _GATE.shared():
        return _write(con, run)


def edit_argument(
    con: duckdb.DuckDBPyConnection,
    session_id: int,
    argument_id: int,
    *,
    theme_id: str,
    text: str,
    sentiment: str,
    scale: str,
    time_frame: str,
    indicator_ids: Sequence[str] = (),
    stakeholders: Sequence[str] = (),
    actor: Actor,
) -> int:
    """The facilitator writes a new version of an argument (the old ones stay as events)."""

    def write(cursor: duckdb.DuckDBPyConnection, session: Session) -> int:
        _known_argument(cursor, session.id, argument_id)
        fields = _argument_fields(
            cursor,
            session,
            theme_id=theme_id,
            text=text,
            sentiment=sentiment,
            scale=scale,
            time_frame=time_frame,
            indicator_ids=indicator_ids,
            stakeholders=stakeholders,
        )
        return workshops_store.insert_event(
            cursor, session.id, "edit", actor.name, argument_id=int(argument_id), **fields
        )

    return _moderate(con, session_id, actor, write)


def hide_argument(
    con: duckdb.DuckDBPyConnection,
    session_id: int,
    argument_id: int,
    *,
    actor: Actor,
    hidden: bool = True,
) -> int:
    """The facilitator hides an argument (or shows it again with ``hidden=False``)."""

    def write(cursor: duckdb.DuckDBPyConnection, session: Session) -> int:
        _known_argument(cursor, session.id, argument_id)
        return workshops_store.insert_event(
            cursor,
            session.id,
            "hide" if hidden else "unhide",
            actor.name,
            argument_id=int(argument_id),
        )

    return _moderate(con, session_id, actor, write)


def merge_arguments(
    con: duckdb.DuckDBPyConnection, session_id: int, argument_id: int, into_id: int, *, actor: Actor
) -> int:
    """The facilitator merges one argument into another; it then shows under that one."""

    def write(cursor: duckdb.DuckDBPyConnection, session: Session) -> int:
        _known_argument(cursor, session.id, argument_id)
        _known_argument(cursor, session.id, into_id)
        state = derive_state(session, read_events(cursor, session.id))
        if _reaches(state.arguments, int(into_id), int(argument_id)):
            raise WorkshopError(
                "bad_merge",
                f"argument {argument_id} cannot be merged into "
                f"{into_id}: that would merge it into itself",
                value=argument_id,
            )
        return workshops_store.insert_event(
            cursor,
            session.id,
            "merge",
            actor.name,
            argument_id=int(argument_id),
            into_id=int(into_id),
        )

    return _moderate(con, session_id, actor, write)


def choose_indicator(
    con: duckdb.DuckDBPyConnection,
    session_id: int,
    indicator_id: str,
    *,
    minimum: float | None = None,
    ambition: float | None = None,
    target_year: int | None = None,
    actor: Actor,
) -> int:
    """The facilitator records a chosen indicator with a proposed minimum and ambition.

    Checked like a streefwaarde (direction, unit, years) so a proposal can be adopted later.
    """
    minimum, ambition = _number(minimum, "minimum"), _number(ambition, "ambition")

    def write(cursor: duckdb.DuckDBPyConnection, session: Session) -> int:
        _check_proposal(
            cursor,
            session,
            Target(session.region_code, indicator_id, minimum, ambition, target_year=target_year),
        )
        return workshops_store.insert_event(
            cursor,
            session.id,
            "indicator",
            actor.name,
            indicator_id=indicator_id,
            minimum=minimum,
            ambition=ambition,
            target_year=target_year,
        )

    return _moderate(con, session_id, actor, write)


def remove_indicator(
    con: duckdb.DuckDBPyConnection, session_id: int, indicator_id: str, *, actor: Actor
) -> int:
    """The facilitator drops a chosen indicator from the proposals."""

    def write(cursor: duckdb.DuckDBPyConnection, session: Session) -> int:
        return workshops_store.insert_event(
            cursor, session.id, "indicator_removed", actor.name, indicator_id=indicator_id
        )

    return _moderate(con, session_id, actor, write)


def _check_proposal(cursor: duckdb.DuckDBPyConnection, session: Session, target: Target) -> None:
    meta = targets_store.read_indicator_rule(cursor, target.indicator_id)
    if meta is None:
        raise WorkshopError(
            "unknown_indicator",
            f"indicator {target.indicator_id!r} is not known",
            value=target.indicator_id,
        )
    if target.minimum is None and target.ambition is None:
        return  # chosen without values yet: nothing to check
    errors = [
        i
        for i in targets.validate_target(target, direction=meta[0], unit=meta[1])
        if i.severity == Severity.ERROR
    ]
    if errors:
        raise WorkshopError(
            errors[0].code,
            errors[0].message,
            value=target.indicator_id,
            detail=errors[0].message,
            issue=errors[0],
        )


def finalise_session(con: duckdb.DuckDBPyConnection, session_id: int, *, actor: Actor) -> Session:
    """Close a session: later contributions are refused; the state becomes the report."""
    require(actor, Permission.RUN_WORKSHOPS)

    def write(cursor: duckdb.DuckDBPyConnection) -> Session:
        session = _session_by_id(cursor, session_id)
        if not session.is_open:
            raise WorkshopError(
                "finalised", f"workshop {session.code} is already finalised", session=session.code
            )
        workshops_store.finalise_session(cursor, session.id, by=actor.name, at=datetime.now())
        return _session_by_id(cursor, session.id)

    # Exclusive: every contribution that checked "open" has committed before the status flips.
    with _GATE.exclusive():
        return _write(con, write)


# --- proposals into streefwaarden -------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Adoption:
    """What adopting a session's proposals would write, and what it refuses."""

    session: Session
    targets: tuple[tuple[Target, Target | None], ...]  # (new target, current one or None)
    refused: tuple[tuple[str, str], ...]  # (indicator id, why)
    skipped: tuple[str, ...]  # chosen indicators without a proposed minimum or ambition

    @property
    def ok(self) -> bool:
        """Whether something can be written and nothing is refused."""
        return bool(self.targets) and not self.refused


def rationale_for(session: Session) -> str:
    """The rationale a target adopted from a workshop gets: which workshop proposed it."""
    day = session.finalised_at or session.created_at
    return (
        f"Voorgesteld in workshop '{session.title}' ({session.code}, "
        f"{day:%d-%m-%Y}), begeleid door {session.created_by}"
    )


def plan_adoption(con: duckdb.DuckDBPyConnection, session_id: int) -> Adoption:
    """What :func:`adopt_proposals` would write for a session (reads only; show it first)."""
    state = read_state(con, session_id)
    session = state.session
    planned, refused, skipped = [], [], []
    for proposal in state.proposals:
        if proposal.minimum is None and proposal.ambition is None:
            skipped.append(proposal.indicator_id)
            continue
        target = Target(
            session.region_code,
            proposal.indicator_id,
            proposal.minimum,
            proposal.ambition,
            target_year=proposal.target_year,
            rationale=rationale_for(session),
            source="workshop",
        )
        issues = [i for i in targets.check_target(con, target) if i.severity == Severity.ERROR]
        if issues:
            refused.append((proposal.indicator_id, "; ".join(i.message for i in issues)))
            continue
        current = targets.read_current_target(con, session.region_code, proposal.indicator_id)
        planned.append((target, current))
    return Adoption(session, tuple(planned), tuple(refused), tuple(skipped))


def adopt_proposals(con: duckdb.DuckDBPyConnection, session_id: int, *, actor: Actor) -> Adoption:
    """Write a finalised session's proposals as streefwaarden (new versions), all or nothing.

    Call :func:`plan_adoption` first and ask for confirmation. Refused when the session is
    still open, when there is nothing to adopt, or when any proposal fails the target checks
    (such as a minimum and ambition on the wrong side of each other for the good direction).
    """
    require(actor, Permission.ADOPT_WORKSHOP_TARGETS)

    def write(cursor: duckdb.DuckDBPyConnection) -> Adoption:
        plan = plan_adoption(cursor, session_id)
        if plan.session.is_open:
            raise WorkshopError(
                "not_finalised",
                "finalise the workshop before adopting its proposals",
                session=plan.session.code,
            )
        if plan.refused:
            indicator, why = plan.refused[0]
            raise WorkshopError(
                "proposal_refused", f"{indicator}: {why}", value=indicator, detail=why
            )
        if not plan.targets:
            raise WorkshopError("no_proposals", "no proposal has a minimum or ambition")
        for target, _ in plan.targets:
            targets.set_target(
                cursor, target, actor=actor, permission=Permission.ADOPT_WORKSHOP_TARGETS
            )
        return plan

    return _write(con, write)
