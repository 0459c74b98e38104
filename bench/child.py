"""Run one function in a fresh Python process that starts from bw, whatever ``__main__`` is.

``multiprocessing``'s spawn makes a child ready by running the parent's ``__main__`` script
again (as ``__mp_main__``), so that functions defined there can be found. When the parent is a
test session that has just run the app through Streamlit's AppTest, ``__main__`` is ``app.py``:
every child re-ran the app, which opened the default store a running app holds (issue 14 item
11). Everything a child runs here lives in an importable module (``bench``, ``bw``), so the
child needs no main script: :func:`run_in_child` starts it while ``__main__`` is a bare
stand-in, and puts the real one back at once.
"""

from __future__ import annotations

import multiprocessing
import sys
import threading
import types
from collections.abc import Callable, Iterator
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager
from typing import TypeVar

T = TypeVar("T")

#: Children are started one at a time while ``__main__`` is swapped.
_SWAP = threading.Lock()


@contextmanager
def _bare_main() -> Iterator[None]:
    """``sys.modules["__main__"]`` without a file or spec: a spawned child imports no script."""
    with _SWAP:
        real = sys.modules.get("__main__")
        sys.modules["__main__"] = types.ModuleType("__main__")
        try:
            yield
        finally:
            if real is None:
                sys.modules.pop("__main__", None)
            else:
                sys.modules["__main__"] = real


def run_in_child(function: Callable[..., T], /, *args: object, **kwargs: object) -> T:
    """``function(*args, **kwargs)`` in a new spawned process; its result, or its exception.

    ``function`` and its arguments must be picklable by reference (defined in a bw module).
    The child's peak memory is its own, which the benchmarks measure.

    >>> import os
    >>> run_in_child(os.getpid) != os.getpid()
    True
    """
    with ProcessPoolExecutor(
        max_workers=1, mp_context=multiprocessing.get_context("spawn")
    ) as pool:
        with _bare_main():  # the worker process starts on the first submit
            future = pool.submit(function, *args, **kwargs)
        return future.result()
