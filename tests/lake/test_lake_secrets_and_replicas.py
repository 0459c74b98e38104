"""A lake's password stays out of what bw prints, and a reading instance reads the lake."""

from __future__ import annotations

import os
import subprocess
import sys
from contextlib import closing

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
