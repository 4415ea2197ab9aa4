"""Serve the dashboard: ``streamlit run app.py``, plus a page fix and the release of ended
sessions' memory (:func:`main`). The one way to start it: ``make run``, ``anis-viz run``,
``scripts/serve.py`` and the browser tests' server all come here.

The page fix. The app declares its pages with ``st.navigation``, but its page scripts live
in a folder named ``pages/``. Until a first script run has called ``st.navigation``,
Streamlit 1.67 takes that folder for an old-style multipage app, so the very first visit
after the server starts to any page but the home page shows a "Page not found" dialog over
the right page (streamlit/streamlit#9992). :func:`navigation_only` tells Streamlit up front
that the folder is not used that way.
"""

from __future__ import annotations

import asyncio
import contextlib
import ctypes
import gc
import os
import sys
import threading
import time
from pathlib import Path

# Arrow (pandas' strings) allocates from the C allocator, not from its own mimalloc pool,
# which keeps what it frees: memory freed by an ended session then goes back to the system
# with :func:`anis_viz.cache.give_back`. Read once, when pyarrow is first imported, so set
# before Streamlit (which imports pandas) is; child processes inherit it.
os.environ.setdefault("ARROW_DEFAULT_MEMORY_POOL", "system")

from streamlit.runtime.pages_manager import PagesManager  # noqa: E402
from streamlit.web import cli

from anis_viz.cache import give_back  # noqa: E402 -- after the memory pool is chosen

__all__ = ["APP", "COLLECT_EVERY", "c_allocator", "collect_garbage", "drop_orphaned_files",
           "empty_session", "fewer_arenas", "forget_disconnected", "main", "navigation_only",
           "system_memory_pool"]

APP = Path(__file__).resolve().parent.parent / "app.py"
COLLECT_EVERY = 30.0  # seconds between two full garbage collections
M_ARENA_MAX = -8  # glibc's mallopt parameter


def navigation_only() -> None:
    """Pages come from ``st.navigation`` alone, never from the ``pages/`` folder."""
    PagesManager.uses_pages_directory = False


def system_memory_pool() -> str:
    """Arrow's memory pool in this process: the C allocator's (``"system"``) unless
    ``ARROW_DEFAULT_MEMORY_POOL`` names another. Returns the pool's name; changes the pool
    when pyarrow was imported before the variable was set."""
    chosen = os.environ.setdefault("ARROW_DEFAULT_MEMORY_POOL", "system")
    import pyarrow as pa

    if chosen == "system" and pa.default_memory_pool().backend_name != "system":
        pa.set_memory_pool(pa.system_memory_pool())
    return pa.default_memory_pool().backend_name


def forget_disconnected() -> int:
    """Shut down the sessions whose browser left more than ``server.disconnectedSessionTTL``
    seconds ago. Streamlit keeps a closed session that long for a browser that reconnects
    (a phone waking up), then drops it only when another session connects or leaves, and
    without shutting it down: its uploaded file stays in Streamlit's upload store, and on a
    quiet server an ended session's upload would stay in memory. The session is emptied
    too (:func:`empty_session`). Runs on Streamlit's event loop, as its own session
    handling does; returns how many sessions were let go (0 when no server runs)."""
    from streamlit.runtime import Runtime

    if not Runtime.exists():
        return 0
    runtime = Runtime.instance()
    manager = getattr(runtime, "_session_mgr", None)
    cache = getattr(getattr(manager, "_session_storage", None), "_cache", None)
    lock = getattr(manager, "_storage_lock", None)
    if cache is None or lock is None or not hasattr(cache, "expire"):
        return 0

    def forget() -> int:
        with lock:
            expired = cache.expire()
        for _, info in expired:
            with contextlib.suppress(Exception):
                info.session.shutdown()
            empty_session(info.session)
        return len(expired)

    loop = None
    with contextlib.suppress(Exception):
        loop = runtime._get_async_objs().eventloop
    if loop is None or not loop.is_running():
        return forget()

    async def on_loop() -> int:
        return forget()

    return asyncio.run_coroutine_threadsafe(on_loop(), loop).result(timeout=30)


def empty_session(session) -> None:
    """Let go of what a shut-down session holds: its state (the uploaded dataset), and the
    widget callbacks and fragments of its last pages, whose page scripts' globals hold the
    dataset the page drew. Streamlit's message loop keeps the last session it served in a
    local variable until it serves another, so on a quiet server the last viewer's session
    object outlives its shutdown, and with it all it refers to. Streamlit keeps widget
    callbacks for a session's life (``SessionState.clear`` leaves them)."""
    state = getattr(session, "session_state", None)
    with contextlib.suppress(Exception):
        state.clear()
    with contextlib.suppress(Exception):
        state._new_widget_state.widget_metadata.clear()
    fragments = getattr(session, "_fragment_storage", None)
    with contextlib.suppress(Exception):
        fragments.clear()
    with contextlib.suppress(Exception):
        fragments.clear_outside_wrappers()


def drop_orphaned_files() -> None:
    """Let Streamlit drop the files and download callbacks no session refers to any more.
    It does so when a script run ends or a session shuts down, and a file offered for
    download only on the second pass (the first marks it, so a download under way can
    finish): on a quiet server, the last sessions' files would wait for the next visitor.
    Called every :data:`COLLECT_EVERY` seconds, a file goes 30 to 60 s after its last
    session."""
    from streamlit.runtime import Runtime

    if Runtime.exists():
        Runtime.instance().media_file_mgr.remove_orphaned_files()


def collect_garbage(every: float = COLLECT_EVERY) -> threading.Thread:
    """A full garbage collection every ``every`` seconds, in the background, after letting
    go of the sessions that left (:func:`forget_disconnected`). A session that Streamlit
    lets go of is a web of objects that refer to each other, which only a full collection
    frees, and an idle server seldom runs one: an ended session's upload (and the answers
    :mod:`anis_viz.cache` computed from it) would stay in memory. Then the files of ended
    sessions go (:func:`drop_orphaned_files`) and freed memory goes back to the system."""
    def loop() -> None:
        while True:
            time.sleep(every)
            with contextlib.suppress(Exception):
                forget_disconnected()
            with contextlib.suppress(Exception):
                drop_orphaned_files()
            gc.collect()
            give_back()

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


def c_allocator() -> None:
    """Run on the C allocator for Python objects too (``PYTHONMALLOC=malloc``): Python's own
    allocator keeps each 1 MiB arena while a single object lives in it, so an ended
    session's objects, scattered among the server's, pinned their memory (in-process, four
    100× packages drawn then dropped: 1.46× the memory before with Python's allocator, 1.17×
    with the C one, for about 5 % more CPU). The interpreter reads the variable when it
    starts: the first time, the process starts itself again with it (same process id)."""
    if "PYTHONMALLOC" not in os.environ:
        os.execve(sys.executable, [sys.executable, *sys.orig_argv[1:]],
                  {**os.environ, "PYTHONMALLOC": "malloc"})


def main(argv: list[str] | None = None) -> int:
    """``streamlit run app.py ARGV`` (Streamlit's own options: ``--server.port 8501`` …)."""
    c_allocator()
    navigation_only()
    system_memory_pool()
    fewer_arenas()
    collect_garbage()
    sys.argv = ["streamlit", "run", str(APP), *(sys.argv[1:] if argv is None else argv)]
    return cli.main()
