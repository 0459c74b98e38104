"""Open one real browser-like session on a running bw app and check the script ran cleanly.

Streamlit runs ``app.py`` only when a client connects over its websocket, so a health check
alone does not prove the app works. This script speaks Streamlit's own protocol (the protobuf
messages that ship with streamlit): it asks for a run, collects what the app renders, and exits
non-zero when the run fails, shows an exception, or does not finish in time.

Usage: python .ci/smoke_session.py PORT [QUERY_STRING] [EXPECTED_TEXT ...]
"""

from __future__ import annotations

import asyncio
import sys
import time

from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ClientState_pb2 import ClientState
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from websockets.asyncio.client import connect

TIMEOUT_SECONDS = 180


async def run_session(port: int, query_string: str) -> tuple[list[str], list[str], bool]:
    """Run the app once; return rendered texts, exception messages and whether it finished."""
    async with connect(
        f"ws://127.0.0.1:{port}/_stcore/stream", max_size=None, open_timeout=30
    ) as connection:
        request = BackMsg(rerun_script=ClientState(query_string=query_string, page_script_hash=""))
        await connection.send(request.SerializeToString())
        return await _collect(connection)


async def _collect(connection) -> tuple[list[str], list[str], bool]:
    texts: list[str] = []
    exceptions: list[str] = []
    finished = False
    while True:
        raw = await asyncio.wait_for(connection.recv(), timeout=TIMEOUT_SECONDS)
        if isinstance(raw, str):
            continue
        message = ForwardMsg()
        message.ParseFromString(raw)
        kind = message.WhichOneof("type")
        if kind == "delta" and message.delta.WhichOneof("type") == "new_element":
            element = message.delta.new_element
            which = element.WhichOneof("type")
            if which == "exception":
                exceptions.append(f"{element.exception.type}: {element.exception.message}")
            elif which in ("markdown", "heading", "alert", "text"):
                texts.append(str(getattr(element, which)))
        elif kind == "script_finished":
            finished = message.script_finished in (
                ForwardMsg.FINISHED_SUCCESSFULLY,
                ForwardMsg.FINISHED_FRAGMENT_RUN_SUCCESSFULLY,
            )
            if message.script_finished != ForwardMsg.FINISHED_EARLY_FOR_RERUN:
                break
    return texts, exceptions, finished


def main(argv: list[str]) -> int:
    """Check one session; print what failed."""
    port = int(argv[1])
    query_string = argv[2] if len(argv) > 2 else ""
    expected = argv[3:]
    started = time.perf_counter()
    texts, exceptions, finished = asyncio.run(run_session(port, query_string))
    elapsed = time.perf_counter() - started
    rendered = "\n".join(texts)
    problems = [f"exception shown: {e}" for e in exceptions]
    if not finished:
        problems.append("the script did not finish successfully")
    problems += [f"expected text not shown: {text!r}" for text in expected if text not in rendered]
    for problem in problems:
        print(f"smoke: {problem}", file=sys.stderr)
    print(f"smoke: {len(texts)} text elements rendered, {len(exceptions)} exceptions, "
          f"{elapsed:.2f} s from request to finished run")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
