"""Check an upload in a separate process, bounded in time and memory.

The server runs every viewer's script in threads of one process, so a long validation on a
script thread slows every page. A check runs instead in a fresh Python process
(``python -m anis_viz.background``, the upload in on stdin, the outcome back on stdout,
both pickled; nothing of the app is imported there but the loader). The page polls it and
shows its progress; the process may compute for :data:`CPU_SECONDS` (the system stops it
then, however busy the machine), lives at most :data:`SECONDS`, may use :data:`MEMORY`
bytes of address space, and gives all its memory back to the system when it ends. At most
:data:`RUNNING` checks run at once on a server.
"""

from __future__ import annotations

import contextlib
import os
import pickle
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

from anis_viz import upload
from anis_viz.upload import MB, Notice

__all__ = ["CPU_SECONDS", "MAX_PROBLEMS", "MEMORY", "RUNNING", "SECONDS", "Check", "start"]

CPU_SECONDS = 30  # computing time of one check; longer: stopped, and the user told why
SECONDS = 120  # the same in wall time (a very busy machine), as a backstop
# Address space of one check: Python, pandas and Arrow reserve far more than they touch
# (an invalid 20 MB upload peaks near 550 MB resident, 2.2 GB reserved).
MEMORY = 3072 * MB
RUNNING = 2  # checks at once, server-wide (the machine has few cores)
MAX_PROBLEMS = 10_000  # problems sent back to the page; the report says how many in all
ROOT = Path(__file__).resolve().parent.parent

_lock = threading.Lock()
_running: set[Check] = set()


class Check:
    """One upload being checked. :meth:`outcome` is None while it runs, then
    ``(dataset or None, notices, problems)``, as :func:`anis_viz.upload.load_upload`."""

    def __init__(self, uploads: list[tuple[str, bytes]], max_bytes: int, *,
                 seconds: float = SECONDS, memory: int = MEMORY):
        self.names = ", ".join(name for name, _ in uploads)
        self.seconds = seconds
        self.memory = memory
        self.started = time.monotonic()
        self._outcome = None
        env = {**os.environ, "OPENBLAS_NUM_THREADS": "1", "OMP_NUM_THREADS": "1",
               "MKL_NUM_THREADS": "1", "PYTHONPATH": str(ROOT)}
        self._process = subprocess.Popen(
            [sys.executable, "-m", "anis_viz.background", str(memory), str(CPU_SECONDS)],
            cwd=ROOT, env=env,
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
        payload = pickle.dumps((uploads, max_bytes), protocol=pickle.HIGHEST_PROTOCOL)
        self._thread = threading.Thread(target=self._talk, args=(payload,), daemon=True,
                                        name="anis-viz-upload-check")
        self._thread.start()

    def _talk(self, payload: bytes) -> None:
        try:
            out, _ = self._process.communicate(payload, timeout=self.seconds)
        except subprocess.TimeoutExpired:
            self._process.kill()
            self._process.communicate()
            self._outcome = self._too_slow()
        except (OSError, ValueError):
            self._outcome = self._failed("unreadable")
        else:
            if self._process.returncode in (-signal.SIGXCPU, -signal.SIGKILL):
                self._outcome = self._too_slow()
            else:
                self._outcome = self._answer(out)
        with _lock:
            _running.discard(self)

    def _answer(self, out: bytes):
        try:
            return pickle.loads(out)
        except Exception:  # noqa: BLE001 -- ended without an answer: out of memory
            return self._failed("too_much_memory")

    def _too_slow(self):
        return (None, [Notice("too_slow", "error", {"names": self.names,
                                                   "seconds": CPU_SECONDS})], [])

    def _failed(self, code: str):
        return (None, [Notice(code, "error", {"names": self.names, "max_bytes": self.memory})],
                [])

    @property
    def elapsed(self) -> float:
        return time.monotonic() - self.started

    def outcome(self):
        return self._outcome

    def stop(self) -> None:
        """Stop the process if it still runs (its session moved on)."""
        with contextlib.suppress(OSError):
            self._process.kill()


def start(uploads: list[tuple[str, bytes]], max_bytes: int, **limits) -> Check | Notice:
    """A new :class:`Check`, or a notice saying the server is busy."""
    with _lock:
        if len(_running) >= RUNNING:
            return Notice("busy", "error", {"n": len(_running)})
        check = Check(uploads, max_bytes, **limits)
        _running.add(check)
    return check


def _main(memory: int, cpu_seconds: int) -> None:
    """In the child: read the upload, load and validate it, write the outcome."""
    with contextlib.suppress(ImportError, ValueError, OSError):
        import resource

        resource.setrlimit(resource.RLIMIT_AS, (memory, memory))
        resource.setrlimit(resource.RLIMIT_CPU, (cpu_seconds, cpu_seconds + 5))
    uploads, max_bytes = pickle.loads(sys.stdin.buffer.read())
    names = ", ".join(name for name, _ in uploads)
    try:
        ds, notices, problems = upload.load_upload(uploads, max_bytes=max_bytes)
        del uploads
        if len(problems) > MAX_PROBLEMS:
            notices = [*notices, Notice("problems_cut", "warning",
                                        {"n": len(problems), "shown": MAX_PROBLEMS})]
            problems = problems[:MAX_PROBLEMS]
        outcome = (ds, notices, problems)
    except MemoryError:
        outcome = (None, [Notice("too_much_memory", "error",
                                 {"names": names, "max_bytes": memory})], [])
    except Exception:  # noqa: BLE001 -- the page must get an answer, whatever happened
        outcome = (None, [Notice("unreadable", "error", {"names": names})], [])
    sys.stdout.buffer.write(pickle.dumps(outcome, protocol=pickle.HIGHEST_PROTOCOL))
    sys.stdout.buffer.flush()


if __name__ == "__main__":
    _main(int(sys.argv[1]), int(sys.argv[2]))
