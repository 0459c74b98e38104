"""What the browser tools share: a store made by the CLI, the app on a free port, Chromium.

``tools/screenshots.py`` and ``tools/page_timing.py`` start the app the same way the browser
tests do (headless, 127.0.0.1, no file watcher) and stop it with everything it started.
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # run as a script from anywhere

from bw import config  # noqa: E402

#: How long an app may take to answer its health check (a cold start imports pandas and plotly).
START_TIMEOUT_S = 120


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on right now."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def healthy(url: str) -> bool:
    """Whether the Streamlit app at ``url`` answers its health check with ``ok``."""
    try:
        with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as answer:
            return bool(answer.read().decode().strip() == "ok")
    except OSError:
        return False


def build_store(folder: Path, *, demo: bool) -> Path:
    """A fresh store in ``folder``, made by the command line as a user would."""
    store = folder / "bw.duckdb"
    command = [sys.executable, "-m", "bw", "--db", str(store), "init"]
    command += ["--demo"] if demo else []
    subprocess.run(command, cwd=config.PROJECT_ROOT, check=True, capture_output=True)
    return store


def _stop(process: subprocess.Popen[bytes]) -> None:
    """Stop a started app and everything it started (its own process group)."""
    if process.poll() is not None:
        return
    try:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=15)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait(timeout=15)
    except ProcessLookupError:
        pass


@contextmanager
def running_app(
    script: str, folder: Path, log: Path, env: dict[str, str], *, port: int | None = None
) -> Iterator[tuple[str, int]]:
    """``streamlit run SCRIPT`` in ``folder`` on ``port`` (default: a free one); yields its URL
    and pid, then stops it.

    The settings are ``folder``'s ``.streamlit/config.toml`` plus the flags the browser tests
    pass. Raises RuntimeError, with the app's log, when it does not become healthy.
    """
    port = port or free_port()
    url = f"http://127.0.0.1:{port}"
    with log.open("wb") as out:
        process = subprocess.Popen(
            [
                sys.executable, "-m", "streamlit", "run", script,
                "--server.headless", "true",
                "--server.address", "127.0.0.1",
                "--server.port", str(port),
                "--server.fileWatcherType", "none",
                "--browser.gatherUsageStats", "false",
            ],
            cwd=folder,
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,  # its own process group: stopped as a whole, not by Ctrl-C
        )  # fmt: skip
    try:
        deadline = time.monotonic() + START_TIMEOUT_S
        while not healthy(url):
            if process.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"{script} did not become healthy at {url}:\n{log.read_text()}")
            time.sleep(0.3)
        yield url, process.pid
    finally:
        _stop(process)


def app_env(store: Path) -> dict[str, str]:
    """The environment of an app on ``store`` (read-write, whatever the caller's shell says)."""
    env = {**os.environ, "BW_DB": str(store)}
    env.pop("BW_READ_ONLY", None)
    return env


def browser_problem() -> str | None:
    """Why the tools cannot drive Chromium here (no Playwright, no Chromium), or None."""
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "playwright is not installed (pip install -r requirements-dev.txt)"
    chromium = config.chromium_path()
    if not chromium.is_file():
        return f"no Chromium at {chromium} (apt-get install chromium, or set BW_CHROMIUM)"
    return None
