"""Tests for bw.fetch and ``python -m bw fetch``: recorded answers served from 127.0.0.1 only.

A tiny threaded ``http.server`` serves the JSON in tests/fixtures/http/ (``{base}`` replaced by
its own URL); routes can also answer 503/429/404, invalid JSON or a slow body. Backoff is zero
and timeouts are tenths of a second, so the whole file runs in a few seconds.
"""

from __future__ import annotations

import json
import socket
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

from bw import bootstrap, cli, fetch, intake, store
from bw.auth import cli_actor
from bw.loaders import cbs_odata

HTTP = Path(__file__).resolve().parents[1] / "fixtures" / "http"
V4_TABLE = "99998NED"
V3_TABLE = "99997NED"
FAST = (0.5, 0.5)  # connect, read timeout


class Answer:
    """One recorded answer: status, body bytes, headers, and an optional delay."""

    def __init__(self, body: bytes = b"", status: int = 200, headers=None, delay: float = 0.0):
        self.body, self.status, self.headers, self.delay = body, status, headers or {}, delay


class Server:
    """A local HTTP server with routes: path (optionally with query) → answers, used in order."""

    def __init__(self) -> None:
        self.routes: dict[str, list[Answer]] = {}
        self.seen: list[str] = []
        routes, seen = self.routes, self.seen

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self):  # noqa: N802 - http.server's name
                raw = unquote(self.path)
                seen.append(raw)
                answers = routes.get(raw) or routes.get(urlsplit(raw).path)
                if not answers:
                    answer = Answer(b'{"error": "not found"}', status=404)
                else:
                    answer = answers.pop(0) if len(answers) > 1 else answers[0]
                if answer.delay:
                    time.sleep(answer.delay)
                try:
                    self.send_response(answer.status)
                    for key, value in answer.headers.items():
                        self.send_header(key, value)
                    self.send_header("Content-Type", "application/json")
                    self.send_header("Content-Length", str(len(answer.body)))
                    self.end_headers()
                    self.wfile.write(answer.body)
                except OSError:
                    pass  # the client gave up (timeout test)

            def log_message(self, *args):  # keep test output quiet
                pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        self.root = f"http://127.0.0.1:{self.httpd.server_address[1]}"
        self.thread = threading.Thread(
            target=self.httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
        )

    def add(self, route: str, *answers: Answer) -> None:
        self.routes[route] = list(answers)


@pytest.fixture
def server():
    """A running local server, shut down after the test."""
    srv = Server()
    srv.thread.start()
    yield srv
    srv.httpd.shutdown()
    srv.httpd.server_close()
    srv.thread.join(timeout=2)


def recorded(folder: str, name: str, base: str) -> bytes:
    return (HTTP / folder / name).read_text(encoding="utf-8").replace("{base}", base).encode()


def serve_v4(srv: Server) -> str:
    """Routes for the recorded v4 table; returns its base URL."""
    prefix = f"/v4/{V4_TABLE}"
    base = srv.root + prefix
    for name in ("Properties", "Dimensions", "MeasureCodes", "RegioSCodes", "PeriodenCodes"):
        srv.add(f"{prefix}/{name}", Answer(recorded("v4", f"{name}.json", base)))
    srv.add(f"{prefix}/Observations", Answer(recorded("v4", "Observations-1.json", base)))
    for page, skip in ((2, 3), (3, 6)):
        srv.add(
            f"{prefix}/Observations?$skiptoken={skip}",
            Answer(recorded("v4", f"Observations-{page}.json", base)),
        )
    return srv.root + "/v4/{table}"


def serve_v3(srv: Server) -> str:
    prefix = f"/v3/{V3_TABLE}"
    base = srv.root + prefix
    for name in ("TableInfos", "DataProperties", "RegioS", "Perioden"):
        srv.add(f"{prefix}/{name}", Answer(recorded("v3", f"{name}.json", base)))
    srv.add(f"{prefix}/TypedDataSet", Answer(recorded("v3", "TypedDataSet-1.json", base)))
    srv.add(
        f"{prefix}/TypedDataSet?$skip=2&$format=json",
        Answer(recorded("v3", "TypedDataSet-2.json", base)),
    )
    return srv.root + "/v3/{table}"


