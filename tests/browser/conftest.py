"""Real-browser fixtures: the app on a free 127.0.0.1 port, one Chromium, a page per test.

The app runs as ``streamlit run app.py`` on a temporary store (the demo monitor, created with
``python -m bw init --demo`` before the app starts, so no test waits for the first session to
build it). Chromium is Debian's (``BW_CHROMIUM``, default ``/usr/bin/chromium``): Playwright
never downloads a browser here. Without it the tests skip, unless ``BW_BROWSER_REQUIRED=1``
(CI), where its absence fails them. A failed test leaves a screenshot and the page's text in
``BW_ARTIFACTS`` (default ``test-artifacts/``) and prints where.
"""

from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from bw import config

#: Chromium switches for a headless run without a sandbox, GPU or any network of its own.
CHROMIUM_ARGS = (
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
)
#: Seconds the app may take to answer /_stcore/health (two shared cores: be patient).
START_TIMEOUT = 90
#: Milliseconds any one browser wait may take before the test fails.
WAIT_MS = 60_000
VIEWPORT = {"width": 1400, "height": 1000}


def _unavailable(reason: str) -> None:
    """Skip, or fail when CI says the browser must be there."""
    if config.browser_required():
        pytest.fail(f"{reason}, but BW_BROWSER_REQUIRED=1 says the browser tests must run")
    pytest.skip(reason)


@dataclass(frozen=True, slots=True)
class RunningApp:
    """A ``streamlit run app.py`` serving one store."""

    url: str  # 'http://127.0.0.1:40123'
    store: Path  # the temporary BW_DB
    log: Path  # the app's stdout and stderr


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _healthy(url: str) -> bool:
    try:
        with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as answer:
            return answer.read().decode().strip() == "ok"
    except OSError:
        return False


def create_demo_store(path: Path) -> None:
    """The demo monitor at ``path``, made by the command line as a user would."""
    subprocess.run(
        [sys.executable, "-m", "bw", "--db", str(path), "init", "--demo"],
        cwd=config.PROJECT_ROOT,
        check=True,
        capture_output=True,
    )


@pytest.fixture(scope="session")
def start_app() -> Iterator[Callable[[Path], RunningApp]]:
    """Start the app on a prepared store; every app started is stopped after the session."""
    processes: list[subprocess.Popen] = []

    def start(store: Path) -> RunningApp:
        port = _free_port()
        url = f"http://127.0.0.1:{port}"
        log = store.with_suffix(".log")
        env = {**os.environ, "BW_DB": str(store)}
        env.pop("BW_READ_ONLY", None)
        with log.open("wb") as out:
            process = subprocess.Popen(
                [
                    sys.executable, "-m", "streamlit", "run", "app.py",
                    "--server.headless", "true",
                    "--server.address", "127.0.0.1",
                    "--server.port", str(port),
                    "--server.fileWatcherType", "none",
                    "--browser.gatherUsageStats", "false",
                ],
                cwd=config.PROJECT_ROOT,
                env=env,
                stdout=out,
                stderr=subprocess.STDOUT,
            )  # fmt: skip
        processes.append(process)
        deadline = time.monotonic() + START_TIMEOUT
        while not _healthy(url):
            if process.poll() is not None or time.monotonic() > deadline:
                pytest.fail(f"the app did not become healthy at {url}:\n{log.read_text()}")
            time.sleep(0.3)
        return RunningApp(url, store, log)

    yield start
    for process in processes:
        process.terminate()
    for process in processes:
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()


@pytest.fixture(scope="session")
def app(start_app, tmp_path_factory) -> RunningApp:
    """The app on a fresh demo store, shared by the journeys that do not log in."""
    store = tmp_path_factory.mktemp("browser-app") / "bw.duckdb"
    create_demo_store(store)
    return start_app(store)


@pytest.fixture(scope="session")
def browser():
    """One headless Chromium for the whole session."""
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _unavailable("playwright is not installed (pip install -r requirements-dev.txt)")
    executable = config.chromium_path()
    if not executable.is_file():
        _unavailable(f"no Chromium at {executable} (apt-get install chromium, or set BW_CHROMIUM)")
    from playwright.sync_api import expect

    expect.set_options(timeout=WAIT_MS)
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=str(executable), args=list(CHROMIUM_ARGS), headless=True
        )
        yield chromium
        chromium.close()


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item, call):
    """Keep each phase's report on the test, so the page fixture knows whether it failed."""
    report = yield
    setattr(item, f"rep_{report.when}", report)
    return report


def _artifact_name(nodeid: str) -> str:
    return re.sub(r"[^A-Za-z0-9_.-]+", "_", nodeid.split("::", 1)[-1])[:120]


@pytest.fixture
def page(browser, request):
    """A fresh browser context and page; on failure a screenshot and the page text are kept."""
    context = browser.new_context(viewport=VIEWPORT, locale="nl-NL")
    context.set_default_timeout(WAIT_MS)
    new_page = context.new_page()
    yield new_page
    report = getattr(request.node, "rep_call", None)
    if report is not None and report.failed:
        folder = config.artifacts_dir()
        folder.mkdir(parents=True, exist_ok=True)
        stem = folder / _artifact_name(request.node.nodeid)
        try:
            new_page.screenshot(path=f"{stem}.png", full_page=True)
            text = new_page.locator("body").inner_text(timeout=5_000)
            Path(f"{stem}.txt").write_text(f"{new_page.url}\n\n{text}", encoding="utf-8")
            print(f"browser artifacts: {stem}.png and {stem}.txt")
        except Exception as error:  # noqa: BLE001 - the test's own failure matters more
            print(f"browser artifacts could not be saved to {folder}: {error}")
    context.close()
