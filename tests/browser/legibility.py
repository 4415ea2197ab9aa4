"""Measure what a reader sees of the charts on a page: the SVG text Plotly draws (tick
labels, mark labels, annotations, legends, Sankey labels), pairs that overlap, texts cut
with "…", the smallest font size in screen pixels, and whether the page fits the window.

Used by ``test_legibility.py``; ``report`` prints one line per view, and running the module
(``python -m tests.browser.legibility URL [WIDTHxHEIGHT]``) prints a page's figures.
"""

from __future__ import annotations

import json
import sys
from dataclasses import dataclass, field

# Rectangles are the texts' own boxes (getBBox) carried to the screen by their transform
# matrix, so rotated tick labels are compared as the rotated boxes they are. A font size is
# the computed size times that matrix's scale (the slide canvas is zoomed to the screen).
MEASURE_JS = r"""
() => {
  const visible = (el) => {
    for (let node = el; node && node.nodeType === 1; node = node.parentNode) {
      const style = getComputedStyle(node);
      if (style.display === 'none' || style.visibility === 'hidden' || +style.opacity === 0) return false;
      if (node.classList && node.classList.contains('hoverlayer')) return false;
    }
    return true;
  };
  const quad = (el) => {
    const box = el.getBBox();
    const m = el.getScreenCTM();
    if (!m || box.width === 0 || box.height === 0) return null;
    // Plotly's text boxes include the font's full ascent and descent: trim 15% of the
    // height top and bottom so touching lines of a multi-line block do not count.
    const trim = box.height * 0.15;
    const corners = [[box.x, box.y + trim], [box.x + box.width, box.y + trim],
                     [box.x + box.width, box.y + box.height - trim], [box.x, box.y + box.height - trim]];
    return corners.map(([x, y]) => [m.a * x + m.c * y + m.e, m.b * x + m.d * y + m.f]);
  };
  const project = (points, axis) => {
    const values = points.map(([x, y]) => x * axis[0] + y * axis[1]);
    return [Math.min(...values), Math.max(...values)];
  };
  const overlap = (p, q) => {  // separating axis test on two convex quadrilaterals
    for (const poly of [p, q]) {
      for (let i = 0; i < 4; i++) {
        const [x1, y1] = poly[i], [x2, y2] = poly[(i + 1) % 4];
        const axis = [y1 - y2, x2 - x1];
        const length = Math.hypot(axis[0], axis[1]) || 1;
        const unit = [axis[0] / length, axis[1] / length];
        const [a0, a1] = project(p, unit), [b0, b1] = project(q, unit);
        if (Math.min(a1, b1) - Math.max(a0, b0) <= 1) return false;  // 1 px of slack
      }
    }
    return true;
  };
  const charts = [...document.querySelectorAll('div.stPlotlyChart .js-plotly-plot')];
  const out = {charts: [], innerWidth, innerHeight};
  charts.forEach((chart, index) => {
    const texts = [];
    chart.querySelectorAll('svg.main-svg text').forEach((el) => {
      const label = (el.textContent || '').trim();
      if (!label || !visible(el)) return;
      const points = quad(el);
      if (!points) return;
      const m = el.getScreenCTM();
      const scale = Math.sqrt(Math.abs(m.a * m.d - m.b * m.c));
      const px = parseFloat(getComputedStyle(el).fontSize) * scale;
      texts.push({label, points, px});
    });
    const overlaps = [];
    for (let i = 0; i < texts.length; i++)
      for (let j = i + 1; j < texts.length; j++)
        if (overlap(texts[i].points, texts[j].points)) overlaps.push([texts[i].label, texts[j].label]);
    const rect = chart.getBoundingClientRect();
    out.charts.push({
      index, texts: texts.length, overlaps,
      cut: texts.filter((t) => t.label.includes('…') || t.label.endsWith('...')).map((t) => t.label),
      min_px: texts.length ? Math.min(...texts.map((t) => t.px)) : null,
      smallest: texts.length ? texts.reduce((a, b) => (b.px < a.px ? b : a)).label : '',
      top: rect.top, bottom: rect.bottom,
    });
  });
  const main = document.querySelector('[data-testid="stMain"]');
  out.scroll = main ? [main.scrollHeight, main.clientHeight, main.scrollWidth, main.clientWidth] : null;
  const nav = document.querySelector('.st-key-slide_nav');
  out.nav_wraps = null;
  if (nav) {  // a text on two lines, or the controls on two rows
    const lines = (el) => {
      const range = document.createRange();
      range.selectNodeContents(el);
      const rects = [...range.getClientRects()].filter((r) => r.height > 8);
      return rects.length ? Math.max(...rects.map((r) => r.top)) - Math.min(...rects.map((r) => r.top))
        > 0.6 * Math.min(...rects.map((r) => r.height)) : false;
    };
    const row = nav.querySelector('[data-testid="stHorizontalBlock"]');
    const tops = row ? [...row.children].map((c) => c.getBoundingClientRect()) : [];
    out.nav_wraps = [...nav.querySelectorAll('p, button, label')].some(lines)
      || tops.some((r) => r.top >= tops[0].bottom - 1);
  }
  return out;
}
"""