def quick_session(retries: int = 3):
    return fetch.make_session(retries=retries, backoff=0)


@pytest.fixture
def empty_store(tmp_path):
    """A writable store with the catalogue and NL, landsdelen and provinces only."""
    path = tmp_path / "empty.duckdb"
    bootstrap.init_store(path, kind="empty")
    return path


def closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


# --------------------------------------------------------------------------------------------
# OData v4
# --------------------------------------------------------------------------------------------


def test_v4_follows_next_links_over_three_pages_and_the_folder_loads(server, tmp_path, empty_store):
    base_url = serve_v4(server)
    dest = tmp_path / "downloads" / V4_TABLE
    messages = []
    saved = fetch.fetch_cbs_v4(
        V4_TABLE,
        dest=dest,
        base_url=base_url,
        session=quick_session(),
        progress=lambda text, counts: messages.append((text, counts)),
        timeout=FAST,
    )
    assert saved == dest
    names = sorted(p.name for p in dest.iterdir())
    assert names == [
        "codes-Perioden.json",
        "codes-RegioS.json",
        "dimensions.json",
        "index.json",
        "measure-codes.json",
        "observations-page-1.json",
        "observations-page-2.json",
        "observations-page-3.json",
        "properties.json",
    ]
    index = json.loads((dest / "index.json").read_text())
    assert index["tableId"] == V4_TABLE and index["observationRows"] == 9
    assert index["url"].endswith("/Observations") and index["time"]
    assert [text for text, _ in messages] == ["pagina 1", "pagina 2", "pagina 3", "klaar"]
    assert messages[2][1]["total_rows"] == 9
    assert not [p for p in dest.parent.iterdir() if p.name.startswith(".")]  # no temp left

    assert cbs_odata.V4.looks_like(dest, [])
    con = store.connect(empty_store)
    try:
        outcome = intake.load_file(
            con,
            dest / "index.json",
            format="cbs_odata_v4",
            new_indicators="create",
            actor=cli_actor("test"),
        )
        assert outcome.load_id is not None, outcome.report.render(V4_TABLE)
        assert outcome.counts["new"] == 9 and outcome.counts["missing"] == 1
    finally:
        con.close()


def test_v4_filters_on_regions_periods_and_measures(server, tmp_path):
    base_url = serve_v4(server)
    fetch.fetch_cbs_v4(
        V4_TABLE,
        dest=tmp_path / "t",
        base_url=base_url,
        session=quick_session(),
        regions=["GM0363", "pv27"],
        periods=["2022JJ00"],
        measures=["M001534"],
        timeout=FAST,
    )
    first = next(p for p in server.seen if "/Observations?" in p and "$filter" in p)
    assert (
        "$filter=(RegioS eq 'GM0363' or RegioS eq 'PV27') and Perioden eq '2022JJ00' "
        "and Measure eq 'M001534'"
    ) in first


def test_v4_unknown_region_code_is_refused_before_the_observations(server, tmp_path):
    base_url = serve_v4(server)
    with pytest.raises(fetch.FetchError, match="GM9999"):
        fetch.fetch_cbs_v4(
            V4_TABLE,
            dest=tmp_path / "t",
            base_url=base_url,
            session=quick_session(),
            regions=["GM9999"],
            timeout=FAST,
        )
    assert not any("/Observations" in p for p in server.seen)
    assert not (tmp_path / "t").exists()


def test_a_503_then_200_is_retried(server, tmp_path):
    base_url = serve_v4(server)
    route = f"/v4/{V4_TABLE}/MeasureCodes"
    body = server.routes[route][0].body
    server.add(route, Answer(b"busy", status=503), Answer(body))
    fetch.fetch_cbs_v4(
        V4_TABLE, dest=tmp_path / "t", base_url=base_url, session=quick_session(), timeout=FAST
    )
    assert server.seen.count(route) == 2
    assert (tmp_path / "t" / "measure-codes.json").is_file()


