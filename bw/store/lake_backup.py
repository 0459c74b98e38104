"""Backup and restore of a lake: a dump of the PostgreSQL catalogue, the data files, a manifest.

A backup folder holds ``catalogue.dump`` (``pg_dump -Fc`` of the catalogue database),
``data/`` (a copy of every file under the lake's data folder) and ``manifest.json`` (when,
the newest snapshot in the dump, the source data path, every file with size and sha256, and
the files that vanished while the backup ran, under ``skipped``). The dump is taken first:
DuckLake writes a data file completely before the commit that names it, so every file the
dumped catalogue names is already there to be copied; files of later commits that are copied
too are never read. A backup is written into ``DIR.partial`` and renamed to ``DIR`` when
complete.

Restore checks every file against the manifest before it changes anything, refuses a
catalogue database that holds tables unless ``force``, copies the files into a new subfolder
``restored-TIMESTAMP`` of the target data folder and restores the catalogue in one
PostgreSQL transaction that points it at that subfolder: all or nothing, and nothing already
in the data folder (a running lake's files) is moved or deleted.

A lake whose data are under ``s3://`` is backed up and restored the same way, through DuckDB's
httpfs with the lake's own credentials (environment only): every object under the data path is
listed and read into ``data/``, and a restore writes them under a new prefix
``restored-TIMESTAMP/`` of the target data path before the catalogue's transaction.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import subprocess
import tempfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit, urlunsplit

import duckdb

from bw.store import lake
from bw.store.errors import StoreError

#: The manifest's file name and what its ``format`` says.
MANIFEST = "manifest.json"
MANIFEST_FORMAT = "bw-lake-backup"
MANIFEST_VERSION = 1
#: The catalogue dump's file name and the data files' folder in a backup.
DUMP = "catalogue.dump"
DATA = "data"
#: Where Debian's package puts PostgreSQL's programs (as tools/lake_postgres.py looks).
PG_BIN_DIRS = tuple(sorted(Path("/usr/lib/postgresql").glob("*/bin"), reverse=True))
#: Files in a data folder that are no part of the lake (``health``'s write probe).
_NOT_LAKE_FILES = (".bw-health-",)


class LakeBackupError(StoreError):
    """A lake backup or restore that cannot be done; nothing was changed."""

    default_code = "lake_backup_refused"


@dataclass(frozen=True, slots=True)
class LakeBackup:
    """What :func:`backup` wrote or :func:`restore` put back."""

    folder: Path  # the backup folder
    snapshot_id: int  # the newest snapshot in the dumped catalogue
    files: int  # data files
    size: int  # bytes of the data files and the dump
    data_path: str = ""  # restore: the data folder the lake now uses (set BW_LAKE_DATA to it)
    skipped: int = 0  # backup: data files that vanished between listing and copying


def pg_program(name: str) -> str:
    """The path of a PostgreSQL client program (``pg_dump``, ``pg_restore``, ``psql``)."""
    for folder in PG_BIN_DIRS:
        if (folder / name).exists():
            return str(folder / name)
    found = shutil.which(name)
    if found is None:
        raise LakeBackupError(
            f"PostgreSQL's {name} is not installed: install the client programs "
            "(Debian: apt-get install -y postgresql-client) of the server's version or newer"
        )
    return found


def backup(location: str, out: Path) -> LakeBackup:
    """Back up the lake at ``location`` (``ducklake:postgres:…``) into the new folder ``out``."""
    connection = _connection(location)
    out = Path(out)
    if out.exists():
        raise LakeBackupError(f"{out} exists already: a backup goes into a new folder")
    partial = out.with_name(out.name + ".partial")
    shutil.rmtree(partial, ignore_errors=True)
    (partial / DATA).mkdir(parents=True)
    try:
        _run(
            [pg_program("pg_dump"), "-Fc", "-f", str(partial / DUMP), "-d", connection.conninfo],
            "pg_dump",
            connection.env,
        )
        snapshot_id = max(int(row["snapshot_id"]) for row in _dumped(partial, "ducklake_snapshot"))
        data_path = _dumped_data_path(partial)
        if lake.is_local_path(data_path):
            files, skipped = _copy_folder(Path(data_path), partial / DATA)
        else:
            files, skipped = _copy_objects(data_path, partial / DATA)
        manifest: dict[str, Any] = {
            "format": MANIFEST_FORMAT,
            "version": MANIFEST_VERSION,
            "created_at": datetime.now().astimezone().isoformat(timespec="seconds"),
            "snapshot_id": snapshot_id,
            "data_path": data_path,
            "catalogue": _entry(partial / DUMP, DUMP),
            "files": files,
            "skipped": skipped,
        }
        (partial / MANIFEST).write_text(json.dumps(manifest, indent=2), encoding="utf-8")
        partial.rename(out)
    except BaseException:
        shutil.rmtree(partial, ignore_errors=True)
        raise
    size = int(manifest["catalogue"]["size"]) + sum(int(f["size"]) for f in files)
    return LakeBackup(out, snapshot_id, len(files), size, skipped=len(skipped))


def _copy_folder(root: Path, into: Path) -> tuple[list[dict[str, Any]], list[str]]:
    """Copy every file of a local data folder into ``into``: manifest entries and skipped."""
    files: list[dict[str, Any]] = []
    skipped: list[str] = []
    for source, relative in _data_files(root):
        try:
            files.append(_copy_hashed(source, into / relative, f"{DATA}/{relative}"))
        except FileNotFoundError:
            if source.exists():
                raise
            # Gone between listing and copying: DuckLake removes the files of a failed
            # write, which no committed snapshot names.
            skipped.append(f"{DATA}/{relative}")
    return files, skipped


def _copy_objects(data_path: str, into: Path) -> tuple[list[dict[str, Any]], list[str]]:
    """Copy every object under an ``s3://`` data path into ``into``, through DuckDB's httpfs.

    The objects are listed with ``glob`` and read whole with ``read_blob``, one at a time (a
    data file is at most DuckLake's target file size, 512 MB by default); bw needs no S3
    library of its own, and the credentials are the lake's (environment only).
    """
    con = lake.open_object_store(data_path)
    try:
        root = data_path.rstrip("/") + "/"
        listed = con.execute("SELECT file FROM glob(?) ORDER BY file", [root + "**"]).fetchall()
        files: list[dict[str, Any]] = []
        skipped: list[str] = []
        for (url,) in listed:
            relative = _relative_key(str(url), root)
            if relative.rsplit("/", 1)[-1].startswith(_NOT_LAKE_FILES):
                continue
            try:
                rows = con.execute("SELECT content FROM read_blob(?)", [url]).fetchall()
            except duckdb.Error as error:
                if "404" not in str(error):
                    raise LakeBackupError(
                        f"reading {url} failed: {' '.join(str(error).split())[:300]}"
                    ) from None
                skipped.append(f"{DATA}/{relative}")  # gone since the listing, as above
                continue
            files.append(_write_hashed(bytes(rows[0][0]), into / relative, f"{DATA}/{relative}"))
        return files, skipped
    finally:
        con.close()


def _relative_key(url: str, root: str) -> str:
    """An object's key below the data path, refused when it would land outside the backup."""
    relative = url[len(root) :] if url.startswith(root) else ""
    if not relative or relative.startswith("/") or ".." in relative.split("/"):
        raise LakeBackupError(f"the object {url} has a name bw does not copy into a folder")
    return relative


def restore(
    location: str, folder: Path, *, data_path: str | None = None, force: bool = False
) -> LakeBackup:
    """Put the backup in ``folder`` into the lake at ``location``; all or nothing.

    ``data_path``: the existing folder the restored files go into, in a new subfolder
    ``restored-TIMESTAMP`` (``BW_LAKE_DATA``; default the backed-up lake's own folder). Nothing
    already in it is moved or deleted. A catalogue database holding tables is refused unless
    ``force``.
    """
    connection = _connection(location)
    folder = Path(folder)
    manifest = read_manifest(folder)
    verify(folder, manifest)
    target_path = data_path or str(manifest["data_path"])
    if not lake.is_local_path(target_path):
        return _restore_to_objects(connection, folder, manifest, target_path, force=force)
    target = Path(target_path)
    if not target.is_dir():
        raise LakeBackupError(
            f"the data folder {target} does not exist or is no folder: create it (or mount "
            "the share) first; the restored files go into a new subfolder of it"
        )
    if not force and _has_tables(connection):
        raise LakeBackupError(
            "the target catalogue database is not empty: restore into a new database, or add "
            "--force to replace the lake in it (its data files are left where they are)"
        )
    staged = _new_subfolder(target)
    try:
        for entry in manifest["files"]:
            name = entry["path"]
            copied = _copy_hashed(folder / name, staged / name[len(DATA) + 1 :], name)
            if copied["sha256"] != entry["sha256"]:
                raise LakeBackupError(f"{entry['path']} changed while it was copied; try again")
        # The catalogue names the staged folder in the same transaction that restores it, so
        # nothing is renamed after the commit (a mount point cannot be renamed).
        _restore_catalogue(connection, folder / DUMP, data_path=f"{staged}/", replace=force)
    except BaseException:
        shutil.rmtree(staged, ignore_errors=True)
        raise
    size = manifest["catalogue"]["size"] + sum(f["size"] for f in manifest["files"])
    return LakeBackup(
        folder,
        int(manifest["snapshot_id"]),
        len(manifest["files"]),
        size,
        data_path=f"{staged}/",
    )


def _restore_to_objects(
    connection: _Connection, folder: Path, manifest: dict[str, Any], target: str, *, force: bool
) -> LakeBackup:
    """:func:`restore` into an ``s3://`` data path: a new ``restored-TIMESTAMP/`` prefix of it.

    The objects are written through DuckDB's httpfs (``COPY … (FORMAT blob)`` writes a value's
    bytes as they are). DuckDB cannot delete an object: when the catalogue's restore fails, the
    objects written so far stay under the new prefix, which no lake names, and the error says
    where they are.
    """
    con = lake.open_object_store(target)
    try:
        if not force and _has_tables(connection):
            raise LakeBackupError(
                "the target catalogue database is not empty: restore into a new database, or "
                "add --force to replace the lake in it (its data files are left where they are)"
            )
        staged = _new_prefix(con, target)
        try:
            for entry in manifest["files"]:
                name = entry["path"]
                content = (folder / name).read_bytes()
                if hashlib.sha256(content).hexdigest() != entry["sha256"]:
                    raise LakeBackupError(f"{name} changed while it was copied; try again")
                url = f"{staged}/{name[len(DATA) + 1 :]}"
                quoted = url.replace("'", "''")
                con.execute(f"COPY (SELECT ?::BLOB) TO '{quoted}' (FORMAT blob)", [content])
            _restore_catalogue(connection, folder / DUMP, data_path=f"{staged}/", replace=force)
        except Exception as error:
            raise LakeBackupError(
                f"{error} (nothing was restored; the objects written so far under {staged}/ "
                "belong to no lake: delete them with the object store's own tools)"
            ) from error
    finally:
        con.close()
    size = manifest["catalogue"]["size"] + sum(f["size"] for f in manifest["files"])
    return LakeBackup(
        folder,
        int(manifest["snapshot_id"]),
        len(manifest["files"]),
        size,
        data_path=f"{staged}/",
    )


def _new_prefix(con: duckdb.DuckDBPyConnection, target: str) -> str:
    """A ``restored-TIMESTAMP[-N]`` prefix inside ``target`` that holds no object yet."""
    stamp = _stamp()
    for attempt in range(100):
        staged = target.rstrip("/") + "/restored-" + stamp + (f"-{attempt}" if attempt else "")
        if not con.execute("SELECT file FROM glob(?) LIMIT 1", [staged + "/**"]).fetchall():
            return staged
    raise LakeBackupError(f"{target} holds too many restored-{stamp}* prefixes")


def _write_hashed(content: bytes, target: Path, name: str) -> dict[str, Any]:
    """Write one object's bytes into the backup; its manifest entry under ``name``."""
    target.parent.mkdir(parents=True, exist_ok=True)
    with target.open("wb") as writing:
        writing.write(content)
        writing.flush()
        os.fsync(writing.fileno())
    return {"path": name, "size": len(content), "sha256": hashlib.sha256(content).hexdigest()}


def _new_subfolder(target: Path) -> Path:
    """A new, empty ``restored-TIMESTAMP[-N]`` folder inside ``target`` (never an existing one)."""
    stamp = _stamp()
    for attempt in range(100):
        staged = target / (f"restored-{stamp}" + (f"-{attempt}" if attempt else ""))
        try:
            staged.mkdir()
        except FileExistsError:
            continue
        return staged
    raise LakeBackupError(f"{target} holds too many restored-{stamp}* folders")


def read_manifest(folder: Path) -> dict[str, Any]:
    """The manifest of a backup folder, or :class:`LakeBackupError` when it is not one."""
    try:
        manifest = json.loads((Path(folder) / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError) as error:
        raise LakeBackupError(
            f"{folder} is no lake backup (no readable {MANIFEST}): {error}"
        ) from error
    if not isinstance(manifest, dict) or manifest.get("format") != MANIFEST_FORMAT:
        raise LakeBackupError(f"{folder}/{MANIFEST} is not a bw lake backup's manifest")
    if manifest.get("version") != MANIFEST_VERSION:
        raise LakeBackupError(
            f"{folder} is a lake backup of format version {manifest.get('version')}; this bw "
            f"reads version {MANIFEST_VERSION}"
        )
    return manifest


def verify(folder: Path, manifest: dict[str, Any]) -> None:
    """Check the dump and every data file against the manifest (present, size, sha256)."""
    entries = [manifest["catalogue"], *manifest["files"]]
    for entry in entries:
        path = Path(folder) / entry["path"]
        if ".." in Path(entry["path"]).parts or Path(entry["path"]).is_absolute():
            raise LakeBackupError(f"the manifest names a path outside the backup: {entry['path']}")
        if not path.is_file():
            raise LakeBackupError(f"the backup is incomplete: {entry['path']} is missing")
        if path.stat().st_size != entry["size"] or _sha256(path) != entry["sha256"]:
            raise LakeBackupError(
                f"the backup is damaged: {entry['path']} differs from its manifest"
            )


@dataclass(frozen=True, slots=True)
class _Connection:
    """A catalogue connection for PostgreSQL's programs: the password goes in the environment."""

    conninfo: str  # without any password, with a connect timeout
    env: dict[str, str]  # the process environment, with PGPASSWORD when one was given


#: ``password=…`` in a key/value connection string (quoted values may escape ' and \\).
_PASSWORD = re.compile(r"(?:^|\s)password\s*=\s*('(?:[^'\\]|\\.)*'|\S+)", re.IGNORECASE)


def _connection(location: str) -> _Connection:
    """The catalogue connection of a lake location, its password kept off the command line."""
    if not lake.is_lake(location):
        raise LakeBackupError(f"{location} is not a lake (ducklake:postgres:…)")
    conninfo = location[len(lake.LAKE_PREFIX) :].strip()
    env = dict(os.environ)
    if "://" in conninfo:  # postgresql://user:password@host/db?options
        url = urlsplit(conninfo)
        if url.password is not None:
            env["PGPASSWORD"] = unquote(url.password)
            netloc = url.netloc.rsplit("@", 1)[1]
            user = url.netloc.rsplit("@", 1)[0].split(":", 1)[0]
            url = url._replace(netloc=f"{user}@{netloc}")
        if "connect_timeout=" not in url.query:
            timeout = f"connect_timeout={lake.CONNECT_TIMEOUT_SECONDS}"
            url = url._replace(query=f"{url.query}&{timeout}" if url.query else timeout)
        return _Connection(urlunsplit(url), env)
    found = _PASSWORD.search(conninfo)
    if found:
        value = found.group(1)
        if value.startswith("'"):
            value = re.sub(r"\\(.)", r"\1", value[1:-1])
        env["PGPASSWORD"] = value
        conninfo = (conninfo[: found.start()] + " " + conninfo[found.end() :]).strip()
    if "connect_timeout" not in conninfo:
        conninfo += f" connect_timeout={lake.CONNECT_TIMEOUT_SECONDS}"
    return _Connection(conninfo, env)


def _run(command: list[str], what: str, env: dict[str, str] | None = None) -> str:
    """Run a PostgreSQL program; its output, or a redacted :class:`LakeBackupError`."""
    done = subprocess.run(command, capture_output=True, text=True, check=False, env=env)
    if done.returncode != 0:
        said = " ".join(lake.redact(done.stderr).split())[:600]
        raise LakeBackupError(f"{what} failed (exit {done.returncode}): {said}")
    return done.stdout


def _dumped(folder: Path, table: str) -> Iterator[dict[str, str]]:
    """The rows of one catalogue table in the dump, as text (``pg_restore``'s COPY lines)."""
    script = _run(
        [pg_program("pg_restore"), "-a", "-t", table, "-f", "-", str(folder / DUMP)], table
    )
    columns: list[str] = []
    for line in script.splitlines():
        if line.startswith("COPY "):
            columns = [
                c.strip().strip('"') for c in line.split("(", 1)[1].split(")", 1)[0].split(",")
            ]
        elif columns and line == "\\.":
            columns = []
        elif columns:
            yield dict(zip(columns, line.split("\t"), strict=False))


def _dumped_data_path(folder: Path) -> str:
    for row in _dumped(folder, "ducklake_metadata"):
        if row.get("key") == "data_path":
            return row["value"]
    raise LakeBackupError("the dumped catalogue names no data path: is it a DuckLake?")


def _data_files(root: Path) -> Iterator[tuple[Path, str]]:
    """Every file under the data folder with its path relative to it, in a stable order."""
    if not root.is_dir():
        raise LakeBackupError(f"the lake's data folder {root} does not exist or is no folder")
    for path in sorted(root.rglob("*")):
        if path.is_file() and not path.name.startswith(_NOT_LAKE_FILES):
            yield path, path.relative_to(root).as_posix()


def _copy_hashed(source: Path, target: Path, name: str) -> dict[str, Any]:
    """Copy one file, hashing what is written; its manifest entry under ``name``."""
    target.parent.mkdir(parents=True, exist_ok=True)
    digest = hashlib.sha256()
    size = 0
    with source.open("rb") as reading, target.open("wb") as writing:
        for block in iter(lambda: reading.read(1 << 20), b""):
            digest.update(block)
            writing.write(block)
            size += len(block)
        writing.flush()
        os.fsync(writing.fileno())
    return {"path": name, "size": size, "sha256": digest.hexdigest()}


def _entry(path: Path, name: str) -> dict[str, Any]:
    return {"path": name, "size": path.stat().st_size, "sha256": _sha256(path)}


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as reading:
        for block in iter(lambda: reading.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _psql(connection: _Connection) -> list[str]:
    return [pg_program("psql"), "-X", "-q", "-v", "ON_ERROR_STOP=1", "-d", connection.conninfo]


def _has_tables(connection: _Connection) -> bool:
    """Whether the catalogue database holds any table or sequence of its own."""
    query = (
        "SELECT count(*) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
        "WHERE c.relkind IN ('r', 'S', 'v', 'p') "
        "AND n.nspname NOT IN ('pg_catalog', 'information_schema', 'pg_toast')"
    )
    said = _run([*_psql(connection), "-At", "-c", query], "psql", connection.env)
    return int(said.strip() or 0) > 0


#: With ``force``: empty the database's schemas of tables, views and sequences first.
_DROP_ALL = """
DO $$
DECLARE r record;
BEGIN
  FOR r IN SELECT n.nspname, c.relname, c.relkind FROM pg_class c
           JOIN pg_namespace n ON n.oid = c.relnamespace
           WHERE c.relkind IN ('r', 'S', 'v', 'p')
           AND n.nspname NOT IN ('pg_catalog', 'information_schema', 'pg_toast') LOOP
    EXECUTE format('DROP %s IF EXISTS %I.%I CASCADE',
      CASE r.relkind WHEN 'S' THEN 'SEQUENCE' WHEN 'v' THEN 'VIEW' ELSE 'TABLE' END,
      r.nspname, r.relname);
  END LOOP;
END $$;
"""


def _restore_catalogue(
    connection: _Connection, dump: Path, *, data_path: str, replace: bool
) -> None:
    """Restore the dump into the catalogue database in one transaction, at ``data_path``."""
    with tempfile.TemporaryDirectory(prefix="bw-lake-restore-") as scratch:
        script = Path(scratch) / "catalogue.sql"
        _run(
            [
                pg_program("pg_restore"),
                "--no-owner",
                "--no-privileges",
                "-f",
                str(script),
                str(dump),
            ],
            "pg_restore",
        )
        steps = [Path(scratch) / "drop.sql", script, Path(scratch) / "data_path.sql"]
        steps[0].write_text(_DROP_ALL if replace else "", encoding="utf-8")
        quoted = data_path.replace("'", "''")
        steps[2].write_text(
            f"UPDATE public.ducklake_metadata SET value = '{quoted}' WHERE key = 'data_path';\n",
            encoding="utf-8",
        )
        command = [*_psql(connection), "--single-transaction"]
        for step in steps:
            command += ["-f", str(step)]
        _run(command, "restoring the catalogue (nothing was changed)", connection.env)


def _stamp(now: Callable[[], datetime] = datetime.now) -> str:
    return now().strftime("%Y%m%d-%H%M%S")
