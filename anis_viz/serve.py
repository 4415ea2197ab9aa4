"""Serve the dashboard: ``streamlit run app.py`` plus one fix. The one way to start it:
``make run``, ``anis-viz run``, ``scripts/serve.py`` and the browser tests' server all come
here.

The app declares its pages with ``st.navigation``, but its page scripts live in a folder
named ``pages/``. Until a first script run has called ``st.navigation``, Streamlit 1.67 takes
that folder for an old-style multipage app, so the very first visit after the server starts
to any page but the home page shows a "Page not found" dialog over the right page
(streamlit/streamlit#9992). :func:`navigation_only` tells Streamlit up front that the folder
is not used that way; everything else is ``streamlit run``.
"""

from __future__ import annotations

import contextlib
import ctypes
import gc
import sys
import threading
import time
from pathlib import Path

from streamlit.runtime.pages_manager import PagesManager
from streamlit.web import cli

__all__ = ["APP", "COLLECT_EVERY", "collect_garbage", "fewer_arenas", "main", "navigation_only"]

APP = Path(__file__).resolve().parent.parent / "app.py"
COLLECT_EVERY = 30.0  # seconds between two full garbage collections
M_ARENA_MAX = -8  # glibc's mallopt parameter


def navigation_only() -> None:
    """Pages come from ``st.navigation`` alone, never from the ``pages/`` folder."""
    PagesManager.uses_pages_directory = False


def collect_garbage(every: float = COLLECT_EVERY) -> threading.Thread:
    """A full garbage collection every ``every`` seconds, in the background. A session that
    Streamlit lets go of is a web of objects that refer to each other, which only a full
    collection frees, and an idle server seldom runs one: an ended session's upload (and the
    answers :mod:`anis_viz.cache` computed from it) would stay in memory."""
    def loop() -> None:
        while True:
            time.sleep(every)
            gc.collect()

    thread = threading.Thread(target=loop, name="anis-viz-gc", daemon=True)
    thread.start()
    return thread


def fewer_arenas(arenas: int = 2) -> bool:
    """Let the C allocator keep at most ``arenas`` memory arenas (glibc only). It otherwise
    opens up to eight per core for the server's many threads, and memory freed in one
    arena is seldom handed back to the system. Call it before the threads start."""
    with contextlib.suppress(OSError, AttributeError):
        if sys.platform.startswith("linux"):
            return bool(ctypes.CDLL("libc.so.6").mallopt(M_ARENA_MAX, arenas))
    return False


def main(argv: list[str] | None = None) -> int:
    """``streamlit run app.py ARGV`` (Streamlit's own options: ``--server.port 8501`` …)."""
    navigation_only()
    fewer_arenas()
    collect_garbage()
    sys.argv = ["streamlit", "run", str(APP), *(sys.argv[1:] if argv is None else argv)]
    return cli.main()
