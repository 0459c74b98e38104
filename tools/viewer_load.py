"""Many viewers at once against a running bw app: per-session page response times.

Each session does what a browser does on opening a link: it connects to Streamlit's websocket
(``/_stcore/stream``), asks for a run of the home page with ``?regio=CODE`` and waits until the
script has finished; with ``--views`` it then switches region every ``--think`` seconds, as a
reader does. The time from the request (for the first view: from connecting) to the finished
run is that view's page response. Sessions start together or spread over ``--ramp`` seconds,
at most ``--concurrency`` at a time, over the regions given and over the replicas' ports.

Speaks the protocol the way .ci/smoke_session.py does (the protobuf messages that ship with
streamlit) and needs the dev-only ``websockets`` package, hence tools/ rather than bw/.

With ``--pid PID`` (the app's process) it also reports that process's peak memory (``VmHWM``
in /proc/PID/status: the most it held since it started, so start a fresh app to measure a run)
and the CPU time it spent during the load (in all and per view: steadier than wall times when
other jobs share the machine).
Beside the times it counts what the websocket delivered per view: the ForwardMsgs, their bytes
and the elements drawn (median per first view and per later view).

With ``--demo`` the tool starts the app itself, fresh, on the (first) port given (0: a free
one): the demo monitor built in a temporary folder by the command line, ``streamlit run
app.py`` with the browser tools' settings (tools/app_runner.py), its peak memory reported.
With ``--baseline`` it
also starts the trivial two-page app of tools/page_timing.py (a title and a paragraph, the same
``config.toml``) on ``--baseline-port`` and runs the same load against it afterwards, reported
under ``"baseline"``: the floor any Streamlit page has on this machine.

Usage: python tools/viewer_load.py PORT[,PORT…] [--sessions 50] [--views 1] [--think 5]
       [--ramp 0] [--concurrency N] [--page hier_en_nu] [--pid PID] [--demo]
       [--baseline [--baseline-port PORT]] [--warmup] [--json]
Exit code 1 when any session failed (no finished run, an exception shown, a timeout), 2 when an
app it was to start did not start.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import statistics
import sys
import tempfile
import time
from contextlib import ExitStack
from dataclasses import asdict, dataclass
from pathlib import Path

from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ClientState_pb2 import ClientState
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from websockets.asyncio.client import connect

sys.path.insert(0, str(Path(__file__).resolve().parent))  # the sibling tools, run from anywhere

from app_runner import app_env, build_store, running_app  # noqa: E402
from page_timing import write_baseline_app  # noqa: E402

from bw import config  # noqa: E402

#: Gemeenten of the demo monitor; a real store needs ``--regions``.
DEMO_REGIONS = (
    "GM0917",
    "GM0363",
    "GM0599",
    "GM0344",
    "GM0518",
    "GM0772",
    "GM0034",
    "GM0193",
    "GM0935",
    "GM0086",
    "GM0402",
    "GM0268",
    "GM0153",
    "PV27",
    "PV31",
    "NL01",
)


@dataclass(frozen=True, slots=True)
class ViewResult:
    """One page view of a viewer session."""

    port: int  # the replica that served it: 8501
    region: str  # GM0917
    first: bool  # the session's first view (includes opening the websocket)
    seconds: float  # from the request (or connecting) to the finished run: 0.84
    error: str | None  # why the view failed, or None
    messages: int = 0  # ForwardMsgs received for the view: 61
    payload_bytes: int = 0  # their bytes on the websocket: 48_210
    elements: int = 0  # of which new elements drawn: 52


@dataclass(slots=True)
class _Received:
    """What the websocket delivered for one view."""

    messages: int = 0
    payload_bytes: int = 0
    elements: int = 0


async def one_session(
    port: int, regions: list[str], *, think: float, timeout: float, page: str = ""
) -> list[ViewResult]:
    """Open the home page as a new browser session, then view the other regions in turn."""
    results: list[ViewResult] = []
    started = time.perf_counter()
    region = regions[0]
    try:
        async with connect(
            f"ws://127.0.0.1:{port}/_stcore/stream",
            max_size=None,
            open_timeout=timeout,
            ping_interval=None,  # a busy server answers late; the per-view timeout decides
        ) as connection:
            for index, region in enumerate(regions):
                if index:
                    await asyncio.sleep(think)
                    started = time.perf_counter()
                request = BackMsg(
                    rerun_script=ClientState(
                        query_string=f"regio={region}", page_script_hash="", page_name=page
                    )
                )
                await connection.send(request.SerializeToString())
                received = _Received()
                error = await asyncio.wait_for(
                    _until_finished(connection, received), timeout=timeout
                )
                results.append(
                    ViewResult(
                        port,
                        region,
                        index == 0,
                        time.perf_counter() - started,
                        error,
                        received.messages,
                        received.payload_bytes,
                        received.elements,
                    )
                )
    except Exception as failure:  # noqa: BLE001 - every failure is counted, none stops the run
        results.append(
            ViewResult(
                port,
                region,
                not results,
                time.perf_counter() - started,
                f"{type(failure).__name__}: {failure}",
            )
        )
    return results


async def _until_finished(connection, received: _Received) -> str | None:
    """Read forward messages until the run finishes, counting them into ``received``; the
    problem, or None when it ran clean."""
    problem = None
    while True:
        raw = await connection.recv()
        received.messages += 1
        received.payload_bytes += len(raw)
        if isinstance(raw, str):
            continue
        message = ForwardMsg()
        message.ParseFromString(raw)
        kind = message.WhichOneof("type")
        if kind == "delta" and message.delta.WhichOneof("type") == "new_element":
            received.elements += 1
            element = message.delta.new_element
            if element.WhichOneof("type") == "exception":
                problem = f"exception shown: {element.exception.type}: {element.exception.message}"
        elif kind == "script_finished":
            if message.script_finished == ForwardMsg.FINISHED_EARLY_FOR_RERUN:
                continue
            if message.script_finished not in (
                ForwardMsg.FINISHED_SUCCESSFULLY,
                ForwardMsg.FINISHED_FRAGMENT_RUN_SUCCESSFULLY,
            ):
                problem = problem or "the script did not finish successfully"
            return problem


async def run_load(
    ports: list[int],
    *,
    sessions: int,
    concurrency: int,
    regions: tuple[str, ...],
    views: int,
    think: float,
    ramp: float,
    timeout: float,
    page: str = "",
) -> list[ViewResult]:
    """Start ``sessions`` sessions spread over ``ramp`` seconds, at most ``concurrency`` at once.

    Sessions go to the ports in turn, as a sticky proxy spreads new sessions over replicas.
    """
    gate = asyncio.Semaphore(concurrency)

    async def gated(index: int) -> list[ViewResult]:
        await asyncio.sleep(ramp * index / sessions)
        chosen = [regions[(index + step * 7) % len(regions)] for step in range(views)]
        async with gate:
            return await one_session(
                ports[index % len(ports)], chosen, think=think, timeout=timeout, page=page
            )

    batches = await asyncio.gather(*(gated(i) for i in range(sessions)))
    return [view for batch in batches for view in batch]


def summarise(results: list[ViewResult], wall: float) -> dict:
    """p50, p95 and max of the page responses (all views, and first views), the errors."""
    errors = [asdict(r) for r in results if r.error]

    def figures(times: list[float]) -> dict:
        times = sorted(times)
        if not times:
            return {"n": 0}
        return {
            "n": len(times),
            "p50_s": round(statistics.median(times), 3),
            "p95_s": round(_percentile(times, 0.95), 3),
            "max_s": round(times[-1], 3),
        }

    def sent(views: list[ViewResult]) -> dict:
        clean = [view for view in views if not view.error]
        if not clean:
            return {}
        return {
            "messages_p50": int(statistics.median(view.messages for view in clean)),
            "payload_bytes_p50": int(statistics.median(view.payload_bytes for view in clean)),
            "elements_p50": int(statistics.median(view.elements for view in clean)),
        }

    later = [r for r in results if not r.first]
    return {
        "sessions": sum(1 for r in results if r.first),
        "views": len(results),
        "errors": len(errors),
        **figures([r.seconds for r in results]),
        "first_view": {
            **figures([r.seconds for r in results if r.first]),
            **sent([r for r in results if r.first]),
        },
        **(
            {"later_views": {**figures([r.seconds for r in later]), **sent(later)}} if later else {}
        ),
        "wall_s": round(wall, 3),
        "failures": errors[:10],
    }


def _percentile(ordered: list[float], q: float) -> float:
    """The nearest-rank percentile of an ordered list (p95 of 50 is the 48th value)."""
    rank = max(1, -(-len(ordered) * q // 1))  # ceil(n * q)
    return ordered[int(rank) - 1]


def peak_memory_mb(pid: int) -> float | None:
    """The process's peak resident memory (VmHWM) in MB, or None where /proc cannot tell."""
    try:
        status = Path(f"/proc/{pid}/status").read_text(encoding="ascii")
    except OSError:
        return None
    for line in status.splitlines():
        if line.startswith("VmHWM:"):
            return round(int(line.split()[1]) / 1024, 1)  # the kernel counts in kB
    return None


