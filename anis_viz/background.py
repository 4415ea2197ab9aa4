"""Check an upload in a separate process, bounded in time and memory.

The server runs every viewer's script in threads of one process, so a long validation on a
script thread slows every page. A check runs instead in a fresh process (``spawn``): the
page polls it and shows its progress; the process is stopped after :data:`SECONDS`, may use
at most :data:`MEMORY` bytes, and gives all its memory back to the system when it ends. At
most :data:`RUNNING` checks run at once on a server.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import threading
import time

from anis_viz.upload import MB, Notice

__all__ = ["MAX_PROBLEMS", "MEMORY", "RUNNING", "SECONDS", "Check", "start"]

SECONDS = 60  # a check that takes longer is stopped and the user told why
MEMORY = 1536 * MB  # address space of one check (pandas and its libraries included)
RUNNING = 2  # checks at once, server-wide (the machine has few cores)
MAX_PROBLEMS = 10_000  # problems sent back to the page; the report says how many in all

_lock = threading.Lock()
_running: set[Check] = set()


def _limit_memory(limit: int) -> None:
    with contextlib.suppress(ImportError, ValueError, OSError):
        import resource

        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))


def _work(conn, uploads, max_bytes: int, memory: int) -> None:
    """In the child: load and validate, send (dataset, notices, problems) back."""
    _limit_memory(memory)
    names = ", ".join(name for name, _ in uploads)
    try:
        from anis_viz import upload

        ds, notices, problems = upload.load_upload(uploads, max_bytes=max_bytes)
        del uploads
        if len(problems) > MAX_PROBLEMS:
            notices = [*notices, Notice("problems_cut", "warning",
                                        {"n": len(problems), "shown": MAX_PROBLEMS})]
            problems = problems[:MAX_PROBLEMS]
        conn.send((ds, notices, problems))
    except MemoryError:
        conn.send((None, [Notice("too_much_memory", "error",
                                 {"names": names, "max_bytes": memory})], []))
    except Exception:  # noqa: BLE001 -- the page must get an answer, whatever happened
        conn.send((None, [Notice("unreadable", "error", {"names": names})], []))
    finally:
        conn.close()


class Check:
    """One upload being checked. :meth:`outcome` is None while it runs, then
    ``(dataset or None, notices, problems)``, as :func:`anis_viz.upload.load_upload`."""

    def __init__(self, uploads: list[tuple[str, bytes]], max_bytes: int, *,
                 seconds: float = SECONDS, memory: int = MEMORY):
        self.names = ", ".join(name for name, _ in uploads)
        self.seconds = seconds
        self.started = time.monotonic()
        self._outcome = None
        context = multiprocessing.get_context("spawn")
        self._conn, child = context.Pipe(duplex=False)
        self._process = context.Process(target=_work, args=(child, uploads, max_bytes, memory),
                                        daemon=True, name="anis-viz-upload-check")
        self._process.start()
        child.close()

    @property
    def elapsed(self) -> float:
        return time.monotonic() - self.started

    def outcome(self):
        if self._outcome is not None:
            return self._outcome
        try:
            if self._conn.poll():
                self._end(self._conn.recv())
            elif not self._process.is_alive():  # ended without a word: killed for memory
                self._end((None, [Notice("too_much_memory", "error",
                                         {"names": self.names, "max_bytes": MEMORY})], []))
            elif self.elapsed > self.seconds:
                self._end((None, [Notice("too_slow", "error",
                                         {"names": self.names,
                                          "seconds": int(self.seconds)})], []))
        except (EOFError, OSError, MemoryError):
            self._end((None, [Notice("unreadable", "error", {"names": self.names})], []))
        return self._outcome

    def _end(self, outcome) -> None:
        self._outcome = outcome
        self.stop()

    def stop(self) -> None:
        """Stop the process (if it still runs) and release its slot."""
        if self._process.is_alive():
            self._process.kill()
        self._process.join(timeout=5)
        self._conn.close()
        with _lock:
            _running.discard(self)


def start(uploads: list[tuple[str, bytes]], max_bytes: int, **limits) -> Check | Notice:
    """A new :class:`Check`, or a notice saying the server is busy."""
    with _lock:
        stale = [c for c in _running if c.elapsed > c.seconds]  # its session left
    for check in stale:
        check.outcome()  # stops it
    with _lock:
        if len(_running) >= RUNNING:
            return Notice("busy", "error", {"n": len(_running)})
        check = Check(uploads, max_bytes, **limits)
        _running.add(check)
    return check
