"""A real PostgreSQL for the lake store's tests, or a clear skip.

The tests run when ``BW_LAKE_POSTGRES`` names a server (a libpq connection string, as
``tools/lake_postgres.py start`` prints it) or ``BW_LAKE_REQUIRED=1`` asks for them; then a
missing server or missing DuckDB extension fails instead of skipping, and without
``BW_LAKE_POSTGRES`` a throw-away cluster is started from Debian's ``postgresql`` package.
Every test gets a database of its own in that server and a data folder of its own.

A lake with its data under ``s3://`` (``s3_lake``) runs against moto's S3-compatible server on
127.0.0.1 (tools/lake_s3.py), started once for the session; without ``moto[server]`` or the
httpfs wheel those tests skip, and under ``BW_LAKE_REQUIRED=1`` they fail instead.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

from bw.store import lake
from tools import lake_postgres, lake_s3

REQUIRED = os.environ.get("BW_LAKE_REQUIRED", "") == "1"
SERVER = os.environ.get("BW_LAKE_POSTGRES", "")


def pytest_collection_modifyitems(config, items):
    """Skip every lake test unless a server is named or the tests are required."""
    if REQUIRED or SERVER:
        return
    skip = pytest.mark.skip(
        reason="lake store tests need PostgreSQL: set BW_LAKE_POSTGRES (tools/lake_postgres.py "
        "start) or BW_LAKE_REQUIRED=1, and the duckdb-extension-ducklake/-postgres wheels"
    )
    for item in items:
        if "tests/lake" in str(item.fspath):
            item.add_marker(skip)


@pytest.fixture(scope="session")
def server() -> Iterator[str]:
    """The libpq connection string of the PostgreSQL the tests use."""
    if not lake.extensions_available():
        message = "the DuckDB extensions ducklake and postgres are not installed for this DuckDB"
        if REQUIRED:
            pytest.fail(message)
        pytest.skip(message)
    with lake_postgres.server(SERVER) as conninfo:
        yield conninfo


@pytest.fixture
def lake_db(server, tmp_path, monkeypatch) -> Path:
    """A new, empty lake: its own catalogue database and data folder (``BW_DB`` form)."""
    conninfo = lake_postgres.create_database(server, "bw_test")
    (tmp_path / "lake-data").mkdir()  # bw refuses a missing data folder (an unmounted share)
    monkeypatch.setenv("BW_LAKE_DATA", str(tmp_path / "lake-data") + "/")
    return Path(lake.LAKE_PREFIX + conninfo)


@pytest.fixture(scope="session")
def object_store(tmp_path_factory) -> Iterator[lake_s3.ObjectStore]:
    """moto's S3 server on a free port with a bucket and a key it checks; stopped at the end."""
    missing = [
        what
        for what, present in (
            ("moto[server] (requirements-dev.txt)", lake_s3.available()),
            ("duckdb-extension-httpfs", lake.object_store_available()),
        )
        if not present
    ]
    if missing:
        message = "an s3:// lake needs " + " and ".join(missing)
        if REQUIRED:
            pytest.fail(message)
        pytest.skip(message)
    with lake_s3.running(tmp_path_factory.mktemp("object-store") / "moto.log") as started:
        yield started


@pytest.fixture
def s3_lake(server, object_store, monkeypatch) -> Path:
    """A new, empty lake whose data go under a prefix of its own in the object store's bucket.

    The object store's settings are in the environment (as an operator sets them), so child
    processes of the test reach the same lake.
    """
    conninfo = lake_postgres.create_database(server, "bw_s3")
    for name, value in object_store.environment(f"lake-{uuid.uuid4().hex[:12]}/").items():
        monkeypatch.setenv(name, value)
    return Path(lake.LAKE_PREFIX + conninfo)
