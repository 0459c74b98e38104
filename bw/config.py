"""The one reader of environment variables, with the project's defaults."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

#: The project root (the folder that holds ``app.py``).
PROJECT_ROOT = Path(__file__).resolve().parent.parent

#: The first year that demo series and default trend windows start from.
DEMO_FIRST_YEAR = 2012
#: The last year of the demo series (provisional).
DEMO_LAST_YEAR = 2024


def data_dir() -> Path:
    """The data folder: ``BW_DATA_DIR`` or ``data/`` in the project."""
    return Path(os.environ.get("BW_DATA_DIR") or PROJECT_ROOT / "data")


def cbs_snapshot_dir() -> Path:
    """The shipped CBS snapshot the default store is built from: ``data/cbs/`` in the project.

    Made by ``tools/build_cbs_snapshot.py``; ``BW_CBS_SNAPSHOT`` points elsewhere (tests).
    """
    configured = os.environ.get("BW_CBS_SNAPSHOT")
    return Path(configured) if configured else PROJECT_ROOT / "data" / "cbs"


def shipped_boundaries_dir() -> Path:
    """Boundary files that come with bw (``data/geo/``): the maps' fallback, whatever BW_DATA_DIR.

    Installed files (``python -m bw fetch boundaries``, in the data folder) come first.
    """
    return PROJECT_ROOT / "data" / "geo"


def store_path() -> Path:
    """The DuckDB store file: ``BW_DB`` or ``data/bw.duckdb``.

    ``BW_DB=ducklake:postgres:<connection string>`` names a lake store instead (bw.store.lake).
    """
    configured = os.environ.get("BW_DB")
    return Path(configured) if configured else data_dir() / "bw.duckdb"


def lake_data_path() -> str | None:
    """Where a lake store keeps its Parquet files: ``BW_LAKE_DATA`` (a folder or s3:// prefix).

    Only read when ``BW_DB`` names a lake (``ducklake:postgres:…``, docs/deploy.md); a new lake
    needs it, an existing one remembers its own.
    """
    return os.environ.get("BW_LAKE_DATA") or None


@dataclass(frozen=True, slots=True)
class ObjectStoreSettings:
    """How a lake reaches an ``s3://`` data path: credentials and endpoint, from the environment."""

    key_id: str = field(repr=False)
    secret: str = field(repr=False)
    session_token: str = field(default="", repr=False)
    region: str = ""
    endpoint: str = ""  # host:port of a non-AWS object store (MinIO, Ceph, …); "" is AWS
    url_style: str = ""  # "path" for most non-AWS stores, "vhost" (AWS's default) otherwise
    use_ssl: bool = True


def object_store_settings() -> ObjectStoreSettings:
    """The s3 settings of a lake whose data path is ``s3://…`` (docs/deploy.md, "Data on S3").

    ``AWS_ACCESS_KEY_ID``, ``AWS_SECRET_ACCESS_KEY``, ``AWS_SESSION_TOKEN``, ``AWS_REGION`` (or
    ``AWS_DEFAULT_REGION``) as every AWS tool reads them; ``BW_LAKE_S3_ENDPOINT`` (host:port),
    ``BW_LAKE_S3_URL_STYLE`` (path or vhost) and ``BW_LAKE_S3_USE_SSL`` (0 for plain http) for
    an object store that is not AWS. Never from a file: a secret belongs in the environment.
    """
    env = os.environ
    return ObjectStoreSettings(
        key_id=env.get("AWS_ACCESS_KEY_ID", ""),
        secret=env.get("AWS_SECRET_ACCESS_KEY", ""),
        session_token=env.get("AWS_SESSION_TOKEN", ""),
        region=env.get("AWS_REGION") or env.get("AWS_DEFAULT_REGION") or "",
        endpoint=env.get("BW_LAKE_S3_ENDPOINT", ""),
        url_style=env.get("BW_LAKE_S3_URL_STYLE", ""),
        use_ssl=env.get("BW_LAKE_S3_USE_SSL", "1").strip().lower() not in ("0", "false", "no"),
    )


def memory_limit() -> str:
    """DuckDB's memory limit for a store connection: ``BW_MEMORY_LIMIT`` or 768MB.

    Refreshes run one indicator at a time, so a larger store spills to disk rather than
    growing the process (python -m bw bench: 3.5 GB peak without a limit at 10M observations).
    """
    return os.environ.get("BW_MEMORY_LIMIT") or "768MB"


def load_memory_limit() -> str:
    """DuckDB's memory limit while a large load writes: ``BW_LOAD_MEMORY_LIMIT`` or 4GB.

    Inserting millions of rows into the keyed observations table in one transaction needs more
    than the reading limit (python -m bw bench --ingest: 10 million rows fail at 768MB).
    """
    return os.environ.get("BW_LOAD_MEMORY_LIMIT") or "4GB"


def sandbox_memory_limit() -> str:
    """DuckDB's memory limit for parsing one uploaded file: ``BW_SANDBOX_MEMORY_LIMIT`` or 2GB.

    Above it the sandbox spills to a temporary folder (python -m bw bench --ingest, 10 million
    rows: 7 GB peak without a limit).
    """
    return os.environ.get("BW_SANDBOX_MEMORY_LIMIT") or "2GB"


def sandbox_threads() -> int | None:
    """Threads of the parsing sandbox: ``BW_SANDBOX_THREADS``, or None for one per core."""
    configured = os.environ.get("BW_SANDBOX_THREADS")
    return int(configured) if configured else None


def max_upload_bytes() -> int:
    """The size limit of one file: ``BW_MAX_UPLOAD_MB`` megabytes (MiB), default 200.

    A workbook may not unpack to more than this either: the limit on what a file costs to read
    follows the limit on its size (issue 14).
    """
    configured = os.environ.get("BW_MAX_UPLOAD_MB")
    return int(float(configured) * 1024 * 1024) if configured else 200 * 1024 * 1024


def intake_seconds() -> float:
    """The time budget of checking one file: ``BW_INTAKE_SECONDS``, default 120.

    Past it the intake stops with ``time_limit_exceeded`` and writes nothing. A 10-million-row
    long CSV is checked in about 12 s on a quiet 2-core machine and in up to about 2 minutes on
    a saturated one (``python -m bw bench --ingest``, which lifts the budget for its own file).
    """
    configured = os.environ.get("BW_INTAKE_SECONDS")
    return float(configured) if configured else 120.0


def max_xlsx_cells() -> int:
    """Most cells the first sheet of a workbook may have: ``BW_MAX_XLSX_CELLS``, default 2 million.

    openpyxl reads some 130 000 cells a second (15 s for 2 million); a waarstaatjegemeente
    workbook has tens of thousands, a monitor download of 150 000 rows about a million. A sheet
    of millions of tiny cells (a cell bomb) is refused after counting them, before it is read.
    """
    configured = os.environ.get("BW_MAX_XLSX_CELLS")
    return int(configured) if configured else 2_000_000


def cli_actor_name() -> str:
    """Who the command line acts as unless ``--by`` names someone: ``USER``, or ``cli``."""
    return os.environ.get("USER") or "cli"


def debug() -> bool:
    """Whether the command line shows tracebacks of unexpected errors (``BW_DEBUG=1``)."""
    return os.environ.get("BW_DEBUG", "") == "1"


def app_read_only() -> bool:
    """Whether the app opens the store read-only (``BW_READ_ONLY=1``: replicas behind a writer)."""
    return os.environ.get("BW_READ_ONLY", "") == "1"


def publish_path() -> Path | None:
    """Where the writing app publishes a snapshot after every write (``BW_PUBLISH_TO``), or None.

    Read-only replicas run with ``BW_DB`` set to this file (docs/deploy.md).
    """
    configured = os.environ.get("BW_PUBLISH_TO")
    return Path(configured) if configured else None


def real_data_dir() -> Path:
    """Folder with real CBS files used by tests: ``BW_REAL_DATA_DIR`` or ``../shared/data/real``."""
    configured = os.environ.get("BW_REAL_DATA_DIR")
    return Path(configured) if configured else PROJECT_ROOT.parent / "shared" / "data" / "real"


def real_data_required() -> bool:
    """Whether absent real data fails tests instead of skipping them (BW_REAL_DATA_REQUIRED=1)."""
    return os.environ.get("BW_REAL_DATA_REQUIRED", "") == "1"


# --- real-browser tests (tests/browser) ---------------------------------------------------------


def chromium_path() -> Path:
    """The Chromium the browser tests drive: ``BW_CHROMIUM`` or Debian's ``/usr/bin/chromium``."""
    return Path(os.environ.get("BW_CHROMIUM") or "/usr/bin/chromium")


def browser_required() -> bool:
    """True when ``BW_BROWSER_REQUIRED=1``: a missing browser fails the browser tests (CI)."""
    return os.environ.get("BW_BROWSER_REQUIRED", "") == "1"


def artifacts_dir() -> Path:
    """Where failed browser tests leave screenshots: ``BW_ARTIFACTS`` or ``test-artifacts/``."""
    return Path(os.environ.get("BW_ARTIFACTS") or PROJECT_ROOT / "test-artifacts")


# --- workshops under abuse (README: Running a workshop) ----------------------------------------


def _positive_int(name: str, default: int) -> int:
    try:
        value = int(os.environ.get(name) or default)
    except ValueError:
        return default
    return value if value > 0 else default


def workshop_join_tries() -> int:
    """Wrong join codes a client address may try per minute: ``BW_WORKSHOP_JOIN_TRIES`` or 10."""
    return _positive_int("BW_WORKSHOP_JOIN_TRIES", 10)


def workshop_posts_per_minute() -> int:
    """Arguments and comments per participant per minute: ``BW_WORKSHOP_POSTS_PER_MINUTE`` or 6."""
    return _positive_int("BW_WORKSHOP_POSTS_PER_MINUTE", 6)


def workshop_max_posts() -> int:
    """Arguments and comments per participant per workshop: ``BW_WORKSHOP_MAX_POSTS`` or 100."""
    return _positive_int("BW_WORKSHOP_MAX_POSTS", 100)
