"""A lake's password stays out of what bw prints, and a reading instance reads the lake."""

from __future__ import annotations

import os
import subprocess
import sys
from contextlib import closing
from pathlib import Path

import streamlit as st
from streamlit.testing.v1 import AppTest

from bw import bootstrap, config, store
from tests.app.helpers import APP, TIMEOUT, texts

SECRET = "geheim-wachtwoord"


def test_the_help_and_init_never_print_the_lakes_password(lake_db, monkeypatch):
    # found in review: the --db default and "created …" printed BW_DB as it was
    location = f"{lake_db} password={SECRET}"  # PostgreSQL here trusts 127.0.0.1: unused
    env = {**os.environ, "BW_DB": location}
    for command in (["-h"], ["init", "--empty"], ["info"]):
        done = subprocess.run(
            [sys.executable, "-m", "bw", *command],
            cwd=config.PROJECT_ROOT,
            env=env,
            capture_output=True,
            text=True,
        )
        assert done.returncode == 0, done.stderr
        assert SECRET not in done.stdout + done.stderr, command


def test_a_reading_instance_opens_the_lake_read_only_and_shows_its_pages(lake_db, monkeypatch):
    # found in review: BW_READ_ONLY=1 looked for a published snapshot file named after the
    # lake's location, and asked whether the lake needed filling through a writable open
    bootstrap.init_store(lake_db, kind="demo")
    st.cache_resource.clear()
    st.cache_data.clear()
    monkeypatch.setenv("BW_DB", str(lake_db))
    monkeypatch.setenv("BW_READ_ONLY", "1")
    try:
        at = AppTest.from_file(APP, default_timeout=TIMEOUT).run()
        assert not at.exception, at.exception
        assert "kan niet worden geopend" not in texts(at)
        assert "demodata" in texts(at)
    finally:
        st.cache_resource.clear()
    with closing(store.connect(lake_db, read_only=True)) as con:
        assert store.read_source(store.cursor(con)) == "demo"


def test_a_uri_connection_string_is_refused_clearly_and_its_password_redacted():
    from bw.store import lake

    location = f"{lake.LAKE_PREFIX}postgresql://bw:{SECRET}@db.example/bw"
    assert SECRET not in lake.redact(location)
    assert SECRET not in lake.redact(str(Path(location)))  # as BW_DB arrives: // became /
    try:
        lake.open_lake(str(Path(location)))
    except lake.LakeUnreachableError as error:
        assert "key=value" in str(error)
        assert SECRET not in str(error)
    else:
        raise AssertionError("a URI connection string was accepted")
