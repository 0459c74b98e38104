"""Every page of the app as pictures, for review: 1366×768 and 390 px wide, Dutch and English.

Builds a store in a temporary folder with the command line (``python -m bw --db TMP init``: the
real CBS figures, as a fresh clone opens; ``--demo`` for the demo monitor, which has the
Beleidsopties set, programmes and many targets), starts ``streamlit run app.py`` on it on a free
127.0.0.1 port, opens every page of the navigation in Debian's Chromium (``BW_CHROMIUM``, never
a downloaded browser) for the region ``--region`` and saves the whole page as
``test-artifacts/screenshots/{page}-{width}-{lang}.png`` (``screenshots-demo/`` with
``--demo``; ``BW_ARTIFACTS`` moves ``test-artifacts/``). A page is taken once Streamlit's run
has finished (script not running, nothing stale, no status widget) and the main block has
stopped changing.

``--docs`` also refreshes the two pictures the README shows (``docs/screenshot-overzicht.png``
and ``docs/screenshot-vergelijken.png``: Heerlen on CBS figures, 1366×900, Dutch, the screen as
it first opens).

Usage: python tools/screenshots.py [--demo] [--pages overzicht,streefwaarden] [--widths 1366,390]
       [--langs nl,en] [--region GM0917] [--out DIR] [--viewport-only] [--docs]
Prints the files written; exit code 1 when a page showed an exception or did not settle, 2 when
the app or the browser could not be started.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from contextlib import ExitStack
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # run as a script from anywhere

from app_runner import app_env, browser_problem, build_store, running_app  # noqa: E402

from bw import config  # noqa: E402

#: Every page of app.py's navigation: (file name used in the picture's name, URL path).
PAGES = (
    ("overzicht", ""),
    ("hier_en_nu", "hier_en_nu"),
    ("later", "later"),
    ("elders", "elders"),
    ("vergelijken", "vergelijken"),
    ("streefwaarden", "streefwaarden"),
    ("data", "data"),
    ("beleidsopties", "beleidsopties"),
    ("beleidscyclus", "beleidscyclus"),
    ("workshop", "workshop"),
    ("beheer", "beheer"),
)
#: Viewport height per width: a common laptop (1366×768) and a common phone (390×844).
HEIGHTS = {1366: 768, 390: 844}
#: A full page is cut off here (pixels), so one runaway page cannot fill the disk.
MAX_HEIGHT = 16_000
#: Browser locale per UI language (the app's language comes from ``?lang=``; this is for dates).
LOCALES = {"nl": "nl-NL", "en": "en-GB"}
CHROMIUM_ARGS = (
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
)
SETTLE_TIMEOUT_MS = 60_000

#: Streamlit has finished the run: script not running, connected, nothing stale or loading.
_SETTLED = """() => {
    const app = document.querySelector('[data-testid="stApp"]');
    return app !== null
        && app.dataset.testScriptState === 'notRunning'
        && app.dataset.testConnectionState === 'CONNECTED'
        && document.querySelector('[data-stale="true"]') === null
        && document.querySelector('[data-testid="stSkeleton"]') === null
        && document.querySelector('[data-testid="stStatusWidget"]') === null;
}"""
#: What changes while the main block still draws (charts and grids draw after the run ends).
_MAIN_SIGNATURE = """() => {
    const main = document.querySelector('[data-testid="stMain"]');
    if (main === null) return '';
    const block = main.querySelector('[data-testid="stMainBlockContainer"]') || main;
    return [block.scrollHeight, block.getElementsByTagName('*').length,
            block.innerText.length].join('/');
}"""
#: The height of everything the page draws: the main area scrolls inside the app, not the body.
_CONTENT_HEIGHT = """() => {
    const main = document.querySelector('[data-testid="stMain"]');
    const side = document.querySelector('[data-testid="stSidebarContent"]');
    return Math.max(document.documentElement.scrollHeight,
                    main ? main.scrollHeight : 0, side ? side.scrollHeight : 0);
}"""


@dataclass(frozen=True, slots=True)
class Shot:
    """One picture taken (or attempted)."""

    path: Path  # test-artifacts/screenshots/overzicht-1366-nl.png
    error: str | None  # why the page is not right ('an exception is shown'), or None


def wait_drawn(page) -> None:
    """Wait until Streamlit's run has finished and the main block has stopped changing."""
    page.wait_for_function(_SETTLED, polling=100, timeout=SETTLE_TIMEOUT_MS)
    deadline = time.monotonic() + SETTLE_TIMEOUT_MS / 1000
    previous, same = None, 0
    while same < 3:  # the same signature three times 300 ms apart
        if time.monotonic() > deadline:
            raise TimeoutError("the page kept changing")
        page.wait_for_timeout(300)
        page.wait_for_function(_SETTLED, polling=100, timeout=SETTLE_TIMEOUT_MS)
        signature = page.evaluate(_MAIN_SIGNATURE)
        same = same + 1 if signature == previous else 0
        previous = signature


def page_url(base: str, path: str, *, lang: str, region: str, query: str = "") -> str:
    """The URL of a page for a region and language (Dutch is the default, so no ``lang``)."""
    params = [f"regio={region}"]
    params += [f"lang={lang}"] if lang != "nl" else []
    params += [query] if query else []
    return f"{base}/{path}?{'&'.join(params)}"