CHART = "div.stPlotlyChart .js-plotly-plot .main-svg"


@dataclass
class ViewReport:
    """The figures of one view (a page or a slide in one window size and language)."""

    name: str
    charts: list[dict] = field(default_factory=list)
    scroll: list | None = None
    nav_wraps: bool | None = None
    inner: tuple[int, int] = (0, 0)
    slide: bool = False  # a slide must fit the window; a page may scroll

    @property
    def overlaps(self) -> list[tuple[str, str]]:
        return [tuple(pair) for chart in self.charts for pair in chart["overlaps"]]

    @property
    def cut(self) -> list[str]:
        return [label for chart in self.charts for label in chart["cut"]]

    @property
    def min_px(self) -> float | None:
        sizes = [c["min_px"] for c in self.charts if c["min_px"] is not None]
        return min(sizes) if sizes else None

    @property
    def fits(self) -> bool:
        """Nothing to scroll, every chart inside the window, the navigation on one line."""
        if not self.scroll:
            return False
        scroll_h, client_h, scroll_w, client_w = self.scroll
        return (scroll_h <= client_h + 1 and scroll_w <= client_w + 1 and not self.nav_wraps
                and all(c["bottom"] <= self.inner[1] + 1 for c in self.charts))

    def line(self) -> str:
        size = f"{self.min_px:.1f}" if self.min_px is not None else "-"
        texts = sum(c["texts"] for c in self.charts)
        return (f"{self.name:<48} charts={len(self.charts)} texts={texts:<4} "
                f"overlaps={len(self.overlaps):<3} cut={len(self.cut):<3} min_px={size:<5} "
                f"fits={('yes' if self.fits else 'NO') if self.slide else '-'}")

    def details(self, limit: int = 6) -> str:
        parts = [self.line()]
        parts += [f"    overlap: {a!r} / {b!r}" for a, b in self.overlaps[:limit]]
        parts += [f"    cut: {c!r}" for c in self.cut[:limit]]
        if self.slide and not self.fits:
            parts.append(f"    scroll={self.scroll} nav_wraps={self.nav_wraps} "
                         f"bottoms={[round(c['bottom']) for c in self.charts]} "
                         f"window={self.inner}")
        return "\n".join(parts)


def settle(page, *, charts: int = 0, timeout: float = 90_000) -> None:
    """Wait until the app has finished running and at least ``charts`` charts are drawn;
    on a slide, until its charts are drawn for this window (their ``layout.meta.screen``)."""
    idle = '[data-testid="stApp"][data-test-script-state="notRunning"]'
    page.wait_for_selector(idle, timeout=timeout)
    page.wait_for_selector('[data-testid="stMain"] h1', timeout=timeout)
    page.wait_for_function(
        """n => {
          const plots = [...document.querySelectorAll('div.stPlotlyChart .js-plotly-plot')];
          const screen = `${innerWidth}x${innerHeight}`;
          return plots.length >= n && plots.every((p) => p.querySelector('.main-svg')
            && (!(p.layout && p.layout.meta && p.layout.meta.screen)
                || p.layout.meta.screen === screen));
        }""", arg=charts, timeout=timeout)
    page.wait_for_selector(idle, timeout=timeout)
    page.wait_for_timeout(500)  # Plotly's second pass (automargin)


def measure(page, name: str, *, slide: bool = False) -> ViewReport:
    """The figures of the view shown in ``page``."""
    raw = page.evaluate(MEASURE_JS)
    return ViewReport(name=name, charts=raw["charts"], scroll=raw["scroll"],
                      nav_wraps=raw["nav_wraps"], inner=(raw["innerWidth"], raw["innerHeight"]),
                      slide=slide)


def report(reports: list[ViewReport]) -> str:
    """One line per view, with the overlapping pairs and cut texts under it."""
    return "\n".join(r.details() for r in reports)


def _main(argv: list[str]) -> int:
    from playwright.sync_api import sync_playwright

    from anis_viz import devserver

    url = argv[0]
    width, height = (int(v) for v in (argv[1] if len(argv) > 1 else "1440x900").split("x"))
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(devserver.CHROMIUM),
                                             args=devserver.CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": width, "height": height})
        page.goto(url)
        settle(page)
        result = measure(page, url, slide="/presentation" in url)
        print(result.details(limit=50))
        if len(argv) > 2:
            page.screenshot(path=argv[2])
        print(json.dumps({"min_px": result.min_px, "fits": result.fits}))
        browser.close()
    return 0


if __name__ == "__main__":
    sys.exit(_main(sys.argv[1:]))
