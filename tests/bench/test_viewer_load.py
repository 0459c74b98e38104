"""tools/viewer_load.py starts bw on the demo store and the trivial baseline app and loads both.

Only what the sessions received is checked (every view finished, the baseline drew its title
and paragraph, bw sent more), never how fast: timings on a shared machine are no assertions.
"""

from __future__ import annotations

import json
import math
import subprocess
import sys

from bw import config


def test_viewer_load_reports_bw_and_the_trivial_baseline_side_by_side():
    finished = subprocess.run(
        [sys.executable, "tools/viewer_load.py", "0", "--demo", "--baseline",
         "--sessions", "3", "--views", "2", "--think", "0", "--json"],
        cwd=config.PROJECT_ROOT, capture_output=True, text=True, timeout=600,
    )  # fmt: skip
    assert finished.returncode == 0, finished.stderr
    report = json.loads(finished.stdout)
    baseline = report["baseline"]

    for summary in (report, baseline):
        assert summary["sessions"] == 3
        assert summary["views"] == 6
        assert summary["errors"] == 0
        assert summary["later_views"]["n"] == 3
        assert all(math.isfinite(summary[key]) and summary[key] > 0 for key in ("p50_s", "p95_s"))
        assert summary["peak_memory_mb"] > 0
        assert summary["cpu_s"] >= 0
    # The trivial page is a title and a paragraph; bw's Overzicht is a page of many elements.
    assert baseline["first_view"]["elements_p50"] == 2
    assert report["first_view"]["elements_p50"] > 10
    assert (
        report["first_view"]["payload_bytes_p50"] > 10 * baseline["first_view"]["payload_bytes_p50"]
    )
    assert report["pid"] != baseline["pid"]
