"""Every page's charts as plain objects (:class:`anis_viz.export.Chart`), built from a
dataset, a language and a *view* (the page's URL parameters as a dict).

One place that knows how to draw each page without Streamlit: the presentation deck, the
assembly pack and the command-line export all use it, so a slide, a downloaded file and the
page show the same thing.
"""

from __future__ import annotations

from collections.abc import Callable

import plotly.graph_objects as go

from anis_viz import network_time_view, network_view, overview, style, themes_charts, timeline
from anis_viz.cache import per_content
from anis_viz.chart import Chart
from anis_viz.data import Dataset
from anis_viz.figures.overview import kinds_bar
from anis_viz.i18n import t

__all__ = ["BUILDERS", "build", "cached", "slide_figure", "standard"]


def overview_charts(ds: Dataset, lang: str, view: dict) -> list[Chart]:
    counts = overview.actors_by_kind(ds, lang)
    title = t("overview.by_kind", lang)
    figure = kinds_bar(counts, title=title, x_title=t("overview.by_kind.axis", lang))
    return [Chart(slug=t("overview.by_kind.slug", lang), figure=figure,
                  data=counts[["kind", "label", "count"]], title=title,
                  alt=overview.kinds_alt(counts, lang))]


def network_charts(ds: Dataset, lang: str, view: dict) -> list[Chart]:
    """The network page's chart; with ``chart=play`` (``measures``, ``actor``) its network
    over the years instead: the playback (a slide can play it), the measures, one actor."""
    which = ("play", "measures", "actor")
    chart = str(view.get("chart", ""))
    if chart not in which:
        return network_view.charts(ds, lang, view)
    return network_time_view.charts(ds, lang, view)[which.index(chart):][:1]


BUILDERS: dict[str, Callable[[Dataset, str, dict], list[Chart]]] = {
    "overview": overview_charts,
    "timeline": timeline.charts,
    "network": network_charts,
    "themes": themes_charts.charts,
}


def build(page: str, ds: Dataset, lang: str = "fr", view: dict | None = None, *,
          template: str = style.TEMPLATE) -> list[Chart]:
    """The charts of ``page`` for ``view``, drawn with ``template``."""
    charts = BUILDERS[page](ds, lang, dict(view or {}))
    for chart in charts:
        chart.figure.update_layout(template=template)
    return charts


@per_content(maxsize=48)
def _cached(ds: Dataset, page: str, view: tuple, lang: str, template: str) -> tuple[Chart, ...]:
    raw = {k: list(v) if isinstance(v, tuple) else v for k, v in view}
    return tuple(build(page, ds, lang, raw, template=template))


def _frozen(value):
    return tuple(value) if isinstance(value, list | tuple) else value


def cached(page: str, ds: Dataset, lang: str = "fr", view: dict | None = None, *,
           template: str = style.TEMPLATE) -> list[Chart]:
    """:func:`build`, once per (data content, page, view, language, template): a rerun that
    comes back to a view it has drawn costs nothing. The charts and their figures are
    shared between callers: never change them (copy a figure with ``go.Figure(fig)``)."""
    items = tuple(sorted((str(k), _frozen(v)) for k, v in (view or {}).items()))
    return list(_cached(ds, page, items, lang, template))


def standard(ds: Dataset, lang: str = "fr") -> list[Chart]:
    """The default charts of every page, in menu order (the assembly pack)."""
    return [chart for page in BUILDERS for chart in build(page, ds, lang)]


def _scale_fonts(node, factor: float, minimum: float) -> None:
    """Every explicit font size under ``node`` (part of a figure dict) times ``factor``, at
    least ``minimum``."""
    if isinstance(node, list):
        for item in node:
            _scale_fonts(item, factor, minimum)
        return
    if not isinstance(node, dict):
        return
    for key, value in node.items():
        if key.endswith("font") and isinstance(value, dict) and "size" in value:
            size = value["size"]
            if isinstance(size, list | tuple):
                value["size"] = [max(minimum, round(v * factor, 1)) for v in size]
            elif isinstance(size, int | float):
                value["size"] = max(minimum, round(size * factor, 1))
        _scale_fonts(value, factor, minimum)


def slide_figure(figure: go.Figure, *, height: int, scale: float = 1.0) -> go.Figure:
    """A copy of a page's figure for a slide ``height`` pixels high, on a screen showing
    ``scale`` of the 1920x1080 canvas (:func:`style.slide_scale`): no title (the slide has
    its own); the sizes the builder set are brought up to the projector template's (never
    under :data:`style.SLIDE_MIN_FONT`), then every size, the template's too, is scaled to
    the screen."""
    spec = figure.to_dict()
    layout = spec.setdefault("layout", {})
    template = layout.pop("template", None) or {}
    data = spec.get("data", [])
    _scale_fonts(layout, style.SLIDE_FONT_SCALE, style.SLIDE_MIN_FONT)
    _scale_fonts(data, style.SLIDE_FONT_SCALE, style.SLIDE_MIN_FONT)
    for part in (layout, data, template):
        _scale_fonts(part, scale, 1)
    for margins in (layout.get("margin"), template.get("layout", {}).get("margin")):
        for side, value in (margins or {}).items():  # room for the larger type
            if side in "lrtb" and isinstance(value, int | float):
                margins[side] = round(value * style.SLIDE_FONT_SCALE * scale)
    row_px = 1.6 * style.SLIDE_MIN_FONT * scale
    for trace in data:  # a heatmap with more rows than the screen has lines: colour only
        if trace.get("type") != "heatmap":
            continue
        rows = len(trace["y"]) if trace.get("y") is not None else len(trace.get("z", []))
        if rows and height / rows < row_px:
            trace.pop("texttemplate", None)
            trace.pop("text", None)
    # Plotly shrinks text inside a bar to fit it: never under the slide's smallest size.
    layout["uniformtext"] = {"minsize": round(style.SLIDE_MIN_FONT * scale, 1), "mode": "show"}
    layout["template"] = template
    out = go.Figure(spec)
    out.update_layout(height=int(height), title=None)
    return out
