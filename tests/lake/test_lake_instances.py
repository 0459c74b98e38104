"""Three app instances on one lake (issue 17 item 3): what one instance writes, every one shows.

A workshop's participants are spread over three ``streamlit run app.py`` processes that attach
the same lake; each posts an argument in a real Chromium, and every participant's page lists all
three without a reload, by the workshop's own refresh. Undo works across processes: a load made
by one process and undone by another is gone for a third.
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import ExitStack, closing
from pathlib import Path

import pytest

from bw import config, store, workshops
from bw.auth import cli_actor
from tests.browser.conftest import CHROMIUM_ARGS, WAIT_MS
from tests.browser.streamlit_ui import expect, main, wait_settled
from tests.bw.tiny_store import create_tiny_store, load
from tools.app_runner import running_app

#: Milliseconds until an argument written elsewhere must show: the list refreshes every 3 s
#: (ui.workshop_common.REFRESH); three apps, Chromium and a test run share two cores in CI.
REFRESH_MS = 30_000
INSTANCES = 3


@pytest.fixture
def workshop_code(lake_db: Path) -> str:
    """A lake with the tiny catalogue and one open workshop; its join code."""
    with closing(create_tiny_store(lake_db)) as con:
        with store.transaction(con):  # what init records, so no app builds a store over it
            store.set_meta(con, "demo", "false")
            store.set_meta(con, "source", "empty")
        session = workshops.create_session(
            con,
            title="Drie instanties",
            region_code="GM0001",
            phase="agendering",
            themes=["gezondheid"],
            actor=cli_actor("facilitator"),
        )
    return session.code


@pytest.fixture
def three_instances(lake_db: Path, workshop_code: str, tmp_path: Path) -> Iterator[list[str]]:
    """Three app processes on the same (prepared) lake; yields their URLs, then stops them."""
    env = {**os.environ, "BW_DB": str(lake_db)}
    env.pop("BW_READ_ONLY", None)
    with ExitStack() as stack:
        urls = [
            stack.enter_context(
                running_app("app.py", config.PROJECT_ROOT, tmp_path / f"app{n}.log", env)
            )[0]
            for n in range(INSTANCES)
        ]
        yield urls


def _post_and_read_everywhere(urls: list[str], code: str, texts: list[str]) -> None:
    """In a Chromium of its own: post one argument per instance, then find all on each page."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=str(config.chromium_path()), args=list(CHROMIUM_ARGS), headless=True
        )
        try:
            pages = []
            for url, text in zip(urls, texts, strict=True):
                page = chromium.new_context(locale="nl-NL").new_page()
                page.set_default_timeout(WAIT_MS)
                page.goto(f"{url}/workshop?workshop={code}")
                wait_settled(page)
                form = main(page)
                form.get_by_role("textbox", name="Argument").fill(text)
                form.get_by_role("button", name="Toevoegen").click()
                wait_settled(page)
                added = form.get_by_text("Je argument is toegevoegd.")
                expect(added).to_be_visible(timeout=WAIT_MS)
                pages.append(page)
            # no page is reloaded: each instance's refreshing list reads the others' writes
            for page in pages:
                for text in texts:
                    listed = main(page).get_by_role("paragraph").filter(has_text=text)
                    expect(listed).to_be_visible(timeout=REFRESH_MS)
        finally:
            chromium.close()


def test_a_workshop_spread_over_three_instances_shows_every_argument_in_each(
    workshop_code, three_instances
):
    if not config.chromium_path().is_file():
        if config.browser_required():
            pytest.fail(f"no Chromium at {config.chromium_path()}, but BW_BROWSER_REQUIRED=1")
        pytest.skip(f"no Chromium at {config.chromium_path()} (apt-get install chromium)")
    texts = [f"Argument via instantie {n + 1}" for n in range(INSTANCES)]
    # Playwright's sync API runs one event loop per thread, and the browser tests' session
    # Chromium may hold this thread's: this test drives its own Chromium in a thread of its own
    with ThreadPoolExecutor(max_workers=1) as worker:
        worker.submit(_post_and_read_everywhere, three_instances, workshop_code, texts).result()


def _count(lake_db: Path, indicator: str) -> int:
    """How many observations of ``indicator`` a fresh process reads from the lake."""
    code = (
        "import sys; from contextlib import closing; from bw import store\n"
        "with closing(store.connect(sys.argv[1], read_only=True)) as con:\n"
        "    print(store.cursor(con).execute('SELECT count(*) FROM observations "
        "WHERE indicator_id = ?', [sys.argv[2]]).fetchone()[0])\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code, str(lake_db), indicator],
        cwd=config.PROJECT_ROOT,
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stderr
    return int(done.stdout.strip())


def test_a_load_undone_by_another_process_is_gone_for_a_third(lake_db):
    with closing(create_tiny_store(lake_db)) as con:
        load_id = load(con, [("t.up", "GM0001", 2020, 1.0), ("t.up", "GM0002", 2020, 2.0)])
    assert _count(lake_db, "t.up") == 2
    undo = subprocess.run(
        [sys.executable, "-m", "bw", "--db", str(lake_db), "undo", str(load_id)],
        cwd=config.PROJECT_ROOT,
        capture_output=True,
        text=True,
    )
    assert undo.returncode == 0, undo.stderr
    assert _count(lake_db, "t.up") == 0
    with closing(store.connect(lake_db, read_only=True)) as con:
        loads = store.read_loads(con).set_index("id")
    assert loads.loc[load_id, "undone_at"] is not None
