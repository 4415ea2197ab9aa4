"""Putting charts on a screen: the overview's chart, and a page's figure made into a slide
(:func:`slide_figure`) with the names beside its marks placed again for the size it is
drawn at (:func:`fit_labels`). Which charts a page draws is its view's business
(:mod:`anis_viz.views`).
"""

from __future__ import annotations

import base64
import html
import math
import re

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from anis_viz import network_labels, overview, style
from anis_viz.chart import Chart
from anis_viz.data import Dataset
from anis_viz.figures.overview import kinds_bar
from anis_viz.i18n import t

__all__ = ["fit_labels", "overview_charts", "slide_figure"]


def overview_charts(ds: Dataset, lang: str) -> list[Chart]:
    """The overview page's chart: actors by kind."""
    counts = overview.actors_by_kind(ds, lang)
    title = t("overview.by_kind", lang)
    figure = kinds_bar(counts, title=title, x_title=t("overview.by_kind.axis", lang))
    return [Chart(slug=t("overview.by_kind.slug", lang), figure=figure,
                  data=counts[["kind", "label", "count"]], title=title,
                  alt=overview.kinds_alt(counts, lang))]


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


def slide_figure(figure: go.Figure, *, height: int, scale: float = 1.0,
                 width: int | None = None) -> go.Figure:
    """A copy of a page's figure for a slide ``height`` pixels high, on a screen showing
    ``scale`` of the 1920x1080 canvas (:func:`style.slide_scale`): no title (the slide has
    its own); the sizes the builder set are brought up to the projector template's (never
    under :data:`style.SLIDE_MIN_FONT`), then every size, the template's too, is scaled to
    the screen. Legend entries of a set width widen with their text, and the names written
    beside marks are placed again for the size they are now drawn at, on a chart ``width``
    pixels wide (by default the canvas's width at ``scale``): a name that would meet another
    moves around its mark (a visible one) or is left to the hover box."""
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
    factor = style.SLIDE_FONT_SCALE * scale
    for legend in _legends(layout).values():  # entries as wide as their larger text
        if legend.get("entrywidthmode") == "pixels" and legend.get("entrywidth"):
            legend["entrywidth"] = round(legend["entrywidth"] * factor)
    base = template.get("layout", {}).get("font", {}).get("size", 14)
    fit_labels(spec, width=width or style.SLIDE_WIDTH * scale - 2 * style.SLIDE_PAD_X * scale,
               height=height, base_font=base)
    # Plotly shrinks text inside a bar to fit it: never under the slide's smallest size.
    layout["uniformtext"] = {"minsize": round(style.SLIDE_MIN_FONT * scale, 1), "mode": "show"}
    layout["template"] = template
    out = go.Figure(spec)
    out.update_layout(height=int(height), title=None)
    return out


def _legends(layout: dict) -> dict[str, dict]:
    return {key: value for key, value in layout.items()
            if key.startswith("legend") and isinstance(value, dict)}


def _values(value):
    """A trace's array as Python/NumPy values (a figure dict holds NumPy arrays as typed
    base64 data)."""
    if isinstance(value, dict) and "bdata" in value:
        array = np.frombuffer(base64.b64decode(value["bdata"]), dtype=value["dtype"])
        return array.reshape(value["shape"]) if "shape" in value else array
    return value


def _axis_px(values, axis: dict, length: float) -> tuple[np.ndarray, float, float] | None:
    """Positions of ``values`` in pixels along an axis ``length`` pixels long (from the end
    where its ``range`` starts: the left, or the bottom), or None for an axis this cannot
    place (categories, logarithms)."""
    kind = axis.get("type")
    if kind not in (None, "-", "linear", "date"):
        return None
    try:
        numbers = (pd.to_datetime(pd.Series(values)).astype("int64").to_numpy(float)
                   if kind == "date" else np.asarray(values, dtype=float))
        span = axis.get("range")
        low, high = ((pd.to_datetime(pd.Series(span)).astype("int64").to_numpy(float)
                      if kind == "date" else np.asarray(span, dtype=float))
                     if span is not None and None not in span else
                     (np.nanmin(numbers), np.nanmax(numbers)))
    except (TypeError, ValueError):
        return None
    if not np.isfinite([low, high]).all() or low == high:
        return None
    return (numbers - low) * length / (high - low), 0.0, length


