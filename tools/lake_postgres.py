"""A throw-away PostgreSQL cluster for the lake store (BW_DB=ducklake:postgres:…).

Debian's ``postgresql`` package (``apt-get install -y postgresql``) brings the server; this
tool makes a cluster in a temporary folder, trusted on 127.0.0.1 and a socket in that folder
only, on a free port, with a database ``bw`` for the lake's catalogue:

    python tools/lake_postgres.py start           # prints BW_LAKE_POSTGRES=… and BW_LAKE_DIR=…
    python tools/lake_postgres.py stop DIR        # stops it and removes the folder

Nothing is written outside the folder and no password exists: it is for a developer's machine
and CI, never a server (docs/deploy.md says how a real catalogue is set up).
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

#: Where Debian's package puts the server programs (PostgreSQL 15 on Debian 12).
PG_BIN_DIRS = tuple(sorted(Path("/usr/lib/postgresql").glob("*/bin"), reverse=True))
#: The database that holds the lake's catalogue.
DATABASE = "bw"


def pg_bin(name: str) -> Path:
    """The path of one PostgreSQL program, or a clear error when the package is missing."""
    for folder in PG_BIN_DIRS:
        if (folder / name).exists():
            return folder / name
    raise SystemExit(
        f"PostgreSQL's {name} not found under /usr/lib/postgresql: "
        "install Debian's package first (apt-get install -y postgresql)"
    )


def available() -> bool:
    """Whether Debian's PostgreSQL server programs are installed."""
    return any((folder / "pg_ctl").exists() for folder in PG_BIN_DIRS)


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _as_postgres(command: list[str]) -> list[str]:
    """Run as the ``postgres`` user when root: PostgreSQL refuses to run as root."""
    if os.geteuid() == 0:
        return ["runuser", "-u", "postgres", "--", *command]
    return command


def conninfo(folder: Path) -> str:
    """The libpq connection string of the cluster in ``folder``."""
    port = (folder / "port").read_text(encoding="utf-8").strip()
    return f"dbname={DATABASE} host=127.0.0.1 port={port} user=postgres"


@contextmanager
def server(named: str = "") -> Iterator[str]:
    """The connection string of ``named`` (a running server), or of a throw-away cluster."""
    if named:
        yield named
        return
    folder = start()
    try:
        yield conninfo(folder)
    finally:
        stop(folder)


def create_database(server: str, prefix: str) -> str:
    """A new, empty database ``PREFIX_<random>`` on ``server``; its connection string."""
    name = f"{prefix}_{uuid.uuid4().hex[:12]}"
    subprocess.run(["psql", server, "-q", "-c", f"CREATE DATABASE {name}"], check=True)
    named = re.sub(r"dbname=\S+", f"dbname={name}", server)
    return named if "dbname=" in named else f"{named} dbname={name}"


def start(folder: Path | None = None) -> Path:
    """Make and start a cluster in a new folder; returns it (its ``port`` file says where)."""
    folder = Path(tempfile.mkdtemp(prefix="bw-lake-pg-")) if folder is None else folder
    folder.mkdir(parents=True, exist_ok=True)
    data = folder / "data"
    if os.geteuid() == 0:
        shutil.chown(folder, user="postgres")
    subprocess.run(
        _as_postgres(
            [str(pg_bin("initdb")), "-D", str(data), "-U", "postgres", "--auth=trust", "-E", "UTF8"]
        ),
        check=True,
        capture_output=True,
    )
    port = _free_port()
    with (data / "postgresql.conf").open("a", encoding="utf-8") as conf:
        conf.write(
            f"\nlisten_addresses = '127.0.0.1'\nport = {port}\n"
            f"unix_socket_directories = '{folder}'\nfsync = on\n"
        )
    (folder / "port").write_text(str(port), encoding="utf-8")
    subprocess.run(
        _as_postgres(
            [str(pg_bin("pg_ctl")), "-D", str(data), "-l", str(folder / "log"), "-w", "start"]
        ),
        check=True,
        capture_output=True,
    )
    subprocess.run(
        _as_postgres(
            [
                str(pg_bin("createdb")),
                "-h",
                "127.0.0.1",
                "-p",
                str(port),
                "-U",
                "postgres",
                DATABASE,
            ]
        ),
        check=True,
        capture_output=True,
    )
    return folder


def stop(folder: Path) -> None:
    """Stop the cluster in ``folder`` (fast shutdown) and remove the folder."""
    data = folder / "data"
    if (data / "postmaster.pid").exists():
        subprocess.run(
            _as_postgres([str(pg_bin("pg_ctl")), "-D", str(data), "-m", "fast", "-w", "stop"]),
            check=False,
            capture_output=True,
        )
    shutil.rmtree(folder, ignore_errors=True)


def main(argv: list[str] | None = None) -> int:
    """Start or stop a throw-away cluster; ``start`` prints the settings to export."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    verbs = parser.add_subparsers(dest="verb", required=True)
    verbs.add_parser("start", help="make and start a cluster, print its settings")
    stopping = verbs.add_parser("stop", help="stop a cluster and remove its folder")
    stopping.add_argument("folder", type=Path)
    args = parser.parse_args(argv)
    if args.verb == "start":
        folder = start()
        print(f"BW_LAKE_POSTGRES='{conninfo(folder)}'")
        print(f"BW_LAKE_DIR={folder}")
        return 0
    stop(args.folder)
    return 0


if __name__ == "__main__":
    sys.exit(main())
