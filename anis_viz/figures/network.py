"""The network figure: ties grouped by relation type (or by change, in compare mode), actors
grouped by kind or community, sized by a centrality; two legends. Pure: tables in,
``go.Figure`` out.

The tables are those of :func:`anis_viz.network_frames.node_frame` and
:func:`~anis_viz.network_frames.edge_frame`: every text in them (names, hover boxes) is already
HTML-escaped. Above ``webgl_above`` actors the figure switches to WebGL (``Scattergl``) and
draws all ties as one trace with ``None`` separators.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from anis_viz import style
from anis_viz.text import plotly

__all__ = ["network_figure"]

EDGE_WIDTH = 1.6
LABEL_PX = 12
TIE_PREFIX = "tie:"  # customdata of a tie's midpoint: TIE_PREFIX + the tie's key
HIDDEN = dict(visible=False, showgrid=False, zeroline=False, showticklabels=False)


def _segments(edges: pd.DataFrame, axis: str) -> np.ndarray:
    """x (or y) coordinates of every tie, each followed by a gap (NaN): one polyline per
    trace. A NumPy array travels to the browser as binary, fast at 20,000 ties."""
    out = np.full(3 * len(edges), np.nan, dtype=np.float32)  # half the bytes of float64
    out[0::3] = edges[f"{axis}0"].to_numpy(dtype=float)
    out[1::3] = edges[f"{axis}1"].to_numpy(dtype=float)
    return out


def _objects(values) -> np.ndarray:
    return np.asarray(list(values), dtype=object)


def _middle(edges: pd.DataFrame, axis: str) -> np.ndarray:
    """The ties' hover points (``mx``/``my``, else the middle of each tie), as float32."""
    column = f"m{axis}"
    values = edges[column] if column in edges else (edges[f"{axis}0"] + edges[f"{axis}1"]) / 2
    return values.to_numpy(dtype=np.float32)


def _groups(frame: pd.DataFrame):
    if frame.empty:
        return []
    order = frame.groupby("group", sort=False)["order"].first().sort_values(kind="stable")
    return [(group, frame[frame["group"] == group]) for group in order.index]


def _tie_traces(edges: pd.DataFrame, *, large: bool, edge_legend: str) -> list:
    """Per group of ties: its lines, then invisible markers at their middles that carry
    the hover box and a click (all ties grey, in one trace, for a large graph)."""
    scatter = go.Scattergl if large else go.Scatter
    values = _objects if large else list
    groups = ([("all", edges.assign(colour=style.with_alpha(style.MUTED, 0.45),
                                    dash="solid", group_label=edge_legend))]
              if large and len(edges) else _groups(edges))
    traces, shown = [], set()
    for group, rows in groups:
        colour, dash = rows["colour"].iloc[0], rows["dash"].iloc[0]
        # "family:variant" (planned ties): drawn apart, toggled and listed with its family
        legend_group = f"tie:{str(group).split(':')[0]}"
        traces.append(scatter(
            x=_segments(rows, "x"), y=_segments(rows, "y"), mode="lines",
            line=dict(color=colour, width=1 if large else EDGE_WIDTH,
                      **({} if large else {"dash": dash})),
            name=plotly(rows["group_label"].iloc[0]), legend="legend2",
            legendgroup=legend_group, hoverinfo="skip", showlegend=legend_group not in shown))
        shown.add(legend_group)
        traces.append(scatter(
            x=_middle(rows, "x"), y=_middle(rows, "y"), mode="markers",
            marker=dict(size=14, color=colour, opacity=0), hovertext=values(rows["hover"]),
            hoverinfo="text", customdata=values(TIE_PREFIX + rows["key"].astype(str) if "key" in rows
                                        else [""] * len(rows)),
            selected=dict(marker=dict(opacity=0)), unselected=dict(marker=dict(opacity=0)),
            legend="legend2",
            legendgroup=legend_group, showlegend=False, name=plotly(rows["group_label"].iloc[0])))
    return traces


