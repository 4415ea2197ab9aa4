"""Legibility in a real browser: for every chart of each page and every slide, the SVG text
Plotly draws is measured (``tests/browser/legibility.py``): no two texts may overlap, no
chart text may be under 12 px (18 px on a slide at 1920x1080), and every slide must fit the
window with nothing to scroll and the navigation on one line. Texts cut with "…" are
reported with the rest (``-s`` prints every view's figures).

Three packages: the embedded one (every page, each chart of the themes page, every slide;
French and English), the 10x synthetic one (the pages and the slides at 1280x720, in
French) and a copy of the small fixture package without its ``presentation.csv`` (the deck
generated from the data, at both sizes).
"""

import json
import shutil

import pytest

from anis_viz import devserver, slides, synth, views
from anis_viz.data import default_data_path, load_dataset
from tests.browser.conftest import ARTIFACTS, _require_browser
from tests.browser.legibility import ViewReport, measure, report, settle
from tests.conftest import JARDINS

PAGES = ["", "chronologie", "reseau", "themes"]
EVERY_THEMES_CHART = [f"themes?chart={name}" for name in views.themes.CHARTS]  # one at a time
SMALL, LARGE = (1280, 720), (1920, 1080)
LAPTOP = (1440, 900)
MIN_PX, MIN_SLIDE_PX = 12, 18


def _without_deck(folder):
    (folder / "presentation.csv").unlink()
    descriptor = json.loads((folder / "datapackage.json").read_text(encoding="utf-8"))
    descriptor["resources"] = [r for r in descriptor["resources"] if r["name"] != "presentation"]
    (folder / "datapackage.json").write_text(json.dumps(descriptor, ensure_ascii=False),
                                             encoding="utf-8")
    return folder


def _package(name, tmp):
    if name == "embedded":
        return default_data_path()
    if name == "synthetic_10x":
        return synth.generate(tmp / "synth10", scale=10, seed=7)
    return _without_deck(shutil.copytree(JARDINS, tmp / "jardins"))


# package, pages, page languages, slide (size, language) runs
RUNS = {
    "embedded": (PAGES[:3] + EVERY_THEMES_CHART, ["fr", "en"],
                 [(SMALL, "fr"), (LARGE, "fr"), (SMALL, "en"), (LARGE, "en")]),
    "synthetic_10x": (PAGES, ["fr"], [(SMALL, "fr")]),
    "jardins_generated_deck": ([], [], [(SMALL, "fr"), (LARGE, "en")]),
}


@pytest.fixture(scope="module", params=list(RUNS))
def package(request, tmp_path_factory):
    _require_browser()
    path = _package(request.param, tmp_path_factory.mktemp(request.param))
    try:
        process, base = devserver.start(ARTIFACTS, env={"ANIS_VIZ_DATA": str(path)})
    except devserver.ServerError as err:
        pytest.fail(str(err))
    yield request.param, path, base
    devserver.stop(process)


def _open(browser, size, url, charts):
    context = browser.new_context(viewport={"width": size[0], "height": size[1]},
                                  locale="fr-FR")
    tab = context.new_page()
    tab.goto(url)
    settle(tab, charts=charts)
    return context, tab


def _check(reports: list[ViewReport], slide_px: dict) -> list[str]:
    problems = []
    for view in reports:
        if view.overlaps:
            problems.append(f"{view.name}: {len(view.overlaps)} overlapping text pairs")
        floor = slide_px.get(view.name, MIN_PX)
        if view.min_px is not None and view.min_px < floor - 0.05:
            problems.append(f"{view.name}: chart text of {view.min_px:.1f} px (< {floor})")
        if view.slide and not view.fits:
            problems.append(f"{view.name}: does not fit the window")
    return problems


@pytest.mark.browser
def test_charts_and_slides_are_legible(browser, package):
    name, path, base = package
    pages, page_langs, slide_runs = RUNS[name]
    reports, slide_px = [], {}
    for lang in page_langs:
        for url_path in pages:
            joiner = "&" if "?" in url_path else "?"
            context, tab = _open(browser, LAPTOP, f"{base}/{url_path}{joiner}lang={lang}", 1)
            reports.append(measure(tab, f"{name} /{url_path or 'overview'} {lang} "
                                        f"{LAPTOP[0]}x{LAPTOP[1]}"))
            context.close()
    ds = load_dataset(path)
    for size, lang in slide_runs:
        deck = slides.deck(ds, lang)
        assert deck, "every package has a deck: its own or one generated from the data"
        context, tab = _open(browser, size, f"{base}/presentation?lang={lang}",
                             int(deck[0].kind == "chart"))
        for number in range(1, len(deck) + 1):
            if number > 1:  # the next button: no reload
                tab.locator(".st-key-pr_next button").click()
                tab.wait_for_function(
                    "n => document.querySelector('.st-key-slide_nav strong')?.textContent"
                    " === String(n)", arg=number, timeout=90_000)
                settle(tab, charts=int(deck[number - 1].kind == "chart"))
            view = measure(tab, f"{name} slide {number} {lang} {size[0]}x{size[1]}", slide=True)
            reports.append(view)
            slide_px[view.name] = MIN_SLIDE_PX if size == LARGE else MIN_PX
        context.close()
    print("\n" + report(reports))
    problems = _check(reports, slide_px)
    assert not problems, "\n".join(problems) + "\n\n" + report(reports)


@pytest.mark.browser
def test_f_or_the_button_toggles_full_screen(page, server):
    page.set_viewport_size({"width": 1280, "height": 720})
    page.goto(f"{server}/presentation?lang=fr")
    settle(page, charts=1)
    button = page.get_by_role("button", name="Plein écran (F)")
    assert button.count() == 1
    page.locator("h1").first.click()  # focus the page, not a control
    page.keyboard.press("f")
    page.wait_for_function("() => document.fullscreenElement !== null", timeout=10_000)
    page.keyboard.press("f")
    page.wait_for_function("() => document.fullscreenElement === null", timeout=10_000)
    button.focus()  # keyboard users reach it, and Enter works like a click
    page.keyboard.press("Enter")
    page.wait_for_function("() => document.fullscreenElement !== null", timeout=10_000)
