"""The lake store: DuckLake with its catalogue in PostgreSQL and its data as Parquet files.

``BW_DB=ducklake:postgres:<libpq connection string>`` with ``BW_LAKE_DATA=<folder or s3://
prefix>`` makes every bw process attach the same lake instead of opening a file. The DuckDB
extensions ``ducklake`` and ``postgres`` (and ``httpfs`` for an ``s3://`` data path) are LOADed
from the installed wheels (``duckdb-extension-ducklake``, ``-postgres``, ``-httpfs``); nothing
is downloaded at run time. DuckLake has no primary keys, indexes, CHECK constraints, sequences
or RETURNING: the schema is the embedded store's without them (the load's validation keeps keys
unique and values in their vocabularies), and ids come from PostgreSQL sequences next to the
catalogue.
"""

from __future__ import annotations

import contextlib
import importlib.util
import os
import re
import tempfile
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path

import duckdb

from bw import config
from bw.store.errors import StoreError, StoreInUseError

#: The prefix of ``BW_DB`` that names a lake rather than a file.
LAKE_PREFIX = "ducklake:postgres:"
#: The name the lake is attached under in every connection; cursors switch to it.
LAKE_ALIAS = "bw_lake"
#: The PostgreSQL catalogue as the postgres extension sees it (DuckLake's own attach).
METADATA_ALIAS = f"__ducklake_metadata_{LAKE_ALIAS}"
#: How long opening a lake waits for PostgreSQL unless the connection string says otherwise.
CONNECT_TIMEOUT_SECONDS = 10
#: Prefix of bw's id sequences in the PostgreSQL catalogue: ``bw_load_ids`` for ``load_ids``.
SEQUENCE_PREFIX = "bw_"
#: The PostgreSQL advisory lock every write transaction on the lake holds ("bw" and 1).
WRITE_LOCK_KEY = 0x6277_0001
#: How long a write waits for another instance's write before it is refused as busy.
WRITE_LOCK_WAIT_SECONDS = 30
#: The PostgreSQL advisory lock held while a writable open creates a new lake ("bw" and 2):
#: the first attach of an empty catalogue creates DuckLake's tables, and two at once collide.
CREATE_LOCK_KEY = 0x6277_0002
#: The plain PostgreSQL attach that holds :data:`CREATE_LOCK_KEY` (the lake is not there yet).
SETUP_ALIAS = "bw_lake_setup"

# DuckLake's refusal to attach an empty catalogue without creating a lake in it.
_NOT_CREATED = "creating a new DuckLake is explicitly disabled"
# Whether this process ever attached a lake: cursors of embedded-only processes skip the check.
_attached = False
# Folder with the postgres extension under the file name DuckDB requires for it.
_extension_links: Path | None = None


class LakeUnreachableError(StoreError):
    """The lake cannot be used from here: catalogue, data path or extension; ``part`` says which.

    ``params['part']`` is ``'catalogue'`` (PostgreSQL down, refused, wrong connection string),
    ``'data'`` (BW_LAKE_DATA missing, not a folder, not writable, not the lake's own) or
    ``'extension'``; the message never holds a password of the connection string.
    """

    default_code = "lake_unreachable"


class LakeExtensionMissingError(LakeUnreachableError):
    """The DuckDB extensions of the lake are not installed for this DuckDB version."""

    default_code = "lake_extension_missing"


class LakeBusyError(StoreInUseError, duckdb.TransactionException):
    """Another instance is writing to the lake and did not finish in time; nothing was written.

    Also a ``duckdb.TransactionException``, like a write conflict, so every caller that
    already shows a conflict as "bezig, probeer het zo opnieuw" shows this one the same way.
    """

    default_code = "lake_busy"


def is_lake(location: object) -> bool:
    """Whether a store location (``BW_DB``, ``--db``) names a lake rather than a file."""
    return str(location).startswith(LAKE_PREFIX)


def redact(text: str) -> str:
    """``text`` with any ``password=…`` of a connection string replaced, for messages and logs."""
    text = re.sub(r"(password\s*=\s*)('[^']*'|[^\s\"]+)", r"\1***", text, flags=re.IGNORECASE)
    return re.sub(r"(postgres(?:ql)?:/{1,2}[^:/@\s]+:)[^@\s]+@", r"\1***@", text)


