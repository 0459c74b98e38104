"""Pages as a user feels them: first render and sidebar navigation per page, in real Chromium.

Builds the demo monitor in a temporary folder (``python -m bw --db TMP init --demo``; ``--store``
uses an existing store instead), starts ``streamlit run app.py`` on it on a free 127.0.0.1 port
with the README's settings (the project's ``.streamlit/config.toml`` plus the flags the browser
tests pass), and, as the baseline, a trivial two-page Streamlit app (a title and a paragraph per
page, written to a temporary folder with a copy of the same ``config.toml``) on another port.
Both are driven by Debian's Chromium (``BW_CHROMIUM``, default ``/usr/bin/chromium``; Playwright
never downloads a browser here), headless, 1400×1000, locale nl-NL.

Per page of app.py's ``st.navigation`` (named by its file in ``app_pages/``) and per run:

* **first render**: a new browser context (a new Streamlit session, empty cache of the browser)
  opens the page's URL; timed from the start of the navigation (``performance.now()`` = 0).
* **navigation**: in one session per run, the pages are visited in turn by clicking their links
  in the sidebar navigation; timed from the click.

A view ends when Streamlit reports the script finished (the ``script_finished`` message on the
websocket, read in the page) and the main block (``stMain``) then stays unchanged for
``QUIET_MS``, with stApp's ``data-test-script-state`` ``notRunning`` and no stale element,
skeleton or status widget left; its time is the later of the script's end and the main block's
last change (a MutationObserver's timestamp in the page, so the quiet wait itself is not
counted). Beside the times each view records the bytes, frames and deltas the websocket
received and the number of elements in the main block: where the time goes.

Region: the monitor pages open with ``?regio=GM0363`` (Amsterdam, a gemeente of the demo
monitor; ``--region`` changes it), so no page stops at the region prompt. The app runs in lokale
modus (127.0.0.1, no accounts): every page, Beheer included, is shown with all rights.

Usage: python tools/page_timing.py [--pages overzicht,data] [--runs 5] [--json] [--store PATH]
       [--region GM0363] [--port PORT] [--baseline-port PORT]
JSON: {"baseline": {"first_render_p50_s", "nav_p50_s"}, "pages": {NAME: {"first_render_p50_s",
"first_render_p95_s", "nav_p50_s", "nav_p95_s", "first_render_ratio", "nav_ratio", ...}}}
(ratios: the page's p50 over the baseline's p50; the extra keys are the payload and DOM sizes).
Exit code 2 when the browser or an app cannot be started, 1 when a view failed.
"""

from __future__ import annotations

import argparse
import json
import math
import re
import shutil
import signal
import statistics
import sys
import tempfile
from contextlib import ExitStack
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # run as a script from anywhere

from app_runner import app_env, browser_problem, build_store, running_app  # noqa: E402

from bw import config  # noqa: E402

#: Chromium switches for a headless run without a sandbox, GPU or any network of its own.
CHROMIUM_ARGS = (
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
)
VIEWPORT = {"width": 1400, "height": 1000}
#: Milliseconds one view may take before it counts as failed.
VIEW_TIMEOUT_MS = 120_000
#: The main block must stay unchanged this long after the run ends before a view is done.
QUIET_MS = 750
DEFAULT_REGION = "GM0363"
APP_PAGES = re.compile(r"""st\.Page\(\s*["']app_pages/(\w+)\.py["']""")

#: The trivial baseline app: two pages, a title and a paragraph each.
BASELINE_APP = """import streamlit as st


def first():
    st.title("Eerste pagina")
    st.write("Een alinea tekst, als basislijn voor de tijd die een pagina kost.")


def second():
    st.title("Tweede pagina")
    st.write("Nog een alinea tekst, om naartoe te navigeren.")


st.navigation([st.Page(first, title="Eerste", default=True),
               st.Page(second, title="Tweede", url_path="tweede")]).run()
"""
#: The baseline's pages: (name, URL path, link text in the sidebar).
BASELINE_PAGES = (("eerste", "", "Eerste"), ("tweede", "tweede", "Tweede"))

