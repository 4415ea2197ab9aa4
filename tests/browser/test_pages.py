"""Every page in a real browser, in French and English: it loads, every chart paints, no
exception box, no console error, and axe-core finds no serious or critical WCAG 2.1 A/AA
violation."""

import pytest

from tests.browser.conftest import ARTIFACTS, AXE

CHART = "div.stPlotlyChart .js-plotly-plot .main-svg"
# url path, number of charts at least, title (fr, en)
PAGES = [
    ("", 1, ("Vue d’ensemble", "Overview")),
    ("chronologie", 1, ("Chronologie", "Timeline")),
    ("reseau", 1, ("Réseau", "Network")),
    ("themes", 1, ("Thèmes", "Themes")),
    ("donnees", 0, ("Données", "Data")),
]


def open_page(page, server, path, lang, query=""):
    page.goto(f"{server}/{path}?lang={lang}{query}", wait_until="domcontentloaded")
    page.wait_for_selector("[data-testid='stAppViewContainer']", timeout=30_000)
    page.wait_for_selector("h1", timeout=30_000)
    page.wait_for_function(
        "() => document.querySelector('[data-test-script-state=\"notRunning\"]')", timeout=30_000)
    # The app's own stylesheet (readable captions) arrives with the page's first elements.
    page.wait_for_function("() => [...document.querySelectorAll('style')]"
                           ".some(s => s.textContent.includes('stCaptionContainer'))",
                           timeout=30_000)


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


@pytest.mark.browser
def test_network_actor_link_opens_the_card_and_keeps_the_address(page, server):
    open_page(page, server, "reseau", "en", "&actor=catalyst&depth=2")
    page.wait_for_selector(CHART, timeout=30_000)
    assert page.get_by_role("heading", name="Around Catalyst (2-step neighbourhood)").count() == 1
    assert page.get_by_text("Its ties").count() == 1
    assert "actor=catalyst" in page.url and "depth=2" in page.url
    assert page.locator("[data-testid='stException']").count() == 0


NODE_XY = """(actor) => {
  const gd = document.querySelector('div.stPlotlyChart .js-plotly-plot');
  for (const trace of gd._fullData) {
    const i = (trace.customdata || []).indexOf(actor);
    if (i >= 0) {
      const xa = gd._fullLayout.xaxis, ya = gd._fullLayout.yaxis;
      const box = gd.getBoundingClientRect();
      return [box.left + xa._offset + xa.l2p(trace.x[i]),
              box.top + ya._offset + ya.l2p(trace.y[i])];
    }
  }
  return null;
}"""


@pytest.mark.browser
def test_network_click_on_an_actor_opens_its_card(page, server):
    open_page(page, server, "reseau", "en")
    page.wait_for_selector(CHART, timeout=30_000)
    page.wait_for_timeout(1000)  # let Plotly finish drawing
    page.mouse.click(*page.evaluate(NODE_XY, "insite"))
    page.wait_for_selector("text=Around INSITE (1-step neighbourhood)", timeout=30_000)
    assert page.get_by_role("heading", name="INSITE", exact=True).count() == 1
    assert "actor=insite" in page.url


@pytest.mark.browser
def test_network_click_on_a_tie_opens_its_card(page, server):
    """A tie is clicked through the invisible marker at its middle."""
    open_page(page, server, "reseau", "en", "&actor=insite")  # a small view: a tie in sight
    page.wait_for_selector(CHART, timeout=30_000)
    page.wait_for_timeout(1000)  # let Plotly finish drawing
    page.mouse.click(*page.evaluate(NODE_XY, "tie:r001"))  # ANIS hosted by INSITE
    page.wait_for_selector(".st-key-net_tie_card", timeout=30_000)
    card = page.locator(".st-key-net_tie_card")
    assert "ANIS — hosted by → INSITE" in card.locator("h3").inner_text()
    # the quotes behind it: a table (drawn on a canvas; its content is checked in AppTest)
    assert card.locator("[data-testid='stDataFrame']").count() == 1
    assert "tie=r001" in page.url
    assert page.console_errors == []


@pytest.mark.browser
def test_timeline_event_card_opens_by_link_and_by_click(page, server):
    from anis_viz.data import default_data_path, load_dataset
    from anis_viz.i18n import pick

    events = load_dataset(default_data_path()).events.sort_values("start_date")
    titles = dict(zip(events["event_id"], pick(events, "title", "en"), strict=True))
    first = events["event_id"].iloc[-1]  # the latest: not the first mark, clicked below
    open_page(page, server, "chronologie", "en", f"&event={first}")
    page.wait_for_selector(CHART, timeout=30_000)
    card = page.locator(".st-key-tl_card h3")
    assert card.inner_text().strip() == titles[first]
    page.locator("div.stPlotlyChart g.trace.scatter path.point").first.click(force=True)
    page.wait_for_function("() => new URL(location).searchParams.get('event') !== "
                           f"'{first}'", timeout=30_000)
    page.wait_for_function(
        "() => document.querySelector('[data-test-script-state=\"notRunning\"]')",
        timeout=30_000)
    chosen = page.evaluate("new URL(location).searchParams.get('event')")
    assert card.inner_text().strip() == titles[chosen]
    assert page.console_errors == []


@pytest.mark.browser
def test_themes_heatmap_cell_click_lists_its_quotes(page, server):
    """Clicking a heatmap cell (through its invisible marker) shows that cell's mentions."""
    open_page(page, server, "", "en")  # the shell first: deep links then route through it
    open_page(page, server, "themes", "en")
    page.wait_for_selector(CHART, timeout=30_000)
    page.wait_for_timeout(1500)
    heading = "strong:has-text('mention(s)')"
    before = page.locator(heading).last.inner_text()
    point = page.evaluate("""() => {
      const gd = document.querySelector('.js-plotly-plot');
      const xa = gd._fullLayout.xaxis, ya = gd._fullLayout.yaxis;
      const box = gd.querySelector('.nsewdrag').getBoundingClientRect();
      const col = xa._categories[xa._categories.length - 1];
      const row = ya._categories[ya._categories.length - 1];
      return {x: box.left + xa.l2p(xa._categories.indexOf(col)),
              y: box.top + ya.l2p(ya._categories.indexOf(row)), col, row};
    }""")
    page.mouse.click(point["x"], point["y"])
    page.wait_for_function(
        "([sel, before]) => { const all = document.querySelectorAll('strong');"
        " return [...all].some(e => e.innerText.includes('mention(s)') && e.innerText !== before"
        " && !e.innerText.startsWith(before)); }", arg=["strong", before], timeout=20_000)
    after = page.locator(heading).last.inner_text()
    assert after.startswith(f"{point['row']} — {point['col']}")
    assert page.locator("[data-testid='stException']").count() == 0