def cpu_seconds(pid: int) -> float | None:
    """The CPU time (user + system) the process has used so far, or None where /proc cannot
    tell. Beside the wall times it is the steadier figure on a shared machine."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text(encoding="ascii").rsplit(")", 1)[1].split()
    except (OSError, IndexError):
        return None
    ticks = os.sysconf("SC_CLK_TCK")
    return (int(fields[11]) + int(fields[12])) / ticks  # utime, stime: fields 14 and 15


def main(argv: list[str] | None = None) -> int:
    """Start what was asked for, run the sessions against the app (then the baseline), print."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("ports", help="the app's port, or several replicas' ports: 8501,8502")
    parser.add_argument("--sessions", type=int, default=50, help="viewer sessions (50)")
    parser.add_argument(
        "--concurrency", type=int, default=None, help="sessions open at once (default: all of them)"
    )
    parser.add_argument(
        "--views",
        type=int,
        default=1,
        help="page views per session: the first opens it, the others switch region (1)",
    )
    parser.add_argument(
        "--think", type=float, default=5.0, help="seconds between a session's views (5)"
    )
    parser.add_argument(
        "--ramp",
        type=float,
        default=0.0,
        help="spread the sessions' starts over this many seconds (0: at once)",
    )
    parser.add_argument(
        "--regions",
        default=",".join(DEMO_REGIONS),
        help="comma-separated region codes the sessions open, in turn",
    )
    parser.add_argument(
        "--page",
        default="",
        help="the page's address, e.g. hier_en_nu or vergelijken (default: the "
        "home page, Overzicht)",
    )
    parser.add_argument("--timeout", type=float, default=120.0, help="per view (s)")
    parser.add_argument(
        "--pid",
        type=int,
        default=None,
        help="the app's process id: also report its peak memory (VmHWM)",
    )
    parser.add_argument(
        "--demo",
        action="store_true",
        help="start the app itself, fresh, on the demo monitor on the (first) port given",
    )
    parser.add_argument(
        "--baseline",
        action="store_true",
        help="also start the trivial two-page app and run the same load against it",
    )
    parser.add_argument(
        "--baseline-port",
        type=int,
        default=None,
        help="the trivial app's port (default: a free one)",
    )
    parser.add_argument(
        "--warmup",
        action="store_true",
        help="first open every region once, one session at a time, not counted: the load then "
        "meets warm caches, as on a server that has been up for a while",
    )
    parser.add_argument("--json", action="store_true", help="print JSON")
    args = parser.parse_args(argv)
    ports = [int(port) for port in str(args.ports).split(",")]
    with tempfile.TemporaryDirectory(prefix="bw-viewer-load-") as temporary, ExitStack() as stack:
        folder = Path(temporary)
        pid, base_pid, base_port = args.pid, None, None
        try:
            if args.demo:
                store = build_store(folder, demo=True)
                url, pid = stack.enter_context(
                    running_app(
                        "app.py",
                        config.PROJECT_ROOT,
                        folder / "app.log",
                        app_env(store),
                        port=ports[0],
                    )
                )
                ports = [int(url.rsplit(":", 1)[1]), *ports[1:]]  # port 0: the free one it got
            if args.baseline:
                base_url, base_pid = stack.enter_context(
                    running_app(
                        str(write_baseline_app(folder / "baseline")),
                        folder / "baseline",
                        folder / "baseline.log",
                        app_env(folder / "unused.duckdb"),
                        port=args.baseline_port,
                    )
                )
                base_port = int(base_url.rsplit(":", 1)[1])
        except RuntimeError as failure:
            print(failure, file=sys.stderr)
            return 2
        summary = _measure(ports, args, pid=pid, page=args.page)
        if base_port is not None:
            summary["baseline"] = _measure([base_port], args, pid=base_pid, page="")
    if args.json:
        print(json.dumps(summary, indent=2))
    else:
        _print_summary(summary, args.sessions, len(ports), "bw")
        if "baseline" in summary:
            _print_summary(summary["baseline"], args.sessions, 1, "trivial app")
    errors = summary["errors"] + summary.get("baseline", {}).get("errors", 0)
    return 1 if errors else 0