def postgres_reason(error: BaseException) -> str:
    """What libpq said about a failed connection, in one line and redacted.

    DuckDB's message repeats the connection string twice around libpq's words
    ("connection to server at … failed: Connection refused").
    """
    text = redact(str(error))
    marker = re.search(r'Unable to connect to Postgres at "[^"]*":\s*', text)
    if marker:
        text = text[marker.end() :]
    first = " ".join(text.split("\n")[0].split())
    return first or type(error).__name__


def extension_file(package: str, name: str) -> Path:
    """The extension file the wheel ``package`` installed for this DuckDB version."""
    spec = importlib.util.find_spec(package)
    if spec is None or spec.origin is None:
        raise LakeExtensionMissingError(
            f"the DuckDB extension {name} is not installed: pip install "
            f"{package.replace('_', '-')}=={duckdb.__version__} (the lake store needs it)",
            part="extension",
            extension=name,
        )
    found = Path(spec.origin).parent / "extensions" / f"v{duckdb.__version__}"
    found = found / f"{name}.duckdb_extension"
    if not found.exists():
        raise LakeExtensionMissingError(
            f"the installed {package} has no extension for DuckDB {duckdb.__version__} "
            f"({found} is missing): install the wheel of this DuckDB version",
            part="extension",
            extension=name,
        )
    return found


def extensions_available() -> bool:
    """Whether both lake extensions are installed for this DuckDB version."""
    try:
        extension_file("duckdb_extension_ducklake", "ducklake")
        extension_file("duckdb_extension_postgres", "postgres")
    except LakeExtensionMissingError:
        return False
    return True


def _postgres_extension() -> Path:
    """The postgres extension under ``postgres_scanner.duckdb_extension``, as LOAD wants it.

    DuckDB checks that an extension file's name matches the name the extension was built
    with; the wheel calls the file ``postgres.duckdb_extension``.
    """
    global _extension_links
    if (
        _extension_links is None
        or not (_extension_links / "postgres_scanner.duckdb_extension").exists()
    ):
        # One folder per user and DuckDB version, reused by every process (a folder per
        # process was never removed: one more in /tmp for every health check). The link is
        # made under a name of its own and renamed into place, so processes starting at the
        # same moment never see half of it.
        folder = Path(tempfile.gettempdir()) / f"bw-lake-ext-{os.getuid()}-{duckdb.__version__}"
        folder.mkdir(mode=0o700, exist_ok=True)
        fresh = folder / f".link-{os.getpid()}"
        fresh.unlink(missing_ok=True)
        fresh.symlink_to(extension_file("duckdb_extension_postgres", "postgres"))
        os.replace(fresh, folder / "postgres_scanner.duckdb_extension")
        _extension_links = folder
    return _extension_links / "postgres_scanner.duckdb_extension"


def open_lake(
    location: str,
    *,
    read_only: bool = False,
    data_path: str | None = None,
    memory_limit: str = "768MB",
) -> duckdb.DuckDBPyConnection:
    """A DuckDB connection with the lake at ``location`` attached as :data:`LAKE_ALIAS`, in use.

    Raises :class:`LakeUnreachableError` when PostgreSQL or the data path cannot be reached.
    """
    global _attached
    conninfo = location[len(LAKE_PREFIX) :] if is_lake(location) else location
    if re.match(r"postgres(ql)?:", conninfo):
        # BW_DB and --db pass through pathlib, which turns a URI's // into /: only the
        # key=value form survives; say so instead of letting libpq misread it
        raise LakeUnreachableError(
            "write the lake's connection string as key=value pairs "
            "(ducklake:postgres:dbname=bw host=… user=…), not as a postgresql:// URI",
            part="catalogue",
            where=redact(conninfo),
        )
    if "=" in conninfo and "://" not in conninfo and "connect_timeout" not in conninfo:
        # libpq waits forever for a host that drops packets: a page would hang, not say so.
        conninfo += f" connect_timeout={CONNECT_TIMEOUT_SECONDS}"
    if data_path:
        check_data_folder(data_path, writable=not read_only)
    con = duckdb.connect(
        config={"autoinstall_known_extensions": False, "autoload_known_extensions": False}
    )
    try:
        con.execute("SET memory_limit = ?", [memory_limit])
        con.execute(
            "LOAD '" + _sql_text(str(extension_file("duckdb_extension_ducklake", "ducklake"))) + "'"
        )
        con.execute("LOAD '" + _sql_text(str(_postgres_extension())) + "'")
        if data_path and not is_local_path(data_path):
            use_object_store(con, data_path)
        elif not data_path and object_store_available():
            # The catalogue may name an s3:// data path: DuckLake refuses to attach it
            # without httpfs loaded; its secret follows once the path is known.
            _load_httpfs(con)
        options = ["READ_ONLY"] if read_only else []
        if data_path:
            options.append("DATA_PATH '" + _sql_text(data_path) + "'")
        try:
            _attach(con, conninfo, options, create=not read_only)
        except LakeBusyError:
            raise
        except duckdb.Error as error:
            raise _attach_refused(error, conninfo, data_path) from error
        con.execute(f"USE {LAKE_ALIAS}")
        if not data_path:
            stored = lake_data_path(con)
            check_data_folder(stored, writable=not read_only)
            if not is_local_path(stored):
                use_object_store(con, stored)
    except Exception:
        con.close()
        raise
    _attached = True
    return con


