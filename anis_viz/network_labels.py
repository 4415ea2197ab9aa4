"""Where the network's names go: each name on one to three lines, set beside its marker
where it meets no other name, no marker and no edge of the plot (:func:`label_positions`),
in pixels of the smallest plot the page draws (:data:`PLOT_PX`)."""

from __future__ import annotations

import html
import math

import numpy as np
import pandas as pd

__all__ = ["FULL", "OPTIONS", "PLOT_PX", "WRAP", "label_box", "label_lines", "label_positions", "wrap_words"]

WRAP = 60  # characters per line of a quote in a hover box


def wrap_words(text: str, width: int = WRAP) -> list[str]:
    """Greedy word wrap (textwrap is too slow for 20,000 hover boxes)."""
    lines, line = [], ""
    for word in str(text).split():
        if line and len(line) + 1 + len(word) > width:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}" if line else word
    return [*lines, line] if line else lines


FULL = ((-1.22, 1.22), (-1.12, 1.12))  # the whole layout, with room for labels


PLOT_PX = (840, 590)  # the plot area at 1280 px wide, legends above and below: the smallest


def label_lines(name: str, width: int = 24) -> list[str]:
    """A name on at most three lines of about ``width`` characters, cut between words only
    (never an ellipsis): a long name goes on two balanced lines."""
    if len(name) <= width:
        return [name]
    lines = wrap_words(name, max(width, math.ceil(len(name) / 2) + 2))
    return lines if len(lines) <= 3 else wrap_words(name, math.ceil(len(name) / 3) + 4)


def label_box(cx: float, cy: float, lines: list[str], gap: float, option: str, *,
              font: int = 12) -> tuple[float, float, float, float]:
    """The box (left, bottom, right, top, in px with y up) of a label of ``lines`` set at
    ``option`` (a Plotly textposition) around a point ``gap`` px from its centre."""
    dx = {"left": -1, "center": 0, "right": 1}[option.split()[1]]
    dy = {"bottom": -1, "middle": 0, "top": 1}[option.split()[0]]
    w = 0.6 * font * max(len(line) for line in lines) + 4
    h = 1.25 * font * len(lines) + 2
    left = cx - w / 2 + dx * (w / 2 + gap)
    bottom = cy - h / 2 + dy * (h / 2 + gap)
    return left, bottom, left + w, bottom + h


OPTIONS = ("middle right", "middle left", "top center", "bottom center", "top right",
           "top left", "bottom right", "bottom left")


def label_positions(nodes: pd.DataFrame, *, width: int = PLOT_PX[0],
                    height: int = PLOT_PX[1], font: int = 12, keep=lambda label: False,
                    box=FULL, crowded: bool = False) -> list[str | None]:
    """A text position for each labelled node (``label`` not empty; ``<br>`` separates its
    lines), chosen in row order: the first of :data:`OPTIONS` where the label's box meets
    no label already placed, no marker and no edge of the plot; None where none is free
    (the name stays in the hover box), unless ``keep(label)``: then the least crowded.
    ``crowded`` (hundreds of small markers, where no spot is free of them): a name may
    cover markers, never another name. ``width``/``height``: the plot area in pixels."""
    (x0, x1), (y0, y1) = box
    sx, sy = width / (x1 - x0), height / (y1 - y0)  # pixels per unit of the layout
    edges = (x0 * sx, y0 * sy, x1 * sx, y1 * sy)
    px = nodes["x"].to_numpy(dtype=float) * sx
    py = nodes["y"].to_numpy(dtype=float) * sy
    radii = nodes["marker"].to_numpy(dtype=float) / 2 + 1
    mx0, mx1, my0, my1 = px - radii, px + radii, py - radii, py + radii
    placed = np.zeros((0, 4))
    result: list[str | None] = []
    for i, (cx, cy, label, size) in enumerate(zip(px, py, nodes["label"], nodes["marker"],
                                                  strict=True)):
        if not label:
            result.append("top center")
            continue
        lines = html.unescape(label).split("<br>")
        others = np.ones(len(px), dtype=bool)
        others[i] = False
        best, best_cost = None, (math.inf, math.inf)
        for option in OPTIONS:
            b = label_box(cx, cy, lines, size / 2 + 2, option, font=font)
            on_labels = int(((np.minimum(b[2], placed[:, 2]) > np.maximum(b[0], placed[:, 0]))
                             & (np.minimum(b[3], placed[:, 3]) > np.maximum(b[1], placed[:, 1])
                                )).sum())
            on_marks = int(((np.minimum(b[2], mx1) > np.maximum(b[0], mx0))
                            & (np.minimum(b[3], my1) > np.maximum(b[1], my0)) & others).sum())
            outside = b[0] < edges[0] or b[1] < edges[1] or b[2] > edges[2] or b[3] > edges[3]
            cost = (on_labels + outside, on_marks)
            if cost < best_cost:
                best, best_cost = option, cost
            if cost == (0, 0):
                break
        free = best_cost[0] == 0 and (crowded or best_cost[1] == 0)
        if not free and not keep(label):  # it would cover a name or a mark: hover only
            result.append(None)
            continue
        placed = np.vstack([placed, label_box(cx, cy, lines, size / 2 + 2, best, font=font)])
        result.append(best)
    return result
