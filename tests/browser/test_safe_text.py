"""A poisoned package (every displayed text field and the descriptor carry Markdown, KaTeX,
directives, links, images and HTML), served as the app's data and opened in Chromium on
every page, card and slide: the rendered page holds no element, link or image the data
made, no script of the data runs, and no request leaves for an address the data chose."""

from pathlib import Path

import pytest

from anis_viz import devserver
from tests.browser.conftest import ARTIFACTS
from tests.browser.test_pages import CHART
from tests.payloads import HOST, MARKERS, poisoned_package

ROOT = Path(__file__).resolve().parents[2]

# An element the data made: a marker alone in an element, a data address in a link or an
# image, KaTeX output, or a flag set by the data's script.
MADE = """(markers, host) => {
  const found = [];
  for (const el of document.querySelectorAll('body *')) {
    if (['SCRIPT', 'STYLE'].includes(el.tagName)) continue;
    if (markers.includes((el.textContent || '').trim()))
      found.push(el.tagName + ': ' + el.textContent.trim());
  }
  for (const el of document.querySelectorAll(
      `[href*="${host}"], [src*="${host}"], [srcset*="${host}"], .katex, img[src="x"]`))
    found.push(el.outerHTML.slice(0, 160));
  if (window.__pwned) found.push('the data ran a script: ' + window.__pwned);
  return found;
}"""

URLS = [
    ("", ""), ("", "&lang=en"),
    ("chronologie", "&event=ev_cyber_npdc"), ("chronologie", "&lanes=actor&lang=en"),
    ("reseau", "&actor=anis"), ("reseau", "&actor=insite&lang=en"), ("reseau", "&compare="),
    *[("themes", f"&chart={c}") for c in ("heatmap", "area", "bump", "flow", "meetings",
                                            "actors")],
    *[("presentation", f"&slide={n}") for n in range(1, 10)],
    ("donnees", ""), ("donnees", "&lang=en"),
]


@pytest.fixture(scope="module")
def poisoned_server(tmp_path_factory):
    if not devserver.CHROMIUM.exists():
        pytest.skip(f"{devserver.CHROMIUM} not found")
    folder = poisoned_package(ROOT / "data" / "anis", tmp_path_factory.mktemp("poison") / "p")
    process, base = devserver.start(ARTIFACTS, env={"ANIS_VIZ_DATA": str(folder)})
    yield base
    devserver.stop(process)


@pytest.mark.browser
@pytest.mark.parametrize("path, query", URLS)
def test_data_text_stays_text_in_the_browser(browser, poisoned_server, path, query):
    context = browser.new_context(viewport={"width": 1280, "height": 2400}, locale="fr-FR")
    page = context.new_page()
    asked = []
    page.on("request", lambda request: asked.append(request.url)
            if HOST in request.url else None)
    try:
        page.goto(f"{poisoned_server}/{path}?x=1{query}", wait_until="domcontentloaded")
        page.wait_for_selector("h1", timeout=30_000)
        page.wait_for_function("() => document.querySelector("
                               "'[data-test-script-state=\"notRunning\"]')", timeout=30_000)
        if path not in ("donnees",):
            page.wait_for_selector(CHART, timeout=30_000)
        if path == "presentation":  # the presenter's notes too
            page.get_by_text("Notes").first.click()
            page.wait_for_function("() => document.querySelector("
                                   "'[data-test-script-state=\"notRunning\"]')", timeout=30_000)
        page.wait_for_timeout(500)
        for chart in page.locator(CHART).all()[:3]:  # a hover label on each chart
            box = chart.bounding_box()
            if box:
                page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
                page.wait_for_timeout(200)
        made = page.evaluate(f"(m) => ({MADE})(m, '{HOST}')", list(MARKERS))
        shown = page.locator("body").inner_text()
        assert "ZB" in shown or path == "presentation"  # the data is on the page, as text
        assert made == [], made[:10]
        assert asked == []
        assert page.locator("[data-testid='stException']").count() == 0
    finally:
        page.screenshot(path=str(ARTIFACTS / f"safe_{path or 'overview'}{query}.png"))
        context.close()
