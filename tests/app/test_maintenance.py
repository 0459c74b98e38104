"""A lake store that cannot be reached: the app shows its maintenance message, no traceback."""

from __future__ import annotations

import streamlit as st
from streamlit.testing.v1 import AppTest

from bw.store import lake
from tests.app.helpers import APP, TIMEOUT, texts
from ui.i18n import STRINGS

# Nothing listens on port 1; the password must never reach the page.
UNREACHABLE = lake.LAKE_PREFIX + "dbname=bw host=127.0.0.1 port=1 user=bw password=geheim"


def _app_on_unreachable_lake(monkeypatch, tmp_path, **query: str) -> AppTest:
    st.cache_resource.clear()
    monkeypatch.setenv("BW_DB", UNREACHABLE)
    monkeypatch.setenv("BW_LAKE_DATA", str(tmp_path) + "/")
    at = AppTest.from_file(APP, default_timeout=TIMEOUT)
    at.query_params.update(query)
    return at.run()


def test_an_unreachable_lake_shows_the_maintenance_message_in_dutch(monkeypatch, tmp_path):
    at = _app_on_unreachable_lake(monkeypatch, tmp_path)
    assert not at.exception, at.exception
    shown = texts(at)
    assert STRINGS["nl"]["maintenance.title"] in shown
    assert "Het dashboard is even niet bereikbaar of in onderhoud" in shown
    assert "geheim" not in shown and "port=1" not in shown  # no password, no host details
    assert [button.label for button in at.button] == [STRINGS["nl"]["maintenance.retry"]]
    # Retrying while the lake is still away shows the message again, still no exception.
    at.button[0].click().run()
    assert not at.exception, at.exception
    assert STRINGS["nl"]["maintenance.title"] in texts(at)


def test_the_maintenance_message_in_english(monkeypatch, tmp_path):
    at = _app_on_unreachable_lake(monkeypatch, tmp_path, lang="en")
    assert not at.exception, at.exception
    assert "The dashboard is temporarily unavailable" in texts(at)
