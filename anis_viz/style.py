"""The one style module: palettes, symbols, fonts and the registered Plotly templates.

Every figure builder and every export passes ``template=TEMPLATE`` (or ``PRESENT_TEMPLATE``)
explicitly: importing Streamlit changes Plotly's default template, and a downloaded image
must look like the screen. Colours are assigned by position in the data (era order,
vocabulary order), never by an association's names, so any data package gets a stable look.
Every categorical colour keeps a contrast of at least 3:1 on white (checked by a test) and
the set is distinguishable with the common colour-vision deficiencies (Okabe-Ito hues,
darkened); shapes (symbols, dashes) always double the colour.
"""

from __future__ import annotations

from collections.abc import Iterable

import plotly.graph_objects as go
import plotly.io as pio

from anis_viz.contract import DEFAULT_LABELS

__all__ = [
    "BACKGROUND", "CATEGORICAL", "ERA_PALETTE", "FONT_FAMILY", "INK", "MUTED", "PRESENT_TEMPLATE",
    "TEMPLATE", "TIE_FAMILIES", "assign", "contrast_ratio", "era_colours", "kind_styles",
    "relation_styles", "tie_family_styles", "with_alpha",
]

FONT_FAMILY = "Liberation Sans, DejaVu Sans, Arial, Helvetica, sans-serif"
BACKGROUND = "#ffffff"
INK = "#1a1a1a"
MUTED = "#5d5d5d"  # context events, secondary text: still 6.6:1 on white
GRID = "#e3e3e3"

# Okabe-Ito hues darkened until each reaches >= 3:1 on white.
CATEGORICAL = ["#0072B2", "#D55E00", "#007A5E", "#A8437F", "#8C6D00", "#6B4C9A", "#00798C",
               "#882255", "#5D5D5D"]
ERA_PALETTE = ["#0072B2", "#D55E00", "#007A5E", "#6B4C9A", "#8C6D00", "#A8437F", "#00798C"]
SYMBOLS = ["circle", "square", "diamond", "hexagon", "triangle-up", "star", "pentagon", "cross",
           "triangle-down", "x"]
DASHES = ["solid", "dash", "dot", "dashdot", "longdash", "longdashdot"]

# The contract's standard codes get fixed looks; any other code takes the next free one.
KIND_ORDER = [code for code, _, _ in DEFAULT_LABELS["kind"]]
RELATION_ORDER = [code for code, _, _ in DEFAULT_LABELS["relation"]]

TEMPLATE = "anis"
PRESENT_TEMPLATE = "anis_present"


def assign(codes: Iterable[str], palette: list, order: list[str] | None = None) -> dict:
    """Map codes to palette entries: codes in ``order`` first, in that order, then the rest
    sorted; the palette cycles when there are more codes than entries."""
    codes = list(dict.fromkeys(codes))
    ranked = [c for c in (order or []) if c in codes] + sorted(c for c in codes
                                                              if c not in (order or []))
    return {code: palette[i % len(palette)] for i, code in enumerate(ranked)}


def era_colours(era_ids: Iterable[str]) -> dict[str, str]:
    """Era id -> colour, by the eras' order in the data (first era, second era …)."""
    return {era: ERA_PALETTE[i % len(ERA_PALETTE)] for i, era in enumerate(dict.fromkeys(era_ids))}


def kind_styles(kinds: Iterable[str]) -> dict[str, tuple[str, str]]:
    """Actor kind -> (colour, marker symbol)."""
    kinds = list(kinds)
    colours = assign(kinds, CATEGORICAL, KIND_ORDER)
    symbols = assign(kinds, SYMBOLS, KIND_ORDER)
    return {k: (colours[k], symbols[k]) for k in colours}


def relation_styles(relations: Iterable[str]) -> dict[str, tuple[str, str]]:
    """Relation type -> (colour, line dash)."""
    relations = list(relations)
    colours = assign(relations, CATEGORICAL, RELATION_ORDER)
    dashes = assign(relations, DASHES, RELATION_ORDER)
    return {r: (colours[r], dashes[r]) for r in colours}


# Ties are drawn by family (see anis_viz.network_frames.RELATION_FAMILY): one colour each, solid
# lines; six hues a reader can match by eye with the legend.
TIE_FAMILIES = ["governance", "membership", "support", "place", "partnership", "publication"]


