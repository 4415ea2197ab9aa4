"""Where the timeline's marks and words go: rows inside lanes so that no mark or title
overlaps another at the chart's width, which titles are written, where era names sit, and
the date range of a view. Pure pandas/numpy; used by :mod:`anis_viz.timeline`.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

__all__ = ["MAX_LABELS", "MAX_ROWS", "FIGURE_PX", "x_extent", "zoom_range", "plot_width",
           "layout", "band_labels"]

LABEL_CHARS = 30          # longest title written on the chart
MAX_LABELS = 10           # titles written at the default zoom; the rest on hover
MAX_ROWS = 12             # rows a lane may take before marks are allowed to touch
FIGURE_PX = 800           # the chart's width on a 1280-pixel screen beside the sidebar


def band_labels(bands: pd.DataFrame, x_range, width_px: int = 700,
                char_px: float = 9.0) -> pd.DataFrame:
    """Where each era's name goes so that names never overlap nor leave the plot: bands
    plus label_x, label_anchor (center, left, right) and label_level (0 = top line, 1 = the
    line under it, -1 = the band is out of view). A name wider than its band starts at the
    band's start (or ends at its end near the right edge); one that would meet the previous
    name goes one line down."""
    bands = bands.copy()
    first, last = x_range
    per_px = (last - first) / width_px
    xs, anchors, levels, previous = [], [], [], {0: first, 1: first}
    for band in bands.itertuples():
        lo, hi = max(band.x0, first), min(band.x1, last)
        width = len(band.short_label) * char_px * per_px
        if lo >= hi:
            xs.append(lo)
            anchors.append("center")
            levels.append(-1)
            continue
        if width <= hi - lo:
            x, anchor, left = lo + (hi - lo) / 2, "center", lo + (hi - lo - width) / 2
        elif lo + width <= last:
            x, anchor, left = lo, "left", lo
        else:
            x, anchor, left = hi, "right", hi - width
        level = 0 if left >= previous[0] else 1
        previous[level] = left + width + 6 * per_px
        xs.append(x)
        anchors.append(anchor)
        levels.append(level)
    return bands.assign(label_x=xs, label_anchor=anchors, label_level=levels)


def x_extent(table: pd.DataFrame, bands: pd.DataFrame | None = None,
             pad: float = 0.03) -> tuple[pd.Timestamp, pd.Timestamp]:
    """The dates a chart of ``table`` spans (and of the ``bands`` its events meet, so that
    every era drawn is whole), with a little room on each side."""
    first = table["start_date"].min()
    last = pd.concat([table["end_date"], table["start_date"]]).max()
    if bands is not None and len(bands):
        met = bands[(bands["x0"] <= last) & (bands["x1"] >= first)]
        first, last = min(first, met["x0"].min()), max(last, met["x1"].max())
    room = max(pd.Timedelta(days=120), (last - first) * pad)
    return first - room, last + room


def _labelled(table: pd.DataFrame, max_labels: int) -> pd.Index:
    ranked = table[table["importance"] > 0].sort_values(
        ["importance", "start_date"], ascending=[False, True], kind="stable")
    return ranked.index[:max_labels]


def _short(title: str) -> str:
    """The title, cut at a word boundary when it is longer than LABEL_CHARS."""
    if len(title) <= LABEL_CHARS:
        return title
    cut = title[:LABEL_CHARS - 1]
    words = cut.rsplit(" ", 1)[0] if " " in cut[LABEL_CHARS // 2:] else cut
    return words.rstrip(" ,;:–-") + "…"


def plot_width(lanes: dict[str, str], figure_px: int = FIGURE_PX, char_px: float = 7.0) -> int:
    """The plot area's width in pixels: the figure's, less the lane names and margins."""
    longest = max((len(name) for name in lanes.values()), default=0)
    return max(200, int(figure_px - longest * char_px - 50))


def layout(table: pd.DataFrame, lanes: dict[str, str], by: str = "category", *,
           x_range: tuple[pd.Timestamp, pd.Timestamp] | None = None, width_px: int = 700,
           char_px: float = 7.8, marker_px: float = 9.0, max_labels: int = MAX_LABELS):
    """Place each event on its lane and on a row of that lane so that no mark or title
    overlaps another at ``width_px`` pixels for the plot area (``x_range`` wide).

    Returns (events, lanes): ``events`` is ``table`` plus lane, lane_name, row, y (0 = top
    row), label ('' or the title to write) and label_side (right or left of the mark);
    x_lo, x_hi (the room a mark and its title take, in days from the range's start);
    ``lanes`` has lane, name, y0 (first row), rows, centre. The largest titles go to the
    most important events (see :func:`event_table`)."""
    events = table.copy()
    events["lane"] = events[by]
    if events.empty:
        return events.assign(lane_name="", row=0, y=0, label="", label_side="", x_lo=0.0,
                             x_hi=0.0), \
            pd.DataFrame(columns=["lane", "name", "y0", "rows", "centre"])
    first, last = x_range or x_extent(events)
    per_px = max((last - first) / pd.Timedelta(days=1), 1.0) / width_px  # days per pixel
    start = (events["start_date"] - first) / pd.Timedelta(days=1)
    end = ((events["end_date"].fillna(events["start_date"]) - first) / pd.Timedelta(days=1))
    room = (last - first) / pd.Timedelta(days=1)
    in_view = (start >= 0) & (start <= room)
    margin = marker_px * per_px
    short = events["title"].map(_short)
    width = short.str.len() * char_px * per_px + margin
    x0 = start.where(events["span"], start - margin)
    x1 = pd.concat([end, start + margin], axis=1).max(axis=1).where(events["span"],
                                                                    start + margin)
    # A title sits on its mark's row, after the mark, or before it near the right edge; the
    # most important events whose title fits inside the view get one, the rest the hover.
    fits_right, fits_left = x1 + width <= room, x0 - width >= 0
    fitting = events[in_view & (fits_right | fits_left)]
    chosen = set(_labelled(fitting, max_labels))
    side = pd.Series("", index=events.index)
    for i in chosen:
        side[i] = "right" if fits_right[i] else "left"
    events["label_side"] = side
    events["label"] = short.where(side != "", "")
    lo = x0.where(side != "left", x0 - width)
    hi = x1.where(side != "right", x1 + width)
    events["x_lo"], events["x_hi"] = lo, hi
    events["row"] = _pack(lo, hi, events["lane"], gap=4 * per_px)
    for i in events.index[events["label"] != ""]:  # a full lane may have queued marks on it
        same = (events["lane"] == events.at[i, "lane"]) & (events["row"] == events.at[i, "row"])
        if (same & (lo < hi[i]) & (hi > lo[i])).sum() > 1:
            events.loc[i, ["label", "label_side"]] = ""
    present = set(events["lane"].tolist())  # once: not once per lane
    order = [lane for lane in lanes if lane in present]
    rows = events.groupby("lane")["row"].max().add(1)
    y0 = dict(zip(order, pd.Series([rows[lane] for lane in order]).cumsum().shift(
        fill_value=0), strict=True))
    events["y"] = events["lane"].map(y0) + events["row"]
    events["lane_name"] = events["lane"].map(lanes)
    frame = pd.DataFrame({"lane": order, "name": [lanes[lane] for lane in order],
                          "y0": [int(y0[lane]) for lane in order],
                          "rows": [int(rows[lane]) for lane in order]})
    frame["centre"] = frame["y0"] + (frame["rows"] - 1) / 2
    return events, frame


def _pack(lo: pd.Series, hi: pd.Series, lane: pd.Series, gap: float,
          max_rows: int = MAX_ROWS) -> pd.Series:
    """First-fit interval partitioning per lane: the fewest rows with no overlap. A lane
    holds at most ``max_rows`` rows (the page stays readable with thousands of events);
    past that, a mark goes to the row that frees first and may touch its neighbour."""
    starts, ends_at, lanes = lo.to_numpy(float), hi.to_numpy(float), lane.to_numpy()
    row = np.zeros(len(starts), dtype=int)
    start_of, end_of = starts.tolist(), ends_at.tolist()  # Python floats: fast scalar compares
    for key in pd.unique(lanes):
        members = np.flatnonzero(lanes == key)
        ends: list[float] = []
        for i in members[np.argsort(starts[members], kind="stable")].tolist():
            begin = start_of[i]
            free = next((r for r, end in enumerate(ends) if begin > end + gap), None)
            if free is None and len(ends) < max_rows:
                ends.append(-np.inf)
                free = len(ends) - 1
            elif free is None:  # full: queue it on the row that frees first
                free = min(range(len(ends)), key=ends.__getitem__)
                ends[free] += end_of[i] - begin + gap
                row[i] = free
                continue
            ends[free] = end_of[i]
            row[i] = free
    return pd.Series(row, index=lo.index)


def zoom_range(bands: pd.DataFrame, zoom: str, whole):
    """The x range of one era (with some room), or ``whole`` when ``zoom`` names none."""
    band = bands[bands["era_id"] == zoom]
    if band.empty:
        return whole
    first, last = band["x0"].iloc[0], band["x1"].iloc[0]
    room = max(pd.Timedelta(days=60), (last - first) * 0.04)
    return first - room, last + room