#: Installed in every page before its scripts run. It reads the top-level fields of every
#: ForwardMsg the websocket receives (a protobuf: field 5 is a delta, field 6 script_finished,
#: whose value 2 means "stopped early for a rerun") and notes when the main block last changed.
#: The websocket is the reliable signal: a fast rerun may never show "running" in the DOM.
_OBSERVER = """(() => {
    const timing = window.__bwTiming = {
        clickAt: -1, finishedAt: -1, lastMain: -1, bytes: 0, frames: 0, deltas: 0};
    const varint = (bytes, at) => {
        let value = 0, scale = 1;
        for (;;) {
            const byte = bytes[at++];
            value += (byte & 0x7f) * scale;
            scale *= 128;
            if (byte < 0x80) return [value, at];
        }
    };
    const received = (event) => {
        const now = performance.now();
        timing.frames += 1;
        if (!(event.data instanceof ArrayBuffer)) {
            timing.bytes += event.data.size || event.data.length || 0;
            return;
        }
        const bytes = new Uint8Array(event.data);
        timing.bytes += bytes.length;
        let at = 0;
        while (at < bytes.length) {
            let tag, value;
            [tag, at] = varint(bytes, at);
            const number = Math.floor(tag / 8), wire = tag % 8;
            if (wire === 0) {
                [value, at] = varint(bytes, at);
                if (number === 6 && value !== 2) timing.finishedAt = now;
            } else if (wire === 2) {
                [value, at] = varint(bytes, at);
                at += value;
                if (number === 5) timing.deltas += 1;
            } else if (wire === 1) { at += 8; } else if (wire === 5) { at += 4; } else { break; }
        }
    };
    const NativeWebSocket = window.WebSocket;
    window.WebSocket = class extends NativeWebSocket {
        constructor(...args) { super(...args); this.addEventListener('message', received); }
    };
    const inMain = (node) => {
        const element = node.nodeType === 1 ? node : node.parentElement;
        return element !== null && element.closest('[data-testid="stMain"]') !== null;
    };
    const holdsMain = (node) => node.nodeType === 1 && (
        node.matches('[data-testid="stMain"]')
        || node.querySelector('[data-testid="stMain"]') !== null);
    new MutationObserver((records) => {
        const now = performance.now();
        for (const record of records) {
            if (inMain(record.target)
                    || Array.from(record.addedNodes || []).some(holdsMain)) timing.lastMain = now;
        }
    }).observe(document, {subtree: true, childList: true, attributes: true, characterData: true});
    document.addEventListener('click', () => { timing.clickAt = performance.now(); }, true);
})();"""
#: A view is done: the script ran and finished, nothing left to draw, main quiet for QUIET_MS.
_DONE = """(quietMs) => {
    const timing = window.__bwTiming;
    const app = document.querySelector('[data-testid="stApp"]');
    if (!timing || app === null || timing.finishedAt < 0) return false;
    const settled = app.dataset.testScriptState === 'notRunning'
        && app.dataset.testConnectionState === 'CONNECTED'
        && document.querySelector('[data-stale="true"]') === null
        && document.querySelector('[data-testid="stSkeleton"]') === null
        && document.querySelector('[data-testid="stStatusWidget"]') === null;
    const end = Math.max(timing.finishedAt, timing.lastMain);
    return settled && performance.now() - end >= quietMs;
}"""
#: The view's numbers once done (milliseconds since the navigation started).
_RESULT = """() => {
    const timing = window.__bwTiming;
    const main = document.querySelector('[data-testid="stMain"]');
    return {clickAt: timing.clickAt, finishedAt: timing.finishedAt, lastMain: timing.lastMain,
            bytes: timing.bytes, frames: timing.frames, deltas: timing.deltas,
            elements: main === null ? 0 : main.getElementsByTagName('*').length,
            exception: document.querySelector('[data-testid="stException"]') !== null};
}"""
_RESET = """() => { const t = window.__bwTiming;
    t.clickAt = t.finishedAt = t.lastMain = -1; t.bytes = t.frames = t.deltas = 0; }"""


