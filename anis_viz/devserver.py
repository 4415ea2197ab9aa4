"""Start and stop the app (:mod:`anis_viz.serve`) on a free loopback port (browser tests,
``make screenshots``, the memory measure). A development tool: the app never imports it.
Only loopback addresses are used."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = Path(os.environ.get("ANIS_VIZ_CHROMIUM", "/usr/bin/chromium"))
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run",
                 "--disable-quic"]


class ServerError(RuntimeError):
    pass


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start(log_dir: Path, env: dict | None = None, timeout: float = 60):
    """Start the app; return (process, base URL). Stop it with :func:`stop`."""
    port = free_port()
    log_dir.mkdir(parents=True, exist_ok=True)
    log = open(log_dir / f"server_{port}.log", "w")  # noqa: SIM115 -- closed by stop()
    process = subprocess.Popen(
        [sys.executable, str(ROOT / "scripts" / "serve.py"),
         "--server.port", str(port), "--server.address", "127.0.0.1",
         "--server.headless", "true", "--browser.gatherUsageStats", "false",
         "--server.fileWatcherType", "none"],
        cwd=ROOT, env={**os.environ, **(env or {})}, stdout=log, stderr=subprocess.STDOUT)
    process.log = log
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline and process.poll() is None:
        try:
            with urllib.request.urlopen(f"{base}/_stcore/health", timeout=2) as answer:
                if answer.status == 200:
                    return process, base
        except OSError:
            time.sleep(0.3)
    stop(process)
    raise ServerError(f"streamlit did not start; see {log.name}")


def stop(process) -> None:
    """Stop the server by its process id."""
    process.terminate()
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        process.kill()
    process.log.close()
