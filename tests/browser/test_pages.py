"""Every page in a real browser, in French and English: it loads, every chart paints, no
exception box, no console error, and axe-core finds no serious or critical WCAG 2.1 A/AA
violation."""

import pytest

from tests.browser.conftest import ARTIFACTS, AXE

CHART = "div.stPlotlyChart .js-plotly-plot .main-svg"
# url path, number of charts at least, title (fr, en)
PAGES = [
    ("", 1, ("Vue d’ensemble", "Overview")),
    ("donnees", 0, ("Données", "Data")),
]


def open_page(page, server, path, lang, query=""):
    page.goto(f"{server}/{path}?lang={lang}{query}", wait_until="domcontentloaded")
    page.wait_for_selector("[data-testid='stAppViewContainer']", timeout=30_000)
    page.wait_for_selector("h1", timeout=30_000)
    page.wait_for_function(
        "() => document.querySelector('[data-test-script-state=\"notRunning\"]')", timeout=30_000)


@pytest.mark.browser
@pytest.mark.parametrize("lang", ["fr", "en"])
@pytest.mark.parametrize("path, charts, titles", PAGES)
def test_page_loads_and_paints(page, server, path, charts, titles, lang):
    open_page(page, server, path, lang)
    if charts:
        page.wait_for_selector(CHART, timeout=30_000)
    assert page.locator("h1").first.inner_text().strip() == titles[lang == "en"]
    assert page.locator(CHART).count() >= charts
    assert page.locator("[data-testid='stException']").count() == 0
    page.screenshot(path=str(ARTIFACTS / f"{path or 'overview'}_{lang}.png"))
    assert page.console_errors == []


@pytest.mark.browser
@pytest.mark.parametrize("lang", ["fr", "en"])
@pytest.mark.parametrize("path, charts, titles", PAGES)
def test_no_serious_accessibility_violation(page, server, path, charts, titles, lang):
    open_page(page, server, path, lang)
    if charts:
        page.wait_for_selector(CHART, timeout=30_000)
    page.add_script_tag(path=str(AXE))
    result = page.evaluate("""async () => await axe.run(document, {
        runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']}})""")
    serious = [(v["id"], v["impact"], len(v["nodes"]), v["nodes"][0]["target"])
               for v in result["violations"] if v["impact"] in ("serious", "critical")]
    assert serious == []
    assert page.evaluate("document.documentElement.lang") == lang
