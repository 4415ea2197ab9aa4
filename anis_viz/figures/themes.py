"""Themes figures: heatmap, stacked area, bump chart, Sankey, annual meetings, actors.

Pure builders: a frame from :mod:`anis_viz.themes` in, a ``go.Figure`` out. Every word comes
in through ``words`` (the caller translates); text from the data is HTML-escaped before it
reaches a hover or a label, and quotes are shortened to stay readable.
"""

from __future__ import annotations

import textwrap

import pandas as pd
import plotly.graph_objects as go

from anis_viz import style
from anis_viz.cache import per_args
from anis_viz.text import plotly as _esc

__all__ = ["heatmap_figure", "area_figure", "bump_figure", "flow_figure", "meetings_figure",
           "actors_figure", "rise_figure", "quote_block"]

QUOTES_SHOWN = 3     # quotes per hover; the rest are counted ("+ 2 more")
QUOTE_CHARS = 160    # a quote is shortened at a word boundary beyond this
WRAP = 64            # hover line width, in characters


def _wrap(text: str, width: int = WRAP) -> str:
    return "<br>".join(_esc(line) for line in textwrap.wrap(str(text), width)) or ""


# Above this many hovers in one figure (a large package), each hover shows one quote,
# shorter: the browser receives every hover, and the page lists the full quotes.
HOVERS_FULL = 400
QUOTE_CHARS_LARGE = 90


def quote_limits(hovers: int) -> dict:
    """``quote_block``'s limits for a figure of ``hovers`` hovers: full on small data."""
    if hovers <= HOVERS_FULL:
        return {"limit": QUOTES_SHOWN, "chars": QUOTE_CHARS}
    return {"limit": 1, "chars": QUOTE_CHARS_LARGE}


@per_args(maxsize=4096)  # bounded: the quotes of the views drawn lately
def _quote_line(quote: str, section: str, template: str, chars: int) -> str:
    short = textwrap.shorten(quote, chars, placeholder=" …")
    return template.format(q=_wrap(short)) + f" <i>§ {_esc(section)}</i>"


def quote_block(quotes, sections, words: dict, *, limit: int = QUOTES_SHOWN,
                chars: int = QUOTE_CHARS) -> str:
    """Up to ``limit`` quotes, shortened (``chars``), wrapped and escaped, each with its
    section."""
    lines = []
    pairs = list(zip(quotes, sections, strict=False))
    for quote, section in pairs[:limit]:
        lines.append(_quote_line(str(quote), str(section), words["quote"], chars))
    if len(pairs) > limit:
        lines.append(f"<i>{_esc(words['more'].format(n=len(pairs) - limit))}</i>")
    return "<br>".join(lines)


def _empty(fig: go.Figure, text: str) -> go.Figure:
    fig.add_annotation(text=_esc(text), x=0.5, y=0.5, xref="paper", yref="paper",
                       showarrow=False, font=dict(color=style.MUTED))
    fig.update_xaxes(visible=False)
    fig.update_yaxes(visible=False)
    return fig


def _layout(fig: go.Figure, *, title: str, template: str, key: str, height: int) -> go.Figure:
    fig.update_layout(template=template, title=_esc(title), height=height,
                      uirevision=f"themes-{key}")  # zoom and selection survive reruns
    return fig