@dataclass(slots=True)
class View:
    """One timed view of a page."""

    seconds: float  # until the script finished and the main block stopped changing: 0.84
    script_seconds: float  # until Streamlit reported the script finished: 0.61
    payload_bytes: int  # websocket bytes received during the view: 183_240
    frames: int  # websocket frames received during the view: 41
    deltas: int  # of which deltas (elements drawn or changed): 37
    elements: int  # elements in the main block once drawn: 1_530


@dataclass(slots=True)
class Samples:
    """The views of one page (or the baseline) over all runs."""

    first_render: list[View] = field(default_factory=list)
    nav: list[View] = field(default_factory=list)


class ViewFailed(RuntimeError):
    """A page did not finish, or showed an exception."""


# --- the apps -----------------------------------------------------------------------------------


def write_baseline_app(folder: Path) -> Path:
    """The trivial app and a copy of the project's Streamlit settings in ``folder``."""
    settings = folder / ".streamlit"
    settings.mkdir(parents=True, exist_ok=True)
    shutil.copy(config.PROJECT_ROOT / ".streamlit" / "config.toml", settings / "config.toml")
    script = folder / "baseline.py"
    script.write_text(BASELINE_APP, encoding="utf-8")
    return script


def app_pages() -> list[str]:
    """The pages of app.py's navigation, in its order, named by their file in app_pages/."""
    return APP_PAGES.findall((config.PROJECT_ROOT / "app.py").read_text(encoding="utf-8"))


# --- timing in the browser ----------------------------------------------------------------------


def _wait_done(page) -> View:  # type: ignore[no-untyped-def]
    """Wait until the view is done and return its numbers (times from the navigation's start)."""
    try:
        page.wait_for_function(_DONE, arg=QUIET_MS, polling=50, timeout=VIEW_TIMEOUT_MS)
    except Exception as failure:  # noqa: BLE001 - say which page and how far it came
        state = page.evaluate("() => window.__bwTiming")
        raise ViewFailed(f"{page.url} did not finish ({state}): {failure}") from failure
    result = page.evaluate(_RESULT)
    if result["exception"]:
        raise ViewFailed(f"{page.url} shows an exception")
    start = max(result["clickAt"], 0.0)
    end = max(result["finishedAt"], result["lastMain"])
    return View(
        seconds=(end - start) / 1000,
        script_seconds=(result["finishedAt"] - start) / 1000,
        payload_bytes=int(result["bytes"]),
        frames=int(result["frames"]),
        deltas=int(result["deltas"]),
        elements=int(result["elements"]),
    )


def _new_page(browser):  # type: ignore[no-untyped-def]
    """A page in a new context (a new Streamlit session) with the observer installed."""
    context = browser.new_context(viewport=VIEWPORT, locale="nl-NL")
    context.set_default_timeout(VIEW_TIMEOUT_MS)
    context.add_init_script(_OBSERVER)
    page = context.new_page()
    return context, page


def time_first_render(browser, url: str) -> View:  # type: ignore[no-untyped-def]
    """Open ``url`` in a new session and time it until done."""
    context, page = _new_page(browser)
    try:
        page.goto(url)
        return _wait_done(page)
    finally:
        context.close()


def _nav_link(page, path: str, title: str | None):  # type: ignore[no-untyped-def]
    """The sidebar navigation's link to the page at ``path`` ('' for the default page)."""
    links = page.get_by_test_id("stSidebarNav").get_by_role("link")
    if title is not None:
        return links.filter(has_text=re.compile(rf"^{re.escape(title)}$"))
    return page.locator(f'[data-testid="stSidebarNav"] a[href$="/{path}"]')


def time_navigations(
    browser, start_url: str, targets: list[tuple[str, str, str | None]]
) -> dict[str, View]:  # type: ignore[no-untyped-def]
    """Open ``start_url`` in a new session, then click to each (name, path, link text) in turn."""
    context, page = _new_page(browser)
    views: dict[str, View] = {}
    try:
        page.goto(start_url)
        _wait_done(page)
        for name, path, title in targets:
            link = _nav_link(page, path, title)
            link.wait_for(state="visible")
            page.evaluate(_RESET)
            link.click()
            views[name] = _wait_done(page)
    finally:
        context.close()
    return views


# --- the report ---------------------------------------------------------------------------------