def _attach(
    con: duckdb.DuckDBPyConnection, conninfo: str, options: list[str], *, create: bool
) -> None:
    """ATTACH the lake as :data:`LAKE_ALIAS`; with ``create``, make a new one one at a time.

    An existing lake (every open but the first) is attached without a lock. DuckLake refuses
    an empty catalogue when told not to create one; then the lake is attached again under
    :func:`_creation_lock`, where the first instance creates DuckLake's tables and the
    others, started at the same instant, find them.
    """
    attach = f"ATTACH '{_sql_text(LAKE_PREFIX + conninfo)}' AS {LAKE_ALIAS}"
    if create:
        try:
            con.execute(f"{attach} ({', '.join([*options, 'CREATE_IF_NOT_EXISTS false'])})")
            return
        except duckdb.InvalidInputException as error:
            if _NOT_CREATED not in str(error):
                raise
    with _creation_lock(con, conninfo) if create else contextlib.nullcontext():
        con.execute(f"{attach} ({', '.join(options)})" if options else attach)


@contextmanager
def _creation_lock(con: duckdb.DuckDBPyConnection, conninfo: str) -> Iterator[None]:
    """Hold :data:`CREATE_LOCK_KEY` for the block, on a plain PostgreSQL attach of the catalogue.

    Instances started at the same instant on an empty catalogue attach one after the other:
    the first creates DuckLake's tables, the others find them (without the lock the losers
    failed on PostgreSQL's unique index of type names).
    """
    con.execute(f"ATTACH '{_sql_text(conninfo)}' AS {SETUP_ALIAS} (TYPE postgres)")
    busy = f"another instance has been creating the lake for over {WRITE_LOCK_WAIT_SECONDS} s; "
    try:
        with _advisory_lock_held(con, SETUP_ALIAS, CREATE_LOCK_KEY, busy=busy + "try again"):
            yield
    finally:
        # Detaching closes the plain attach's connection to the catalogue.
        with contextlib.suppress(duckdb.Error):
            con.execute(f"DETACH {SETUP_ALIAS}")


@contextmanager
def _advisory_lock_held(
    con: duckdb.DuckDBPyConnection, alias: str, key: int, *, busy: str
) -> Iterator[None]:
    """Hold PostgreSQL advisory lock ``key`` on ``alias`` for the block, in a cursor of its own.

    Raises :class:`LakeBusyError` with the message ``busy`` when another session held the lock
    for :data:`WRITE_LOCK_WAIT_SECONDS`.
    """
    holder = con.cursor()
    try:
        holder.execute("BEGIN TRANSACTION")
        if not _advisory_xact_lock(holder, alias, key):
            raise LakeBusyError(busy, seconds=WRITE_LOCK_WAIT_SECONDS)
        yield
    finally:
        # Ending the holder's transaction (or, failing that, its connection) frees the lock.
        with contextlib.suppress(duckdb.Error):
            holder.execute("ROLLBACK")
        holder.close()


