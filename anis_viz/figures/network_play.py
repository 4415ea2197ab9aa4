"""The network played year by year: one Plotly figure with a frame per year, a slider and
play/pause buttons, so the browser plays it with no round trip to the server.

Pure builder: tables in, ``go.Figure`` out. Every frame updates the same traces (the ties
of each kind, the actors, the year), so positions never move: only what is drawn changes.
"""

from __future__ import annotations

import plotly.graph_objects as go

from anis_viz import style

__all__ = ["TRACES", "play_figure"]

# trace order, the same in the figure and in every frame
TRACES = ("ended", "exact", "approx", "planned", "actors", "year")
LOOK = {  # tie kind -> (colour, dash, width)
    "ended": (style.with_alpha(style.MUTED, 0.22), "solid", 1.0),
    "exact": (style.with_alpha(style.INK, 0.55), "solid", 1.6),
    "approx": (style.with_alpha(style.INK, 0.55), "dot", 1.6),
    "planned": (style.CATEGORICAL[1], style.PLANNED_DASH, 2.2),
}
FADED = 0.25  # opacity of an actor whose ties have all ended
HIDDEN = dict(visible=False, showgrid=False, zeroline=False)


def _segments(ties, column: str) -> list:
    """x (or y) of many line segments in one trace: start, end, gap."""
    out: list = []
    for a, b in zip(ties[f"{column}0"], ties[f"{column}1"], strict=True):
        out += [round(float(a), 4), round(float(b), 4), None]
    return out


def _symbol(base: str, state: str | None) -> str:
    if state == "approx":  # hollow, as the timeline's approximate dates
        return f"{base}-open"
    if state == "planned":  # hollow with a dot: an actor only a programme names
        return f"{base}-open-dot"
    return base


def _frame_data(nodes, ties, state: dict, year: int, masks) -> list[dict]:
    active, ended = masks
    data = []
    for kind in ("ended", "exact", "approx", "planned"):
        rows = ties[ended] if kind == "ended" else ties[active & ties["kind"].eq(kind)]
        data.append(dict(type="scatter", x=_segments(rows, "x"), y=_segments(rows, "y")))
    states = [state.get(a) for a in nodes["actor_id"]]
    data.append(dict(
        type="scatter",
        marker=dict(opacity=[0 if s is None else FADED if s == "ended" else 1 for s in states],
                    symbol=[_symbol(b, s) for b, s in zip(nodes["symbol"], states,
                                                           strict=True)]),
        text=[label if s not in (None, "ended") else ""
              for label, s in zip(nodes["label"], states, strict=True)]))
    data.append(dict(type="scatter", text=[str(year)]))
    return data


def play_figure(nodes, ties, states: dict, masks: dict, years: list[int], *,
                words: dict, start: int | None = None, template: str = style.TEMPLATE,
                height: int = 720, box=((-1.22, 1.22), (-1.12, 1.12)),
                duration: int = 900) -> go.Figure:
    """The playback figure.

    ``nodes``: actor_id, x, y, colour, symbol, marker (px), label (name or ''), hover and
    optionally textposition.
    ``ties``: x0, y0, x1, y1, kind (exact, approx, planned). ``states``: year -> actor ->
    exact/approx/planned/ended (absent: not yet active). ``masks``: year -> (active, ended)
    boolean Series over ``ties``. ``words``: legend names (ended, exact, approx, planned,
    actor_approx, actor_planned), play, pause, year (slider prefix), title.
    ``start``: the year shown before play (default: the first)."""
    start = start if start in states else years[0]
    first = _frame_data(nodes, ties, states[start], start, masks[start])
    traces = []
    for kind, data in zip(TRACES[:4], first[:4], strict=True):
        colour, dash, width = LOOK[kind]
        traces.append(go.Scatter(**{k: v for k, v in data.items() if k != "type"},
                                 mode="lines", hoverinfo="skip", name=words[kind],
                                 line=dict(color=colour, dash=dash, width=width),
                                 legendgroup=kind, showlegend=False))
    traces.append(go.Scatter(
        x=[round(float(v), 4) for v in nodes["x"]], y=[round(float(v), 4) for v in nodes["y"]],
        mode="markers+text", text=first[4]["text"],
        textposition=list(nodes["textposition"]) if "textposition" in nodes else "top center",
        textfont=dict(size=12, color=style.INK), hovertext=list(nodes["hover"]),
        hoverinfo="text", customdata=list(nodes["actor_id"]), showlegend=False,
        marker=dict(size=list(nodes["marker"]), color=list(nodes["colour"]),
                    opacity=first[4]["marker"]["opacity"], symbol=first[4]["marker"]["symbol"],
                    line=dict(color=list(nodes["colour"]), width=1.5))))
    (x0, x1), (y0, y1) = box
    traces.append(go.Scatter(
        x=[x0 + 0.04 * (x1 - x0)], y=[y1 - 0.07 * (y1 - y0)], mode="text", text=[str(start)],
        textposition="middle right", hoverinfo="skip", showlegend=False,
        textfont=dict(size=56, color=style.with_alpha(style.INK, 0.8))))
    for kind in TRACES[:4]:  # the legend, whatever the year shown has (a trace without
        # data would drop out of it)
        colour, dash, width = LOOK[kind]
        traces.append(go.Scatter(x=[None], y=[None], mode="lines", name=words[kind],
                                 legendgroup=kind, line=dict(color=colour, dash=dash,
                                                             width=width + 0.6)))
    for key, symbol in (("actor_approx", "circle-open"), ("actor_planned", "circle-open-dot")):
        traces.append(go.Scatter(x=[None], y=[None], mode="markers", name=words[key],
                                 marker=dict(symbol=symbol, size=12, color=style.MUTED,
                                             line=dict(width=1.5, color=style.MUTED))))
    frames = [go.Frame(name=str(year), data=_frame_data(nodes, ties, states[year], year,
                                                        masks[year]),
                       traces=list(range(len(TRACES))))
              for year in years]
    play = dict(frame=dict(duration=duration, redraw=True), fromcurrent=True,
                transition=dict(duration=300))
    still = dict(frame=dict(duration=0, redraw=True), mode="immediate",
                 transition=dict(duration=0))
    fig = go.Figure(data=traces, frames=frames)
    fig.update_layout(
        template=template, title=words.get("title") or None, height=height,
        hovermode="closest", dragmode="pan", uirevision="network-play",
        margin=dict(l=10, r=10, t=60 if words.get("title") else 20, b=90),
        legend=dict(x=1.01, xanchor="left", y=1, yanchor="top", itemsizing="constant"),
        xaxis=dict(HIDDEN, range=[x0, x1]), yaxis=dict(HIDDEN, range=[y0, y1]),
        updatemenus=[dict(
            type="buttons", direction="left", showactive=False, x=0, xanchor="left",
            y=-0.02, yanchor="top", pad=dict(r=10, t=10),
            font=dict(size=14),
            buttons=[dict(label=f"▶ {words['play']}", method="animate", args=[None, play]),
                     dict(label=f"‖ {words['pause']}", method="animate",
                          args=[[None], still])])],
        sliders=[dict(
            active=years.index(start), x=0.24, len=0.76, y=-0.02, yanchor="top",
            pad=dict(t=10), currentvalue=dict(prefix=words["year"],
                                              font=dict(size=18)),
            steps=[dict(label=str(year), method="animate",
                        args=[[str(year)], still]) for year in years])],
    )
    return fig
