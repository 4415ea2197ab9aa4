"""The first visit to a deep link after the server starts shows the page, not Streamlit's
"Page not found" dialog (the fix in :func:`anis_viz.serve.navigation_only`)."""

import pytest

from anis_viz import devserver
from tests.browser.conftest import ARTIFACTS

pytestmark = pytest.mark.browser


def test_first_visit_to_a_deep_link_shows_the_page(browser):
    process, base = devserver.start(ARTIFACTS)  # a fresh server: this is its first visit
    try:
        context = browser.new_context()
        page = context.new_page()
        page.goto(f"{base}/reseau")
        page.wait_for_selector("div.stPlotlyChart .js-plotly-plot .main-svg", timeout=60_000)
        text = page.inner_text("body")
        context.close()
    finally:
        devserver.stop(process)
    assert "Page not found" not in text
    assert "Réseau" in text
