"""The network's measures year by year: small multiples with the eras as bands, the largest
rises in ties annotated (their quotes in the hover box); and one actor's degree and
betweenness year by year.

Pure builders: tables in, ``go.Figure`` out; data text is escaped by the caller.
"""

from __future__ import annotations

import plotly.graph_objects as go
from plotly.subplots import make_subplots

from anis_viz import style

__all__ = ["actor_figure", "measures_figure"]

PANELS = (("actors", "ties"), ("density",), ("components",), ("top_share",))


def _bands(fig: go.Figure, eras, rows: int, cols: int) -> None:
    """Era bands behind every panel, their names above the first row."""
    for i, era in enumerate(eras.itertuples()):
        end = max(int(era.last) + 1, int(era.first) + 1)
        for row in range(1, rows + 1):
            for col in range(1, cols + 1):
                fig.add_vrect(x0=era.first, x1=end, layer="below", line_width=0,
                              fillcolor=style.with_alpha(era.colour, 0.08), row=row, col=col)
        fig.add_annotation(text=era.label, x=(int(era.first) + end) / 2, y=1.0, xref="x",
                           yref="paper", yanchor="bottom", showarrow=False,
                           font=dict(color=era.colour, size=12), yshift=18 + 12 * (i % 2))


def measures_figure(table, jumps, eras, *, words: dict, template: str = style.TEMPLATE,
                    height: int = 620) -> go.Figure:
    """``table``: year, actors, ties, density, components, top_share, hover (one line per
    year, safe HTML). ``jumps``: year, ties, label, hover (the new ties' quotes, safe HTML).
    ``eras``: label, first, last, colour. ``words``: the series names (actors, ties, density,
    components, top_share) and title."""
    # no legend (it would sit on an export's source line): the two lines of the first
    # panel say their dash in its title
    names = [words[p[0]] if len(p) == 1 else f"{words['actors']} (—) / {words['ties']} (- -)"
             for p in PANELS]
    fig = make_subplots(rows=2, cols=2, shared_xaxes=True, subplot_titles=names,
                        vertical_spacing=0.16, horizontal_spacing=0.09)
    x = [int(y) + 0.5 for y in table["year"]]  # the middle of each year's band
    colours = {"actors": style.CATEGORICAL[0], "ties": style.CATEGORICAL[1],
               "density": style.CATEGORICAL[2], "components": style.CATEGORICAL[3],
               "top_share": style.CATEGORICAL[5]}
    dashes = {"actors": "solid", "ties": "dash", "density": "solid", "components": "solid",
              "top_share": "solid"}
    for index, panel in enumerate(PANELS):
        row, col = index // 2 + 1, index % 2 + 1
        for series in panel:
            fig.add_trace(go.Scatter(
                x=x, y=list(table[series]), mode="lines+markers", name=words[series],
                line=dict(color=colours[series], dash=dashes[series], width=2.4),
                marker=dict(size=7), hovertext=list(table["hover"]), hoverinfo="text",
                showlegend=False), row=row, col=col)
    if len(jumps):
        fig.add_trace(go.Scatter(
            x=[int(y) + 0.5 for y in jumps["year"]], y=list(jumps["ties"]), mode="markers",
            name=words["jump"], hovertext=list(jumps["hover"]), hoverinfo="text",
            marker=dict(size=16, symbol="circle-open", color=style.INK,
                        line=dict(width=2.5))), row=1, col=1)
        for jump in jumps.itertuples():
            fig.add_annotation(text=jump.label, x=int(jump.year) + 0.5, y=jump.ties,
                               xref="x", yref="y", ax=-30, ay=-34, showarrow=True,
                               arrowhead=2, font=dict(size=13, color=style.INK),
                               bgcolor="rgba(255,255,255,0.85)")
    _bands(fig, eras, 2, 2)
    if len(table):  # every panel over the same years, whatever its marks
        fig.update_xaxes(range=[int(table["year"].min()), int(table["year"].max()) + 1])
    fig.update_yaxes(rangemode="tozero")
    fig.update_yaxes(tickformat=".0%", row=2, col=2)
    fig.update_xaxes(dtick=2, showticklabels=True)
    fig.update_layout(template=template, title=words.get("title") or None, height=height,
                      hovermode="closest", margin=dict(t=110, l=60, r=20, b=50),
                      showlegend=False)
    return fig


def actor_figure(table, eras, *, words: dict, template: str = style.TEMPLATE,
                 height: int = 420) -> go.Figure:
    """One actor year by year. ``table``: year, degree, betweenness, hover (safe HTML).
    ``words``: degree, betweenness, title."""
    fig = make_subplots(rows=1, cols=2, subplot_titles=[words["degree"], words["betweenness"]],
                        horizontal_spacing=0.1)
    x = [int(y) + 0.5 for y in table["year"]]
    for col, (series, colour) in enumerate((("degree", style.CATEGORICAL[0]),
                                            ("betweenness", style.CATEGORICAL[1])), start=1):
        fig.add_trace(go.Scatter(x=x, y=list(table[series]), mode="lines+markers",
                                 name=words[series], hovertext=list(table["hover"]),
                                 hoverinfo="text", line=dict(color=colour, width=2.4),
                                 marker=dict(size=7)), row=1, col=col)
    _bands(fig, eras, 1, 2)
    if len(table):
        fig.update_xaxes(range=[int(table["year"].min()), int(table["year"].max()) + 1])
    fig.update_yaxes(rangemode="tozero")
    fig.update_xaxes(dtick=2)
    fig.update_layout(template=template, title=words.get("title") or None, height=height,
                      hovermode="closest", showlegend=False,
                      margin=dict(t=110, l=60, r=20, b=50))
    return fig
