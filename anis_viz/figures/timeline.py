"""The timeline figure: era bands behind events laid out on lanes."""

from __future__ import annotations

import html

import pandas as pd
import plotly.graph_objects as go

from anis_viz import style

__all__ = ["timeline_figure", "EVENT_ROLE"]

EVENT_ROLE = "event"   # meta of every trace whose marks are events (one mark per event)
ROW_PX = 28            # height of one row of a lane: a two-line title clears the next row
LINE_ROW_PX = 22       # ... when every title is on one line (a taller history stays short)
TOP_ROWS = 2.2         # room above the first row for the era names (two lines)
# Titles keep one size under every template: the projector squeezes rows into 760 px and a
# larger type would run into the next row.
LABEL_PX = 13
BAND_ALPHA = 0.10
SPAN_ALPHA = 0.45      # fill of a dated bar (an approximate one is hatched on 0.12)


def _text(value) -> str:
    """Data text for Plotly, which reads HTML: escaped (quotes need no escaping there)."""
    return html.escape(str(value), quote=False)


def _colours(events: pd.DataFrame, bands: pd.DataFrame) -> pd.Series:
    eras = dict(zip(bands["era_id"], bands["colour"], strict=True))
    colour = events["era_id"].map(eras).fillna(style.MUTED)
    return colour.where(~events["context"], style.MUTED)


def _point_trace(rows: pd.DataFrame, *, name: str, group: str, hollow: bool,
                 quiet: bool = False) -> dict:
    # Plain arrays, not Series: Plotly converts a Series through narwhals, slower per trace.
    # Traces are dicts: the figure validates each once (an object would be validated again
    # when added; at 10,000 events each validation of the colour lists takes a second).
    colour = rows["colour"].tolist()
    return dict(
        type="scatter", x=rows["start_date"].to_numpy(), y=rows["y"].to_numpy(), mode="markers", name=name,
        legendgroup=group, customdata=rows["event_id"].to_numpy(object),
        hovertext=rows["hover"].to_numpy(object),
        hovertemplate="%{hovertext}<extra></extra>", meta=EVENT_ROLE, opacity=0.65 if quiet else 1,
        marker=dict(symbol=_symbols(rows, "circle-open" if hollow else "circle"),
                    size=9 if quiet else 13,
                    color=colour, line=dict(width=2.5 if hollow else 1,
                                            color=colour if hollow else style.BACKGROUND)))


QUALIFIED = {"before": "triangle-left-open", "after": "triangle-right-open"}


def _symbols(rows: pd.DataFrame, base: str):
    """The marker of each event: ``base``, or a hollow triangle pointing back (the source
    says "before") or forward ("after") for a qualified date."""
    if "qualifier" not in rows or not rows["qualifier"].isin(list(QUALIFIED)).any():
        return base
    return [QUALIFIED.get(q, base) for q in rows["qualifier"].tolist()]


def _span_trace(rows: pd.DataFrame, *, name: str, group: str, hollow: bool,
                quiet: bool = False) -> dict:
    colour = rows["colour"].tolist()
    duration = (rows["end_date"] - rows["start_date"]) / pd.Timedelta(milliseconds=1)
    # a light fill inside a full outline: a title written inside the bar stays legible
    marker = dict(color=[style.with_alpha(c, SPAN_ALPHA) for c in colour],
                  line=dict(width=1.5, color=colour))
    if hollow:  # approximate: a light hatched bar with an outline, not a solid one
        marker = dict(color=[style.with_alpha(c, 0.12) for c in colour],
                      line=dict(width=1.5, color=colour),
                      pattern=dict(shape="/", fgcolor=colour, size=7, solidity=0.25))
    return dict(
        type="bar", base=rows["start_date"].to_numpy(), x=duration.to_numpy(), y=rows["y"].to_numpy(),
        orientation="h", width=0.36, name=name, legendgroup=group,
        customdata=rows["event_id"].to_numpy(object), hovertext=rows["hover"].to_numpy(object),
        hovertemplate="%{hovertext}<extra></extra>", meta=EVENT_ROLE,
        opacity=0.6 if quiet else 1, marker=marker)


def _legend_entry(key: str, name: str) -> dict:
    """A trace with no data that shows one kind of mark in the legend, neutral in colour."""
    colour = style.MUTED if key == "context" else style.INK
    common = dict(name=name, legendgroup=key, y=[None], hoverinfo="skip")
    if key.startswith("span"):
        marker = dict(color=[style.with_alpha(colour, SPAN_ALPHA)],
                      line=dict(width=1.5, color=[colour]))
        if key == "span_approx":
            marker = dict(color=[style.with_alpha(colour, 0.12)],
                          line=dict(width=1.5, color=[colour]),
                          pattern=dict(shape="/", fgcolor=[colour], size=7, solidity=0.25))
        return dict(type="bar", x=[None], orientation="h", width=0.36, opacity=1, marker=marker,
                      **common)
    hollow, quiet = key == "approx", key == "context"
    return dict(
        type="scatter", x=[None], mode="markers", opacity=0.65 if quiet else 1, **common,
        marker=dict(symbol="circle-open" if hollow else "circle", size=9 if quiet else 13,
                    color=[colour], line=dict(width=2.5 if hollow else 1,
                                              color=[colour] if hollow else style.BACKGROUND)))


