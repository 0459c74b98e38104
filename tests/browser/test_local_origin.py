"""Lokale modus only for the app's own page (issue 14 item 9), on a real server.

Streamlit accepts a websocket from any page on ``localhost``, whatever its port: another web app
on the same computer could open one in the user's browser and act with lokale modus's admin
rights. A browser always sends the opening page as ``Origin``; this test speaks Streamlit's
protocol (as ``.ci/smoke_session.py`` does) with the app's own origin and with another local
one, and reads what the sidebar grants.
"""

from __future__ import annotations

import asyncio
import importlib.util
from concurrent.futures import ThreadPoolExecutor

import pytest

from bw import config
from tests.browser.conftest import create_demo_store

pytestmark = pytest.mark.browser


def _smoke_client():
    """CI's own client of Streamlit's protocol (.ci/smoke_session.py)."""
    spec = importlib.util.spec_from_file_location(
        "smoke_session", config.PROJECT_ROOT / ".ci" / "smoke_session.py"
    )
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


LOCAL_BADGE = "Lokale modus"
READ_ONLY_NOTE = "U kijkt mee zonder account"


@pytest.fixture(scope="module")
def local_app(start_app, tmp_path_factory):
    store = tmp_path_factory.mktemp("local-origin") / "bw.duckdb"
    create_demo_store(store)
    return start_app(store)


def _session_texts(url: str, origin: str) -> str:
    from streamlit.proto.BackMsg_pb2 import BackMsg
    from streamlit.proto.ClientState_pb2 import ClientState
    from websockets.asyncio.client import connect

    async def run() -> str:
        address = url.replace("http://", "ws://") + "/_stcore/stream"
        async with connect(address, origin=origin, max_size=None, open_timeout=30) as socket:
            request = BackMsg(rerun_script=ClientState(query_string="", page_script_hash=""))
            await socket.send(request.SerializeToString())
            texts, exceptions, finished = await _smoke_client()._collect(socket)
        assert finished and not exceptions, exceptions
        return "\n".join(texts)

    # Its own thread and event loop: Playwright's sync API keeps one running in this thread.
    with ThreadPoolExecutor(max_workers=1) as thread:
        return thread.submit(lambda: asyncio.run(run())).result()


def test_the_apps_own_page_gets_lokale_modus(local_app):
    texts = _session_texts(local_app.url, origin=local_app.url)
    assert LOCAL_BADGE in texts and READ_ONLY_NOTE not in texts


@pytest.mark.parametrize("origin", ["http://localhost:3000", "http://127.0.0.1:1"])
def test_another_local_web_app_only_reads(local_app, origin):
    texts = _session_texts(local_app.url, origin=origin)
    assert LOCAL_BADGE not in texts
    assert READ_ONLY_NOTE in texts