def test_a_429_with_retry_after_is_retried(server, tmp_path):
    base_url = serve_v4(server)
    route = f"/v4/{V4_TABLE}/Observations?$skiptoken=3"
    body = server.routes[route][0].body
    server.add(route, Answer(b"slow down", status=429, headers={"Retry-After": "0"}), Answer(body))
    fetch.fetch_cbs_v4(
        V4_TABLE, dest=tmp_path / "t", base_url=base_url, session=quick_session(), timeout=FAST
    )
    assert server.seen.count(route) == 2
    assert len(list((tmp_path / "t").glob("observations-page-*.json"))) == 3


def test_retries_exhausted_raise_and_leave_no_destination_folder(server, tmp_path):
    base_url = serve_v4(server)
    server.add(f"/v4/{V4_TABLE}/Observations?$skiptoken=6", Answer(b"down", status=503))
    dest = tmp_path / "downloads" / V4_TABLE
    with pytest.raises(fetch.FetchError) as caught:
        fetch.fetch_cbs_v4(
            V4_TABLE, dest=dest, base_url=base_url, session=quick_session(2), timeout=FAST
        )
    assert caught.value.code == "retries_exhausted"
    assert "herhaalde pogingen" in str(caught.value)
    assert not dest.exists()
    assert list(dest.parent.iterdir()) == []  # the temporary folder is gone too


def test_a_failed_refetch_keeps_the_previous_download(server, tmp_path):
    base_url = serve_v4(server)
    dest = tmp_path / "t"
    fetch.fetch_cbs_v4(
        V4_TABLE, dest=dest, base_url=base_url, session=quick_session(), timeout=FAST
    )
    before = sorted(p.name for p in dest.iterdir())
    server.add(f"/v4/{V4_TABLE}/Properties", Answer(b"{not json"))
    with pytest.raises(fetch.FetchError):
        fetch.fetch_cbs_v4(
            V4_TABLE, dest=dest, base_url=base_url, session=quick_session(), timeout=FAST
        )
    assert sorted(p.name for p in dest.iterdir()) == before


def test_a_closed_port_gives_the_offline_message(tmp_path):
    url = f"http://127.0.0.1:{closed_port()}/v4/{{table}}"
    with pytest.raises(fetch.FetchError) as caught:
        fetch.fetch_cbs_v4(
            V4_TABLE, dest=tmp_path / "t", base_url=url, session=quick_session(1), timeout=FAST
        )
    assert caught.value.code == "offline"
    assert str(caught.value).startswith("geen verbinding met 127.0.0.1:")
    assert "werkt u offline? Laad dan een opgeslagen bestand met python -m bw load" in str(
        caught.value
    )
    assert not (tmp_path / "t").exists()


def test_a_read_timeout_is_a_fetch_error(server, tmp_path):
    base_url = serve_v4(server)
    server.add(f"/v4/{V4_TABLE}/Properties", Answer(b"{}", delay=0.6))
    with pytest.raises(fetch.FetchError) as caught:
        fetch.fetch_cbs_v4(
            V4_TABLE,
            dest=tmp_path / "t",
            base_url=base_url,
            session=quick_session(1),
            timeout=(0.5, 0.2),
        )
    assert caught.value.code == "timeout"
    assert not (tmp_path / "t").exists()


def test_invalid_json_is_a_fetch_error(server, tmp_path):
    base_url = serve_v4(server)
    server.add(f"/v4/{V4_TABLE}/Observations?$skiptoken=3", Answer(b"<html>oops</html>"))
    with pytest.raises(fetch.FetchError) as caught:
        fetch.fetch_cbs_v4(
            V4_TABLE, dest=tmp_path / "t", base_url=base_url, session=quick_session(), timeout=FAST
        )
    assert caught.value.code == "invalid_json" and "<html>" in str(caught.value)
    assert not (tmp_path / "t").exists()