def _legend_px(layout: dict, data: list, width: float, font: float) -> float:
    """Height that horizontal legends above or below the plot take (an estimate)."""
    total = 0.0
    for key, legend in _legends(layout).items():
        if legend.get("orientation") != "h" or legend.get("yref") == "container":
            continue
        names = [str(tr.get("name", "")) for tr in data if tr.get("legend", "legend") == key
                 and tr.get("showlegend", True) is not False]
        if not names:
            continue
        size = (legend.get("font") or {}).get("size", font)
        entry = legend.get("entrywidth") or (0.6 * size * max(map(len, names)) + 50)
        rows = math.ceil(len(names) / max(1, int(width // entry)))
        title = bool((legend.get("title") or {}).get("text"))
        total += (rows + title) * size * 1.5 + 10
    return total


def _text_box(cx: float, cy: float, lines: list[str], gap: float, option: str,
              font: float) -> np.ndarray:
    """The box (left, bottom, right, top; y up) of the ink of a text of ``lines`` set at
    ``option`` around a point: about 0.53 em a character in the house's sans-serif, lines
    1.2 em apart, without the empty room above the capitals and below the descenders."""
    dx = {"left": -1, "center": 0, "right": 1}[option.split()[1]]
    dy = {"bottom": -1, "middle": 0, "top": 1}[option.split()[0]]
    w = 0.53 * font * max(len(line) for line in lines) + 2
    h = font * (1.2 * len(lines) - 0.45)
    left = cx - w / 2 + dx * (w / 2 + gap)
    bottom = cy - h / 2 + dy * (h / 2 + gap)
    return np.array([left, bottom, left + w, bottom + h])


def fit_labels(spec: dict, *, width: float, height: float, base_font: float = 14) -> None:
    """Place again, in the figure dict ``spec``, the texts that scatter traces write beside
    their points (a list of ``textposition``), for a chart ``width`` x ``height`` pixels:
    the largest marks first, each text where its box meets no text already placed (and, for
    a visible mark, no other visible mark and no edge of the plot): first where it was, then
    around its mark when the mark is visible; a text with no room is removed (the point
    keeps its hover box)."""
    layout, data = spec.get("layout", {}), spec.get("data", [])
    margin = layout.get("margin") or {}
    font = (layout.get("font") or {}).get("size", base_font)
    plot_w = width - margin.get("l", 80) - margin.get("r", 80)
    yaxis = layout.get("yaxis") or {}
    ticks = yaxis.get("ticktext")
    if ticks and yaxis.get("visible", True) is not False:  # the lanes' names on the left
        tick_font = (yaxis.get("tickfont") or {}).get("size", font)
        plot_w -= 0.6 * tick_font * max(len(html.unescape(str(t))) for t in ticks) + 10
    plot_h = (height - margin.get("t", 100) - margin.get("b", 80)
              - _legend_px(layout, data, plot_w, font))
    if plot_w < 50 or plot_h < 50:
        return
    points = []  # (marker size, trace, index, x px, y px, lines, font, visible)
    marks = []   # visible marks: (x px, y px, radius)
    for t_index, trace in enumerate(data):
        if trace.get("type", "scatter") != "scatter" or trace.get("xaxis", "x") != "x" \
                or trace.get("yaxis", "y") != "y" or trace.get("x") is None:
            continue
        xs = _axis_px(_values(trace["x"]), layout.get("xaxis") or {}, plot_w)
        ys = _axis_px(_values(trace.get("y")), yaxis, plot_h)
        if xs is None or ys is None:
            continue
        px, py = xs[0], ys[0]  # from the left and from the bottom (range[0] is there)
        marker = trace.get("marker") or {}
        sizes = np.broadcast_to(np.asarray(_values(marker.get("size", 6)), dtype=float),
                                px.shape)
        visible = marker.get("opacity", 1) != 0 and "markers" in trace.get("mode", "")
        if visible:
            marks += [(x, y, s / 2 + 1) for x, y, s in zip(px, py, sizes) if np.isfinite(x + y)]
        texts, where = _values(trace.get("text")), _values(trace.get("textposition"))
        if "text" not in trace.get("mode", "") or not isinstance(where, list | tuple | np.ndarray) \
                or not isinstance(texts, list | tuple | np.ndarray):
            continue
        size = _values((trace.get("textfont") or {}).get("size", font))
        for i, (text, x, y) in enumerate(zip(texts, px, py)):
            if text and np.isfinite(x + y):
                lines = re.sub(r"</?b>", "", html.unescape(str(text))).split("<br>")
                points.append((-sizes[i], t_index, i, x, y, lines,
                               size[i] if isinstance(size, list | tuple | np.ndarray)
                               else size, visible))
    if not points:
        return
    data = [dict(tr) for tr in data]
    for tr in data:
        for key in ("text", "textposition"):
            if isinstance(_values(tr.get(key)), list | tuple | np.ndarray):
                tr[key] = list(_values(tr[key]))
    spec["data"] = data
    mx = np.array([m[0] for m in marks] or [np.nan])
    my = np.array([m[1] for m in marks] or [np.nan])
    mr = np.array([m[2] for m in marks] or [0.0])
    placed = np.zeros((0, 4))
    for neg_size, t_index, i, x, y, lines, size, visible in sorted(
            points, key=lambda p: (p[0], p[1], p[2])):
        trace = data[t_index]
        current = trace["textposition"][i]
        options = [current] + ([o for o in network_labels.OPTIONS if o != current]
                               if visible else [])
        found = None
        for option in options:
            if option not in network_labels.OPTIONS:
                continue
            b = _text_box(x, y, lines, -neg_size / 2 + 2, option, size)
            on_labels = ((np.minimum(b[2], placed[:, 2]) > np.maximum(b[0], placed[:, 0]))
                         & (np.minimum(b[3], placed[:, 3]) > np.maximum(b[1], placed[:, 1])))
            if on_labels.any():
                continue
            if visible:
                own = (np.abs(mx - x) < 0.01) & (np.abs(my - y) < 0.01)
                on_marks = ((np.minimum(b[2], mx + mr) > np.maximum(b[0], mx - mr))
                            & (np.minimum(b[3], my + mr) > np.maximum(b[1], my - mr)) & ~own)
                if on_marks.any() or b[0] < 0 or b[1] < 0 or b[2] > plot_w or b[3] > plot_h:
                    continue
            found = option, b
            break
        if found is None:
            trace["text"][i] = ""
            continue
        trace["textposition"][i] = found[0]
        placed = np.vstack([placed, found[1]])