def percentile(values: list[float], q: float) -> float:
    """The nearest-rank percentile (p95 of 5 runs is the slowest)."""
    ordered = sorted(values)
    rank = max(1, math.ceil(len(ordered) * q))
    return ordered[rank - 1]


def _p50(views: list[View], attribute: str = "seconds") -> float:
    return float(statistics.median(getattr(view, attribute) for view in views))


def summarise(baseline: Samples, pages: dict[str, Samples]) -> dict[str, object]:
    """The JSON report: p50 and p95 per page, ratios to the baseline's p50, sizes beside them."""
    base_first, base_nav = _p50(baseline.first_render), _p50(baseline.nav)
    report: dict[str, dict[str, object]] = {}
    for name, samples in pages.items():
        first = [view.seconds for view in samples.first_render]
        nav = [view.seconds for view in samples.nav]
        report[name] = {
            "first_render_p50_s": round(statistics.median(first), 3),
            "first_render_p95_s": round(percentile(first, 0.95), 3),
            "nav_p50_s": round(statistics.median(nav), 3),
            "nav_p95_s": round(percentile(nav, 0.95), 3),
            "first_render_ratio": round(statistics.median(first) / base_first, 2),
            "nav_ratio": round(statistics.median(nav) / base_nav, 2),
            "first_render_script_p50_s": round(_p50(samples.first_render, "script_seconds"), 3),
            "nav_script_p50_s": round(_p50(samples.nav, "script_seconds"), 3),
            "first_render_payload_bytes": int(_p50(samples.first_render, "payload_bytes")),
            "nav_payload_bytes": int(_p50(samples.nav, "payload_bytes")),
            "nav_frames": int(_p50(samples.nav, "frames")),
            "nav_deltas": int(_p50(samples.nav, "deltas")),
            "main_elements": int(_p50(samples.nav, "elements")),
        }
    return {
        "baseline": {
            "first_render_p50_s": round(base_first, 3),
            "nav_p50_s": round(base_nav, 3),
            "first_render_payload_bytes": int(_p50(baseline.first_render, "payload_bytes")),
            "nav_payload_bytes": int(_p50(baseline.nav, "payload_bytes")),
        },
        "pages": report,
    }


def format_table(report: dict[str, object], runs: int) -> str:
    """The report as a text table, one line per page."""
    base = report["baseline"]
    assert isinstance(base, dict)
    pages = report["pages"]
    assert isinstance(pages, dict)
    lines = [
        f"baseline (trivial two-page app): first render p50 {base['first_render_p50_s']:.2f} s, "
        f"navigation p50 {base['nav_p50_s']:.2f} s ({runs} runs)",
        f"{'page':<15}{'first p50':>10}{'p95':>7}{'ratio':>7}{'nav p50':>9}{'p95':>7}"
        f"{'ratio':>7}{'script':>8}{'nav kB':>8}{'deltas':>8}{'elements':>10}",
    ]
    for name, row in pages.items():
        lines.append(
            f"{name:<15}{row['first_render_p50_s']:>10.2f}{row['first_render_p95_s']:>7.2f}"
            f"{row['first_render_ratio']:>6.1f}×{row['nav_p50_s']:>9.2f}{row['nav_p95_s']:>7.2f}"
            f"{row['nav_ratio']:>6.1f}×{row['nav_script_p50_s']:>8.2f}"
            f"{row['nav_payload_bytes'] / 1000:>8.0f}{row['nav_deltas']:>8}"
            f"{row['main_elements']:>10}"
        )
    lines.append(
        "times in seconds; script: from the click until Streamlit reported the run "
        "finished; nav kB and deltas: what the websocket received for a navigation"
    )
    return "\n".join(lines)