def _advisory_xact_lock(holder: duckdb.DuckDBPyConnection, alias: str, key: int) -> bool:
    """Take PostgreSQL advisory lock ``key`` in ``holder``'s open transaction on ``alias``.

    Waits up to :data:`WRITE_LOCK_WAIT_SECONDS`; False when another session held it that long.
    The lock is freed when ``holder``'s transaction ends.
    """
    try:
        holder.execute(
            "CALL postgres_execute(?, ?)",
            [
                alias,
                f"SET LOCAL lock_timeout = '{WRITE_LOCK_WAIT_SECONDS}s'; "
                f"SELECT pg_advisory_xact_lock({key})",
            ],
        )
    except duckdb.Error as error:
        if "lock timeout" not in str(error):
            raise
        return False
    return True


def _attach_refused(error: duckdb.Error, conninfo: str, data_path: str | None) -> StoreError:
    """The error to raise for a refused ATTACH: the data path's or the catalogue's, redacted."""
    where = redact(conninfo)
    said = redact(str(error))
    if "requires the extension httpfs" in said:
        return LakeExtensionMissingError(
            "the lake's data are under s3:// and the DuckDB extension httpfs is not installed: "
            f"pip install duckdb-extension-httpfs=={duckdb.__version__}",
            part="extension",
            extension="httpfs",
        )
    if "data_path" in said.lower():
        if data_path:
            return LakeUnreachableError(
                f"the lake's data path {data_path!r} (BW_LAKE_DATA) is not the one this lake "
                f"was created with: {said}",
                part="data",
                where=data_path,
            )
        return LakeUnreachableError(
            "the lake is new and BW_LAKE_DATA is not set: set it to the folder (or s3:// "
            "prefix) every instance shares for the lake's data files",
            part="data",
            where="BW_LAKE_DATA",
        )
    if _NOT_CREATED in said:
        return LakeUnreachableError(
            f"the lake at {where!r} has not been created yet: a writable instance or "
            "`python -m bw init` creates it (a read-only instance never does)",
            part="catalogue",
            where=where,
        )
    return LakeUnreachableError(
        f"the lake's catalogue cannot be reached (PostgreSQL at {where!r}): "
        f"{postgres_reason(error)}",
        part="catalogue",
        where=where,
    )


def is_local_path(data_path: str) -> bool:
    """Whether a data path is a folder on this machine rather than an ``s3://``-style prefix."""
    return "://" not in data_path


def check_data_folder(data_path: str, *, writable: bool) -> None:
    """Refuse a local data folder that is missing, not a folder, or (for writing) not writable.

    DuckLake would create a missing folder: on a share that failed to mount, that writes the
    lake's files onto the local disk where no other instance sees them.
    """
    if not is_local_path(data_path):
        return
    folder = Path(data_path)
    if not folder.is_dir():
        raise LakeUnreachableError(
            f"the lake's data folder {data_path!r} does not exist or is not a folder "
            "(is the share mounted? create the folder first)",
            part="data",
            where=data_path,
        )
    if writable and not os.access(folder, os.W_OK | os.X_OK):
        raise LakeUnreachableError(
            f"the lake's data folder {data_path!r} is not writable for this user",
            part="data",
            where=data_path,
        )


#: The one kind of remote data path bw supports (any S3-compatible object store).
OBJECT_STORE_SCHEME = "s3://"
#: The name of the in-memory secret that holds the object store's credentials.
OBJECT_STORE_SECRET = "bw_lake_s3"
#: Objects that no lake writes: listing them proves the credentials without reading data.
_PROBE_PATTERN = ".bw-probe-*"


def object_store_available() -> bool:
    """Whether the httpfs extension an ``s3://`` data path needs is installed."""
    try:
        extension_file("duckdb_extension_httpfs", "httpfs")
    except LakeExtensionMissingError:
        return False
    return True