def _label_trace(rows: pd.DataFrame, first=None) -> dict:
    """The texts, each on its mark's row: after the mark (right), before it (left) or inside
    its bar from where the bar enters the view (inside); a title's lines are split on a
    newline, a key (a number) is bold. A text trace, not annotations: Plotly clips it to
    the plot when the reader zooms or pans."""
    side = rows["label_side"]
    at_end = rows["span"] & (side == "right")
    x = rows["end_date"].where(at_end, rows["start_date"])
    if first is not None:
        x = x.where(side != "inside", rows["start_date"].clip(lower=pd.Timestamp(first)))
    text = ["<br>".join(_text(line) for line in str(label).split("\n")) if kind != "key"
            else f"<b>{_text(label)}</b>" for label, kind in zip(rows["label"],
                                                                 rows["label_kind"],
                                                                 strict=True)]
    sizes = [4 if where == "inside" else 8 if span else 20
             for where, span in zip(side, rows["span"], strict=True)]
    return dict(
        type="scatter", x=x.to_numpy(), y=rows["y"].to_numpy(),
        mode="markers+text", text=text,
        textposition=["middle left" if where == "left" else "middle right" for where in side],
        # a halo in the background colour: a title stays legible over a hatched bar
        textfont=dict(size=LABEL_PX, shadow="auto",
                      color=[style.MUTED if c else style.INK for c in rows["context"]]),
        marker=dict(size=sizes, opacity=0), customdata=rows["event_id"].to_numpy(object),
        hoverinfo="skip", showlegend=False, name="labels", meta="labels", cliponaxis=True)


def _year_ticks(first, last) -> dict:
    """The same year ticks for the axes above and below: every 1, 2, 5 or 10 years."""
    first, last = pd.Timestamp(first), pd.Timestamp(last)
    span = max(1, last.year - first.year)
    step = next(s for s in (1, 2, 5, 10, 20, 50, 100) if span / s <= 10)
    years = [y for y in range(first.year - first.year % step, last.year + 1, step)
             if first <= pd.Timestamp(year=y, month=1, day=1) <= last]
    return dict(tickmode="array", tickvals=[f"{y}-01-01" for y in years],
                ticktext=[str(y) for y in years])


def _mark_traces(events: pd.DataFrame, legend: dict[str, str]) -> list[dict]:
    """One trace per kind of mark (spans, points; exact or approximate; background), and
    one legend entry per kind drawn: the legend explains shapes, not colours (colours are
    the eras'), from neutral traces with no data."""
    own, quiet = events[~events["context"]], events[events["context"]]
    spans, points = own[own["span"]], own[~own["span"]]
    traces = [
        _span_trace(spans[~spans["approximate"]], name=legend["span"], group="span",
                    hollow=False),
        _span_trace(spans[spans["approximate"]], name=legend["span_approx"],
                    group="span_approx", hollow=True),
        _point_trace(points[~points["approximate"]], name=legend["point"], group="point",
                     hollow=False),
        _point_trace(points[points["approximate"]], name=legend["approx"], group="approx",
                     hollow=True),
        _span_trace(quiet[quiet["span"]], name=legend["context"], group="context",
                    hollow=False, quiet=True),
        _point_trace(quiet[~quiet["span"]], name=legend["context"], group="context",
                     hollow=False, quiet=True)]
    drawn = dict.fromkeys(t["legendgroup"] for t in traces if len(t["y"]))
    for trace in traces:
        trace["showlegend"] = False
    return traces + [_legend_entry(key, legend[key]) for key in drawn]


def _band_shapes(bands: pd.DataFrame) -> tuple[list[dict], list[dict]]:
    """The eras' bands (shapes below the events) and their names (annotations, stacked
    on levels when they would meet)."""
    shapes, notes = [], []
    for band in bands.itertuples():
        shapes.append(dict(type="rect", x0=band.x0, x1=band.x1, xref="x", y0=0, y1=1,
                           yref="paper", layer="below", line=dict(width=0),
                           fillcolor=style.with_alpha(band.colour, BAND_ALPHA),
                           name=f"era:{band.era_id}"))
        if getattr(band, "label_level", 0) >= 0:
            notes.append(dict(
                text=f"<b>{_text(band.short_label)}</b>", name=f"era:{band.era_id}",
                x=getattr(band, "label_x", band.x0 + (band.x1 - band.x0) / 2), y=1,
                xref="x", yref="paper", yanchor="top", showarrow=False,
                xanchor=getattr(band, "label_anchor", "center"),
                yshift=-2 - 17 * getattr(band, "label_level", 0),
                font=dict(size=LABEL_PX + 1, color=style.INK)))
    return shapes, notes