def measure(
    browser, app_url: str, base_url: str, names: list[str], *, runs: int, region: str
) -> dict[str, object]:  # type: ignore[no-untyped-def]
    """Time the baseline and every page ``runs`` times, interleaved run by run."""
    every_page = app_pages()
    query = f"?regio={region}"

    def path(name: str) -> str:
        return "" if name == every_page[0] else name  # the default page lives at '/'

    # One navigation per page and run: the session starts on the page before the first one.
    start = names[-1] if len(names) > 1 else next(p for p in every_page if p != names[0])
    targets = [(name, path(name), None) for name in names]
    baseline, pages = Samples(), {name: Samples() for name in names}
    for run in range(runs):
        baseline.first_render.append(time_first_render(browser, f"{base_url}/"))
        baseline.nav.extend(
            time_navigations(
                browser, f"{base_url}/", [(n, p, title) for n, p, title in BASELINE_PAGES[::-1]]
            ).values()
        )
        for name in names:
            pages[name].first_render.append(
                time_first_render(browser, f"{app_url}/{path(name)}{query}")
            )
        for name, view in time_navigations(
            browser, f"{app_url}/{path(start)}{query}", targets
        ).items():
            pages[name].nav.append(view)
        print(f"page timing: run {run + 1} of {runs} done", file=sys.stderr)
    return summarise(baseline, pages)


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--pages", help="comma-separated page names (default: every page)")
    parser.add_argument("--runs", type=int, default=5, help="runs per page (5)")
    parser.add_argument("--json", action="store_true", help="print the report as JSON")
    parser.add_argument("--store", type=Path, help="an existing store instead of the demo")
    parser.add_argument("--port", type=int, default=None, help="bw's port (default: a free one)")
    parser.add_argument(
        "--baseline-port", type=int, default=None, help="the trivial app's port (default: free)"
    )
    parser.add_argument(
        "--region",
        default=DEFAULT_REGION,
        help=f"region code in the pages' URL (default {DEFAULT_REGION})",
    )
    args = parser.parse_args(argv)
    names = app_pages()
    args.pages = args.pages.split(",") if args.pages else names
    unknown = sorted(set(args.pages) - set(names))
    if unknown:
        parser.error(f"unknown pages {', '.join(unknown)}; known: {', '.join(names)}")
    if args.runs < 1:
        parser.error("--runs must be at least 1")
    if args.store is not None and not args.store.is_file():
        parser.error(f"no store at {args.store}")
    return args


def _terminate_as_interrupt(signum: int, frame: object) -> None:
    raise KeyboardInterrupt  # so the apps are stopped by the same finally blocks as on Ctrl-C


def main(argv: list[str] | None = None) -> int:
    """Start the apps and the browser, time the pages, print the report."""
    args = parse_args(argv)
    problem = browser_problem()
    if problem:
        print(problem, file=sys.stderr)
        return 2
    from playwright.sync_api import sync_playwright

    chromium = config.chromium_path()
    signal.signal(signal.SIGTERM, _terminate_as_interrupt)
    with tempfile.TemporaryDirectory(prefix="bw-page-timing-") as temporary, ExitStack() as stack:
        folder = Path(temporary)
        store = args.store.resolve() if args.store else build_store(folder, demo=True)
        env = app_env(store)
        try:
            app_url, _ = stack.enter_context(
                running_app("app.py", config.PROJECT_ROOT, folder / "app.log", env, port=args.port)
            )
            base_url, _ = stack.enter_context(
                running_app(
                    str(write_baseline_app(folder / "baseline")),
                    folder / "baseline",
                    folder / "baseline.log",
                    env,
                    port=args.baseline_port,
                )
            )
            playwright = stack.enter_context(sync_playwright())
        except RuntimeError as failure:
            print(failure, file=sys.stderr)
            return 2
        browser = playwright.chromium.launch(
            executable_path=str(chromium), args=list(CHROMIUM_ARGS), headless=True
        )
        stack.callback(browser.close)
        try:
            report = measure(
                browser, app_url, base_url, args.pages, runs=args.runs, region=args.region
            )
        except Exception as failure:  # noqa: BLE001 - reported, and the apps still stopped
            print(f"page timing failed: {type(failure).__name__}: {failure}", file=sys.stderr)
            return 1
    print(json.dumps(report, indent=2) if args.json else format_table(report, args.runs))
    return 0


if __name__ == "__main__":
    try:
        sys.exit(main())
    except KeyboardInterrupt:  # Ctrl-C or SIGTERM: the apps and the browser are stopped by now
        print("page timing: interrupted", file=sys.stderr)
        sys.exit(130)