def test_a_404_says_the_table_does_not_exist(server, tmp_path):
    base_url = server.root + "/v4/{table}"  # no routes: everything is 404
    with pytest.raises(fetch.FetchError) as caught:
        fetch.fetch_cbs_v4(
            "12345NED",
            dest=tmp_path / "t",
            base_url=base_url,
            session=quick_session(),
            timeout=FAST,
        )
    assert caught.value.code == "not_found"
    assert "tabel 12345NED bestaat niet" in str(caught.value)
    assert server.seen == ["/v4/12345NED/Properties"]  # a 404 is not retried


def test_a_next_link_to_another_host_is_refused(server, tmp_path):
    base_url = serve_v4(server)
    page = json.loads(server.routes[f"/v4/{V4_TABLE}/Observations"][0].body)
    page["@odata.nextLink"] = "https://datasets.cbs.nl/odata/v1/CBS/x/Observations?$skip=3"
    server.add(f"/v4/{V4_TABLE}/Observations", Answer(json.dumps(page).encode()))
    with pytest.raises(fetch.FetchError, match="another host"):
        fetch.fetch_cbs_v4(
            V4_TABLE, dest=tmp_path / "t", base_url=base_url, session=quick_session(), timeout=FAST
        )


# --------------------------------------------------------------------------------------------
# OData v3
# --------------------------------------------------------------------------------------------


def test_v3_pages_with_json_format_and_padded_filter_keys_load(server, tmp_path, empty_store):
    base_url = serve_v3(server)
    dest = tmp_path / V3_TABLE
    fetch.fetch_cbs_v3(
        V3_TABLE, dest=dest, base_url=base_url, session=quick_session(), timeout=FAST
    )
    assert sorted(p.name for p in dest.iterdir()) == [
        "DataProperties.json",
        "Perioden.json",
        "RegioS.json",
        "TableInfos.json",
        "TypedDataSet-1.json",
        "TypedDataSet-2.json",
    ]
    assert all("$format=json" in p for p in server.seen)
    con = store.connect(empty_store)
    try:
        outcome = intake.load_file(
            con,
            dest / "DataProperties.json",
            format="cbs_odata_v3",
            new_indicators="create",
            actor=cli_actor("test"),
        )
        assert outcome.load_id is not None, outcome.report.render(V3_TABLE)
        assert outcome.counts["new"] == 4
    finally:
        con.close()

    server.seen.clear()
    fetch.fetch_cbs_v3(
        V3_TABLE,
        dest=tmp_path / "filtered",
        base_url=base_url,
        session=quick_session(),
        regions=["GM0363"],
        measures=["AfstandTotHuisartsenpraktijk_5"],
        timeout=FAST,
    )
    first = next(p for p in server.seen if "/TypedDataSet?" in p)
    assert "$filter=RegioS eq 'GM0363    '" in first
    assert "$select=ID,RegioS,Perioden,AfstandTotHuisartsenpraktijk_5" in first


# --------------------------------------------------------------------------------------------
# Boundaries
# --------------------------------------------------------------------------------------------


def serve_boundary(srv: Server, name: str) -> str:
    srv.add("/geo/gemeente_2025.geojson", Answer((HTTP / "boundaries" / name).read_bytes()))
    return srv.root + "/geo/{level}_{year}.geojson"


def test_a_valid_boundary_download_installs_under_boundaries(server, tmp_path):
    template = serve_boundary(server, "gemeente_wgs84.geojson")
    path = fetch.fetch_boundaries(
        2025, dest_dir=tmp_path, url_template=template, session=quick_session(), timeout=FAST
    )
    assert path == tmp_path / "boundaries" / "gemeente_2025.geojson"
    assert [p.name for p in (tmp_path / "boundaries").iterdir()] == ["gemeente_2025.geojson"]
    assert {"GM0363", "GM0518"} == {
        f["properties"]["statcode"].strip() for f in json.loads(path.read_text())["features"]
    }