def use_object_store(con: duckdb.DuckDBPyConnection, data_path: str) -> None:
    """Let ``con`` read and write the ``s3://`` data path: httpfs, a secret, one probe.

    The credentials come from the environment (:func:`bw.config.object_store_settings`) into
    an in-memory secret of this connection only, never into a file or a message. Raises
    :class:`LakeUnreachableError` (part ``'data'``) when they are missing, or when listing the
    data path fails (endpoint down, bucket missing, credentials refused).
    """
    if not data_path.startswith(OBJECT_STORE_SCHEME):
        raise LakeUnreachableError(
            f"the lake's data path {data_path!r} is neither a folder nor an s3:// prefix "
            "(bw reaches object stores through their S3 interface)",
            part="data",
            where=data_path,
        )
    settings = config.object_store_settings()
    if not settings.key_id or not settings.secret:
        raise LakeUnreachableError(
            f"the lake's data are at {data_path}: set AWS_ACCESS_KEY_ID and "
            "AWS_SECRET_ACCESS_KEY in the environment (and BW_LAKE_S3_ENDPOINT for an object "
            "store that is not AWS)",
            part="data",
            where=data_path,
        )
    _load_httpfs(con)
    try:
        con.execute(_secret_statement(settings, scope=_bucket(data_path)))
    except duckdb.Error as error:
        said = str(error).replace(settings.secret, "***").replace(settings.key_id, "***")
        raise LakeUnreachableError(
            f"the object store settings for {data_path} are refused: {said.splitlines()[0]}",
            part="data",
            where=data_path,
        ) from None
    where = settings.endpoint or "AWS"
    probe = data_path.rstrip("/") + "/" + _PROBE_PATTERN
    try:
        # A missing or silent endpoint answers within seconds, not after DuckDB's default
        # four tries of 30 s each; loads and reads afterwards keep the defaults.
        con.execute(f"SET http_timeout = {CONNECT_TIMEOUT_SECONDS}")
        con.execute("SET http_retries = 1")
        con.execute("SELECT count(*) FROM glob(?)", [probe]).fetchall()
    except duckdb.Error as error:
        said = " ".join(str(error).replace(settings.secret, "***").split())
        # DuckDB adds the query and a list of hints after the object store's own words
        said = said.split(" LINE 1:")[0].split(" * ")[0][:400]
        raise LakeUnreachableError(
            f"the lake's data path {data_path} cannot be reached (object store at {where}): {said}",
            part="data",
            where=data_path,
        ) from None
    finally:
        con.execute("RESET http_timeout")
        con.execute("RESET http_retries")


def open_object_store(data_path: str) -> duckdb.DuckDBPyConnection:
    """An in-memory DuckDB connection that reaches the ``s3://`` data path (backup, restore)."""
    con = duckdb.connect(
        config={"autoinstall_known_extensions": False, "autoload_known_extensions": False}
    )
    try:
        use_object_store(con, data_path)
    except Exception:
        con.close()
        raise
    return con


def _load_httpfs(con: duckdb.DuckDBPyConnection) -> None:
    """LOAD httpfs from its wheel (a second LOAD in the same connection does nothing)."""
    con.execute(
        "LOAD '" + _sql_text(str(extension_file("duckdb_extension_httpfs", "httpfs"))) + "'"
    )


def _bucket(data_path: str) -> str:
    """``s3://bucket`` of an ``s3://bucket/prefix/`` data path (the secret's scope)."""
    return OBJECT_STORE_SCHEME + data_path[len(OBJECT_STORE_SCHEME) :].split("/", 1)[0]


def _secret_statement(settings: config.ObjectStoreSettings, *, scope: str) -> str:
    """The CREATE SECRET of the object store (its values as literals: it takes no parameters)."""
    options = {
        "KEY_ID": settings.key_id,
        "SECRET": settings.secret,
        "SESSION_TOKEN": settings.session_token,
        "REGION": settings.region,
        "ENDPOINT": settings.endpoint,
        "URL_STYLE": settings.url_style,
        "SCOPE": scope,
    }
    parts = ["TYPE s3"] + [f"{key} '{_sql_text(value)}'" for key, value in options.items() if value]
    parts.append(f"USE_SSL {'true' if settings.use_ssl else 'false'}")
    return f"CREATE OR REPLACE TEMPORARY SECRET {OBJECT_STORE_SECRET} ({', '.join(parts)})"


def lake_data_path(con: duckdb.DuckDBPyConnection) -> str:
    """The data path the attached lake keeps in its catalogue (where its files are)."""
    rows = con.execute(
        f"SELECT value FROM {METADATA_ALIAS}.ducklake_metadata WHERE key = 'data_path'"
    ).fetchall()
    if not rows:
        raise StoreError("the lake's catalogue names no data path")
    return str(rows[0][0])


