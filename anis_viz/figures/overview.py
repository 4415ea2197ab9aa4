"""Overview figures."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from anis_viz import style
from anis_viz.text import plotly

__all__ = ["kinds_bar"]


def kinds_bar(counts: pd.DataFrame, *, title: str, x_title: str,
              template: str = style.TEMPLATE) -> go.Figure:
    """Horizontal bars of actors per kind.

    ``counts`` has the columns of :func:`anis_viz.overview.actors_by_kind` (label, count,
    colour), most numerous first; it is drawn top to bottom in that order.
    """
    fig = go.Figure(go.Bar(
        x=counts["count"], y=[plotly(v) for v in counts["label"]], orientation="h",
        marker=dict(color=list(counts["colour"])), text=counts["count"], textposition="outside",
        cliponaxis=False, hovertemplate="%{y} — %{x}<extra></extra>",
    ))
    fig.update_layout(template=template, title=title, showlegend=False,
                      height=max(220, 48 * len(counts) + 100),
                      margin=dict(l=10, r=40, t=60, b=40))
    top = int(counts["count"].max()) if len(counts) else 1
    fig.update_xaxes(title=x_title, rangemode="tozero", dtick=max(1, -(-top // 6)))
    fig.update_yaxes(autorange="reversed", ticks="", automargin=True)
    return fig