def heatmap_figure(cells: pd.DataFrame, *, title: str, x_title: str, words: dict,
                   template: str = style.TEMPLATE) -> go.Figure:
    """Themes (rows, in the frame's order) × eras or years (columns): number of mentions.

    ``cells`` has the columns of :func:`anis_viz.themes.heatmap_cells`. Hover: theme,
    column, count and the quotes with their sections (on an invisible marker per cell, which
    also makes cells clickable). Zero cells stay pale and unlabelled."""
    fig = go.Figure()
    rows = list(dict.fromkeys(cells["theme"]))
    _layout(fig, title=title, template=template, key="heatmap",
            height=max(320, 30 * len(rows) + 170))
    if cells.empty:
        return _empty(fig, words["empty"])
    cols = list(dict.fromkeys(cells["col_label"]))
    grid = {(r, c): (int(n), q, s) for r, c, n, q, s in zip(
        cells["theme"], cells["col_label"], cells["count"], cells["quotes"], cells["sections"],
        strict=True)}
    shown_rows, shown_cols = [_esc(r) for r in rows], [_esc(c) for c in cols]
    z = [[grid[(r, c)][0] for c in cols] for r in rows]
    limits = quote_limits(len(rows) * len(cols))
    hover = []
    for r in rows:
        line = []
        for c in cols:
            count, quotes, sections = grid[(r, c)]
            head = (f"<b>{_esc(r)}</b> — {_esc(c)}<br>"
                    f"{_esc(words['count'].format(n=count))}")
            body = quote_block(quotes, sections, words, **limits)
            line.append(head + (f"<br>{body}" if body else ""))
        hover.append(line)
    top = max(max(row) for row in z) if z else 1
    fig.add_trace(go.Heatmap(
        z=z, x=shown_cols, y=shown_rows, hoverinfo="skip",
        text=[[str(v) if v else "" for v in row] for row in z], texttemplate="%{text}",
        colorscale=style.SEQUENTIAL, zmin=0, zmax=max(top, 1), xgap=2, ygap=2,
        colorbar=dict(title=dict(text=_esc(words["colorbar"])), thickness=14, len=0.6,
                      dtick=max(1, -(-top // 5)))))
    # Heatmaps cannot be selected in plotly.js: one invisible marker per cell carries the
    # hover and the click (the nearest cell answers, wherever the pointer is).
    fig.add_trace(go.Scatter(
        x=[c for _ in rows for c in shown_cols], y=[r for r in shown_rows for _ in cols],
        mode="markers",
        marker=dict(size=18, opacity=0, color=style.INK), showlegend=False,
        selected=dict(marker=dict(opacity=0)), unselected=dict(marker=dict(opacity=0)),
        customdata=[h for line in hover for h in line],
        hovertemplate="%{customdata}<extra></extra>"))
    # the column names say what they are; the axis title only names the year axis
    fig.update_xaxes(title=_esc(x_title) if x_title else None, side="top", type="category",
                     showgrid=False, ticks="", range=[-0.5, len(cols) - 0.5])
    fig.update_yaxes(range=[len(rows) - 0.5, -0.5], type="category", showgrid=False,
                     ticks="", automargin=True)  # first theme on top; no padding
    fig.update_layout(margin=dict(l=10, r=20, t=110, b=30), dragmode=False,
                      clickmode="event+select", hovermode="closest", hoverdistance=-1)
    return fig


def area_figure(series: pd.DataFrame, *, title: str, x_title: str, y_title: str, words: dict,
                template: str = style.TEMPLATE) -> go.Figure:
    """Stacked areas of dated mentions per year, one per group (family or theme)."""
    fig = go.Figure()
    _layout(fig, title=title, template=template, key="area", height=480)
    if series.empty:
        return _empty(fig, words["empty"])
    for _group, rows in series.groupby("group", sort=False):
        colour = rows["colour"].iloc[0]
        label = rows["label"].iloc[0]
        fig.add_trace(go.Scatter(
            x=rows["year"], y=rows["count"], name=_esc(label), stackgroup="one", mode="lines",
            line=dict(color=colour, width=1.5), fillcolor=style.with_alpha(colour, 0.55),
            hovertemplate=f"{_esc(label)}{words.get('colon', ': ')}%{{y}}<extra></extra>"))
    fig.update_xaxes(title=_esc(x_title), tickformat="d", dtick=1 if series["year"].nunique()
                     <= 20 else None, showgrid=False)
    highest = int(series.groupby("year")["count"].sum().max())
    fig.update_yaxes(title=_esc(y_title), rangemode="tozero", tickformat="d",
                     dtick=max(1, -(-highest // 6)))
    fig.update_layout(hovermode="x unified", legend=dict(traceorder="normal"),
                      margin=dict(l=60, r=20, t=70, b=60))
    return fig


def bump_figure(ranks: pd.DataFrame, *, title: str, y_title: str, words: dict,
                template: str = style.TEMPLATE) -> go.Figure:
    """Each theme's rank by era (1 at the top); lines break where a theme is not mentioned.
    Colours and symbols both tell themes apart."""
    fig = go.Figure()
    themes = list(dict.fromkeys(ranks["theme_id"]))
    _layout(fig, title=title, template=template, key="bump", height=520)
    if ranks.empty:
        return _empty(fig, words["empty"])
    eras = list(dict.fromkeys(ranks.sort_values("order")["era"]))
    symbols = style.assign(themes, style.SYMBOLS, themes)
    for theme_id in themes:
        rows = ranks[ranks["theme_id"] == theme_id].set_index("era").reindex(eras)
        label = ranks.loc[ranks["theme_id"] == theme_id, "theme"].iloc[0]
        colour = ranks.loc[ranks["theme_id"] == theme_id, "colour"].iloc[0]
        y = [None if pd.isna(r) else int(r) for r in rows["rank"]]
        hover = [f"<b>{_esc(label)}</b><br>{_esc(era)}{words.get('colon', ': ')}"
                 + _esc(words["rank"].format(rank=r, n=int(c) if pd.notna(c) else 0))
                 if r is not None else "" for era, r, c in zip(eras, y, rows["count"],
                                                               strict=True)]
        fig.add_trace(go.Scatter(
            x=[_esc(e) for e in eras], y=y, name=_esc(label), mode="lines+markers",
            connectgaps=False,
            line=dict(color=colour, width=3), customdata=hover,
            marker=dict(size=14, color=colour, symbol=symbols[theme_id],
                        line=dict(color=style.BACKGROUND, width=1.5)),
            hovertemplate="%{customdata}<extra></extra>"))
    deepest = int(ranks["rank"].max()) if ranks["rank"].notna().any() else 1
    fig.update_xaxes(type="category", categoryorder="array",
                     categoryarray=[_esc(e) for e in eras], side="top",
                     showgrid=False)
    fig.update_yaxes(title=_esc(y_title), autorange=False, range=[deepest + 0.5, 0.5],
                     dtick=1, zeroline=False)
    fig.update_layout(height=max(420, 34 * deepest + 170), margin=dict(l=60, r=20, t=100, b=30),
                      legend=dict(tracegroupgap=2))
    return fig


def flow_figure(nodes: pd.DataFrame, links: pd.DataFrame, *, title: str, words: dict,
                template: str = style.TEMPLATE) -> go.Figure:
    """Sankey of shares (themes or families) from each era to the next; what carries over in
    its own colour, the rest of the shift in grey. Era names head the columns."""
    fig = go.Figure()
    _layout(fig, title=title, template=template, key="flow",
            height=max(560, 26 * int(nodes.groupby("era_id").size().max()) + 160)
            if not nodes.empty else 560)
    if links.empty:
        return _empty(fig, words["empty" if nodes.empty else "one_era"])
    node_hover = [f"<b>{_esc(th)}</b> — {_esc(era)}<br>"
                  + _esc(words["share"].format(n=n, share=f"{s:.0f}"))
                  for th, era, n, s in zip(nodes["label"], nodes["era"], nodes["count"],
                                           nodes["share"], strict=True)]
    names = dict(zip(nodes["node"], nodes["label"], strict=True))
    eras = dict(zip(nodes["node"], nodes["era"], strict=True))
    colours = dict(zip(nodes["node"], nodes["colour"], strict=True))
    link_hover = [f"{_esc(names[s])} ({_esc(eras[s])}) → {_esc(names[t])} ({_esc(eras[t])})"
                  f"<br>{_esc(words[kind].format(value=f'{v:.1f}'))}"
                  for s, t, v, kind in zip(links["source"], links["target"], links["value"],
                                           links["kind"], strict=True)]
    link_colours = [style.with_alpha(colours[s], 0.55) if kind == "kept"
                    else style.with_alpha(style.MUTED, 0.18)
                    for s, kind in zip(links["source"], links["kind"], strict=True)]
    fig.add_trace(go.Sankey(
        arrangement="snap", valueformat=".1f",
        node=dict(label=[_esc(x) for x in nodes["label"]], color=list(nodes["colour"]),
                  pad=12, thickness=16, line=dict(color=style.BACKGROUND, width=0.5),
                  customdata=node_hover, hovertemplate="%{customdata}<extra></extra>"),
        link=dict(source=list(links["source"]), target=list(links["target"]),
                  value=list(links["value"]), color=link_colours, customdata=link_hover,
                  hovertemplate="%{customdata}<extra></extra>")))
    columns = list(dict.fromkeys(nodes.sort_values("order")["era"]))
    for i, era in enumerate(columns):
        x = i / (len(columns) - 1) if len(columns) > 1 else 0.5
        fig.add_annotation(text=f"<b>{_esc(era)}</b>", x=x, y=1.0, xref="paper", yref="paper",
                           yanchor="bottom", xanchor="left" if i == 0 else
                           ("right" if i == len(columns) - 1 else "center"), showarrow=False)
    fig.update_layout(margin=dict(l=20, r=20, t=100, b=20))
    return fig


def _era_bands(fig: go.Figure, eras: pd.DataFrame) -> dict[str, int]:
    """Each era as a band with its name above the plot; returns where each band ends (an
    open era is one year wide at least)."""
    ends = {}
    for era in eras.itertuples():
        ends[era.era_id] = end = max(int(era.end_year), int(era.start_year) + 1)
        fig.add_vrect(x0=era.start_year, x1=end, layer="below",
                      fillcolor=style.with_alpha(era.colour, 0.07), line_width=0)
        fig.add_annotation(text=_esc(era.era), x=(era.start_year + end) / 2, y=1.0,
                           xref="x", yref="paper", yanchor="bottom", showarrow=False,
                           font=dict(color=era.colour))
    return ends


def _topic_hovers(frame: pd.DataFrame, when, words: dict, limits: dict) -> list[str]:
    """A gathering's hover box: its theme, title, when, and the source's words."""
    return [f"<b>{_esc(th)}</b><br>{_esc(ti)} — {_esc(w)}<br>"
            + quote_block([q], [s], words, **limits)
            for th, ti, w, q, s in zip(frame["theme"], frame["title"], when, frame["quote"],
                                       frame["section_id"], strict=True)]


def _undated_trace(undated: pd.DataFrame, ends: dict, words: dict, limits: dict) -> go.Bar:
    """Undated topics: a hatched bar over their whole era, labelled as undated."""
    when = [words["undated_in"].format(era=e) for e in undated["era"]]
    return go.Bar(
        y=undated["theme"].map(_esc), x=undated["era_id"].map(ends).fillna(undated["era_end"] + 1)
        - undated["era_start"],
        base=undated["era_start"], orientation="h", name=_esc(words["undated"]),
        marker=dict(color=style.with_alpha(style.MUTED, 0.12),
                    line=dict(color=style.MUTED, width=1),
                    pattern=dict(shape="/", fgcolor=style.MUTED, size=8, solidity=0.15)),
        text=[_esc(words["undated"])] * len(undated), textposition="inside",
        insidetextanchor="middle", textfont=dict(color=style.INK),
        customdata=_topic_hovers(undated, when, words, limits),
        hovertemplate="%{customdata}<extra></extra>", width=0.55)


def meetings_figure(topics: pd.DataFrame, eras: pd.DataFrame, *, title: str, words: dict,
                    note: str = "", template: str = style.TEMPLATE) -> go.Figure:
    """The gatherings' topics on a time axis, one row per theme: a dated topic is a marker at
    its year; an undated one is a hatched bar over its whole era, labelled as undated (it is
    never given a year). Era bands in the background (an open era is drawn one year wide at
    least); ``note`` (what the text says of the
    number of editions and attendance) under the title."""
    fig = go.Figure()
    rows = list(dict.fromkeys(topics["theme"]))
    _layout(fig, title=title, template=template, key="meetings",
            height=max(340, 40 * len(rows) + 200))
    if topics.empty:
        return _empty(fig, words["empty"])
    ends = _era_bands(fig, eras)
    limits = quote_limits(len(topics))
    undated = topics[topics["undated"]]
    if not undated.empty:
        fig.add_trace(_undated_trace(undated, ends, words, limits))
    dated = topics[~topics["undated"]]
    if not dated.empty:
        colours = dict(zip(eras["era_id"], eras["colour"], strict=True))
        fig.add_trace(go.Scatter(
            x=dated["year"].astype(int), y=dated["theme"].map(_esc), mode="markers",
            name=_esc(words["dated"]),
            marker=dict(size=16, symbol="circle", color=[colours.get(e, style.INK)
                                                         for e in dated["era_id"]],
                        line=dict(color=style.INK, width=1)),
            customdata=_topic_hovers(dated, dated["year"].astype(int).astype(str), words,
                                     limits),
            hovertemplate="%{customdata}<extra></extra>"))
    first, last = int(eras["start_year"].min()), max(ends.values())
    fig.update_xaxes(title=None, range=[first - 0.7, last + 0.7], tickformat="d",
                     dtick=1 if last - first <= 12 else 2, showgrid=False)
    fig.update_yaxes(type="category", categoryorder="array", categoryarray=[_esc(r) for r in rows[::-1]],
                     automargin=True, ticks="")
    fig.update_layout(barmode="overlay", legend=dict(orientation="h", yref="container", y=0.01,
                                                     yanchor="bottom", x=0),
                      margin=dict(l=10, r=20, t=100 + 17 * len(textwrap.wrap(note, 120)), b=80))
    if note:  # the title's subtitle: exports replace it with the chart's own subtitle
        fig.update_layout(title=dict(subtitle=dict(text=_wrap(note, 120),
                                                   font=dict(color=style.MUTED))))
    return fig


def actors_figure(actors: pd.DataFrame, *, title: str, x_title: str, words: dict,
                  template: str = style.TEMPLATE) -> go.Figure:
    """Ranked horizontal bars: the actors who carry one theme, most supporting mentions
    first, coloured by kind; hover lists how (named, through events) and the quotes."""
    fig = go.Figure()
    _layout(fig, title=title, template=template, key="actors",
            height=max(260, 36 * len(actors) + 140))
    if actors.empty:
        return _empty(fig, words["empty"])
    hover = []
    limits = quote_limits(len(actors))
    for a in actors.itertuples():
        how = words["how"].format(direct=a.direct, events=a.via_events)
        shown = a.events if limits["limit"] == QUOTES_SHOWN else a.events[:3]
        more = len(a.events) - len(shown)
        events = (", ".join(shown) + (f" (+{more})" if more else "")) if a.events else ""
        events = f"<br>{_wrap(events)}" if events else ""
        hover.append(f"<b>{_esc(a.name)}</b> ({_esc(a.kind_label)})<br>"
                     f"{_esc(words['count'].format(n=a.count))} — {_esc(how)}{events}<br>"
                     + quote_block(a.quotes, a.sections, words, **limits))
    names = [_esc(n) for n in actors["name"]]
    for kind, rows in actors.assign(hover=hover, label=names).groupby("kind_label", sort=False):
        fig.add_trace(go.Bar(
            x=rows["count"], y=rows["label"], orientation="h", name=_esc(kind),
            marker=dict(color=rows["colour"].iloc[0]), text=rows["count"],
            textposition="outside", cliponaxis=False, customdata=rows["hover"],
            hovertemplate="%{customdata}<extra></extra>"))
    top = int(actors["count"].max())
    fig.update_xaxes(title=_esc(x_title), rangemode="tozero", dtick=max(1, -(-top // 6)))
    fig.update_yaxes(autorange="reversed", ticks="", automargin=True, type="category",
                     categoryorder="array", categoryarray=names)
    fig.update_layout(showlegend=True, legend=dict(title=_esc(words["kind"])),
                      margin=dict(l=10, r=40, t=70, b=50))
    return fig


def rise_figure(rows: pd.DataFrame, *, title: str, now: str, before: str, colour: str,
                x_title: str, words: dict, template: str = style.TEMPLATE) -> go.Figure:
    """The themes that rose in an era: one bar a theme for the era (``now``, in its colour)
    beside a grey bar for the era before (``before``; none for the first era). ``rows`` has
    the columns of :func:`anis_viz.themes.rise_table`; the axis counts one mention a tick
    when the counts are small."""
    fig = go.Figure()
    _layout(fig, title=title, template=template, key="rise",
            height=max(300, (44 if before else 34) * len(rows) + 170))
    if rows.empty:
        return _empty(fig, words["empty"])
    labels = [_esc(label) for label in rows["theme"]]
    bars = [(before, rows["before"], style.MUTED)] if before else []
    bars.append((now, rows["now"], colour))
    for name, values, tint in bars:
        fig.add_bar(y=labels, x=list(values), orientation="h", name=_esc(name),
                    marker_color=tint,
                    hovertemplate=f"%{{y}}<br>{_esc(name)} · "
                                  f"{_esc(words['count']).replace('{n}', '%{x}')}<extra></extra>")
    fig.update_layout(barmode="group", bargap=0.25, showlegend=bool(before),
                      legend=dict(orientation="h", x=0, y=1.0, yanchor="bottom"))
    fig.update_yaxes(autorange="reversed", automargin=True, ticksuffix="  ")
    fig.update_xaxes(title=_esc(x_title), rangemode="tozero", dtick=1 if
                     int(rows["now"].max()) <= 8 else None, automargin=True)
    return fig
