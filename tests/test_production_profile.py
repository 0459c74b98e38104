"""The production profile (deploy/streamlit-production.toml) and the local settings.

The profile must hold only real Streamlit options, the safe values the deployment guide
promises, and never a secret; the local settings keep the README's start local-only.
"""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest
from streamlit import config as streamlit_config

from bw.loaders.common import DEFAULT_MAX_BYTES

ROOT = Path(__file__).resolve().parents[1]
PROFILE = ROOT / "deploy" / "streamlit-production.toml"
LOCAL = ROOT / ".streamlit" / "config.toml"


def _options(path: Path) -> dict[str, object]:
    settings = tomllib.loads(path.read_text(encoding="utf-8"))
    return {
        f"{section}.{name}": value
        for section, table in settings.items()
        for name, value in table.items()
    }


@pytest.mark.parametrize("path", [PROFILE, LOCAL], ids=["production", "local"])
def test_every_option_is_a_real_streamlit_option(path):
    known = set(streamlit_config._config_options_template)
    assert set(_options(path)) <= known, set(_options(path)) - known


def test_the_production_profile_has_the_safe_settings():
    options = _options(PROFILE)
    assert options["client.showErrorDetails"] == "none"
    assert options["client.toolbarMode"] == "viewer"
    assert options["server.enableXsrfProtection"] is True
    assert options["server.enableCORS"] is True
    assert options["server.maxUploadSize"] == DEFAULT_MAX_BYTES // (1024 * 1024)
    assert options["server.allowedHosts"] and "*" not in options["server.allowedHosts"]
    assert options["server.corsAllowedOrigins"] and all(
        origin.startswith("https://") for origin in options["server.corsAllowedOrigins"]
    )
    assert options["server.address"] not in ("127.0.0.1", "localhost", "::1"), (
        "a server for others must never be in lokale modus"
    )
    assert options["browser.gatherUsageStats"] is False


def test_no_secret_is_written_in_the_profile():
    options = _options(PROFILE)
    assert "server.cookieSecret" not in options
    assert "STREAMLIT_SERVER_COOKIE_SECRET" in PROFILE.read_text(encoding="utf-8")


def test_the_profile_keeps_the_local_theme():
    production, local = _options(PROFILE), _options(LOCAL)
    theme = {k: v for k, v in local.items() if k.startswith("theme.")}
    assert theme and {k: production.get(k) for k in theme} == theme


def test_the_local_settings_listen_on_this_computer_only():
    """So the README's start is lokale modus (all rights) only where nobody else can reach."""
    assert _options(LOCAL)["server.address"] == "127.0.0.1"