def test_an_rd_new_boundary_download_is_refused_and_nothing_is_written(server, tmp_path):
    template = serve_boundary(server, "gemeente_rd_new.geojson")
    with pytest.raises(fetch.FetchError) as caught:
        fetch.fetch_boundaries(
            2025, dest_dir=tmp_path, url_template=template, session=quick_session(), timeout=FAST
        )
    assert caught.value.code == "boundary_rd_new_coordinates"
    assert "RD New (EPSG:28992)" in str(caught.value)
    assert list((tmp_path / "boundaries").iterdir()) == []


def test_install_boundaries_from_a_file_checks_level_and_crs(tmp_path):
    source = HTTP / "boundaries" / "gemeente_wgs84.geojson"
    path = fetch.install_boundaries(source, level="gemeente", year=2025, dest_dir=tmp_path)
    assert path.read_bytes() == source.read_bytes()
    with pytest.raises(fetch.FetchError, match="no provincie map"):
        fetch.install_boundaries(source, level="provincie", year=2025, dest_dir=tmp_path)
    with pytest.raises(fetch.FetchError, match="RD New"):
        fetch.install_boundaries(
            HTTP / "boundaries" / "gemeente_rd_new.geojson",
            level="gemeente",
            year=2024,
            dest_dir=tmp_path,
        )
    assert sorted(p.name for p in (tmp_path / "boundaries").iterdir()) == ["gemeente_2025.geojson"]


# --------------------------------------------------------------------------------------------
# The command line
# --------------------------------------------------------------------------------------------


def test_cli_fetch_cbs_with_load_exits_0(server, tmp_path, empty_store, capsys):
    base_url = serve_v4(server)
    out = tmp_path / "out"
    code = cli.main(
        [
            "--db",
            str(empty_store),
            "fetch",
            "cbs",
            V4_TABLE,
            "--out",
            str(out),
            "--base-url",
            base_url,
            "--regions",
            "GM0363,PV27,NL01",
            "--load",
            "--new-indicators",
            "create",
        ]
    )
    captured = capsys.readouterr()
    assert code == cli.EXIT_OK, captured.err
    assert "pagina 1" in captured.err
    assert "loaded as load" in captured.out
    assert (out / "index.json").is_file()


def test_cli_fetch_cbs_404_exits_1_with_the_message(server, tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("BW_DATA_DIR", str(tmp_path))
    code = cli.main(["fetch", "cbs", "12345NED", "--base-url", server.root + "/x/{table}"])
    assert code == cli.EXIT_DATA_ERROR
    assert "tabel 12345NED bestaat niet" in capsys.readouterr().err
    assert not (tmp_path / "downloads" / "12345NED").exists()


def test_cli_fetch_usage_errors_exit_2(capsys):
    assert cli.main(["fetch"]) == cli.EXIT_USAGE
    assert cli.main(["fetch", "cbs", "not a table!"]) == cli.EXIT_USAGE
    assert cli.main(["fetch", "boundaries", "20x5"]) == cli.EXIT_USAGE
    assert cli.main(["fetch", "boundaries", "2025", "--level", "wijk"]) == cli.EXIT_USAGE


def test_cli_fetch_boundaries_from_a_file(tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("BW_DATA_DIR", str(tmp_path))
    good = HTTP / "boundaries" / "gemeente_wgs84.geojson"
    assert cli.main(["fetch", "boundaries", "2025", "--file", str(good)]) == cli.EXIT_OK
    assert (tmp_path / "boundaries" / "gemeente_2025.geojson").is_file()
    bad = HTTP / "boundaries" / "gemeente_rd_new.geojson"
    assert cli.main(["fetch", "boundaries", "2024", "--file", str(bad)]) == cli.EXIT_DATA_ERROR
    assert "RD New" in capsys.readouterr().err
    assert not (tmp_path / "boundaries" / "gemeente_2024.geojson").exists()