def _actor_traces(nodes: pd.DataFrame, *, large: bool) -> list:
    """One trace per group of actors (colour per group, symbol per kind, names where
    ``label`` is set), and a ring around the actor in focus."""
    scatter = go.Scattergl if large else go.Scatter
    values = _objects if large else list
    numbers = (lambda column: column.to_numpy(dtype=np.float32)) if large else list
    traces = []
    for group, rows in _groups(nodes):
        traces.append(scatter(
            x=numbers(rows["x"]), y=numbers(rows["y"]), mode="markers+text",
            marker=dict(size=numbers(rows["marker"]), color=rows["colour"].iloc[0],
                        opacity=1, symbol=values(rows["symbol"]),
                        line=dict(color=style.BACKGROUND, width=1.2)),
            text=values(rows["label"]), textposition=values(rows["textposition"]),
            # a halo in the background colour: a name stays legible across the ties
            # (WebGL has no shadow)
            textfont=dict(size=LABEL_PX, color=style.INK, **({} if large else
                                                              {"shadow": "auto"})),
            hovertext=values(rows["hover"]),
            hoverinfo="text", customdata=values(rows["actor_id"]), name=plotly(
                rows["group_label"].iloc[0]), legend="legend", legendgroup=f"node:{group}",
            unselected=dict(marker=dict(opacity=1)), selected=dict(marker=dict(opacity=1))))
    if "focus" in nodes and nodes["focus"].any():
        ring = nodes[nodes["focus"]]
        traces.append(scatter(
            x=ring["x"], y=ring["y"], mode="markers", hoverinfo="skip", showlegend=False,
            marker=dict(size=list(ring["marker"] + 12), color="rgba(0,0,0,0)",
                        line=dict(color=style.INK, width=2.5))))
    return traces


def network_figure(nodes: pd.DataFrame, edges: pd.DataFrame, *, node_legend: str,
                   edge_legend: str, title: str = "", webgl_above: int = 300,
                   height: int = 720, template: str = style.TEMPLATE,
                   uirevision: str = "network",
                   box: tuple = ((-1.22, 1.22), (-1.12, 1.12))) -> go.Figure:
    """Ties first (one trace per group, with invisible midpoint markers that carry the
    hover box), then actors (one trace per group; colour per group, symbol per kind,
    size = ``marker``, name shown where ``label`` is set). ``customdata`` of an actor
    point is its ``actor_id``; of a tie's midpoint, :data:`TIE_PREFIX` + the tie's ``key``
    (a click on it opens the tie's card). ``box``: the x and y axis ranges. Both legends
    are horizontal, the actors' above the graph and the ties' below: the graph keeps the
    width. Above ``webgl_above`` actors the figure is drawn with WebGL, and its columns
    go to Plotly as NumPy arrays, which it takes whole (lists it checks item by item:
    seconds at 20,000 ties)."""
    large = len(nodes) > webgl_above
    fig = go.Figure(data=_tie_traces(edges, large=large, edge_legend=edge_legend)
                    + _actor_traces(nodes, large=large))
    fig.update_layout(
        template=template, title=title or None, height=height, uirevision=uirevision,
        hovermode="closest", dragmode="pan", clickmode="event+select",
        margin=dict(l=10, r=10, t=60 if title else 20, b=10),
        # entries of one width: Plotly then wraps the row instead of running off the edge
        legend=dict(title=dict(text=node_legend, side="top left"), orientation="h", x=0,
                    xanchor="left", y=1.0, yanchor="bottom", tracegroupgap=0,
                    itemsizing="constant", entrywidthmode="pixels",
                    entrywidth=7 * max((len(str(x)) for x in nodes.get("group_label", [])),
                                       default=10) + 12),
        legend2=dict(title=dict(text=edge_legend, side="top left"), orientation="h", x=0,
                     xanchor="left", y=0.0, yanchor="top", tracegroupgap=0),
        xaxis=dict(HIDDEN, range=list(box[0])), yaxis=dict(HIDDEN, range=list(box[1])),
    )
    return fig