def tie_family_styles() -> dict[str, tuple[str, str]]:
    """Tie family -> (colour, line dash): one colour per family, every line solid."""
    colours = assign(TIE_FAMILIES, CATEGORICAL, TIE_FAMILIES)
    return {family: (colours[family], "solid") for family in TIE_FAMILIES}


def with_alpha(colour: str, alpha: float) -> str:
    """``#rrggbb`` -> ``rgba(r,g,b,alpha)``."""
    r, g, b = (int(colour.lstrip("#")[i:i + 2], 16) for i in (0, 2, 4))
    return f"rgba({r},{g},{b},{alpha})"


def _luminance(colour: str) -> float:
    def channel(c: float) -> float:
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (int(colour.lstrip("#")[i:i + 2], 16) / 255 for i in (0, 2, 4))
    return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b)


def contrast_ratio(foreground: str, background: str = BACKGROUND) -> float:
    """WCAG 2.1 contrast ratio between two ``#rrggbb`` colours."""
    high, low = sorted((_luminance(foreground), _luminance(background)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def _template(*, base_size: int, title_size: int, ink: str, grid: str) -> go.layout.Template:
    axis = dict(gridcolor=grid, linecolor=ink, zerolinecolor=grid, ticks="outside",
                tickcolor=ink, title=dict(font=dict(size=base_size)),
                tickfont=dict(size=base_size - 1, color=ink))
    return go.layout.Template(layout=go.Layout(
        font=dict(family=FONT_FAMILY, size=base_size, color=ink),
        title=dict(font=dict(size=title_size, color=ink), x=0.01, xanchor="left"),
        paper_bgcolor=BACKGROUND, plot_bgcolor=BACKGROUND, colorway=CATEGORICAL,
        hoverlabel=dict(bgcolor=BACKGROUND, bordercolor=ink,
                        font=dict(family=FONT_FAMILY, size=base_size - 1, color=ink),
                        align="left"),
        legend=dict(font=dict(size=base_size - 1), bgcolor="rgba(255,255,255,0.85)"),
        xaxis=axis, yaxis=axis, margin=dict(l=60, r=30, t=70, b=50),
    ))


pio.templates[TEMPLATE] = _template(base_size=14, title_size=20, ink=INK, grid=GRID)
# Projector: large type (titles >= 32 px, labels >= 18 px), black on white, stronger grid.
pio.templates[PRESENT_TEMPLATE] = _template(base_size=20, title_size=34, ink="#000000",
                                            grid="#c8c8c8")

# -- slides --------------------------------------------------------------------------------
# A slide is designed on a 1920x1080 canvas and drawn at the screen's own size, scaled like a
# presentation program: text is SLIDE_MIN_FONT px and more on a 1080p projector and shrinks in
# proportion on a smaller one. Canvas sizes become CSS lengths with :func:`canvas_px`; the
# charts get the real sizes from the page (it knows the window's size).
SLIDE_WIDTH, SLIDE_HEIGHT = 1920, 1080
SLIDE_PAD_X = 40          # canvas px left and right
SLIDE_PAD_Y = 12          # screen px above and below
SLIDE_NAV = 56            # screen px: the navigation bar (Streamlit's buttons do not scale)
SLIDE_GAP = 16            # screen px: Streamlit's gap between blocks
SLIDE_TITLE_PX = 46       # canvas px: slide titles; a line is 1.2 of it
SLIDE_TEXT_PX = 22        # canvas px: notes and captions
SLIDE_MIN_FONT = 18       # canvas px: no chart text smaller
SLIDE_FONT_SCALE = 20 / 14  # the projector template's base size over the dashboard's


def slide_scale(width: int, height: int) -> float:
    """How much of the canvas a ``width`` x ``height`` screen shows (1 at 1920x1080)."""
    return min(width / SLIDE_WIDTH, height / SLIDE_HEIGHT)


def canvas_px(px: float) -> str:
    """A CSS length of ``px`` canvas pixels, scaled to the window like the slide."""
    return f"min({px * 100 / SLIDE_WIDTH:.4f}vw, {px * 100 / SLIDE_HEIGHT:.4f}vh)"


PRESENT_CSS = f"""
[data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"],
[data-testid="stHeader"], [data-testid="stToolbar"], [data-testid="stDecoration"]
  {{ display: none !important; }}
[data-testid="stMainBlockContainer"] {{ max-width: 100% !important;
  padding: {SLIDE_PAD_Y}px {canvas_px(SLIDE_PAD_X)} {SLIDE_PAD_Y}px !important; }}
[data-testid="stMain"] p, [data-testid="stMain"] li
  {{ font-size: max(16px, {canvas_px(SLIDE_TEXT_PX)}) !important; }}
[data-testid="stMain"] h1 {{ font-size: {canvas_px(SLIDE_TITLE_PX)} !important;
  line-height: 1.2 !important; padding: 0 !important; margin: 0 !important;
  color: #000 !important; }}
.st-key-slide_nav kbd {{ font-size: inherit !important; color: inherit !important; }}
.st-key-pr_prev span[data-has-shortcut] {{ display: flex; flex-direction: row-reverse;
  gap: 0.4em; }}
.st-key-slide_nav p, .st-key-slide_nav button, .st-key-slide_nav label
  {{ white-space: nowrap !important; font-size: max(16px, {canvas_px(20)}) !important; }}
.st-key-slide_nav [data-testid="stHorizontalBlock"] {{ flex-wrap: nowrap !important; }}
.anis-slide-fs {{ font: inherit; font-size: max(16px, {canvas_px(20)}); white-space: nowrap;
  width: 100%; min-height: 2.5rem; padding: 0.25rem 0.75rem; border-radius: 0.5rem;
  cursor: pointer; border: 1px solid rgba(49, 51, 63, 0.3); background: #fff; color: {INK}; }}
.anis-slide-fs:hover {{ border-color: #0072B2; color: #0072B2; }}
.anis-slide-fs:focus-visible {{ outline: 3px solid #0072B2; outline-offset: 2px; }}
.st-key-slide_text p {{ font-size: {canvas_px(36)} !important; line-height: 1.35 !important;
  color: #000; }}
.st-key-slide_text li {{ font-size: {canvas_px(34)} !important; }}
.st-key-slide_text li p {{ font-size: {canvas_px(34)} !important; }}
.st-key-slide_dates p {{ font-size: {canvas_px(44)} !important; color: {MUTED}; }}
.st-key-slide_text blockquote {{ border-left: 6px solid #0072B2; margin: 0.4em 0 0 0;
  padding-left: 0.8em; }}
.st-key-slide_text blockquote p {{ font-size: {canvas_px(32)} !important; font-style: italic; }}
.st-key-slide_text [data-testid="stCaptionContainer"] p
  {{ font-size: {canvas_px(26)} !important; }}
"""


# -- network page ------------------------------------------------------------------------
STATUS_ORDER = ["appeared", "stayed", "disappeared"]


def status_styles() -> dict[str, tuple[str, str]]:
    """Compare mode: appeared / stayed / disappeared -> (colour, line dash)."""
    return {"appeared": (CATEGORICAL[2], "solid"), "stayed": (MUTED, "solid"),
            "disappeared": (CATEGORICAL[1], "dash")}


COMMUNITY_COLOURS = len(CATEGORICAL) - 1  # the largest communities get a colour each


def community_colours(numbers: Iterable[int]) -> dict[int, str]:
    """Community number (0 = largest) -> colour: the first :data:`COMMUNITY_COLOURS` get a
    hue each; smaller communities share grey, and actors without a tie (-1) a lighter grey."""
    return {n: CATEGORICAL[n] if 0 <= n < COMMUNITY_COLOURS else
            MUTED if n >= 0 else with_alpha(MUTED, 0.55) for n in set(numbers)}


PLANNED_DASH = "12px,5px"  # ties a programme plans: long dashes, unlike every relation's


def event_tie_style() -> tuple[str, str]:
    """The optional shared-event ties: light and dotted, under the relations."""
    return (with_alpha(MUTED, 0.55), "dot")


# -- themes page ---------------------------------------------------------------------------
# Counts (heatmaps): pale grey for zero (the grid stays visible), then the first categorical
# blue, darkening; one hue so the scale reads in grey too.
SEQUENTIAL = [[0.0, "#f3f4f6"], [0.001, "#e6f0f8"], [0.35, "#8fbbdd"], [0.7, "#2f7fbf"],
              [1.0, "#073a66"]]
