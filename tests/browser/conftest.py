"""Browser tests: a real ``streamlit run app.py`` on a free loopback port, driven by
Playwright on Debian's Chromium (nothing is downloaded).

Without Chromium the tests are skipped with one loud reason, except under CI (``CI=true``),
where a missing browser is a failure.
"""

import os
from pathlib import Path

import pytest

from anis_viz import devserver

ROOT = Path(__file__).resolve().parents[2]
AXE = ROOT / "tests" / "browser" / "node_modules" / "axe-core" / "axe.min.js"
ARTIFACTS = ROOT / "tests" / "artifacts"  # screenshots and logs of test runs (git-ignored)


def _require_browser():
    if devserver.CHROMIUM.exists():
        return
    reason = f"{devserver.CHROMIUM} not found"
    if os.environ.get("CI") == "true":
        pytest.fail(f"BROWSER TESTS CANNOT RUN UNDER CI: {reason}")
    pytest.skip(f"!!! BROWSER TESTS SKIPPED: {reason} (run `make test` as root to install "
                f"Debian's chromium)")


@pytest.fixture(scope="session")
def server():
    _require_browser()
    try:
        process, base = devserver.start(ARTIFACTS)
    except devserver.ServerError as err:
        pytest.fail(str(err))
    yield base
    devserver.stop(process)


@pytest.fixture(scope="session")
def browser():
    _require_browser()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(executable_path=str(devserver.CHROMIUM),
                                              args=devserver.CHROMIUM_ARGS)
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
