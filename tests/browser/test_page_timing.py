"""tools/page_timing.py runs end to end in Chromium and reports the JSON issue 16 asks for.

Only the shape and sanity of the numbers are checked (every time and ratio positive and
finite), never how fast a page is: timings on a shared machine are not assertions.
"""

from __future__ import annotations

import json
import math
import subprocess
import sys

import pytest

from bw import config

pytestmark = pytest.mark.browser

PAGE_KEYS = {
    "first_render_p50_s", "first_render_p95_s", "nav_p50_s", "nav_p95_s",
    "first_render_ratio", "nav_ratio",
}  # fmt: skip


def test_page_timing_reports_every_page_asked_for_with_positive_finite_numbers(browser):
    # ``browser`` skips (or fails in CI) where Chromium or Playwright is missing.
    pages = ["overzicht", "data"]
    finished = subprocess.run(
        [sys.executable, "tools/page_timing.py", "--pages", ",".join(pages),
         "--runs", "1", "--json"],
        cwd=config.PROJECT_ROOT, capture_output=True, text=True, timeout=900,
    )  # fmt: skip
    assert finished.returncode == 0, finished.stderr
    report = json.loads(finished.stdout)

    assert set(report) == {"baseline", "pages"}
    assert {"first_render_p50_s", "nav_p50_s"} <= set(report["baseline"])
    assert list(report["pages"]) == pages
    for row in report["pages"].values():
        assert set(row) >= PAGE_KEYS
    numbers = [report["baseline"]["first_render_p50_s"], report["baseline"]["nav_p50_s"]]
    numbers += [row[key] for row in report["pages"].values() for key in PAGE_KEYS]
    assert all(isinstance(n, (int, float)) and math.isfinite(n) and n > 0 for n in numbers)