def take(context, url: str, path: Path, *, full_page: bool) -> Shot:
    """Open ``url``, wait until it is drawn, save the picture; an exception shown is an error."""
    page = context.new_page()
    error = None
    try:
        page.goto(url)
        wait_drawn(page)
        if full_page:
            # The main area scrolls inside the app, so a "full page" screenshot of the body
            # would show one screen: make the window as tall as the content instead.
            width = page.viewport_size["width"]
            height = min(int(page.evaluate(_CONTENT_HEIGHT)), MAX_HEIGHT)
            if height > page.viewport_size["height"]:
                page.set_viewport_size({"width": width, "height": height})
                wait_drawn(page)
        if page.get_by_test_id("stException").count():
            error = "an exception is shown"
    except Exception as failure:  # noqa: BLE001 - reported per picture, the rest still runs
        error = f"{type(failure).__name__}: {str(failure).splitlines()[0]}"
    try:
        page.screenshot(path=str(path))
    except Exception as failure:  # noqa: BLE001
        error = error or f"no screenshot: {failure}"
    page.close()
    return Shot(path, error)


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--demo", action="store_true", help="the demo monitor instead of CBS")
    parser.add_argument("--pages", help="comma-separated page names (default: every page)")
    parser.add_argument("--widths", default="1366,390", help="viewport widths (default 1366,390)")
    parser.add_argument("--langs", default="nl,en", help="UI languages (default nl,en)")
    parser.add_argument("--region", default="GM0917", help="region code (default GM0917 Heerlen)")
    parser.add_argument(
        "--out", type=Path, help="folder (default test-artifacts/screenshots, or screenshots-demo)"
    )
    parser.add_argument("--viewport-only", action="store_true", help="one screen, not the page")
    parser.add_argument("--docs", action="store_true", help="also refresh the README's pictures")
    args = parser.parse_args(argv)
    names = [name for name, _ in PAGES]
    args.pages = args.pages.split(",") if args.pages else names
    unknown = sorted(set(args.pages) - set(names))
    if unknown:
        parser.error(f"unknown pages {', '.join(unknown)}; known: {', '.join(names)}")
    args.widths = [int(width) for width in args.widths.split(",")]
    args.langs = args.langs.split(",")
    if set(args.langs) - set(LOCALES):
        parser.error(f"languages are {', '.join(LOCALES)}")
    if args.docs and args.demo:
        parser.error("--docs shows the CBS figures the README describes; leave out --demo")
    folder = "screenshots-demo" if args.demo else "screenshots"
    args.out = args.out or config.artifacts_dir() / folder
    return args


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    problem = browser_problem()
    if problem:
        print(problem, file=sys.stderr)
        return 2
    from playwright.sync_api import sync_playwright

    chromium = config.chromium_path()
    args.out.mkdir(parents=True, exist_ok=True)
    paths = dict(PAGES)
    shots: list[Shot] = []
    with tempfile.TemporaryDirectory(prefix="bw-screenshots-") as folder, ExitStack() as stack:
        store = build_store(Path(folder), demo=args.demo)
        try:
            base, _ = stack.enter_context(
                running_app("app.py", config.PROJECT_ROOT, Path(folder) / "app.log", app_env(store))
            )
        except RuntimeError as failure:
            print(failure, file=sys.stderr)
            return 2
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(
                executable_path=str(chromium), args=list(CHROMIUM_ARGS), headless=True
            )
            for lang in args.langs:
                for width in args.widths:
                    viewport = {"width": width, "height": HEIGHTS.get(width, 900)}
                    context = browser.new_context(viewport=viewport, locale=LOCALES[lang])
                    for name in args.pages:
                        url = page_url(base, paths[name], lang=lang, region=args.region)
                        target = args.out / f"{name}-{width}-{lang}.png"
                        shots.append(take(context, url, target, full_page=not args.viewport_only))
                    context.close()
            if args.docs:
                shots.extend(_docs_pictures(browser, base))
            browser.close()
    failed = [shot for shot in shots if shot.error]
    for shot in shots:
        print(f"{shot.path}" + (f"  FAILED: {shot.error}" if shot.error else ""))
    print(f"{len(shots) - len(failed)} of {len(shots)} pictures fine in {args.out}")
    return 1 if failed else 0


def _docs_pictures(browser, base: str) -> list[Shot]:
    """The README's two pictures: Overzicht and the Vergelijken map for Heerlen, 1366×900."""
    docs = config.PROJECT_ROOT / "docs"
    context = browser.new_context(viewport={"width": 1366, "height": 900}, locale="nl-NL")
    shots = [
        take(
            context,
            page_url(base, "", lang="nl", region="GM0917"),
            docs / "screenshot-overzicht.png",
            full_page=False,
        ),
        take(
            context,
            page_url(
                base,
                "vergelijken",
                lang="nl",
                region="GM0917",
                query="indicator=arbeid.werkloosheid",
            ),
            docs / "screenshot-vergelijken.png",
            full_page=False,
        ),
    ]
    context.close()
    return shots


if __name__ == "__main__":
    sys.exit(main())