def _measure(ports: list[int], args: argparse.Namespace, *, pid: int | None, page: str) -> dict:
    """One load run against ``ports`` as the arguments say; its summary (and peak memory)."""
    regions = tuple(code.strip() for code in args.regions.split(",") if code.strip())
    if args.warmup:
        asyncio.run(
            run_load(
                ports,
                sessions=len(regions) * len(ports),
                concurrency=1,
                regions=regions,
                views=1,
                think=0.0,
                ramp=0.0,
                timeout=args.timeout,
                page=page,
            )
        )
    cpu_before = cpu_seconds(pid) if pid is not None else None
    started = time.perf_counter()
    results = asyncio.run(
        run_load(
            ports,
            sessions=args.sessions,
            concurrency=args.concurrency or args.sessions,
            regions=regions,
            views=args.views,
            think=args.think,
            ramp=args.ramp,
            timeout=args.timeout,
            page=page,
        )
    )
    summary = summarise(results, time.perf_counter() - started)
    if pid is not None:
        summary["pid"] = pid
        summary["peak_memory_mb"] = peak_memory_mb(pid)
        cpu_after = cpu_seconds(pid)
        if cpu_before is not None and cpu_after is not None:
            summary["cpu_s"] = round(cpu_after - cpu_before, 2)
            summary["cpu_ms_per_view"] = round(1000 * (cpu_after - cpu_before) / len(results), 1)
    return summary


