"""Where the timeline's marks and words go: rows inside lanes so that no mark or title
overlaps another at the chart's width, which titles are written, where era names sit, and
the date range of a view. Pure pandas/numpy; used by :mod:`anis_viz.timeline`.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

__all__ = ["MAX_LABELS", "MAX_ROWS", "KEYED_MAX", "FIGURE_PX", "x_extent", "zoom_range",
           "plot_width", "layout", "band_labels", "title_lines"]

LINE_CHARS = 28           # a longer title may go on two lines (in an era's view)
MAX_LABELS = 10           # titles written in a view of many events; the rest on hover
KEYED_MAX = 200           # up to this many events, every one gets its title or its key
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
        previous[level] = left + width + 3 * char_px * per_px  # a clear gap between names
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


def title_lines(title: str, wrap: bool = False) -> list[str]:
    """The title on one line, or (``wrap``, longer than :data:`LINE_CHARS`) on two lines
    of about equal length, cut between words only: never an ellipsis."""
    title = " ".join(str(title).split())
    if not wrap or len(title) <= LINE_CHARS or " " not in title:
        return [title]
    middle = len(title) / 2
    cuts = [i for i, c in enumerate(title) if c == " "]
    cut = min(cuts, key=lambda i: abs(i - middle))
    return [title[:cut], title[cut + 1:]]


def plot_width(lanes: dict[str, str], figure_px: int = FIGURE_PX, char_px: float = 7.0) -> int:
    """The plot area's width in pixels: the figure's, less the lane names and margins."""
    longest = max((len(name) for name in lanes.values()), default=0)
    return max(200, int(figure_px - longest * char_px - 50))


def layout(table: pd.DataFrame, lanes: dict[str, str], by: str = "category", *,
           x_range: tuple[pd.Timestamp, pd.Timestamp] | None = None, width_px: int = 700,
           char_px: float = 7.8, marker_px: float = 9.0, max_labels: int = MAX_LABELS,
           wrap: bool = False, keyed_max: int = KEYED_MAX):
    """Place each event on its lane and on a row of that lane so that no mark or text
    overlaps another at ``width_px`` pixels for the plot area (``x_range`` wide).

    Every event in view gets a text when it has room: its full title (on one line, or on
    two when ``wrap``), written after its mark, before it near the right edge, or inside a
    bar long enough to hold it; failing that, its key (a number, see below). A lane grows
    up to :data:`MAX_ROWS` rows for titles when ``wrap`` (an era's view), and otherwise
    only one row past what the keys alone need (the whole history stays compact). Above
    ``keyed_max`` events, only the ``max_labels`` most important get a title, the rest
    their hover.

    Returns (events, lanes): ``events`` is ``table`` plus key (1, 2, … in date order),
    lane, lane_name, row, y (0 = top row), label ('' , the title (lines joined by a
    newline) or the key), label_kind (title, key or ''), label_side (right, left, inside
    or ''), x_lo, x_hi (the room a mark and its text take, in days from the range's start);
    ``lanes`` has lane, name, y0 (first row), rows, centre."""
    events = table.copy()
    events["lane"] = events[by]
    if events.empty:
        return events.assign(key=0, lane_name="", row=0, y=0, label="", label_kind="",
                             label_side="", x_lo=0.0, x_hi=0.0), \
            pd.DataFrame(columns=["lane", "name", "y0", "rows", "centre"])
    events["key"] = np.arange(1, len(events) + 1)
    first, last = x_range or x_extent(events)
    per_px = max((last - first) / pd.Timedelta(days=1), 1.0) / width_px  # days per pixel
    start = ((events["start_date"] - first) / pd.Timedelta(days=1)).to_numpy(float)
    end = ((events["end_date"].fillna(events["start_date"]) - first)
           / pd.Timedelta(days=1)).to_numpy(float)
    room = (last - first) / pd.Timedelta(days=1)
    span = events["span"].to_numpy(bool)
    margin = marker_px * per_px
    x0 = np.where(span, start, start - margin)
    x1 = np.where(span, np.maximum(end, start + margin), start + margin)
    in_view = (start <= room) & (np.maximum(start, end) >= 0)
    keyed = len(events) <= keyed_max
    titled = set(events.index) if keyed else set(_labelled(events[in_view], max_labels))
    candidates = []
    for n, (i, title, key) in enumerate(zip(events.index, events["title"], events["key"],
                                            strict=True)):
        tiers: list[list] = [[], [], [(x0[n], x1[n], False, "", "", "")]]
        if in_view[n]:
            texts = [("title", title_lines(title))]
            if wrap and len(title_lines(title, True)) > 1:
                texts.append(("title", title_lines(title, True)))
            for kind, lines in (texts if i in titled else []) + (
                    [("key", [str(key)])] if keyed else []):
                width = max(len(x) for x in lines) * char_px * per_px + margin
                tier = tiers[0 if kind == "title" else 1]
                tall = len(lines) > 1
                text = "\n".join(lines)
                if span[n] and max(x0[n], 0) + width <= min(x1[n], room):
                    tier.append((x0[n], x1[n], tall, text, kind, "inside"))
                if x1[n] + width <= room:
                    tier.append((x0[n], x1[n] + width, tall, text, kind, "right"))
                if x0[n] - width >= 0:
                    tier.append((x0[n] - width, x1[n], tall, text, kind, "left"))
        candidates.append(tiers)
    lane_codes = events["lane"].to_numpy()
    budget = {lane: MAX_ROWS for lane in pd.unique(lane_codes)}
    if not wrap:  # the rows the keys alone need, and one more for titles
        need = _pack([[[], t[1], t[2]] for t in candidates], x0, lane_codes, budget,
                     gap=4 * per_px)[0]
        for lane in budget:
            budget[lane] = min(MAX_ROWS, int(need[lane_codes == lane].max()) + 2)
    while True:  # a lane where an event in view found no room for a text grows a row
        rows, chosen = _pack(candidates, x0, lane_codes, budget, gap=4 * per_px)
        bare = {lane for lane, c, tiers in zip(lane_codes, chosen, candidates, strict=True)
                if not c[4] and (tiers[0] or tiers[1]) and budget[lane] < MAX_ROWS}
        if not bare:
            break
        for lane in bare:
            budget[lane] += 1
    events["row"] = rows
    events["x_lo"] = [c[0] for c in chosen]
    events["x_hi"] = [c[1] for c in chosen]
    events["label"] = [c[3] for c in chosen]
    events["label_kind"] = [c[4] for c in chosen]
    events["label_side"] = [c[5] for c in chosen]
    lo, hi = events["x_lo"], events["x_hi"]
    for i in events.index[events["label"] != ""]:  # a full lane may have queued marks on it
        same = (events["lane"] == events.at[i, "lane"]) & (events["row"] == events.at[i, "row"])
        if (same & (lo < hi[i]) & (hi > lo[i])).sum() > 1:
            events.loc[i, ["label", "label_kind", "label_side"]] = ""
    present = set(events["lane"].tolist())  # once: not once per lane
    order = [lane for lane in lanes if lane in present]
    counts = events.groupby("lane")["row"].max().add(1)
    y0 = dict(zip(order, pd.Series([counts[lane] for lane in order]).cumsum().shift(
        fill_value=0), strict=True))
    events["y"] = events["lane"].map(y0) + events["row"]
    events["lane_name"] = events["lane"].map(lanes)
    frame = pd.DataFrame({"lane": order, "name": [lanes[lane] for lane in order],
                          "y0": [int(y0[lane]) for lane in order],
                          "rows": [int(counts[lane]) for lane in order]})
    frame["centre"] = frame["y0"] + (frame["rows"] - 1) / 2
    return events, frame


def _pack(candidates: list, x0: np.ndarray, lanes: np.ndarray, budget: dict,
          gap: float) -> tuple[np.ndarray, list]:
    """Greedy first-fit per lane, marks taken in start order. Each mark has three tiers of
    candidates (lo, hi, tall, text, kind, side): titles, keys, the bare mark. The first
    tier with a candidate that fits on a row already open wins, else on a new row while
    the lane has ``budget`` rows; past that, the bare mark goes to the row that frees
    first and may touch its neighbour. A tall (two-line) text also needs the rows above
    and below free of other tall texts over its extent."""
    row = np.zeros(len(x0), dtype=int)
    chosen: list = [None] * len(x0)
    for key in pd.unique(lanes):
        members = np.flatnonzero(lanes == key)
        ends: list[float] = []       # per row: where its last text or mark ends
        tall_ends: list[float] = []  # per row: where its last two-line text ends
        for i in members[np.argsort(x0[members], kind="stable")].tolist():
            def fits(c, r, ends=ends, tall_ends=tall_ends):
                return _fits(c, r, ends, tall_ends, gap)
            placed = None
            for tier in candidates[i]:
                placed = next(((c, r) for c in tier for r in range(len(ends)) if fits(c, r)),
                              None)
                opened = 0  # new rows, while the lane may grow (a two-line text may
                while placed is None and tier and len(ends) < budget[key]:  # skip one)
                    ends.append(-np.inf)
                    tall_ends.append(-np.inf)
                    opened += 1
                    placed = next(((c, len(ends) - 1) for c in tier
                                   if fits(c, len(ends) - 1)), None)
                if placed is None:
                    del ends[len(ends) - opened:], tall_ends[len(tall_ends) - opened:]
                if placed is not None:
                    break
            if placed is None:  # full: queue the bare mark on the row that frees first
                c = candidates[i][2][0]
                r = min(range(len(ends)), key=ends.__getitem__)
                ends[r] += c[1] - c[0] + gap
                row[i], chosen[i] = r, c
                continue
            c, r = placed
            ends[r] = c[1]
            if c[2]:
                tall_ends[r] = c[1]
            row[i], chosen[i] = r, c
    return row, chosen


def _fits(c: tuple, r: int, ends: list, tall_ends: list, gap: float) -> bool:
    """Whether candidate ``c`` (lo, hi, tall, …) fits on row ``r``."""
    if c[0] <= ends[r] + gap:
        return False
    return not c[2] or all(c[0] > tall_ends[q] + gap for q in (r - 1, r + 1)
                           if 0 <= q < len(ends))


def zoom_range(bands: pd.DataFrame, zoom: str, whole):
    """The x range of one era (with some room), or ``whole`` when ``zoom`` names none."""
    band = bands[bands["era_id"] == zoom]
    if band.empty:
        return whole
    first, last = band["x0"].iloc[0], band["x1"].iloc[0]
    room = max(pd.Timedelta(days=60), (last - first) * 0.04)
    return first - room, last + room
