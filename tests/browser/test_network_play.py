"""The network's playback in a real browser: play runs the years in the browser (the
script does not rerun), pause stops it, and the keyboard slider sets the year shown."""

import pytest

from tests.browser.test_pages import open_page

pytestmark = pytest.mark.browser

PLAY = "[data-testid='stPlotlyChart'] .js-plotly-plot:has(.updatemenu-button)"
FIND = f"document.querySelector(\"{PLAY}\")"
ACTIVE = f"() => {FIND}._fullLayout.sliders[0].active"
RUNS = "() => window.__runs"


def year_shown(plot) -> int:
    texts = plot.locator(".scatterlayer .trace text").all_text_contents()
    return int(next(t for t in texts if t.isdigit() and len(t) == 4))


def test_play_changes_the_year_and_pause_stops_it(page, server):
    open_page(page, server, "reseau", "fr")
    page.wait_for_selector(f"{PLAY} .main-svg", timeout=90_000)
    plot = page.locator(PLAY)
    plot.scroll_into_view_if_needed()
    assert page.evaluate(ACTIVE) == 0
    first = year_shown(plot)
    # count the script's reruns while it plays: the state flips to "running" on a rerun
    page.evaluate("""() => { window.__runs = 0; new MutationObserver(() => {
        if (document.querySelector('[data-test-script-state="running"]')) window.__runs++;
        }).observe(document.body, {attributes: true, subtree: true}); }""")
    plot.locator(".updatemenu-button").first.click()  # ▶ Lecture
    page.wait_for_function(f"() => {FIND}._fullLayout.sliders[0].active >= 2", timeout=20_000)
    plot.locator(".updatemenu-button").nth(1).click()  # ‖ Pause
    page.wait_for_timeout(1_500)
    paused = page.evaluate(ACTIVE)
    page.wait_for_timeout(1_500)
    assert page.evaluate(ACTIVE) == paused >= 2
    assert year_shown(plot) == first + paused
    assert page.evaluate(RUNS) == 0
    assert not page.console_errors


def test_the_keyboard_slider_sets_the_year_shown(page, server):
    open_page(page, server, "reseau", "fr")
    page.wait_for_selector(f"{PLAY} .main-svg", timeout=90_000)
    plot = page.locator(PLAY)
    first = year_shown(plot)
    slider = page.get_by_role("slider").last  # the year before playing (the last slider)
    slider.focus()
    for _ in range(3):
        page.keyboard.press("ArrowRight")
    page.wait_for_function(f"() => {FIND} && {FIND}._fullLayout.sliders[0].active === 3",
                           timeout=60_000)
    page.wait_for_function(f"() => [...{FIND}.querySelectorAll('.scatterlayer .trace text')]"
                           f".some(t => t.textContent === '{first + 3}')", timeout=30_000)