def _lane_lines(lanes: pd.DataFrame) -> list[dict]:
    """A thin line between lanes."""
    return [dict(type="line", xref="paper", x0=0, x1=1, y0=lane.y0 - 0.5, y1=lane.y0 - 0.5,
                 line=dict(color=style.GRID, width=1), name=f"lane:{lane.name}",
                 layer="below")
            for lane in lanes.itertuples() if lane.y0 > 0]


def timeline_figure(events: pd.DataFrame, lanes: pd.DataFrame, bands: pd.DataFrame, *,
                    legend: dict[str, str], x_range=None, selected: str = "",
                    uirevision: str = "timeline", empty_text: str = "",
                    template: str = style.TEMPLATE) -> go.Figure:
    """Events on lanes over era bands.

    ``events``: rows of :func:`anis_viz.timeline.layout` (event_id, start_date, end_date,
    era_id, y, span, approximate, context, hover (safe HTML), label, label_side).
    ``lanes``: name, y0, rows, centre. ``bands``: era_id, short_label, x0, x1, colour (one
    shape per row, drawn below the events). ``legend``: names of the point, approx, span,
    span_approx and context traces. Every event is exactly one mark: a marker, or a bar when
    it has an end; approximate ones are hollow (markers) or hatched (bars); background ones
    are small and grey. ``selected`` circles one event."""
    base = dict(template=template, uirevision=uirevision, dragmode="zoom",
                hovermode="closest", barmode="overlay", clickmode="event+select")
    if events.empty:
        return go.Figure(layout=dict(
            base, height=260, xaxis=dict(visible=False), yaxis=dict(visible=False),
            annotations=[dict(text=_text(empty_text), x=0.5, y=0.5, xref="paper",
                              yref="paper", showarrow=False,
                              font=dict(size=16, color=style.MUTED))]))
    events = events.assign(colour=_colours(events, bands))
    traces = _mark_traces(events, legend)
    if selected in set(events["event_id"]):
        row = events[events["event_id"] == selected].iloc[0]
        traces.append(dict(type="scatter", x=[row["start_date"]], y=[row["y"]],
                           mode="markers", hoverinfo="skip", showlegend=False,
                           name="selected",
                           marker=dict(symbol="circle-open", size=26, color=style.INK,
                                       line=dict(width=2.5))))
    # Shapes and annotations are set once: Plotly re-validates the whole tuple on each
    # add_shape / add_annotation, which makes adding them one by one quadratic.
    shapes, notes = _band_shapes(bands)
    shapes += _lane_lines(lanes)
    traces.append(_label_trace(events[events["label"] != ""],
                               first=x_range[0] if x_range is not None else None))
    # an empty trace on the top axis, so that Plotly draws it (it follows the bottom one)
    ends = x_range if x_range is not None else (events["start_date"].min(),
                                                events["end_date"].max())
    traces.append(dict(type="scatter", x=list(ends), y=[None, None], xaxis="x2",
                       mode="markers", hoverinfo="skip", showlegend=False, name="top axis"))
    ticks = _year_ticks(*ends)
    total = int((lanes["y0"] + lanes["rows"]).max())
    two_lines = events["label"].astype(str).str.contains("\n", regex=False).any()
    plot_px = (ROW_PX if two_lines else LINE_ROW_PX) * (total + TOP_ROWS - 0.4)
    return go.Figure(data=traces, layout=dict(
        base, shapes=shapes, annotations=notes,
        yaxis=dict(tickmode="array", tickvals=list(lanes["centre"]),
                   ticktext=[_text(n) for n in lanes["name"]], showgrid=False,
                   zeroline=False, range=[total - 0.4, -TOP_ROWS], fixedrange=True, ticks="",
                   automargin=True),
        xaxis=dict(type="date", range=list(x_range) if x_range is not None else None,
                   showgrid=True, **ticks),
        # the years again above the chart: readable without scrolling down a tall one
        xaxis2=dict(type="date", matches="x", overlaying="x", side="top", showgrid=False,
                    anchor="y", **ticks),
        height=int(plot_px + 160), bargap=0, margin=dict(l=10, r=20, t=50, b=90),
        # pinned to the figure's bottom edge, so resized exports keep it clear of the
        # axis and of the source line they add
        legend=dict(orientation="h", x=0, xanchor="left", y=0, yref="container",
                    yanchor="bottom")))