def _print_summary(summary: dict, sessions: int, replicas: int, name: str) -> None:
    first = summary["first_view"]
    print(
        f"viewer load ({name}): {sessions} sessions on {replicas} replica(s), "
        f"{summary['views']} page views, {summary['errors']} errors; page response "
        f"p50 {summary.get('p50_s', 0):.2f} s, p95 {summary.get('p95_s', 0):.2f} s, "
        f"max {summary.get('max_s', 0):.2f} s (first views p95 "
        f"{first.get('p95_s', 0):.2f} s, {first.get('messages_p50', 0)} messages, "
        f"{first.get('payload_bytes_p50', 0) / 1000:.1f} kB, {first.get('elements_p50', 0)} "
        f"elements); all done in {summary['wall_s']:.1f} s"
    )
    if "peak_memory_mb" in summary:
        print(
            f"viewer load ({name}): peak memory of process {summary['pid']}: "
            f"{summary['peak_memory_mb']} MB; CPU {summary.get('cpu_s')} s, "
            f"{summary.get('cpu_ms_per_view')} ms per view"
        )
    for failure in summary["failures"]:
        print(
            f"viewer load ({name}): {failure['port']} {failure['region']}: {failure['error']}",
            file=sys.stderr,
        )


if __name__ == "__main__":
    sys.exit(main())
