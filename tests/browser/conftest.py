"""Browser tests: a real ``streamlit run app.py`` on a free loopback port, driven by
Playwright on Debian's Chromium (nothing is downloaded).

Without Chromium the tests are skipped with one loud reason, except under CI (``CI=true``),
where a missing browser is a failure.
"""

import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = Path(os.environ.get("ANIS_VIZ_CHROMIUM", "/usr/bin/chromium"))
AXE = ROOT / "tests" / "browser" / "node_modules" / "axe-core" / "axe.min.js"
ARTIFACTS = ROOT / "tests" / "artifacts"  # screenshots of test runs (git-ignored)
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"]


def _missing(reason: str):
    if os.environ.get("CI") == "true":
        pytest.fail(f"BROWSER TESTS CANNOT RUN UNDER CI: {reason}")
    pytest.skip(f"!!! BROWSER TESTS SKIPPED: {reason} (run `make test` as root to install "
                f"Debian's chromium)")


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start_server(env_extra: dict | None = None):
    """Start the app; return (process, base URL). The caller stops it with stop_server."""
    port = _free_port()
    env = {**os.environ, **(env_extra or {})}
    log = open(ARTIFACTS / f"server_{port}.log", "w")  # noqa: SIM115 -- closed in stop_server
    process = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", str(ROOT / "app.py"),
         "--server.port", str(port), "--server.address", "127.0.0.1",
         "--server.headless", "true", "--browser.gatherUsageStats", "false",
         "--server.fileWatcherType", "none"],
        cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)
    process.log = log
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"{base}/_stcore/health", timeout=2) as answer:
                if answer.status == 200:
                    return process, base
        except OSError:
            time.sleep(0.3)
        if process.poll() is not None:
            break
    stop_server(process)
    pytest.fail(f"streamlit did not start; see {log.name}")


def stop_server(process) -> None:
    process.terminate()
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        process.kill()
    process.log.close()


@pytest.fixture(scope="session")
def server():
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    if not CHROMIUM.exists():
        _missing(f"{CHROMIUM} not found")
    process, base = start_server()
    yield base
    stop_server(process)


@pytest.fixture(scope="session")
def browser():
    if not CHROMIUM.exists():
        _missing(f"{CHROMIUM} not found")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        yield instance
        instance.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 2400},
                                  accept_downloads=True, locale="fr-FR")
    tab = context.new_page()
    tab.console_errors = []

    def record(message):
        url = (message.location or {}).get("url", "")
        # Streamlit probes <page>/_stcore/health and host-config on a page URL: known 404s.
        if message.type == "error" and not ("_stcore/" in url and "404" in message.text):
            tab.console_errors.append(f"{message.text} ({url})")

    tab.on("console", record)
    yield tab
    context.close()
