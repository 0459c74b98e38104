"""Login journeys in a real browser: an analyst logs in and uploads; a viewer cannot upload.

They run on a store with accounts (``python -m bw user add``), where the app asks for a login
in the sidebar (Gebruikersnaam, Wachtwoord, Inloggen) and the Data page offers an upload only
to a logged-in analyst. Until accounts exist in this branch (no ``bw.users``, no ``bw user``)
the module skips and says why.
"""

from __future__ import annotations

import importlib.util
import re
import subprocess
import sys
from pathlib import Path

import pytest

from bw import config
from tests.browser.conftest import create_demo_store
from tests.browser.streamlit_ui import (
    assert_no_exception,
    expect,
    main,
    navigate,
    open_app,
    sidebar,
    wait_settled,
)

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "long_csv"
ANALYST, ANALYST_PASSWORD = "ana.analist", "lange-zin-voor-ana-2026"
VIEWER, VIEWER_PASSWORD = "vic.kijker", "lange-zin-voor-vic-2026"


def _has_user_command() -> bool:
    """True when the command line has ``bw user`` (the login work is merged)."""
    if importlib.util.find_spec("bw.users") is None:
        return False
    from bw.cli import build_parser

    verbs = next(
        action
        for action in build_parser()._actions  # argparse keeps subcommands only here
        if action.__class__.__name__ == "_SubParsersAction"
    )
    return "user" in verbs.choices


pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(
        not _has_user_command(),
        reason="accounts and login are not in this branch yet (no bw.users / `bw user`)",
    ),
]


def _add_user(store: Path, name: str, role: str, password: str) -> None:
    subprocess.run(
        [sys.executable, "-m", "bw", "--db", str(store), "user", "add", name, "--role", role,
         "--password-stdin"],
        input=f"{password}\n",
        text=True,
        cwd=config.PROJECT_ROOT,
        check=True,
        capture_output=True,
    )  # fmt: skip


@pytest.fixture(scope="module")
def login_app(start_app, tmp_path_factory):
    """The app on a demo store with an analyst and a viewer account."""
    store = tmp_path_factory.mktemp("browser-login") / "bw.duckdb"
    create_demo_store(store)
    _add_user(store, ANALYST, "analyst", ANALYST_PASSWORD)
    _add_user(store, VIEWER, "viewer", VIEWER_PASSWORD)
    return start_app(store)


def log_in(page, name: str, password: str) -> None:
    """Fill in the sidebar login and press Inloggen."""
    sidebar(page).get_by_label("Gebruikersnaam").fill(name)
    sidebar(page).get_by_label("Wachtwoord").fill(password)
    sidebar(page).get_by_role("button", name="Inloggen").click()
    wait_settled(page)


def test_without_login_the_data_page_offers_no_upload_and_says_to_log_in(page, login_app):
    open_app(page, login_app.url, "data", "regio=GM0917")
    expect(sidebar(page).get_by_role("button", name="Inloggen")).to_be_visible()
    expect(main(page).get_by_role("heading", level=1)).to_contain_text("Data")
    expect(main(page).get_by_test_id("stFileUploader")).to_have_count(0)
    expect(
        main(page).get_by_text(re.compile("log in|inloggen", re.IGNORECASE)).first
    ).to_be_visible()
    assert_no_exception(page)


def test_a_logged_in_viewer_cannot_upload(page, login_app):
    open_app(page, login_app.url, "data", "regio=GM0917")
    log_in(page, VIEWER, VIEWER_PASSWORD)
    expect(sidebar(page).get_by_text(VIEWER)).to_be_visible()
    expect(main(page).get_by_test_id("stFileUploader")).to_have_count(0)
    assert_no_exception(page)


def test_an_analyst_logs_in_uploads_and_sees_the_new_value(page, login_app):
    upload = FIXTURES / "one_new_value_heerlen_2025.csv"
    open_app(page, login_app.url, "", "regio=GM0917")
    log_in(page, ANALYST, ANALYST_PASSWORD)
    expect(sidebar(page).get_by_text(ANALYST)).to_be_visible()
    # The login lives in this browser session: move by the navigation, never by a new URL.
    navigate(page, "Data")
    uploader = main(page).get_by_test_id("stFileUploader")
    uploader.locator("input[type=file]").set_input_files(upload)
    wait_settled(page)
    expect(main(page).get_by_text(f"{upload.name} — geen fouten")).to_be_visible()
    main(page).get_by_role("button", name="Laden").click()
    wait_settled(page)
    expect(main(page).get_by_text(re.compile(r"1 bestand\(en\) geladen"))).to_be_visible()
    assert_no_exception(page)

    navigate(page, "Hier en nu")
    # The page opens on the first indicator of the first theme: the one the file changed.
    expect(page).to_have_url(re.compile(r"indicator=welzijn\.rapportcijfer_leven"))
    main(page).get_by_role("tab", name="Tabel").click()
    table = main(page).get_by_role("tabpanel").get_by_test_id("stDataFrame").first
    row = table.locator("tr").filter(has=page.locator("td", has_text=re.compile(r"^2025\*?$")))
    expect(row.locator("td").nth(1)).to_have_text("9,4")
