"""Parsing untrusted files: a DuckDB connection that can read one file, and a time budget.

Every intake runs inside :func:`time_budget`: Python loops over a file's content call
:func:`check_time`, and every sandbox connection opened meanwhile is interrupted once the
budget is spent, so no file (a decompression or cell bomb, a pathological CSV) keeps a check
or load busy for longer than ``BW_INTAKE_SECONDS``.
"""

from __future__ import annotations

import contextlib
import contextvars
import io
import tempfile
import threading
import time
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

import duckdb

if TYPE_CHECKING:  # typeshed's name for what FileIO.readinto fills; no runtime module
    from _typeshed import WriteableBuffer

from bw import config
from bw.errors import BwError


class TimeBudgetExceeded(BwError):
    """An intake ran past its time budget; whatever it was reading is abandoned."""


class TimeBudget:
    """A deadline for one intake, enforced in Python loops and in sandbox queries.

    A watcher thread waits for the deadline, then interrupts every watched connection every
    50 ms until the budget is closed: DuckDB forgets an interrupt that arrives between two
    queries, so one interrupt would not stop the next query.
    """

    def __init__(self, seconds: float):
        self.seconds = seconds
        self.deadline = time.monotonic() + seconds
        self._expired = threading.Event()
        self._closed = threading.Event()
        self._lock = threading.Lock()
        self._connections: list[duckdb.DuckDBPyConnection] = []
        self._thread = threading.Thread(target=self._watch, name="bw-time-budget", daemon=True)

    @property
    def expired(self) -> bool:
        """Whether the deadline has passed."""
        if not self._expired.is_set() and time.monotonic() >= self.deadline:
            self._expired.set()
        return self._expired.is_set()

    def check(self) -> None:
        """Raise :class:`TimeBudgetExceeded` once the deadline has passed."""
        if self.expired:
            raise TimeBudgetExceeded(f"stopped after {self.seconds:g} s")

    def watch(self, con: duckdb.DuckDBPyConnection) -> None:
        """Interrupt this connection's queries once the budget is spent."""
        with self._lock:
            self._connections.append(con)

    def release(self, con: duckdb.DuckDBPyConnection) -> None:
        """Stop watching a connection about to close (never interrupt one while it closes)."""
        with self._lock:
            self._connections = [c for c in self._connections if c is not con]

    def start(self) -> None:
        """Start the watcher thread."""
        self._thread.start()

    def close(self) -> None:
        """Stop watching (the intake is over)."""
        self._closed.set()
        if self._thread.is_alive():
            self._thread.join()

    def _watch(self) -> None:
        if self._closed.wait(max(0.0, self.deadline - time.monotonic())):
            return
        self._expired.set()
        while not self._closed.is_set():
            with self._lock:  # held, so close_sandbox cannot close a connection meanwhile
                for con in self._connections:
                    with contextlib.suppress(Exception):  # idle or closed: nothing to stop
                        con.interrupt()
            self._closed.wait(0.05)


_CURRENT: contextvars.ContextVar[TimeBudget | None] = contextvars.ContextVar(
    "bw_time_budget", default=None
)


@contextlib.contextmanager
def time_budget(seconds: float | None = None) -> Iterator[TimeBudget]:
    """Run the block under a time budget (default ``BW_INTAKE_SECONDS``); reuse an open one.

    The block's Python loops call :func:`check_time`; sandbox connections opened inside it are
    interrupted after the deadline. The caller looks at :attr:`TimeBudget.expired` afterwards:
    a loader may have turned the interruption into an ordinary error.
    """
    current = _CURRENT.get()
    if current is not None:
        yield current
        return
    budget = TimeBudget(config.intake_seconds() if seconds is None else seconds)
    token = _CURRENT.set(budget)
    budget.start()
    try:
        yield budget
    finally:
        budget.close()
        _CURRENT.reset(token)


def check_time() -> None:
    """Raise :class:`TimeBudgetExceeded` when the current intake's budget is spent."""
    budget = _CURRENT.get()
    if budget is not None:
        budget.check()


def close_sandbox(con: duckdb.DuckDBPyConnection) -> None:
    """Close a connection from :func:`open_sandbox`, first taking it off the budget's watch."""
    budget = _CURRENT.get()
    if budget is not None:
        budget.release(con)
    con.close()


class BudgetedFile(io.FileIO):
    """A file whose every read first checks the time budget.

    Handed to openpyxl instead of a path, it bounds the time of parsing a workbook: the zip
    member being inflated is read from here in small chunks, however much a chunk unpacks to.
    """

    def read(self, size: int | None = -1) -> bytes:
        """Read after checking the budget."""
        check_time()
        return super().read(size)

    def readinto(self, buffer: WriteableBuffer) -> int:
        """Read into a buffer after checking the budget."""
        check_time()
        return super().readinto(buffer)


def open_sandbox(*readable: Path) -> duckdb.DuckDBPyConnection:
    """An in-memory connection that may read only the given files and never loads extensions.

    Its memory is bounded (``BW_SANDBOX_MEMORY_LIMIT``): a larger file spills to a private
    temporary folder that DuckDB removes on close, instead of growing the process (python -m bw
    bench --ingest, 10 million rows: 7 GB peak without a limit). The configuration is locked,
    so SQL built from a file's content cannot loosen it. Inside :func:`time_budget` its queries
    are interrupted once the budget is spent.
    """
    spill = Path(tempfile.gettempdir()) / f"bw-sandbox-{uuid.uuid4().hex}"
    con = duckdb.connect(
        ":memory:",
        config={"autoinstall_known_extensions": False, "autoload_known_extensions": False},
    )
    con.execute("SET memory_limit = ?", [config.sandbox_memory_limit()])
    con.execute("SET temp_directory = ?", [str(spill)])
    threads = config.sandbox_threads()
    if threads:
        con.execute(f"SET threads = {int(threads)}")
    con.execute("SET enable_progress_bar = false")
    con.execute("SET allowed_paths = ?", [[str(Path(p).resolve()) for p in readable]])
    con.execute("SET enable_external_access = false")
    con.execute("SET lock_configuration = true")
    budget = _CURRENT.get()
    if budget is not None:
        if budget.expired:
            con.close()
            budget.check()
        budget.watch(con)
    return con


def register_frame(con: duckdb.DuckDBPyConnection, name: str, frame: object) -> None:
    """Make a DataFrame or Arrow table queryable as ``name`` in a sandbox."""
    con.register(name, frame)


def one_row(result: duckdb.DuckDBPyConnection) -> tuple[Any, ...]:
    """The row of a query that always returns one (an aggregate without GROUP BY)."""
    row = result.fetchone()
    if row is None:  # DuckDB returns a row for such a query; none means the query is wrong
        raise RuntimeError("a sandbox query that returns one row returned none")
    return row


def copy_frame(con: duckdb.DuckDBPyConnection, table: str, frame: object) -> None:
    """Copy a DataFrame or Arrow table into a sandbox table of its own, registered no longer."""
    view = f"{table}_frame"
    register_frame(con, view, frame)
    con.execute(f"CREATE TABLE {table} AS SELECT * FROM {view}")
    con.unregister(view)


#: A connection from :func:`open_sandbox`, as loaders' signatures name it.
Sandbox = duckdb.DuckDBPyConnection