def is_unreachable_error(error: BaseException) -> bool:
    """Whether a failed query of an open lake connection means PostgreSQL went away."""
    text = str(error)
    return isinstance(error, duckdb.IOException) and (
        "Unable to connect to Postgres" in text or "Failed to query most recent snapshot" in text
    )


def unreachable(error: BaseException, location: str) -> LakeUnreachableError:
    """The :class:`LakeUnreachableError` for a query that lost the catalogue mid-way."""
    conninfo = location[len(LAKE_PREFIX) :] if is_lake(location) else location
    where = redact(conninfo)
    return LakeUnreachableError(
        f"the lake's catalogue cannot be reached (PostgreSQL at {where!r}): "
        f"{postgres_reason(error)}",
        part="catalogue",
        where=where,
    )


def _sql_text(text: str) -> str:
    """``text`` inside single quotes of a SQL literal."""
    return text.replace("'", "''")


def use_lake(cursor: duckdb.DuckDBPyConnection) -> duckdb.DuckDBPyConnection:
    """Make a new cursor of a lake connection query the lake (cursors start in ``memory``)."""
    if _attached and is_lake_connection(cursor, check_attached=True):
        cursor.execute(f"USE {LAKE_ALIAS}")
    return cursor


def is_lake_connection(con: duckdb.DuckDBPyConnection, *, check_attached: bool = False) -> bool:
    """Whether ``con`` queries the lake (or, with ``check_attached``, has it attached at all)."""
    if not _attached:
        return False
    if check_attached:
        row = con.execute(
            "SELECT count(*) FROM duckdb_databases() WHERE database_name = ?", [LAKE_ALIAS]
        ).fetchall()
    else:
        row = con.execute("SELECT current_database() = ?", [LAKE_ALIAS]).fetchall()
    return bool(row and row[0][0])


def next_id(con: duckdb.DuckDBPyConnection, sequence: str) -> int:
    """The next value of one of bw's id sequences in the lake's PostgreSQL catalogue.

    PostgreSQL sequences are shared by every instance and never hand out a value twice, also
    to transactions that run at the same time (a rolled-back load leaves a gap, as in DuckDB).
    """
    name = SEQUENCE_PREFIX + sequence
    query = f"SELECT nextval('{name}')"
    rows = con.execute("SELECT * FROM postgres_query(?, ?)", [METADATA_ALIAS, query]).fetchall()
    if not rows:
        raise StoreError(f"the lake's sequence {name} gave no value")
    return int(rows[0][0])


def create_sequences(con: duckdb.DuckDBPyConnection, names: Iterable[str]) -> None:
    """Create bw's id sequences in the lake's PostgreSQL catalogue (those missing)."""
    for name in names:
        con.execute(
            "CALL postgres_execute(?, ?)",
            [METADATA_ALIAS, f"CREATE SEQUENCE IF NOT EXISTS {SEQUENCE_PREFIX}{name}"],
        )


@contextmanager
def write_lock(con: duckdb.DuckDBPyConnection) -> Iterator[None]:
    """Hold the lake-wide write lock for the block: one writing transaction in all instances.

    DuckLake lets two transactions that replace the same keys both commit (their derived
    rows then disagree), so every write takes turns. The lock is a PostgreSQL advisory lock
    of a transaction on the catalogue, on a cursor of its own that ends after the block; a
    process killed while holding it drops its connection, and PostgreSQL releases the lock.
    Waits up to :data:`WRITE_LOCK_WAIT_SECONDS`, then raises :class:`LakeBusyError`.
    """
    busy = (
        f"another instance has been writing to the lake for over {WRITE_LOCK_WAIT_SECONDS} s "
        "(a load?); nothing of this was written"
    )
    with _advisory_lock_held(con, METADATA_ALIAS, WRITE_LOCK_KEY, busy=busy):
        yield


def is_write_conflict(error: BaseException) -> bool:
    """Whether a failed commit was a write conflict with another transaction (run it again)."""
    text = str(error).lower()
    return isinstance(error, duckdb.TransactionException) and "conflict" in text


def snapshot_id(con: duckdb.DuckDBPyConnection) -> int:
    """The lake's newest snapshot: a number that changes with every commit of any instance."""
    rows = con.execute(f"SELECT max(snapshot_id) FROM {LAKE_ALIAS}.snapshots()").fetchall()
    return int(rows[0][0]) if rows and rows[0][0] is not None else 0
