"""The published site from a plain file server, in Chromium: it opens, its charts paint,
and nothing is requested outside this machine."""

from __future__ import annotations

import subprocess
import sys
import time
import urllib.request
from urllib.parse import urlsplit

import pytest

from anis_viz import devserver, publish, views

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def site_url(anis, tmp_path_factory):
    out = tmp_path_factory.mktemp("site")
    publish.publish(anis, out)
    port = devserver.free_port()
    server = subprocess.Popen([sys.executable, "-m", "http.server", str(port), "--bind",
                               "127.0.0.1", "--directory", str(out)],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    for _ in range(100):
        try:
            urllib.request.urlopen(base, timeout=1).close()
            break
        except OSError:
            time.sleep(0.1)
    yield base
    server.terminate()
    server.wait(timeout=10)


def test_the_site_opens_and_its_charts_paint(site_url, page, anis):
    requested = []
    page.on("request", lambda request: requested.append(request.url))
    page.goto(f"{site_url}/index.html")
    page.click('a[hreflang="en"]')
    page.wait_for_url("**/en/index.html")
    links = page.locator("main ul").first.locator("a")
    assert links.count() == len(views.PAGES)
    for page_name in views.PAGES:
        page.goto(f"{site_url}/en/{publish._page_slug(page_name, 'en')}.html")
        expected = len(views.build(views.of(page_name, ds=anis), anis, "en"))
        page.wait_for_function(
            f"document.querySelectorAll('.js-plotly-plot .main-svg').length >= {expected}",
            timeout=30000)
        assert page.locator(".js-plotly-plot").count() == expected
    # a card from the French index
    page.goto(f"{site_url}/fr/index.html")
    page.locator('a[href^="evenements/"]').first.click()
    assert page.locator("blockquote").count() == 1
    assert page.console_errors == []
    outside = [u for u in requested if urlsplit(u).hostname != "127.0.0.1"]
    assert outside == []
    assert sum(u.endswith("/plotly.min.js") for u in requested) >= 1
