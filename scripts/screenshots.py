"""``make screenshots``: a PNG of every page in French and English at 1280×800, into
docs/screenshots/ (the README shows them)."""

import sys
from pathlib import Path

from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from anis_viz import devserver  # noqa: E402
from anis_viz.nav import PAGES  # noqa: E402

OUT = ROOT / "docs" / "screenshots"


def main() -> int:
    OUT.mkdir(parents=True, exist_ok=True)
    process, base = devserver.start(ROOT / "tests" / "artifacts")
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=str(devserver.CHROMIUM),
                                                 args=devserver.CHROMIUM_ARGS)
            page = browser.new_page(viewport={"width": 1280, "height": 800})
            for script, _key, slug, _icon in PAGES:
                if not (ROOT / script).exists():
                    continue
                name = Path(script).stem
                for lang in ("fr", "en"):
                    page.goto(f"{base}/{slug}?lang={lang}")
                    page.wait_for_selector("h1", timeout=30_000)
                    page.wait_for_function(
                        "() => document.querySelector('[data-test-script-state=\"notRunning\"]')",
                        timeout=30_000)
                    if page.locator("div.stPlotlyChart").count():
                        page.wait_for_selector("div.stPlotlyChart .js-plotly-plot .main-svg",
                                               timeout=30_000)
                    page.wait_for_timeout(800)  # let Plotly finish its transitions
                    page.screenshot(path=str(OUT / f"{name}_{lang}.png"))
                    print(f"docs/screenshots/{name}_{lang}.png")
            browser.close()
    finally:
        devserver.stop(process)
    return 0


if __name__ == "__main__":
    sys.exit(main())
