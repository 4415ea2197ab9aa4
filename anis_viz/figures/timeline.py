"""The timeline figure: era bands behind events laid out on lanes."""

from __future__ import annotations

import html

import pandas as pd
import plotly.graph_objects as go

from anis_viz import style

__all__ = ["timeline_figure", "EVENT_ROLE"]

EVENT_ROLE = "event"   # meta of every trace whose marks are events (one mark per event)
ROW_PX = 26            # height of one row of a lane
# Titles keep one size under every template: the projector squeezes rows into 760 px and a
# larger type would run into the next row.
LABEL_PX = 13
BAND_ALPHA = 0.10


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
    marker = dict(color=colour, line=dict(width=0))
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
        marker = dict(color=[colour], line=dict(width=0))
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


def _label_trace(rows: pd.DataFrame) -> dict:
    """The titles, each on its mark's row after the mark (right) or before it (left). A text
    trace, not annotations: Plotly clips it to the plot when the reader zooms or pans."""
    left = rows["label_side"] == "left"
    at_end = rows["span"] & ~left
    return dict(
        type="scatter", x=rows["end_date"].where(at_end, rows["start_date"]).to_numpy(),
        y=rows["y"].to_numpy(),
        mode="markers+text", text=[_text(x) for x in rows["label"]],
        textposition=["middle left" if x else "middle right" for x in left],
        textfont=dict(size=LABEL_PX, color=[style.MUTED if c else style.INK
                                              for c in rows["context"]]),
        marker=dict(size=[8 if s else 20 for s in rows["span"]], opacity=0),
        hoverinfo="skip", showlegend=False, name="labels", meta="labels", cliponaxis=True)


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
    # The legend explains shapes, not colours (colours are the eras'): one neutral entry per
    # kind of mark drawn, from a trace with no data.
    drawn = dict.fromkeys(t["legendgroup"] for t in traces if len(t["y"]))
    for trace in traces:
        trace["showlegend"] = False
    traces += [_legend_entry(key, legend[key]) for key in drawn]
    if selected in set(events["event_id"]):
        row = events[events["event_id"] == selected].iloc[0]
        traces.append(dict(type="scatter", x=[row["start_date"]], y=[row["y"]],
                           mode="markers", hoverinfo="skip", showlegend=False,
                           name="selected",
                           marker=dict(symbol="circle-open", size=26, color=style.INK,
                                       line=dict(width=2.5))))
    # Shapes and annotations are set once: Plotly re-validates the whole tuple on each
    # add_shape / add_annotation, which makes adding them one by one quadratic.
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
    for lane in lanes.itertuples():
        if lane.y0 > 0:
            shapes.append(dict(type="line", xref="paper", x0=0, x1=1, y0=lane.y0 - 0.5,
                               y1=lane.y0 - 0.5, line=dict(color=style.GRID, width=1),
                               name=f"lane:{lane.name}", layer="below"))
    traces.append(_label_trace(events[events["label"] != ""]))
    total = int((lanes["y0"] + lanes["rows"]).max())
    plot_px = ROW_PX * (total + 1.4)
    return go.Figure(data=traces, layout=dict(
        base, shapes=shapes, annotations=notes,
        yaxis=dict(tickmode="array", tickvals=list(lanes["centre"]),
                   ticktext=[_text(n) for n in lanes["name"]], showgrid=False,
                   zeroline=False, range=[total - 0.4, -1.8], fixedrange=True, ticks="",
                   automargin=True),
        xaxis=dict(type="date", range=list(x_range) if x_range is not None else None,
                   showgrid=True),
        height=int(plot_px + 130), bargap=0, margin=dict(l=10, r=20, t=20, b=90),
        # pinned to the figure's bottom edge, so resized exports keep it clear of the
        # axis and of the source line they add
        legend=dict(orientation="h", x=0, xanchor="left", y=0, yref="container",
                    yanchor="bottom")))
